//! Progress over the years (issue 10), on the README's walk-through run end to end: the shipped
//! content committed and tagged `edition-2024`, the FY2025 template exported, filled with the
//! made-up results of tests/fixtures/two-years/results-2025.csv, imported, the reporting year
//! moved on and committed; then built. Statuses per year, changes on every page and on the page
//! of changes, the downloads, diff, and the FY2024 edition kept as it was published.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use mieruka::compute::{Change, Progress, Status};
use mieruka::model::Site;

use crate::harness::{Built, SiteTest, fixture_path, read_tree, text_of_class};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository of the walk-through, built once for every test here.
fn two_years() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = SiteTest::at(repository().join("content")).copy().git_init();
        site.tag("edition-2024");
        site.run(["export", "--template", "--year", "2025", "--output", "template-2025.csv"]).success();
        let filled = fixture_path("two-years/results-2025.csv");
        assert_eq!(
            columns_without_results(&site.path("template-2025.csv")),
            columns_without_results(&filled),
            "the fixture is the exported template with actuals filled in: re-make it from `mieruka export --template --year 2025`"
        );
        let results = site.path("results-2025.csv");
        std::fs::copy(filled, &results).unwrap();
        site.run(["import", results.to_str().unwrap()]).success();
        site.edit("site.yaml", "reporting_year: 2024", "reporting_year: 2025");
        site.commit("FY2025 results");
        site.build()
    })
}

/// A spreadsheet's rows: the columns that say which value a row fills in (indicator, year,
/// unit) and the target it is read against; not the names, which are there to read.
fn columns_without_results(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let keep: Vec<usize> = (0..headers.len())
        .filter(|&i| ["indicator_id", "fiscal_year", "unit", "target"].contains(&&headers[i]))
        .collect();
    reader.records().map(Result::unwrap).map(|r| keep.iter().map(|&i| r[i].to_owned()).collect()).collect()
}

fn checked() -> (Site, Progress) {
    mieruka::check(&two_years().site.content).0.expect("the two-year content checks")
}

/// Each indicator's status as of FY2024 and FY2025, with the same grading rule, and the change.
#[test]
fn statuses_are_computed_for_every_year_with_results() {
    let (_, progress) = checked();
    assert_eq!(progress.current.year.0, 2025);
    assert_eq!(progress.earlier.iter().map(|s| s.year.0).collect::<Vec<_>>(), [2024]);
    let fy2024 = &progress.earlier[0];
    let cases = [
        // level: Setagaya Pay retention, 77 % against 75 % in FY2024, made-up 70 % in FY2025
        ("1-1-1-1.1", Status::Achieved, Status::Behind, Change::Worsened),
        // count: 42 of 80 in FY2024; 42 + 150 = 192 against 80 + 80 = 160 by FY2025
        ("1-1-1-2.1", Status::Behind, Status::OnTrack, Change::Improved),
        // level: AEDs installed, 101 against a target of 110 in FY2024
        ("1-1-3-1.1", Status::Behind, Status::OnTrack, Change::Improved),
        ("1-1-3-1.3", Status::Achieved, Status::Achieved, Change::Unchanged),
        // no FY2025 result: no longer graded
        ("1-1-2-1.1", Status::OnTrack, Status::NoData, Change::Ungraded),
    ];
    for (id, then, now, change) in cases {
        assert_eq!(fy2024.status(id), then, "{id} as of FY2024");
        assert_eq!(progress.current.status(id), now, "{id} as of FY2025");
        assert_eq!(progress.change(id).map(|(since, was, c)| (since.0, was, c)), Some((2024, then, change)), "{id}");
    }
    let count = &progress.current.indicators["1-1-1-2.1"];
    assert_eq!((count.actual_to_date, count.target_to_date), (Some(192.0), Some(160.0)));
    assert!((count.rate.unwrap() - 60.0).abs() < 1e-9);
    // FY2024's statuses are those the FY2024 site published.
    let (_, published) = mieruka::check(&repository().join("content")).0.unwrap();
    for (id, assessment) in &published.current.indicators {
        assert_eq!(fy2024.status(id), assessment.status, "{id}");
    }
}

