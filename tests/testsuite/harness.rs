//! The one test harness: an end-to-end test is one expression, such as
//! `SiteTest::fixture("minimal").build().page("en/policies/1-1/")`, or for a copy that a test
//! changes, `SiteTest::fixture("minimal").copy().git_init()` then `site.edit(…).commit(…)` and
//! `site.run(["diff", "HEAD~1", "HEAD"])`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use mieruka::{BuildOptions, BuildSummary, build};

/// The folder of a fixture under tests/fixtures.
pub(crate) fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Copies the folder `from` to `to`, creating `to`.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
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

/// Replaces the first `from` in the file at `path` by `to`; `from` must be there.
pub(crate) fn edit_file(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("writable");
}

/// Every file below `root`, by relative path.
pub(crate) fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
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

/// The text of the first paragraph with `class` in `html`, tags left out.
pub(crate) fn text_of_class(html: &str, class: &str) -> String {
    let start = html.find(&format!("class=\"{class}\"")).unwrap_or_else(|| panic!("no {class}"));
    let open_end = start + html[start..].find('>').unwrap() + 1;
    let close = open_end + html[open_end..].find("</p>").unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[open_end..close].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// A site being tested: a content folder, a folder to work in, and its own output folder.
pub(crate) struct SiteTest {
    /// The content folder.
    pub(crate) content: PathBuf,
    /// A temporary folder: the output goes to `output/` in it, a copy's content to `content/`.
    pub(crate) dir: tempfile::TempDir,
}

impl SiteTest {
    /// The fixture `name` (a folder under tests/fixtures), read where it is.
    pub(crate) fn fixture(name: &str) -> Self {
        Self::at(fixture_path(name))
    }

    /// The content folder at `path`, read where it is.
    pub(crate) fn at(path: PathBuf) -> Self {
        Self { content: path, dir: tempfile::tempdir().expect("temporary folder") }
    }

    /// The same content copied to `content/` in the test's folder, so that the test may change it.
    pub(crate) fn copy(self) -> Self {
        let content = self.dir.path().join("content");
        copy_dir(&self.content, &content);
        Self { content, ..self }
    }

    /// The test's folder: the working folder of [`SiteTest::run`].
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path in the test's folder.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// The output folder.
    pub(crate) fn output(&self) -> PathBuf {
        self.path("output")
    }

    /// A content file as it is now.
    pub(crate) fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.content.join(file)).expect("readable content file")
    }

    /// Every content file with its bytes.
    pub(crate) fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.content)
    }

    /// Replaces the first `from` in the content file `file` by `to`.
    pub(crate) fn edit(&self, file: &str, from: &str, to: &str) -> &Self {
        edit_file(&self.content.join(file), from, to);
        self
    }

    /// Makes the test's folder a git repository whose first commit holds the content.
    pub(crate) fn git_init(self) -> Self {
        self.git(&["init", "-q"]);
        self.commit("first version");
        self
    }

    /// Commits every change in the test's folder.
    pub(crate) fn commit(&self, message: &str) -> &Self {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self
    }

    /// Tags the last commit.
    pub(crate) fn tag(&self, name: &str) -> &Self {
        self.git(&["tag", name]);
        self
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(self.root())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    /// Runs the `mieruka` binary in the test's folder.
    pub(crate) fn run<const N: usize>(&self, args: [&str; N]) -> Transcript {
        run_in(self.root(), &args)
    }

    /// Builds the site, panicking with the diagnostics if it fails.
    pub(crate) fn build(self) -> Built {
        let summary = self.try_build().unwrap_or_else(|d| panic!("build failed:\n{}", d.render_human()));
        Built { site: self, summary }
    }

    /// Builds the site.
    pub(crate) fn try_build(&self) -> Result<BuildSummary, mieruka::diagnostics::Diagnostics> {
        build(&BuildOptions { content: self.content.clone(), output: self.output(), built: None, editions: true })
    }
}

/// A built site.
pub(crate) struct Built {
    pub(crate) site: SiteTest,
    pub(crate) summary: BuildSummary,
}

impl Built {
    /// The HTML of the page in folder `path` (such as `en/goals/1/`).
    pub(crate) fn page(&self, path: &str) -> String {
        self.file(&format!("{path}index.html"))
    }

    /// A file of the output.
    pub(crate) fn file(&self, path: &str) -> String {
        let full = self.site.output().join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("cannot read {}: {e}", full.display()))
    }

    /// Every file of the output with its bytes.
    pub(crate) fn files(&self) -> BTreeMap<String, Vec<u8>> {
        read_tree(&self.site.output())
    }
}

/// What `mieruka ARGS` printed and how it exited.
pub(crate) struct Transcript {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    pub(crate) code: i32,
}

impl Transcript {
    /// Asserts that the command succeeded, and returns its standard output.
    pub(crate) fn success(&self) -> &str {
        assert_eq!(self.code, 0, "exit status; stderr:\n{}", self.stderr);
        &self.stdout
    }
}

/// Runs the `mieruka` binary from the package folder.
pub(crate) fn run(args: &[&str]) -> Transcript {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the `mieruka` binary in `dir`.
pub(crate) fn run_in(dir: &Path, args: &[&str]) -> Transcript {
    let output =
        Command::new(env!("CARGO_BIN_EXE_mieruka")).args(args).current_dir(dir).output().expect("mieruka runs");
    Transcript {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}
