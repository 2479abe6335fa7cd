//! Snapshot tests of rendered HTML and SVG. Review every changed snapshot with
//! `cargo insta review` (or read the .snap.new file) before accepting it.

use crate::harness::SiteTest;
use mieruka::compute::Status;
use mieruka::render::charts::{IndicatorChart, YearBar, indicator_chart, rollup_chart};

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

#[test]
fn indicator_chart_svg() {
    let chart = indicator_chart(&IndicatorChart {
        id: "chart-x",
        title: "Businesses whose sales improved",
        description: "Target: FY2024 80. Actual: FY2024 42. Achievement rate 13.1%. Expected 25.0%. Status: behind.",
        years: ["FY24", "FY25", "FY26", "FY27", "FY31"]
            .iter()
            .enumerate()
            .map(|(i, label)| YearBar {
                label: (*label).to_owned(),
                target: Some(80.0),
                actual: (i == 0).then_some(42.0),
            })
            .collect(),
        rate: Some(13.125),
        expected_rate: Some(25.0),
        status: Status::Behind,
    });
    insta::assert_snapshot!("indicator_chart", chart);
}

#[test]
fn rollup_chart_svg() {
    let chart = rollup_chart(
        "rollup-x",
        "Status overview",
        "Achieved 12, on track 68, behind 67, no data 1, under consideration 4.",
        &[
            (Status::Achieved, 12),
            (Status::OnTrack, 68),
            (Status::Behind, 67),
            (Status::NoData, 1),
            (Status::UnderConsideration, 4),
        ],
    );
    insta::assert_snapshot!("rollup_chart", chart);
}
