//! Build benchmarks: the shipped content, and a synthetic plan 100 times its size.
//! Run with `cargo bench`; figures are recorded in docs/performance.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and tools fail loudly

mod synthetic;

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use mieruka::{BuildOptions, build};

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
    let out = tempfile::tempdir().expect("temporary folder");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    c.bench_function("build content/", |b| b.iter(|| build_once(&content, &out.path().join("site"))));
}

/// What `mieruka serve` does after an editor saves one goal-area file: a rebuild of the whole
/// site (mieruka always rebuilds everything; this measures that it is fast enough).
fn rebuild_after_one_edit(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let content = dir.path().join("content");
    synthetic::write_scaled_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content, 1)
        .expect("copy of the content written");
    let goal = std::fs::read_dir(content.join("goals"))
        .expect("goals")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .min()
        .expect("a goal file");
    let text = std::fs::read_to_string(&goal).expect("readable");
    let mut edit = 0u32;
    c.bench_function("rebuild after editing one goal-area file", |b| {
        b.iter(|| {
            edit += 1;
            std::fs::write(&goal, format!("{text}# edit {edit}\n")).expect("writable");
            build_once(&content, &dir.path().join("site"));
        })
    });
}

fn hundred_times(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let content = dir.path().join("content");
    synthetic::write_scaled_site(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &content, 100)
        .expect("synthetic plan written");
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.bench_function("build 100x content/", |b| b.iter(|| build_once(&content, &dir.path().join("site"))));
    group.finish();
}

criterion_group!(benches, shipped_content, rebuild_after_one_edit, hundred_times);
criterion_main!(benches);
