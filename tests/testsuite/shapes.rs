//! Plans of any city's shape (issue 14): levels a plan does not have are left out, and the
//! second example (examples/nakano: an aim, three groups of projects, no indicators) builds and
//! reads well, with its own words and colour.

use std::path::Path;

use crate::harness::{Built, SiteTest};

fn nakano() -> Built {
    SiteTest::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nakano/content")).build()
}

/// Every HTML page of a build, with its path.
fn pages(built: &Built) -> Vec<(String, String)> {
    built
        .files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn a_plan_without_basic_policies_builds() {
    // Before: check passed and build failed in home.html ("Field `text` is not defined").
    let site = SiteTest::fixture("minimal").copy();
    std::fs::remove_file(site.content.join("basic-policies.yaml")).unwrap();
    site.edit("goals/01.yaml", "basic_policy: \"1\"\n", "");
    site.edit("site.yaml", "  basic_policy: {ja: 基本方針, en: Basic policy}\n", "");
    let built = site.build();
    let home = built.page("en/");
    assert!(home.contains(r#"<h2 id="bp-1">Goal areas</h2>"#), "{home}");
    assert!(!home.contains("Basic policy"));
}

#[test]
fn the_smallest_plan_reads_without_default_words_charts_or_empty_boxes() {
    let built = nakano();
    assert_eq!(built.summary.charts, 0, "no indicators, so no charts");
    let pages = pages(&built);
    for default in
        ["目指す姿", "施策", "取組み", "行動指標", "基本", "Goal area", "Measure", "Basic policy", "four-year"]
    {
        let found: Vec<&str> = pages.iter().filter(|(_, h)| h.contains(default)).map(|(p, _)| p.as_str()).collect();
        assert!(found.is_empty(), "{default:?} is on {found:?}");
    }
    // Nothing to grade: no sentence of counts, no roll-up, no page of changes.
    for (path, html) in &pages {
        for absent in ["answer-sentence", "class=\"rollup\"", "changes-line", "/changes/"] {
            assert!(!html.contains(absent), "{absent} on {path}");
        }
    }
    assert!(!built.site.output().join("ja/changes").exists());
    // The aim is what the goal-area page opens with; the groups are listed in the city's words.
    let goal = built.page("ja/goals/1/");
    assert!(goal.contains(r#"<p class="answer-summary">区内産業を活性化させるためには"#), "{goal}");
    assert!(goal.contains("<h2>取組の柱</h2>"));
    // A project that is only a name is its heading, not an empty collapsed block.
    let group = built.page("en/policies/3/");
    assert!(group.contains(
        r#"<div class="action action-name-only" id="3-1">
<h3 id="3-1-h"><span class="level">Project</span> ① Programme to build enthusiasm for starting businesses</h3>"#
    ));
    assert!(!group.contains("<details class=\"action\""));
    assert!(!group.contains("toc-heading"), "no measures, so no contents list");
    // The city's colour, on top of the built-in stylesheet.
    assert!(built.file("assets/site.css").contains("--accent: #1e7a3c"));
    assert!(built.page("ja/").contains(r#"<link rel="stylesheet" href="../assets/site.css">"#));
}

#[test]
fn a_level_is_left_out_by_writing_actions_in_its_place_and_not_both() {
    let site = SiteTest::fixture("minimal").copy();
    site.edit("goals/01.yaml", "    approaches:\n", "    actions: []\n    approaches:\n");
    let errors = site.try_build().unwrap_err().render_human();
    assert!(errors.contains("error: policy 1-1: it has both approaches and actions"), "{errors}");
    assert!(errors.contains("help: keep one: approaches to group the actions, or actions alone"), "{errors}");
}

#[test]
fn an_action_needs_a_project_name_or_a_description() {
    let site = SiteTest::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nakano/content")).copy();
    site.edit("goals/01.yaml", "        project: {ja: 経営力強化事業, en: Management strengthening programme}\n", "");
    let errors = site.try_build().unwrap_err().render_human();
    assert!(
        errors.contains("goals/01.yaml:40:13: error: project 2-1: it has neither a description nor a project name"),
        "{errors}"
    );
}

#[test]
fn messages_name_the_levels_as_the_site_does() {
    let site = SiteTest::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/nakano/content")).copy();
    site.edit("goals/01.yaml", "      - id: 3-2\n", "      - id: 3-1\n");
    site.edit(
        "goals/01.yaml",
        "    actions:\n      - id: 2-1\n        no: 1\n        project: {ja: 経営力強化事業, en: Management strengthening programme}\n",
        "    actions: []\n",
    );
    let errors = site.try_build().unwrap_err().render_human();
    assert!(errors.contains("error: group of projects 2: it has an empty list of projects"), "{errors}");
    assert!(errors.contains("error: duplicate project id \"3-1\"; it is first used at"), "{errors}");
    assert!(!errors.contains("action") && !errors.contains("policy"), "{errors}");
}
