//! mieruka's tests, in one binary (as mdBook's are): end-to-end builds of fixture sites, the
//! CLI transcripts of tests/cmd, the shipped content against its source, diff, import and
//! export, init, serve, snapshots of pages and charts, and robustness against hostile input.
//! `harness.rs` is the one harness; tests/README.md says how to update transcripts and snapshots.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly

mod harness;

mod answers;
mod build;
mod cli;
mod content;
mod diff;
mod history;
mod hostile;
mod import;
mod incremental;
mod init;
mod mutation;
mod robustness;
mod schema;
mod search;
mod serve;
mod shapes;
mod snapshots;
