//! Incremental rebuilds (what `mieruka serve` does on save) leave the output folder byte for
//! byte as a full build of the same content, while rendering again only the pages that changed.

use std::path::Path;

use mieruka::{BuildOptions, Incremental};

use crate::harness::{SiteTest, read_tree};

/// A full build of `content` into a folder of its own, as `mieruka build` makes it.
fn full_build(content: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let full = SiteTest::at(content.to_path_buf());
    full.try_build().unwrap_or_else(|d| panic!("{}", d.render_human()));
    read_tree(&full.output())
}

/// An incremental build of `site`'s content into its output folder.
fn session(site: &SiteTest) -> Incremental {
    Incremental::new(BuildOptions {
        content: site.content.clone(),
        output: site.output(),
        built: None,
        editions: false,
    })
}

/// Asserts that the incremental output equals a full build of the same content.
fn assert_same_as_full_build(site: &SiteTest) {
    let incremental = read_tree(&site.output());
    let full = full_build(&site.content);
    let differing: Vec<&String> =
        full.keys().chain(incremental.keys()).filter(|f| full.get(*f) != incremental.get(*f)).collect();
    assert!(differing.is_empty(), "files that differ from a full build: {differing:?}");
}

#[test]
fn an_incremental_rebuild_equals_a_full_build_and_renders_only_what_changed() {
    let site = SiteTest::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).copy();
    let mut session = session(&site);
    let first = session.build().unwrap();
    assert_eq!(first.rendered, first.pages, "the first build renders every page");
    assert_same_as_full_build(&site);

    // Nothing changed: nothing is rendered again.
    let again = session.build().unwrap();
    assert_eq!((again.pages, again.rendered), (first.pages, 0));

    // A new actual for 4-1-4-5, whose copies are listed in goal areas 5 and 6: its goal area,
    // the policies that list it or a copy, and the pages that roll them up change; the others not.
    site.edit("goals/04.yaml", "actuals: {2024: 205}", "actuals: {2024: 15}");
    let edited = session.build().unwrap();
    assert_same_as_full_build(&site);
    assert!(
        edited.rendered > 0 && edited.rendered < first.pages / 3,
        "rendered {} of {}",
        edited.rendered,
        first.pages
    );

    // A related plan removed: its pages go, and the pages that linked to it change.
    std::fs::remove_file(site.content.join("activation-plans/hamura.yaml")).unwrap();
    session.build().unwrap();
    assert!(!site.output().join("en/activation-plans/hamura/index.html").exists());
    assert_same_as_full_build(&site);

    // A build that fails leaves the next one to render everything, and it still ends as a full build.
    site.edit("goals/04.yaml", "actuals: {2024: 15}", "actuals: {2024: [15]}");
    assert!(session.build().is_err());
    site.edit("goals/04.yaml", "actuals: {2024: [15]}", "actuals: {2024: 16}");
    let recovered = session.build().unwrap();
    assert_eq!(recovered.rendered, recovered.pages);
    assert_same_as_full_build(&site);
}

/// A change to the theme renders every page again.
#[test]
fn a_changed_theme_renders_every_page_again() {
    let site = SiteTest::fixture("minimal").copy();
    let mut session = session(&site);
    let first = session.build().unwrap();
    std::fs::create_dir_all(site.content.join("theme/static")).unwrap();
    std::fs::write(site.content.join("theme/static/site.css"), ":root { --accent: #1e7a3c; }\n").unwrap();
    let site_yaml = site.read("site.yaml");
    if !site_yaml.contains("\ntheme:") {
        std::fs::write(site.content.join("site.yaml"), format!("{site_yaml}theme: theme\n")).unwrap();
    }
    let themed = session.build().unwrap();
    assert_eq!(themed.rendered, first.pages);
    assert_same_as_full_build(&site);
}
