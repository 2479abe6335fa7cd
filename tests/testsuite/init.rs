//! `mieruka init` creates a site that checks clean and builds as it is.

#[test]
fn a_new_site_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("town");
    let t = crate::harness::run(&["init", &site.to_string_lossy()]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    let t = crate::harness::run(&["check", "--content", &site.join("content").to_string_lossy()]);
    assert_eq!(t.stdout, "0 errors, 0 warnings\n");
    let built = crate::harness::SiteTest::at(site.join("content")).build();
    assert!(built.page("en/policies/1-1/").contains("Events subsidised"));
    assert_eq!(built.summary.diagnostics.warnings(), 0);
    assert!(site.join("schema/goal.schema.json").is_file(), "the schemas its files point at");
    // The example's source, contact and licence reach every footer; a build given no date (and
    // outside git) says nothing of when it was built.
    let page = built.page("en/");
    for shown in ["30 June 2025", "href=\"mailto:sangyo@example.lg.jp\"", "rel=\"license\"", "Creative Commons"] {
        assert!(page.contains(shown), "{shown}");
    }
    assert!(!page.contains("Pages built"));
}

/// The build date is the date of `SOURCE_DATE_EPOCH` in Japan time, not the clock's.
#[test]
fn the_build_date_comes_from_source_date_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("town");
    assert_eq!(crate::harness::run(&["init", &site.to_string_lossy()]).code, 0);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mieruka"))
        .args(["build", "--content", "content", "--output", "output"])
        .current_dir(&site)
        .env("SOURCE_DATE_EPOCH", "1764946800") // 2025-12-05 15:00 UTC, 2025-12-06 00:00 in Japan
        .output()
        .unwrap();
    assert!(output.status.success());
    let read = |page: &str| std::fs::read_to_string(site.join("output").join(page)).unwrap();
    assert!(read("en/index.html").contains("<dt>Pages built</dt><dd>6 December 2025</dd>"));
    assert!(read("ja/index.html").contains("<dt>ページ作成日</dt><dd>2025年12月6日</dd>"));
}

#[test]
fn init_never_overwrites_a_site() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(crate::harness::run(&["init", &dir.path().to_string_lossy()]).code, 0);
    let again = crate::harness::run(&["init", &dir.path().to_string_lossy()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}
