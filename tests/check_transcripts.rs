//! Transcript tests: `mieruka check` on each broken fixture prints exactly the located errors
//! recorded in tests/transcripts/, and exits 1.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests and tools fail loudly

mod support;

use support::{assert_transcript, run};

fn check_broken(name: &str) {
    let t = run(&["check", "--content", &format!("tests/fixtures/broken/{name}")]);
    assert_eq!(t.code, 1, "check must fail on {name}; stdout:\n{}", t.stdout);
    assert_transcript(name, &t.stdout);
}

macro_rules! broken {
    ($($test:ident => $name:literal),* $(,)?) => {
        $(#[test] fn $test() { check_broken($name); })*
    };
}

broken! {
    yaml_syntax => "yaml-syntax",
    unknown_field => "unknown-field",
    wrong_type => "wrong-type",
    duplicate_id => "duplicate-id",
    dangling_basic_policy => "dangling-basic-policy",
    relisted_dangling => "relisted-dangling",
    year_outside_plan => "year-outside-plan",
    negative_number => "negative-number",
    not_a_number => "not-a-number",
    site_settings => "site-settings",
    many_problems_in_one_run => "many-problems",
}

#[test]
fn missing_site_yaml() {
    let t = run(&["check", "--content", "tests/fixtures/does-not-exist"]);
    assert_eq!(t.code, 1);
    assert_transcript("missing-site", &t.stdout);
}

#[test]
fn minimal_site_checks_clean_with_warnings() {
    let t = run(&["check", "--content", "tests/fixtures/minimal"]);
    assert_eq!(t.code, 0, "{}", t.stdout);
    assert_transcript("minimal", &t.stdout);
}

#[test]
fn github_format_annotates_lines() {
    let t = run(&["check", "--format", "github", "--content", "tests/fixtures/broken/duplicate-id"]);
    assert_eq!(t.code, 1);
    assert_transcript("duplicate-id.github", &t.stdout);
}
