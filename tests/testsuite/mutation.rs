//! Property-based robustness: the real content, mutated at random (bytes inserted, deleted or
//! replaced, lines repeated or swapped, files cut short), is always checked without a panic,
//! within a time bound, and every problem in the mutated file is located at a line.
//!
//! `cargo test mutated` runs 48 cases; `MUTATION_CASES=N` runs N, and `MUTATION_SECONDS=S`
//! keeps running batches until S seconds have passed (docs/robustness.md gives the long run's
//! figures).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mieruka::diagnostics::Severity;
use proptest::prelude::*;

use crate::harness::SiteTest;
use proptest::test_runner::{Config, TestRunner};

/// Bytes that YAML, UTF-8 and mieruka's formats give a meaning to.
const INTERESTING: &[u8] = b":-{}[]\"'\n \t#&*!|>%@,?0123456789\xff\xe3\x81\x82";

/// One change to a file.
#[derive(Debug, Clone)]
enum Mutation {
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Replace { at: usize, byte: u8 },
    RepeatLine { line: usize },
    SwapLines { a: usize, b: usize },
    CutAt { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let byte = proptest::sample::select(INTERESTING);
    prop_oneof![
        (any::<usize>(), proptest::collection::vec(byte.clone(), 1..4))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), byte).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        any::<usize>().prop_map(|line| Mutation::RepeatLine { line }),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<usize>().prop_map(|at| Mutation::CutAt { at }),
    ]
}

fn apply(text: &mut Vec<u8>, m: &Mutation) {
    let n = text.len().max(1);
    match m {
        Mutation::Insert { at, bytes } => {
            let at = at % n;
            text.splice(at..at, bytes.iter().copied());
        }
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(text.len());
            text.drain(at.min(end)..end);
        }
        Mutation::Replace { at, byte } => {
            if !text.is_empty() {
                text[at % n] = *byte;
            }
        }
        Mutation::RepeatLine { line } | Mutation::SwapLines { a: line, .. } if text.is_empty() => {
            let _ = line;
        }
        Mutation::RepeatLine { line } => {
            let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let i = line % lines.len();
            lines.insert(i, lines[i].clone());
            *text = lines.join(&b'\n');
        }
        Mutation::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> = text.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let len = lines.len();
            lines.swap(a % len, b % len);
            *text = lines.join(&b'\n');
        }
        Mutation::CutAt { at } => text.truncate(at % n),
    }
}

/// A copy of the shipped content to mutate, one goal-area file at a time.
struct Sandbox {
    site: SiteTest,
    goals: Vec<(PathBuf, Vec<u8>)>,
}

impl Sandbox {
    fn new() -> Self {
        let site = SiteTest::at(Path::new(env!("CARGO_MANIFEST_DIR")).join("content")).copy();
        let mut goals: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(site.content.join("goals"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        goals.sort();
        Self { site, goals }
    }
}

#[test]
fn mutated_content_is_checked_and_located_without_panic() {
    let number = |name: &str| std::env::var(name).ok().and_then(|n| n.parse::<u64>().ok());
    let cases = number("MUTATION_CASES").unwrap_or(48);
    let seconds = number("MUTATION_SECONDS").unwrap_or(0);
    let sandbox = Sandbox::new();
    let started = Instant::now();
    let mut total = 0;
    loop {
        run_batch(&sandbox, u32::try_from(cases).unwrap_or(u32::MAX));
        total += cases;
        if started.elapsed().as_secs() >= seconds {
            break;
        }
    }
    eprintln!("{total} mutated checks in {:?}", started.elapsed());
}

/// Runs `cases` random mutations of the sandbox's goal files, each checked.
fn run_batch(sandbox: &Sandbox, cases: u32) {
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let strategy = (0..sandbox.goals.len(), proptest::collection::vec(mutation(), 1..5));
    runner
        .run(&strategy, |(file, mutations)| {
            let (path, original) = &sandbox.goals[file];
            let mut text = original.clone();
            for m in &mutations {
                apply(&mut text, m);
            }
            std::fs::write(path, &text).unwrap();
            let began = Instant::now();
            let (_, diagnostics) = mieruka::check(&sandbox.site.content);
            let took = began.elapsed();
            std::fs::write(path, original).unwrap();
            prop_assert!(took < Duration::from_secs(10), "check took {took:?}");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            for d in diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error) {
                let loc = d.loc();
                prop_assert!(loc.is_some(), "not in a content file: {d}");
                let loc = loc.unwrap();
                if loc.file.ends_with(&name) {
                    prop_assert!(loc.line > 0 && loc.column > 0, "not located at a line: {d}");
                }
            }
            Ok(())
        })
        .unwrap();
}
