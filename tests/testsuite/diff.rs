//! `mieruka diff` on two revisions of a fixture site in a temporary git repository.

use crate::harness::{SiteTest, copy_dir, fixture_path};

/// A git repository whose first commit holds the minimal fixture as `content/`.
fn repo_with_fixture() -> SiteTest {
    SiteTest::fixture("minimal").copy().git_init()
}

#[test]
fn diff_of_two_revisions_reads_as_plan_changes() {
    let site = repo_with_fixture();
    site.edit("goals/01.yaml", "actuals: {2024: 77}", "actuals: {2024: 79}");
    site.edit(
        "goals/01.yaml",
        "description: {ja: 商店街の催しを支援します。}",
        "description: {ja: 商店街の催しを支援します。, en: The City supports events.}",
    );
    // Formatting only: the same data written differently.
    site.edit(
        "goals/01.yaml",
        "targets: {2024: 75, 2025: 75, 2026: 75, 2027: 75, 2031: 75}",
        "targets:\n                      2024: 75\n                      2025: 75\n                      2026: 75\n                      2027: 75\n                      2031: 75",
    );
    site.commit("FY2024 corrections");

    let markdown = site.run(["diff", "HEAD~1", "HEAD"]).success().to_owned();
    assert_eq!(
        markdown,
        "## Plan data changes (HEAD~1 → HEAD)\n\n\
         ### Indicators\n\n\
         - **1-1-1-1.1** Retention rate: FY2024 actual 77 → 79; achievement rate 102.7% → 105.3%; status unchanged (achieved)\n\n\
         ### Texts changed\n\n\
         - 1-1-1-2 description (en): The City supports events.\n\n\
         English translations missing: 0 (before: 1)\n"
    );
    let json: serde_json::Value =
        serde_json::from_str(site.run(["diff", "HEAD~1", "--format", "json"]).success()).unwrap();
    assert_eq!(json["indicators"][0]["id"], "1-1-1-1.1");
}

#[test]
fn formatting_only_changes_give_an_empty_diff() {
    let site = repo_with_fixture();
    site.edit(
        "goals/01.yaml",
        "title: {ja: 商店街がにぎわうまち, en: A city with lively shopping streets}",
        "# a comment\ntitle:\n  ja: 商店街がにぎわうまち\n  en: \"A city with lively shopping streets\"",
    );
    let markdown = site.run(["diff", "HEAD"]).success().to_owned();
    assert_eq!(markdown, "## Plan data changes (HEAD → working tree)\n\nNo changes to the plan data.\n");
}

#[test]
fn actions_added_removed_and_moved_between_two_folders() {
    let site = SiteTest::fixture("minimal").copy();
    copy_dir(&fixture_path("minimal"), &site.path("old"));
    site.edit("goals/01.yaml", "id: 1-2-1-2\n", "id: 1-2-1-3\n");
    site.edit("goals/01.yaml", "id: 1-2-1-2.1", "id: 1-2-1-3.1");
    site.edit("goals/01.yaml", "title: {ja: 地域通貨の推進【再掲】", "title: {ja: 地域通貨の推進（再掲）");
    let markdown = site.run(["diff", "--dirs", "old", "content"]).success().to_owned();
    assert_eq!(
        markdown,
        "## Plan data changes (old → content)\n\n\
         ### Indicators added\n\n- 1-2-1-3.1 Meetings\n\n\
         ### Indicators removed\n\n- 1-2-1-2.1\n\n\
         ### Actions added\n\n- 1-2-1-3 Promoting the local currency [re-listed] (policy 1-2)\n\n\
         ### Actions removed\n\n- 1-2-1-2\n\n\
         ### Actions moved\n\n- 1-2-1-1: 1-2 地域通貨の推進【再掲】 → 1-2 地域通貨の推進（再掲）\n\n\
         English translations missing: 1 (before: 1)\n"
    );
}

/// The review step works on this repository's own layout: its content/ and docs/ in a git
/// repository, one actual changed in a commit, and `mieruka diff HEAD~1` reports it.
#[test]
fn diff_works_on_this_repositorys_layout() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = SiteTest::at(root.join("content")).copy();
    copy_dir(&root.join("docs"), &site.path("docs"));
    let site = site.git_init();
    let goal = site.read("goals/01.yaml");
    let line = goal.lines().find(|l| l.trim_start().starts_with("actuals: {2024: ")).unwrap();
    let value = line.trim_start().trim_start_matches("actuals: {2024: ").split([',', '}']).next().unwrap();
    site.edit("goals/01.yaml", line, &line.replacen(value, "99999", 1));
    site.commit("FY2024 correction");
    let out = site.run(["diff", "HEAD~1"]);
    let markdown = out.success();
    assert!(markdown.contains(&format!("FY2024 actual {value} → 99,999")), "{markdown}");
}
