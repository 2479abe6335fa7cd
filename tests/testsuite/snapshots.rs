//! Snapshot tests of rendered pages (the charts have theirs in src/render/charts.rs). Review every changed snapshot with
//! `cargo insta review` (or read the .snap.new file) before accepting it.

use crate::harness::SiteTest;

#[test]
fn policy_page_html() {
    let built = SiteTest::fixture("minimal").build();
    insta::assert_snapshot!("policy_1_1_en", built.page("en/policies/1-1/"));
    insta::assert_snapshot!("policy_1_2_ja", built.page("ja/policies/1-2/"));
}

#[test]
fn home_page_html() {
    insta::assert_snapshot!("home_ja", SiteTest::fixture("minimal").build().page("ja/"));
}
