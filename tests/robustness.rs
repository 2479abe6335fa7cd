//! No input makes mieruka panic: every prefix of real content files, and files with bytes
//! flipped, is checked and reported, never crashes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

use std::path::Path;

fn check_with_goal(text: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    std::fs::copy(fixture.join("site.yaml"), dir.path().join("site.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("goals")).unwrap();
    std::fs::write(dir.path().join("goals/01.yaml"), text).unwrap();
    let (_, diagnostics) = mieruka::check(dir.path());
    let _ = diagnostics.render_human();
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
