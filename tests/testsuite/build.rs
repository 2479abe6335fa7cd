//! End-to-end builds of fixture sites.

use crate::harness::{SiteTest, fixture_path, read_tree};

#[test]
fn minimal_site_builds_every_page_in_both_languages() {
    let built = SiteTest::fixture("minimal").build();
    for lang in ["ja", "en"] {
        for page in [
            "",
            "methodology/",
            "changes/",
            "goals/1/",
            "policies/1-1/",
            "policies/1-2/",
            "about/",
            "activation-plans/mieruka/",
        ] {
            let html = built.page(&format!("{lang}/{page}"));
            assert!(html.contains(&format!(r#"<html lang="{lang}">"#)), "{lang}/{page}");
            assert!(html.contains(r#"hreflang="ja""#) && html.contains(r#"hreflang="en""#), "{lang}/{page}");
        }
    }
    assert!(built.page("").contains(r#"url=ja/"#), "the root leads to the default language");
    // Eleven pages per language, the root redirect and the 404 page.
    assert_eq!(built.summary.pages, 2 * 11 + 2);
    assert!(built.file("assets/style.css").contains("prefers-color-scheme"));
}

#[test]
fn fiscal_years_and_numbers_are_localised() {
    let built = SiteTest::fixture("minimal").build();
    let ja = built.page("ja/policies/1-1/");
    let en = built.page("en/policies/1-1/");
    assert!(ja.contains("令和6年度") && ja.contains("令和13年度"));
    assert!(en.contains("FY2024") && en.contains("FY2031"));
    assert!(en.contains("16,000") && en.contains("4,981"), "thousands separators");
    assert!(en.contains("102.7%"), "computed rate");
}

#[test]
fn missing_english_falls_back_to_japanese_marked_as_such() {
    let en = SiteTest::fixture("minimal").build().page("en/policies/1-1/");
    assert!(
        en.contains(r#"<span lang="ja">商店街の催しを支援します。</span> <small class="pending">(English translation pending)</small>"#),
        "{en}"
    );
}

#[test]
fn relisted_copy_links_to_its_original_and_shows_its_fields() {
    let en = SiteTest::fixture("minimal").build().page("en/policies/1-2/");
    assert!(
        en.contains(
            r#"<a href="../../../en/policies/1-1/#1-1-1-1">Original listing: 1-1-1-1 Local currency scheme</a>"#
        ),
        "{en}"
    );
    assert!(en.contains("The City supports the local currency."), "fields come from the original");
    assert!(en.contains(r#"id="1-2-1-1.1""#), "the copy's indicator has its own anchor");
    assert!(
        en.contains("Part of this text is lost in the source document"),
        "missing_text note on a partly lost title"
    );
}

#[test]
fn activation_plans_and_actions_link_both_ways() {
    let built = SiteTest::fixture("minimal").build();
    let plan = built.page("en/activation-plans/mieruka/");
    assert!(plan.contains(r#"href="../../../en/policies/1-1/#1-1-1-1""#), "{plan}");
    let policy = built.page("en/policies/1-1/");
    assert!(policy.contains(r#"href="../../../en/activation-plans/mieruka/""#));
}

#[test]
fn charts_carry_text_alternatives_next_to_a_data_table() {
    let en = SiteTest::fixture("minimal").build().page("en/policies/1-1/");
    assert!(
        en.contains(r#"<svg class="plot" role="img" aria-labelledby="chart-1-1-1-1.1-title chart-1-1-1-1.1-desc""#)
    );
    assert!(en.contains("Target: FY2024 75, FY2025 75, FY2026 75, FY2027 75, FY2031 75. Actual: FY2024 77."), "{en}");
    assert!(en.contains(r#"<th scope="col">FY2024</th>"#));
}

#[test]
fn statuses_follow_the_grading_rule_and_the_rule_is_stated() {
    let built = SiteTest::fixture("minimal").build();
    let en = built.page("en/policies/1-1/");
    assert!(en.contains("status-achieved"), "77 of 75");
    assert!(en.contains("status-on_track"), "4,981 of a 4,000 cumulative target");
    let method = built.page("en/methodology/");
    assert!(method.contains("reaches 100%"), "{method}");
    assert!(built.page("ja/methodology/").contains("100%以上"));
}

#[test]
fn markdown_pages_are_rendered_and_sanitised() {
    let built = SiteTest::fixture("minimal").build();
    assert!(built.page("en/about/").contains("<strong>action plan</strong>"));
    assert!(built.page("ja/about/").contains("<title>このサイトについて |"));
}

#[test]
fn two_builds_give_identical_bytes() {
    let first = SiteTest::fixture("minimal").build().files();
    let second = SiteTest::fixture("minimal").build().files();
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    assert!(first == second, "same input, same bytes");
}

#[test]
fn a_failed_build_leaves_the_previous_output_intact() {
    let good = SiteTest::fixture("minimal").build();
    let before = good.files();
    let broken = SiteTest { content: fixture_path("broken/duplicate-id"), dir: good.site.dir };
    let err = broken.try_build().expect_err("the broken site must not build");
    assert_eq!(err.errors(), 1);
    assert_eq!(read_tree(&broken.output()), before);
}

#[test]
fn build_summary_counts_pages_and_charts() {
    let out = tempfile::tempdir().expect("temporary folder");
    let out = out.path().join("site");
    let t = crate::harness::run(&["build", "--content", "tests/fixtures/minimal", "--output", &out.to_string_lossy()]);
    assert_eq!(t.code, 0, "{}", t.stderr);
    // Per language: home 1, goal area 1, policy 1-1 (roll-up + 3 indicators) 4, policy 1-2 (roll-up + 2) 3.
    assert!(t.stdout.starts_with("built 24 pages with 18 charts into "), "{}", t.stdout);
    assert!(
        t.stdout.trim_end().ends_with("(2 warnings, 2 source notes; 0 texts lost in the source, 1 to translate)"),
        "{}",
        t.stdout
    );
}

#[test]
fn data_downloads_are_long_format_written_once() {
    let built = SiteTest::fixture("minimal").build();
    let files = built.files();
    let with_bom = &files["data/indicators.csv"];
    assert!(with_bom.starts_with("\u{feff}".as_bytes()), "Excel needs the BOM");
    let plain = String::from_utf8(with_bom.clone()).unwrap();
    let mut lines = plain.trim_start_matches('\u{feff}').lines();
    assert!(lines.next().unwrap().starts_with(
        "organisation_code,organisation,goal_area_id,goal_area_name_ja,goal_area_name_en,policy_id,policy_name_ja,policy_name_en,action_id,action_name_ja,action_name_en,relisted_from"
    ));
    // One row per indicator where it is listed and fiscal year: 4 indicators and the re-listed
    // copy of one (marked by relisted_from) × 5 years.
    assert_eq!(lines.clone().count(), 5 * 5);
    let copies: Vec<&str> = lines.clone().filter(|l| l.contains(",1-1-1-1,1-1-1-1.1,")).collect();
    assert_eq!(copies.len(), 5, "the copy's rows name their original");
    let row = lines.find(|l| l.contains("1-1-1-2.1,") && l.contains(",2031,")).unwrap();
    assert!(row.contains(",2031,令和13年度,,ー,,,16000,,,"), "blank is not 0, ー kept as printed: {row}");
    // The JSON is the same table: its column names, then each row's values in that order.
    let json: serde_json::Value = serde_json::from_slice(&files["data/indicators.json"]).unwrap();
    let columns: Vec<&str> = json["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(columns.join(","), plain.trim_start_matches('\u{feff}').lines().next().unwrap());
    assert_eq!(json["data"].as_array().unwrap().len(), 25);
    let actual = columns.iter().position(|c| *c == "actual").unwrap();
    assert_eq!(json["data"][0][actual], serde_json::json!(77));
    // Nothing is written twice: one CSV and one JSON, which the goal-area pages link to.
    let downloads: Vec<&String> = files.keys().filter(|f| f.starts_with("data/")).collect();
    assert_eq!(downloads, ["data/indicators.csv", "data/indicators.json"]);
    let goal = built.page("en/goals/1/");
    assert!(goal.contains(r#"href="../../../data/indicators.csv""#) && goal.contains("goal_area_id 1"), "{goal}");
}

#[test]
fn search_index_holds_both_languages_with_anchors() {
    let built = SiteTest::fixture("minimal").build();
    let entries = crate::search::entries(&built.site.output());
    let find = |lang: &str, needle: &str| {
        entries.iter().any(|e| {
            e["l"] == lang && (e["x"].as_str().unwrap().contains(needle) || e["t"].as_str().unwrap().contains(needle))
        })
    };
    assert!(find("ja", "地域通貨") && find("en", "local currency"));
    assert!(entries.iter().any(|e| e["u"] == "en/policies/1-1/#1-1-1-1"));
    let page = built.page("ja/search/");
    assert!(page.contains("<noscript>"), "says plainly that search needs JavaScript");
    assert!(built.file("assets/search.js").contains("normalize(\"NFKC\")"));
    assert!(page.contains(r#"data-index="../../search-index/""#), "the page points to the index's folder");
    assert!(page.contains(r#"<button type="button" id="search-more" class="search-more" hidden>"#), "{page}");
}

#[test]
fn sitemap_robots_and_not_found_page() {
    let built = SiteTest::fixture("minimal").build();
    let sitemap = built.file("sitemap.xml");
    assert!(sitemap.contains("<loc>https://plan.example.org/en/policies/1-2/</loc>"));
    assert_eq!(sitemap.matches("<url>").count(), 22, "every page but the redirect and the 404 page");
    assert!(built.file("robots.txt").contains("Sitemap: https://plan.example.org/sitemap.xml"));
    let not_found = built.file("404.html");
    assert!(not_found.contains(r#"href="https://plan.example.org/en/""#), "absolute links work at any depth");
}

#[test]
fn accessibility_statement_publishes_the_latest_check_results() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    crate::harness::copy_dir(&fixture_path("minimal"), &content);
    std::fs::copy(fixture_path("accessibility-results.json"), content.join("results.json")).unwrap();
    let site = std::fs::read_to_string(content.join("site.yaml")).unwrap();
    std::fs::write(content.join("site.yaml"), format!("{site}accessibility_results: results.json\n")).unwrap();
    let built = SiteTest::at(content.clone()).build();
    assert_eq!(built.summary.diagnostics.with_code(mieruka::diagnostics::Code::StrayFile), 0, "named by site.yaml");
    let en = built.page("en/accessibility/");
    assert!(en.contains("Latest automated test results (2026-11-21)"), "{en}");
    assert!(en.contains("<code>color-contrast</code> (serious): 1"), "{en}");
    assert!(en.contains("JIS X 8341-3:2016"));
    std::fs::write(content.join("site.yaml"), format!("{site}accessibility_results: ../results.json\n")).unwrap();
    let refused = SiteTest::at(content).try_build().unwrap_err().render_human();
    assert!(refused.contains("site.yaml:20:24: error: the accessibility results"), "{refused}");
    assert!(refused.contains("are outside the content folder"), "{refused}");
}

#[test]
fn csv_cells_that_would_start_a_formula_are_shown_as_text_and_json_keeps_them() {
    let site = SiteTest::fixture("minimal").copy();
    site.edit("goals/01.yaml", "name: {ja: 継続利用率, en: Retention rate}", "name: {ja: \"=1+2\", en: \"@SUM(A1)\"}");
    let built = site.build();
    let text = built.file("data/indicators.csv");
    assert!(text.contains(",'=1+2,'@SUM(A1),"), "{text}");
    assert!(!text.contains(",=1+2"));
    let json = built.file("data/indicators.json");
    assert!(json.contains("\"=1+2\",\"@SUM(A1)\""), "{json}");
}

#[test]
fn crlf_line_endings_build_the_same_site_as_lf() {
    let lf = SiteTest::fixture("minimal").build();
    let crlf = SiteTest::fixture("minimal").copy();
    for file in read_tree(&crlf.content).into_keys() {
        let path = crlf.content.join(&file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
    }
    assert!(crlf.read("goals/01.yaml").contains("\r\n"));
    let crlf = crlf.build();
    assert_eq!(lf.files(), crlf.files(), "every output file is byte-identical");
}

#[test]
fn basic_policy_notes_and_every_level_name_reach_the_pages() {
    let site = SiteTest::fixture("minimal").copy();
    site.edit(
        "basic-policies.yaml",
        "title: {ja: 地域経済の持続可能な発展, en: Sustainable development of the local economy}",
        "title: {ja: 地域経済の持続可能な発展, en: Sustainable development of the local economy}\n    notes:\n      - kind: remark\n        text: {ja: 基本的方針の注記, en: A note on the basic policy}",
    );
    site.edit("site.yaml", "action: {ja: 取組み, en: Action}", "action: {ja: 取組ナンバー, en: Project no.}");
    site.edit("site.yaml", "indicator: {ja: 指標, en: Indicator}", "indicator: {ja: 成果の物差し, en: Yardstick}");
    let built = site.build();
    assert!(built.page("ja/").contains("基本的方針の注記"));
    assert!(built.page("en/").contains("A note on the basic policy"));
    let policy = built.page("en/policies/1-1/");
    assert!(
        policy.contains("<span class=\"level\">Project no.</span>") && policy.contains("<h4>Yardstick</h4>"),
        "{policy}"
    );
    assert!(built.page("ja/policies/1-1/").contains("<h4>成果の物差し</h4>"));
}

#[test]
fn a_byte_order_mark_is_ignored_and_the_page_keeps_its_title() {
    let site = SiteTest::fixture("minimal").copy();
    let about = site.read("pages/about.en.md");
    std::fs::write(site.content.join("pages/about.en.md"), format!("\u{feff}{about}")).unwrap();
    let first_heading = about.lines().next().unwrap().trim_start_matches("# ");
    let page = site.build().page("en/about/");
    assert!(page.contains(&format!("<title>{first_heading} |")), "{page}");
    assert!(!page.contains('\u{feff}'));
}

/// A city that renames its levels and runs a three-year plan sees its own words on every page:
/// none of the default level names, and no "four years" (issue 14, item 2, for the interface
/// words of the built-in theme).
#[test]
fn renamed_levels_and_a_three_year_plan_reach_every_interface_word() {
    let site = SiteTest::fixture("minimal").copy();
    site.edit("site.yaml", "years: [2024, 2025, 2026, 2027]", "years: [2024, 2025, 2026]");
    for (from, to) in [
        ("basic_policy: {ja: 基本方針, en: Basic policy}", "basic_policy: {ja: 基本目標, en: Basic aim}"),
        ("goal_area: {ja: 目指す姿, en: Goal area}", "goal_area: {ja: 取組の柱, en: Pillar}"),
        ("policy: {ja: 方針, en: Policy}", "policy: {ja: 分野, en: Field}"),
        ("measure: {ja: 施策, en: Measure}", "measure: {ja: 事業群, en: Group}"),
        ("action: {ja: 取組み, en: Action}", "action: {ja: 事業, en: Project}"),
        ("indicator: {ja: 指標, en: Indicator}", "indicator: {ja: 成果指標, en: Result}"),
    ] {
        site.edit("site.yaml", from, to);
    }
    site.edit("goals/01.yaml", "                    2027: {ja: 補助の実施, en: Subsidies}\n", "");
    site.edit("goals/01.yaml", ", 2027: 75", "");
    site.edit("goals/01.yaml", ", 2027: 4000", "");
    site.edit("goals/01.yaml", ", 2027: 10", "");
    let built = site.build();
    let pages: Vec<(String, String)> = built
        .files()
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    for default in ["目指す姿", "施策", "取組み", "行動指標", "4か年", "Goal area", "Measure", "four-year", "4-year"]
    {
        let found: Vec<&str> =
            pages.iter().filter(|(_, html)| html.contains(default)).map(|(p, _)| p.as_str()).collect();
        assert!(found.is_empty(), "{default:?} is still on {found:?}");
    }
    assert!(built.page("en/methodology/").contains("the 3-year total target"));
    assert!(built.page("ja/methodology/").contains("3か年の目標合計"));
    assert!(
        built
            .page("ja/goals/1/")
            .contains("全取組の柱のデータ（CSV、Excel向け）：この取組の柱の行はgoal_area_idが1です")
    );
}
