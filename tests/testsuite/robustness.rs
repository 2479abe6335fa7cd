//! No input makes mieruka panic, and every broken input is reported where it is broken: each
//! prefix of a real goal file, and the file with bytes replaced, either checks clean or gives
//! at least one error located at a line of that file.

use std::path::Path;

fn check_with_goal(text: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    std::fs::copy(fixture.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("goals")).unwrap();
    std::fs::write(dir.path().join("goals/01.yaml"), text).unwrap();
    let (checked, diagnostics) = mieruka::check(dir.path());
    // Either it checks clean, or it says where: at least one error located in the goal file.
    let located = diagnostics.sorted().into_iter().any(|d| {
        d.severity == mieruka::diagnostics::Severity::Error
            && d.loc().is_some_and(|loc| loc.file.ends_with("goals/01.yaml") && loc.line > 0)
    });
    assert!(
        checked.is_some() || located,
        "no located error for:\n{}\n{}",
        String::from_utf8_lossy(text),
        diagnostics.render_human()
    );
}

fn goal_file() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/goals/01.yaml")).unwrap()
}

#[test]
fn truncated_files_never_panic() {
    let text = goal_file();
    for end in (0..text.len()).step_by(7) {
        check_with_goal(&text[..end]);
    }
}

#[test]
fn corrupted_files_never_panic() {
    let text = goal_file();
    for (i, replacement) in
        (0..text.len()).step_by(13).zip([b'-', b':', b'{', b'"', 0xff, b'\t', b'[', b'9'].iter().cycle())
    {
        let mut broken = text.clone();
        broken[i] = *replacement;
        check_with_goal(&broken);
    }
}