/// The counts of `change-…` classes among the page's indicators.
fn changes_on_page(html: &str) -> BTreeMap<&'static str, usize> {
    Change::ALL
        .iter()
        .map(|c| {
            (c.key(), html.matches(&format!(r#"<p class="since"><span class="change change-{}">"#, c.key())).count())
        })
        .collect()
}

#[test]
fn every_indicator_shows_its_change_and_pages_roll_them_up() {
    let built = two_years();
    let page = built.page("en/policies/1-1/");
    assert!(page.contains(
        r#"<p class="since"><span class="change change-worsened"><span class="change-icon" aria-hidden="true">▼</span> Worsened</span> (FY2024: Achieved)</p>"#
    ));
    // The chart's text alternative says it too.
    assert!(page.contains("Status: Behind. Worsened (FY2024: Achieved).</desc>"), "chart description");
    // The sentence at the top counts what the page shows, listing by listing.
    let on_page = changes_on_page(&page);
    let (_, progress) = checked();
    let counts = progress.changes.as_ref().unwrap().counts.policies["1-1"];
    for change in Change::ALL {
        assert_eq!(on_page[change.key()], counts.get(change), "{}", change.key());
    }
    let [up, down, same, ungraded] =
        [Change::Improved, Change::Worsened, Change::Unchanged, Change::Ungraded].map(|c| counts.get(c));
    assert_eq!(
        text_of_class(&page, "changes-line"),
        format!(
            "Since FY2024: {up} improved, {down} worsened, {same} unchanged, {ungraded} no longer graded. Indicators whose status changed"
        )
    );
    assert_eq!(counts.get(Change::New), 0);
    assert_eq!(
        text_of_class(&built.page("ja/policies/1-1/"), "changes-line"),
        format!(
            "令和6年度からの変化：改善{up}件、悪化{down}件、変化なし{same}件、評価できなくなった{ungraded}件。 評価が変わった指標の一覧"
        )
    );
    // Goal areas sum their policies; the home page counts the whole plan.
    let changes = progress.changes.as_ref().unwrap();
    let (site, _) = checked();
    for goal in &site.goals {
        let mut sum = mieruka::compute::ChangeCounts::default();
        goal.policies.iter().for_each(|p| sum.merge(&changes.counts.policies[&p.id]));
        assert_eq!(changes.counts.goals[&goal.id], sum, "goal area {}", goal.id);
    }
    assert!(text_of_class(&built.page("en/"), "changes-line").starts_with(&format!(
        "Since FY2024: {} improved, {} worsened",
        changes.counts.plan.get(Change::Improved),
        changes.counts.plan.get(Change::Worsened)
    )));
}

#[test]
fn the_page_of_changes_lists_every_changed_indicator_by_goal_area() {
    let built = two_years();
    let page = built.page("en/changes/");
    assert!(page.contains("<h1>What changed in FY2025</h1>"));
    let (site, progress) = checked();
    let changes = progress.changes.as_ref().unwrap();
    let sections: Vec<&str> = page.split(r#"<section class="change-group""#).skip(1).collect();
    let with_changes: Vec<_> = site
        .goals
        .iter()
        .filter(|g| {
            let c = changes.counts.goals[&g.id];
            c.total() > c.get(Change::Unchanged)
        })
        .collect();
    assert_eq!(sections.len(), with_changes.len());
    for (section, goal) in sections.iter().zip(with_changes) {
        let c = changes.counts.goals[&goal.id];
        assert!(section.contains(&format!("Goal area {}</span>", goal.id)));
        assert_eq!(
            section.matches("<tr><th scope=\"row\">").count(),
            c.total() - c.get(Change::Unchanged),
            "goal {}",
            goal.id
        );
        assert!(!section.contains("change-unchanged"));
    }
    assert!(sections[0].contains(r##"href="../../en/policies/1-1/#1-1-1-1.1""##));
    let row = sections[0].split("<tr>").find(|r| r.contains("#1-1-1-1.1")).unwrap();
    let statuses: Vec<&str> = ["status-achieved", "status-behind", "change-worsened"]
        .into_iter()
        .filter(|class| row.contains(class))
        .collect();
    assert_eq!(statuses.len(), 3, "{row}");
    assert!(row.find("status-achieved") < row.find("status-behind"), "FY2024 before FY2025");
}

#[test]
fn the_first_year_says_there_is_no_earlier_year() {
    let built = SiteTest::fixture("minimal").build();
    let page = built.page("en/changes/");
    assert!(page.contains("FY2024 is the first year with results, so there is no earlier year to compare with."));
    assert!(!page.contains("<table"));
    assert!(!page.contains("edition-banner") && !built.files().keys().any(|f| f.starts_with("editions/")));
    assert!(!built.page("en/").contains("editions/"), "no link to a list of editions");
}

#[test]
fn downloads_give_each_years_status_and_change() {
    let built = two_years();
    let text = built.file("data/indicators.csv");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, year, status, as_of, change, relisted) = (
        col("indicator_id"),
        col("fiscal_year"),
        col("status"),
        col("status_as_of"),
        col("change"),
        col("relisted_from"),
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |indicator: &str, fy: &str| rows.iter().find(|r| &r[id] == indicator && &r[year] == fy).unwrap();
    let r = row("1-1-1-1.1", "2024");
    assert_eq!((&r[status], &r[as_of], &r[change]), ("achieved", "2024", ""));
    let r = row("1-1-1-1.1", "2025");
    assert_eq!((&r[status], &r[as_of], &r[change]), ("behind", "2025", "worsened"));
    let r = row("1-1-1-1.1", "2026");
    assert_eq!((&r[status], &r[as_of], &r[change]), ("", "", ""));
    // Each year's rows give that year's counts of the whole plan.
    let (_, progress) = checked();
    for snapshot in progress.snapshots() {
        let fy = snapshot.year.0.to_string();
        for s in Status::ALL {
            let n = rows.iter().filter(|r| r[as_of] == *fy && r[relisted].is_empty() && &r[status] == s.key()).count();
            assert_eq!(n, snapshot.counts.plan.get(s), "FY{fy} {}", s.key());
        }
    }
}

#[test]
fn diff_between_the_editions_reports_status_changes() {
    let built = two_years();
    let markdown = built.site.run(["diff", "edition-2024", "HEAD"]).success().to_owned();
    assert!(markdown.contains("Reporting year: FY2024 → FY2025"), "{markdown}");
    assert!(
        markdown.contains(
            "- **1-1-1-1.1** Retention rate of Setagaya Pay app users: FY2025 actual (none) → 70; achievement rate 102.7% → 93.3%; status achieved → behind"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("- **1-1-1-2.1** "), "{markdown}");
    assert!(markdown.contains("status behind → on track"), "{markdown}");
}

/// The FY2024 content built on its own, as it was published: the same date, the same URL.
fn published_2024(built: &Built) -> (PathBuf, tempfile::TempDir) {
    let seconds: i64 = String::from_utf8(
        std::process::Command::new("git")
            .args(["log", "-1", "--format=%ct", "edition-2024"])
            .current_dir(built.site.root())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .parse()
    .unwrap();
    let date =
        jiff::Timestamp::from_second(seconds).unwrap().to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9))).date();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("output");
    mieruka::build(&mieruka::BuildOptions {
        content: repository().join("content"),
        output: output.clone(),
        built: Some(date),
        editions: false,
    })
    .unwrap();
    (output, out)
}

#[test]
fn the_fy2024_edition_is_the_fy2024_build_with_a_banner_at_its_own_address() {
    let built = two_years();
    let (then, _keep) = published_2024(built);
    let then = read_tree(&then);
    let all = built.files();
    let edition: BTreeMap<&str, &Vec<u8>> =
        all.iter().filter_map(|(path, bytes)| Some((path.strip_prefix("editions/2024/")?, bytes))).collect();
    // Every file of the published build is there but the site-wide ones.
    let expected: Vec<&str> =
        then.keys().map(String::as_str).filter(|f| !["404.html", "sitemap.xml", "robots.txt"].contains(f)).collect();
    assert_eq!(edition.keys().copied().collect::<Vec<_>>(), expected);
    let base = "https://www.city.setagaya.lg.jp/mieruka/";
    let mut banners = 0;
    for (path, bytes) in edition {
        let was = &then[path];
        if !path.ends_with(".html") {
            assert_eq!(bytes, was, "{path}");
            continue;
        }
        let html = String::from_utf8(bytes.clone()).unwrap();
        let banner_start = html.find("<p class=\"edition-banner\">");
        let without_banner = match banner_start {
            Some(start) => {
                banners += 1;
                let end = start + html[start..].find("</p>\n").unwrap() + 5;
                assert!(
                    html[start..end].contains("This is the FY2024 edition")
                        || html[start..end].contains("これは令和6年度版です")
                );
                format!("{}{}", &html[..start], &html[end..])
            }
            None => html.clone(),
        };
        let own_urls = without_banner.replace(&format!("{base}editions/2024/"), base);
        assert_eq!(
            own_urls,
            String::from_utf8(was.clone()).unwrap(),
            "{path} differs by more than its banner and URLs"
        );
    }
    assert!(banners > 100, "every page has its banner ({banners})");
    // The banner leads to the same page in the latest edition.
    let page = built.page("editions/2024/en/policies/1-1/");
    assert!(page.contains(r#"<a href="../../../../../en/policies/1-1/">See the latest</a>"#));
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{base}editions/2024/en/policies/1-1/">"#)));
}

#[test]
fn editions_are_listed_linked_and_in_the_sitemap() {
    let built = two_years();
    let sitemap = built.file("sitemap.xml");
    let files = built.files();
    // Every page but the edition's root, which only leads to its default language.
    let edition_pages: Vec<&String> = files
        .keys()
        .filter(|f| f.starts_with("editions/2024/") && f.ends_with("/index.html") && *f != "editions/2024/index.html")
        .collect();
    assert!(edition_pages.len() > 100);
    for page in edition_pages {
        let folder = page.trim_end_matches("index.html");
        assert!(sitemap.contains(&format!("<loc>https://www.city.setagaya.lg.jp/mieruka/{folder}</loc>")), "{folder}");
    }
    let home = built.page("en/");
    assert!(home.contains(r#"<a href="../en/editions/">Past editions</a>"#));
    let list = built.page("en/editions/");
    assert!(list.contains(r#"<li><a href="../../editions/2024/en/">FY2024 edition</a></li>"#));
    assert!(built.page("ja/editions/").contains(r#"<li><a href="../../editions/2024/ja/">令和6年度版</a></li>"#));
    // No banner on the latest pages.
    assert!(!home.contains("edition-banner"));
}

#[test]
fn a_tag_that_names_no_year_is_not_published_and_says_why() {
    let site = SiteTest::fixture("minimal").copy().git_init();
    site.tag("edition-next");
    let summary = site.try_build().unwrap();
    let text = summary.diagnostics.render_human();
    assert!(text.contains("the tag edition-next names no year, so it is not published as an edition"), "{text}");
    assert!(!site.output().join("editions").exists());
}

#[test]
fn a_tag_whose_year_is_not_its_reporting_year_is_an_error() {
    let site = SiteTest::fixture("minimal").copy().git_init();
    site.tag("edition-2023");
    site.edit("site.yaml", "reporting_year: 2024", "reporting_year: 2025");
    let errors = site.try_build().unwrap_err().render_human();
    assert!(errors.contains("the tag edition-2023 marks content whose reporting_year is 2024, not 2023"), "{errors}");
}

/// Each indicator's chart shows the trend: for a count, the cumulative actual against the
/// cumulative target, readable in the table below it and stated in the text alternative.
#[test]
fn charts_show_the_trend_and_say_it() {
    let built = two_years();
    let page = built.page("en/policies/1-1/");
    let chart =
        page.split(r#"<section class="indicator" id="1-1-1-2.1""#).nth(1).unwrap().split("</section>").next().unwrap();
    assert!(
        chart.contains("Cumulative actual against cumulative target: FY2024 42 of 80, FY2025 192 of 160. The yearly actual rose from 42 in FY2024 to 150 in FY2025."),
        "{chart}"
    );
    assert!(
        chart.contains(r#"<tr><th scope="row">Cumulative target</th><td>80</td><td>160</td><td>240</td><td>320</td>"#),
        "{chart}"
    );
    assert!(chart.contains(r#"<tr><th scope="row">Cumulative actual</th><td>42</td><td>192</td><td></td>"#), "{chart}");
    // A level keeps each year's value against that year's target, FY2031 apart.
    let level =
        page.split(r#"<section class="indicator" id="1-1-1-1.1""#).nth(1).unwrap().split("</section>").next().unwrap();
    assert!(level.contains("The yearly actual fell from 77 in FY2024 to 70 in FY2025."), "{level}");
    assert!(!level.contains("Cumulative"));
    assert!(level.contains(">FY31<") || level.contains("FY31\n"), "the target year is on the axis");
    let ja = built.page("ja/policies/1-1/");
    assert!(
        ja.contains("累計の目標値に対する累計の実績値：令和6年度 80に対し42、令和7年度 160に対し192。"),
        "ja trend"
    );
}
