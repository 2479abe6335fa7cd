//! The hostile corpus: broken and hostile content, one case each, in tests/hostile/*.yaml by
//! class (YAML syntax, types, references, years, encodings, file system, Markdown,
//! spreadsheets). Each case changes a copy of a fixture site, runs the `mieruka` command, and
//! must exit as expected with the problem located where the case says (`file:line`); the whole
//! transcript (command, exit status, output) is an insta snapshot (`cargo insta review`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde::Deserialize;

use crate::harness::{copy_dir, fixture_path};

/// One case of the corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// A name for the snapshot: lowercase words joined by `-`.
    name: String,
    /// The fixture under tests/fixtures copied as `content/` (default `minimal`).
    #[serde(default = "minimal")]
    base: String,
    /// Replacements in files of the copy: each `from` must occur in the file.
    #[serde(default)]
    edit: Vec<Edit>,
    /// Files written (paths relative to the sandbox; `content/…` for content files).
    #[serde(default)]
    write: BTreeMap<String, String>,
    /// Files written from hexadecimal bytes (spaces allowed).
    #[serde(default)]
    hex: BTreeMap<String, String>,
    /// Symbolic links made: path → target.
    #[serde(default)]
    link: BTreeMap<String, String>,
    /// Files or folders removed.
    #[serde(default)]
    remove: Vec<String>,
    /// The command's arguments (default `check --content content`).
    #[serde(default = "check")]
    args: Vec<String>,
    /// The exit status expected (default 1).
    #[serde(default = "one")]
    status: i32,
    /// Text the output must contain: the problem's `file:line` (or its `file:line:column`).
    expect: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: String,
    to: String,
}

fn minimal() -> String {
    "minimal".to_owned()
}

fn check() -> Vec<String> {
    vec!["check".to_owned(), "--content".to_owned(), "content".to_owned()]
}

fn one() -> i32 {
    1
}

fn decode_hex(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits.chunks(2).map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap()).collect()
}

/// Sets the case up in a fresh sandbox, runs it, and returns its transcript.
fn run(case: &Case) -> (i32, String) {
    let sandbox = tempfile::tempdir().unwrap();
    let root = sandbox.path();
    copy_dir(&fixture_path(&case.base), &root.join("content"));
    for edit in &case.edit {
        let path = root.join("content").join(&edit.file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(&edit.from), "{}: {:?} is not in {}", case.name, edit.from, edit.file);
        std::fs::write(&path, text.replacen(&edit.from, &edit.to, 1)).unwrap();
    }
    for path in &case.remove {
        let path = root.join(path);
        if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) }.unwrap();
    }
    let files = case
        .write
        .iter()
        .map(|(p, t)| (p, t.as_bytes().to_vec()))
        .chain(case.hex.iter().map(|(p, h)| (p, decode_hex(h))));
    for (path, bytes) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    for (path, target) in &case.link {
        std::os::unix::fs::symlink(target, root.join(path)).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_mieruka")).args(&case.args).current_dir(root).output().unwrap();
    let status = output.status.code().unwrap_or(-1);
    let transcript = format!(
        "$ mieruka {}\n? {status}\n{}{}",
        case.args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (status, without_timing(&transcript))
}

/// `in 44 ms` → `in [..] ms`: the one part of a transcript that changes from run to run.
fn without_timing(transcript: &str) -> String {
    let mut out = String::with_capacity(transcript.len());
    let mut rest = transcript;
    while let Some(at) = rest.find(" in ") {
        let (before, after) = rest.split_at(at + 4);
        out.push_str(before);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(" ms") {
            out.push_str("[..]");
            rest = &after[digits..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_hostile_case_is_refused_or_accepted_as_expected_and_located() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut classes: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    classes.sort();
    let mut count = 0;
    let mut failures = Vec::new();
    for class in classes.iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")) {
        let cases: Vec<Case> = serde_saphyr::from_str(&std::fs::read_to_string(class).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", class.display()));
        for case in cases {
            let (status, transcript) = run(&case);
            count += 1;
            if status != case.status || !transcript.contains(&case.expect) {
                failures.push(format!(
                    "{}: expected status {} and {:?} in\n{transcript}",
                    case.name, case.status, case.expect
                ));
                continue;
            }
            insta::assert_snapshot!(format!("hostile-{}", case.name), transcript);
        }
    }
    assert!(failures.is_empty(), "{} of {count} cases failed:\n\n{}", failures.len(), failures.join("\n"));
    assert!(count >= 40, "the corpus has {count} cases; keep at least 40");
}
