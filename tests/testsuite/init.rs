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
}

#[test]
fn init_never_overwrites_a_site() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(crate::harness::run(&["init", &dir.path().to_string_lossy()]).code, 0);
    let again = crate::harness::run(&["init", &dir.path().to_string_lossy()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
}
