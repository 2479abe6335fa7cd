//! `mieruka diff` on two revisions of a fixture site in a temporary git repository.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod support;

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn mieruka(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mieruka")).args(args).current_dir(dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A git repository whose first commit holds the minimal fixture as `content/`.
fn repo_with_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let repo = tempfile::tempdir().unwrap();
    let content = repo.path().join("content");
    support::copy_dir(&support::fixture_path("minimal"), &content);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "FY2024 results"]);
    (repo, content)
}

#[test]
fn diff_of_two_revisions_reads_as_plan_changes() {
    let (repo, content) = repo_with_fixture();

    let goal = content.join("goals/01.yaml");
    edit(&goal, "actuals: {2024: 77}", "actuals: {2024: 79}");
    edit(
        &goal,
        "description: {ja: 商店街の催しを支援します。}",
        "description: {ja: 商店街の催しを支援します。, en: The City supports events.}",
    );
    // Formatting only: the same data written differently.
    edit(
        &goal,
        "targets: {2024: 75, 2025: 75, 2026: 75, 2027: 75, 2031: 75}",
        "targets:\n                      2024: 75\n                      2025: 75\n                      2026: 75\n                      2027: 75\n                      2031: 75",
    );
    git(repo.path(), &["commit", "-q", "-am", "FY2024 corrections"]);

    let markdown = mieruka(repo.path(), &["diff", "HEAD~1", "HEAD"]);
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
        serde_json::from_str(&mieruka(repo.path(), &["diff", "HEAD~1", "--format", "json"])).unwrap();
    assert_eq!(json["indicators"][0]["id"], "1-1-1-1.1");
}

#[test]
fn formatting_only_changes_give_an_empty_diff() {
    let (repo, content) = repo_with_fixture();
    let goal = content.join("goals/01.yaml");
    edit(
        &goal,
        "title: {ja: 商店街がにぎわうまち, en: A city with lively shopping streets}",
        "# a comment\ntitle:\n  ja: 商店街がにぎわうまち\n  en: \"A city with lively shopping streets\"",
    );
    let markdown = mieruka(repo.path(), &["diff", "HEAD"]);
    assert_eq!(markdown, "## Plan data changes (HEAD → working tree)\n\nNo changes to the plan data.\n");
}

#[test]
fn actions_added_removed_and_moved_between_two_folders() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    support::copy_dir(&support::fixture_path("minimal"), &old);
    support::copy_dir(&support::fixture_path("minimal"), &new);
    let goal = new.join("goals/01.yaml");
    edit(&goal, "id: 1-2-1-2\n", "id: 1-2-1-3\n");
    edit(&goal, "id: 1-2-1-2.1", "id: 1-2-1-3.1");
    edit(&goal, "title: {ja: 地域通貨の推進【再掲】", "title: {ja: 地域通貨の推進（再掲）");
    let markdown = mieruka(dir.path(), &["diff", "--dirs", "old", "new"]);
    assert_eq!(
        markdown,
        "## Plan data changes (old → new)\n\n\
         ### Indicators added\n\n- 1-2-1-3.1 Meetings\n\n\
         ### Indicators removed\n\n- 1-2-1-2.1\n\n\
         ### Actions added\n\n- 1-2-1-3 (1-2 Promoting the local currency [re-listed])\n\n\
         ### Actions removed\n\n- 1-2-1-2\n\n\
         ### Actions moved\n\n- 1-2-1-1: 1-2 地域通貨の推進【再掲】 → 1-2 地域通貨の推進（再掲）\n\n\
         English translations missing: 1 (before: 1)\n"
    );
}
