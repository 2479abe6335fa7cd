//! What a citizen reads first (issue 9): the sentence each page opens with, one counting rule
//! for pages and downloads alike, and downloads that name what their ids stand for. Built from
//! the shipped content, whose numbers are the source's.

use std::path::Path;

use mieruka::compute::{Progress, Status, StatusCounts};
use mieruka::model::Site;

use crate::harness::{Built, SiteTest, text_of_class};

fn shipped_content() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

fn checked() -> (Site, Progress) {
    mieruka::check(&shipped_content()).0.expect("the shipped content checks")
}

fn built() -> Built {
    SiteTest::at(shipped_content()).build()
}

#[test]
fn policy_pages_open_with_a_sentence_written_from_their_numbers() {
    let built = built();
    assert_eq!(
        text_of_class(&built.page("ja/policies/1-1/"), "answer-sentence"),
        "この方針の行動指標11件のうち、達成が3件、順調が4件、遅れが4件です（令和6年度の実績）。"
    );
    assert_eq!(
        text_of_class(&built.page("en/policies/2-5/"), "answer-sentence"),
        "Of the 16 output indicators of this policy, 6 are on track, 8 are behind, 1 has its target still under consideration and 1 has no target to be graded against (FY2024 results)."
    );
    // What is behind is listed and linked to the indicator on its page.
    let page = built.page("en/policies/1-1/");
    let behind = &page[page.find("class=\"behind\"").unwrap()..];
    let behind = &behind[..behind.find("</ul>").unwrap()];
    assert_eq!(behind.matches("<li>").count(), 4, "{behind}");
    assert!(behind.contains("href=\"../../../en/policies/1-1/#1-1-1-2.1\""), "{behind}");
}

#[test]
fn every_count_is_the_sum_of_the_counts_below_it_and_the_plan_counts_each_indicator_once() {
    let (site, progress) = checked();
    for goal in &site.goals {
        let mut sum = StatusCounts::default();
        for policy in &goal.policies {
            sum.merge(&progress.current.counts.policies[&policy.id]);
        }
        assert_eq!(progress.current.counts.goals[&goal.id], sum, "goal area {}", goal.id);
    }
    let originals: std::collections::BTreeSet<&str> = site
        .actions()
        .filter(|(_, _, a)| a.relisted_from.is_none())
        .flat_map(|(_, _, a)| a.indicators.iter().map(|i| i.id.as_str()))
        .collect();
    assert_eq!(progress.current.counts.plan.total(), originals.len());
    // Goal area 7 lists re-listed indicators only under its policies: its page now says so too.
    // (20 since the copy 7-2-3-2 shows 4-3-3-3's indicator whose name is lost.)
    assert_eq!(progress.current.counts.goals["7"].total(), 20);
    // The pages state the rule next to the numbers, and the home page says why its goal areas
    // add up to more than the plan.
    let built = built();
    let rule = "each count is the sum of the counts below it";
    for page in ["en/", "en/goals/7/", "en/policies/7-1/"] {
        assert!(built.page(page).contains(rule), "{page}");
    }
    let listed: usize = site.goals.iter().map(|g| progress.current.counts.goals[&g.id].total()).sum();
    assert!(listed > progress.current.counts.plan.total());
    let home = built.page("en/");
    assert!(home.contains(&format!("so the goal areas below add up to {listed}.")), "home explains {listed}");
}

#[test]
fn downloads_reconcile_with_the_pages_and_name_what_their_ids_stand_for() {
    let (site, progress) = checked();
    let built = built();
    let reporting = site.config.reporting_year.0.to_string();
    let rows = |file: &str| -> Vec<csv::StringRecord> {
        let text = built.file(file);
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers = reader.headers().unwrap().clone();
        let year = headers.iter().position(|h| h == "fiscal_year").unwrap();
        reader.records().map(Result::unwrap).filter(|r| r[year] == reporting).collect()
    };
    let header = |name: &str| {
        let text = built.file("data/indicators.csv");
        text.trim_start_matches('\u{feff}').lines().next().unwrap().split(',').position(|h| h == name).unwrap()
    };
    let (status, relisted, goal_id, goal_name_en, action_name_ja) = (
        header("status"),
        header("relisted_from"),
        header("goal_area_id"),
        header("goal_area_name_en"),
        header("action_name_ja"),
    );
    let all_rows = rows("data/indicators.csv");
    for goal in &site.goals {
        let goal_rows: Vec<_> = all_rows.iter().filter(|r| r[goal_id] == *goal.id).collect();
        for s in Status::ALL {
            let in_file = goal_rows.iter().filter(|r| r[status] == *s.key()).count();
            assert_eq!(in_file, progress.current.counts.goals[&goal.id].get(s), "goal area {} {}", goal.id, s.key());
        }
        assert!(goal_rows.iter().all(|r| r[goal_name_en] == *goal.title.en.as_deref().unwrap_or("")));
        assert!(goal_rows.iter().all(|r| !r[action_name_ja].is_empty()));
    }
    let plan_rows: Vec<_> = all_rows.iter().filter(|r| r[relisted].is_empty()).collect();
    for s in Status::ALL {
        assert_eq!(
            plan_rows.iter().filter(|r| r[status] == *s.key()).count(),
            progress.current.counts.plan.get(s),
            "{}",
            s.key()
        );
    }
    // The downloads page says how, and carries the Excel note itself.
    let page = built.page("en/data/");
    assert!(page.contains("the whole plan&#39;s are the rows with a blank relisted_from"));
    assert!(page.contains("Excel may turn ids such as 1-1 into dates"));
}

#[test]
fn symbols_and_numbers_mean_one_thing() {
    let built = built();
    let page = built.page("en/policies/1-1/");
    // Flags are words; the last column is a total only where it is one.
    assert!(page.contains("<li class=\"flag\">Implementation plan project</li>"));
    assert!(!page.contains("〇 Implementation") && !page.contains("● Priority"));
    assert!(page.contains("<th scope=\"col\">4-year total</th>"));
    assert!(page.contains("<th scope=\"col\">Target for the plan period</th>"));
    // One rate per indicator: the printed one only in a note, where it differs.
    assert_eq!(page.matches("Achievement rate: <strong>").count(), page.matches("class=\"indicator\"").count());
    assert!(!page.contains("class=\"rate-note\""), "1-1 prints the rates it computes");
    assert!(built.page("en/policies/10-2/").contains(
        "<p class=\"rate-note\">The source prints an achievement rate of 142.4%; computed from the figures in the table it is 144.0%.</p>"
    ));
    // Every action is one line with its statuses, and opens to the rest.
    assert_eq!(page.matches("<details class=\"action\">").count(), page.matches("class=\"action-body\"").count());
    // Related plans: why they are here, and captions of pictures the site does not have.
    assert!(built.page("en/").contains("Summaries of the regional industry activation plans of 5 municipalities"));
    assert!(built.page("en/activation-plans/adachi/").contains("which this site does not reproduce. Their captions:"));
}
