//! Build benchmarks: the shipped content, the shipped content with a second year of (made-up)
//! results and its first year kept as a past edition, the synthetic plan (the shipped content
//! repeated) at 1×, 10× and 100×, and the incremental rebuild `mieruka serve` makes after an
//! edit at 1× and 10×. Run with `cargo bench` (or `MIERUKA_BENCH_DIR=/dev/shm cargo bench` to
//! leave the disk out); figures are recorded in docs/performance.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and tools fail loudly

mod synthetic;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use mieruka::{BuildOptions, build};

/// A temporary folder for a benchmark's content and output: in `MIERUKA_BENCH_DIR` if set (for
/// example `/dev/shm`, to measure mieruka without the disk), else in the system's.
fn scratch() -> tempfile::TempDir {
    match std::env::var_os("MIERUKA_BENCH_DIR") {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .expect("temporary folder")
}

fn build_once(content: &Path, output: &Path) {
    let summary = build(&BuildOptions {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        built: None,
        editions: true,
    });
    assert!(summary.is_ok(), "the benchmark site must build");
}

fn shipped_content(c: &mut Criterion) {
    let out = scratch();
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    c.bench_function("build content/", |b| b.iter(|| build_once(&content, &out.path().join("site"))));
}

/// The synthetic plan at `scale` times the shipped content, in a scratch folder.
fn synthetic_site(scale: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = scratch();
    let content = dir.path().join("content");
    synthetic::write_scaled_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content, scale)
        .expect("synthetic plan written");
    (dir, content)
}

/// Full builds of the synthetic plan at 1× and 10×.
fn scaled(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthetic");
    for scale in [1, 10] {
        let (dir, content) = synthetic_site(scale);
        group.bench_function(format!("build {scale}x"), |b| b.iter(|| build_once(&content, &dir.path().join("site"))));
    }
    group.finish();
}

/// What `mieruka serve` does after an editor saves one goal-area file: an incremental rebuild
/// after one actual in the first goal area changed (so its pages, the roll-ups, the downloads
/// and the search index change), at 1× and 10×.
fn rebuild_after_one_edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("serve");
    for scale in [1, 10] {
        let (dir, content) = synthetic_site(scale);
        let goal = std::fs::read_dir(content.join("goals"))
            .expect("goals")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .min()
            .expect("a goal file");
        let text = std::fs::read_to_string(&goal).expect("readable");
        let edited = text.replacen("actuals: {2024: ", "actuals: {2024: 1", 1);
        assert_ne!(text, edited, "the first goal area has an actual to change");
        let mut session = mieruka::Incremental::new(BuildOptions {
            content: content.clone(),
            output: dir.path().join("site"),
            built: None,
            editions: false,
        });
        session.build().expect("the benchmark site builds");
        let mut flip = false;
        group.bench_function(format!("rebuild {scale}x after editing one goal-area file"), |b| {
            b.iter(|| {
                flip = !flip;
                std::fs::write(&goal, if flip { &edited } else { &text }).expect("writable");
                let summary = session.build().expect("the benchmark site builds");
                assert!(summary.rendered < summary.pages, "an incremental rebuild");
            })
        });
    }
    group.finish();
}

/// Runs git in `dir`, failing loudly.
fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// The README's walk-through (tests/testsuite/history.rs runs the same): the content committed
/// and tagged edition-2024, the made-up FY2025 results imported, the reporting year moved on.
fn two_years_and_one_edition(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch();
    let content = dir.path().join("content");
    for entry in walkdir::WalkDir::new(root.join("content")).into_iter().map(|e| e.expect("readable content")) {
        let target = content.join(entry.path().strip_prefix(root.join("content")).expect("below content/"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("writable");
        } else {
            std::fs::copy(entry.path(), &target).expect("copied");
        }
    }
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "FY2024"]);
    git(dir.path(), &["tag", "edition-2024"]);
    mieruka::spreadsheet::import(&mieruka::spreadsheet::ImportOptions {
        content: content.clone(),
        spreadsheet: root.join("tests/fixtures/two-years/results-2025.csv"),
        dry_run: false,
    })
    .unwrap_or_else(|d| panic!("the FY2025 results import:\n{}", d.render_human()));
    let site = content.join("site.yaml");
    let text = std::fs::read_to_string(&site).expect("readable");
    std::fs::write(&site, text.replace("reporting_year: 2024", "reporting_year: 2025")).expect("writable");
    git(dir.path(), &["commit", "-q", "-am", "FY2025"]);
    c.bench_function("build content/ with FY2025 results and the FY2024 edition", |b| {
        b.iter(|| build_once(&content, &dir.path().join("site")))
    });
}

fn hundred_times(c: &mut Criterion) {
    let (dir, content) = synthetic_site(100);
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("build 100x", |b| b.iter(|| build_once(&content, &dir.path().join("site"))));
    group.finish();
}

criterion_group!(benches, shipped_content, two_years_and_one_edition, scaled, rebuild_after_one_edit, hundred_times);
criterion_main!(benches);
