//! Test harness: makes an end-to-end test one expression, such as
//! `Site::fixture("minimal").build().page("en/policies/1-1/")`.

#![allow(dead_code, unreachable_pub)] // each test binary uses part of the harness

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use mieruka::{BuildOptions, BuildSummary, build};

/// The folder of a fixture under tests/fixtures.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Copies the folder `from` to `to`, creating `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("readable fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("below the fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("writable");
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
        }
    }
}

/// A site being tested, with its own temporary output folder.
pub struct Site {
    pub content: PathBuf,
    pub out_dir: tempfile::TempDir,
}

impl Site {
    /// The fixture `name` (a folder under tests/fixtures).
    pub fn fixture(name: &str) -> Self {
        Self::at(fixture_path(name))
    }

    /// The content folder at `path`.
    pub fn at(path: PathBuf) -> Self {
        Self { content: path, out_dir: tempfile::tempdir().expect("temporary folder") }
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.out_dir.path().join("output")
    }

    /// Builds the site, panicking with the diagnostics if it fails.
    pub fn build(self) -> Built {
        let summary = self.try_build().unwrap_or_else(|d| panic!("build failed:\n{}", d.render_human()));
        Built { site: self, summary }
    }

    /// Builds the site.
    pub fn try_build(&self) -> Result<BuildSummary, mieruka::diagnostics::Diagnostics> {
        build(&BuildOptions { content: self.content.clone(), output: self.output() })
    }
}

/// A built site.
pub struct Built {
    pub site: Site,
    pub summary: BuildSummary,
}

impl Built {
    /// The HTML of the page in folder `path` (such as `en/goals/1/`).
    pub fn page(&self, path: &str) -> String {
        self.file(&format!("{path}index.html"))
    }

    /// A file of the output.
    pub fn file(&self, path: &str) -> String {
        let full = self.site.output().join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// Every file of the output with its bytes.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.site.output())
    }
}

/// Every file below `root`, by relative path.
pub fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).expect("below root").to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).expect("readable"))
        })
        .collect()
}

/// What `mieruka ARGS` printed and how it exited, run from the package folder.
pub struct Transcript {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs the `mieruka` binary.
pub fn run(args: &[&str]) -> Transcript {
    let output = Command::new(env!("CARGO_BIN_EXE_mieruka"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("mieruka runs");
    Transcript {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// Compares `actual` with the transcript file `tests/transcripts/NAME.txt`; with
/// `MIERUKA_BLESS=1` the file is rewritten instead (then read the diff before committing).
pub fn assert_transcript(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/transcripts").join(format!("{name}.txt"));
    if std::env::var_os("MIERUKA_BLESS").is_some() {
        std::fs::write(&path, actual).expect("writable transcript");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no transcript {}; run with MIERUKA_BLESS=1 to create it", path.display()));
    assert_eq!(actual, expected, "transcript {name} differs (MIERUKA_BLESS=1 rewrites it)");
}
