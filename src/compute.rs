//! Stage 3, compute: each indicator's achievement rate and status under the site's grading
//! rule, and the roll-ups of statuses per measure, policy, goal area and the whole plan.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fiscal::FiscalYear;
use crate::model::{Action, Grading, GradingMethod, Indicator, IndicatorKind, Policy, Site, SiteConfig, Value};
use crate::number::format_number;

/// An indicator's status for the reporting year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The achievement rate reached the achieved threshold.
    Achieved,
    /// Not achieved yet, but at or ahead of the expected pace.
    OnTrack,
    /// Behind the expected pace.
    Behind,
    /// No actual for the reporting year.
    NoData,
    /// The target is under consideration (検討中).
    UnderConsideration,
}

impl Status {
    /// Every status, in the order roll-ups list them.
    pub const ALL: [Status; 5] =
        [Status::Achieved, Status::OnTrack, Status::Behind, Status::NoData, Status::UnderConsideration];

    /// A stable key for CSS classes, data files and label look-ups.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
            Status::NoData => "no_data",
            Status::UnderConsideration => "under_consideration",
        }
    }
}

/// What was computed for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Achievement rate in percent: actual so far ÷ total (latest actual ÷ total for levels).
    pub rate: Option<f64>,
    /// The rate expected by the reporting year at the planned pace, in percent.
    pub expected_rate: Option<f64>,
    /// The actual the rate is computed from (sum so far for counts, latest for levels).
    pub actual_to_date: Option<f64>,
    /// The target the pace is judged against (sum so far for counts, that year's for levels).
    pub target_to_date: Option<f64>,
    /// The status.
    pub status: Status,
}

/// The number of indicators in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts([usize; 5]);

impl StatusCounts {
    /// Counts one more indicator in `status`.
    pub fn add(&mut self, status: Status) {
        self.0[status as usize] += 1;
    }

    /// Adds another roll-up to this one.
    pub fn merge(&mut self, other: &StatusCounts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// The number in `status`.
    pub fn get(&self, status: Status) -> usize {
        self.0[status as usize]
    }

    /// The number of indicators counted.
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
}

/// Everything computed for a site.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Per indicator id.
    pub indicators: HashMap<String, Assessment>,
    /// Per measure, keyed by [`measure_key`]; re-listed copies count where they are listed.
    pub measures: HashMap<String, StatusCounts>,
    /// Per policy id; re-listed copies count where they are listed.
    pub policies: HashMap<String, StatusCounts>,
    /// Per goal area id: the sum of its policies, so re-listed copies count where they are listed.
    pub goals: HashMap<String, StatusCounts>,
    /// The whole plan: each indicator once, where it is first listed (re-listed copies left out).
    pub plan: StatusCounts,
}

impl Progress {
    /// The statuses of an action's indicators (no data for one not assessed).
    pub fn action_counts(&self, action: &Action) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for indicator in &action.indicators {
            counts.add(self.indicators.get(&indicator.id).map_or(Status::NoData, |a| a.status));
        }
        counts
    }
}

/// The key of a measure in [`Progress::measures`].
pub fn measure_key(policy: &str, approach: usize, measure: usize) -> String {
    format!("{policy}/{approach}/{measure}")
}

/// Computes every indicator's assessment and the roll-ups. Printed rates that disagree with
/// the computed ones are reported as warnings.
///
/// The counting rule, the same on every page and in the downloads: a measure, policy and goal
/// area count every indicator listed under them, re-listed copies included, so each level's
/// count is the sum of the counts just below it; the whole plan counts each indicator once,
/// where it is first listed.
pub fn compute(site: &Site, diagnostics: &mut Diagnostics) -> Progress {
    let config = &site.config;
    let mut progress = Progress::default();
    for goal in &site.goals {
        let mut goal_counts = StatusCounts::default();
        for policy in &goal.policies {
            let policy_counts = compute_policy(policy, config, &mut progress, diagnostics);
            goal_counts.merge(&policy_counts);
            progress.policies.insert(policy.id.clone(), policy_counts);
        }
        progress.goals.insert(goal.id.clone(), goal_counts);
    }
    progress
}

fn compute_policy(
    policy: &Policy,
    config: &SiteConfig,
    progress: &mut Progress,
    diagnostics: &mut Diagnostics,
) -> StatusCounts {
    let mut policy_counts = StatusCounts::default();
    for (ai, approach) in policy.approaches.iter().enumerate() {
        for (mi, measure) in approach.measures.iter().enumerate() {
            let mut measure_counts = StatusCounts::default();
            for action in &measure.actions {
                for indicator in &action.indicators {
                    let assessment = progress
                        .indicators
                        .entry(indicator.id.clone())
                        .or_insert_with(|| {
                            let a = assess(indicator, config);
                            check_printed_rates(indicator, config, diagnostics);
                            a
                        })
                        .status;
                    measure_counts.add(assessment);
                    if action.relisted_from.is_none() {
                        progress.plan.add(assessment);
                    }
                }
            }
            policy_counts.merge(&measure_counts);
            progress.measures.insert(measure_key(&policy.id, ai, mi), measure_counts);
        }
    }
    policy_counts
}

/// The numbers of `values` for the plan years up to and including `until`.
fn numbers_until(values: &BTreeMap<FiscalYear, Value>, years: &[FiscalYear], until: FiscalYear) -> Vec<f64> {
    years.iter().filter(|y| **y <= until).filter_map(|y| values.get(y).and_then(Value::number)).collect()
}

/// The achievement rate of `indicator` up to `year`, with the actual it is computed from.
pub fn achievement(indicator: &Indicator, config: &SiteConfig, year: FiscalYear) -> (Option<f64>, Option<f64>) {
    let actuals = numbers_until(&indicator.actuals, &config.years, year);
    let actual = match indicator.kind {
        IndicatorKind::Count if !actuals.is_empty() => Some(actuals.iter().sum()),
        IndicatorKind::Count => None,
        IndicatorKind::Level => actuals.last().copied(),
    };
    let total = indicator.total.as_ref().and_then(Value::number).filter(|t| *t > 0.0);
    let rate = actual.zip(total).map(|(a, t)| a / t * 100.0);
    (rate, actual)
}

/// Assesses one indicator for the reporting year.
pub fn assess(indicator: &Indicator, config: &SiteConfig) -> Assessment {
    let year = config.reporting_year;
    let (rate, actual_to_date) = achievement(indicator, config, year);
    let total = indicator.total.as_ref().and_then(Value::number);
    let targets = numbers_until(&indicator.targets, &config.years, year);
    let target_to_date = match indicator.kind {
        IndicatorKind::Count if !targets.is_empty() => Some(targets.iter().sum()),
        IndicatorKind::Count => None,
        IndicatorKind::Level => indicator.targets.get(&year).and_then(Value::number).or(total),
    };
    let expected_rate = target_to_date.zip(total.filter(|t| *t > 0.0)).map(|(t, total)| t / total * 100.0);
    let under_consideration = matches!(indicator.total, Some(Value::UnderConsideration))
        || matches!(indicator.targets.get(&year), Some(Value::UnderConsideration));
    let has_actual = indicator.actuals.get(&year).and_then(Value::number).is_some();
    let status = if under_consideration {
        Status::UnderConsideration
    } else if !has_actual {
        Status::NoData
    } else {
        grade(config.grading, rate, actual_to_date, target_to_date, expected_rate)
    };
    Assessment { rate, expected_rate, actual_to_date, target_to_date, status }
}

fn grade(
    grading: Grading,
    rate: Option<f64>,
    actual: Option<f64>,
    target_to_date: Option<f64>,
    expected_rate: Option<f64>,
) -> Status {
    if rate.is_some_and(|r| r >= grading.achieved_at) {
        return Status::Achieved;
    }
    let on_track = match grading.method {
        GradingMethod::Pace => match (actual, target_to_date) {
            (Some(a), Some(t)) => a >= t,
            _ => rate.zip(expected_rate).is_some_and(|(r, e)| r >= e),
        },
        GradingMethod::Bands => rate.zip(grading.on_track_at).is_some_and(|(r, b)| r >= b),
    };
    if on_track { Status::OnTrack } else { Status::Behind }
}

/// Warns where a printed rate differs from the computed one by more than 0.1 points.
fn check_printed_rates(indicator: &Indicator, config: &SiteConfig, diagnostics: &mut Diagnostics) {
    for (year, (printed, loc)) in &indicator.printed_rate {
        let Some(printed) = printed.number() else { continue };
        let (computed, actual) = achievement(indicator, config, *year);
        let total = indicator.total.as_ref().and_then(Value::number);
        let Some(computed) = computed else { continue };
        if (printed - computed).abs() > 0.1 + 1e-9 {
            let basis = match (actual, total) {
                (Some(a), Some(t)) => format!(" ({} ÷ {})", format_number(a), format_number(t)),
                _ => String::new(),
            };
            diagnostics.push(
                Diagnostic::warning(
                    Code::PrintedRate,
                    loc.clone(),
                    format!(
                        "indicator {}: the printed achievement rate for {} is {printed:.1}%, but the computed rate is {computed:.1}%{basis}",
                        indicator.id,
                        year.label(crate::lang::Lang::En)
                    ),
                )
                .help("keep the printed rate as the source prints it; if the numbers are right, add a note of kind discrepancy that explains the difference"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Levels, Text};

    fn config(grading: Grading) -> SiteConfig {
        let t = Text::default;
        SiteConfig {
            title: t(),
            organisation: t(),
            base_url: "https://example.org/".into(),
            languages: vec![crate::lang::Lang::Ja],
            default_language: crate::lang::Lang::Ja,
            years: (2024..=2027).map(FiscalYear).collect(),
            target_year: Some(FiscalYear(2031)),
            reporting_year: FiscalYear(2024),
            levels: Levels {
                basic_policy: t(),
                goal_area: t(),
                policy: t(),
                measure: t(),
                action: t(),
                indicator: t(),
            },
            grading,
            theme: None,
            organisation_code: None,
            accessibility: None,
            about: crate::model::About::default(),
        }
    }

    const PACE: Grading = Grading { method: GradingMethod::Pace, achieved_at: 100.0, on_track_at: None };

    fn indicator(kind: IndicatorKind, total: f64, targets: &[f64], actuals: &[f64]) -> Indicator {
        let years = |values: &[f64]| {
            values.iter().enumerate().map(|(i, v)| (FiscalYear(2024 + i as u16), Value::Number(*v))).collect()
        };
        Indicator {
            id: "x".into(),
            name: Text::default(),
            unit: Text::default(),
            kind,
            total: Some(Value::Number(total)),
            targets: years(targets),
            actuals: years(actuals),
            printed_rate: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn count_rate_is_actual_over_four_year_total() {
        // 1-1 ②: 42 businesses of a 320 total, 80 a year.
        let a = assess(&indicator(IndicatorKind::Count, 320.0, &[80.0; 4], &[42.0]), &config(PACE));
        assert!((a.rate.unwrap() - 13.125).abs() < 1e-9);
        assert_eq!(a.expected_rate, Some(25.0));
        assert_eq!(a.status, Status::Behind);
    }

    #[test]
    fn level_rate_is_latest_actual_over_target() {
        // Setagaya Pay retention: 77 % against 75 %.
        let a = assess(&indicator(IndicatorKind::Level, 75.0, &[75.0; 4], &[77.0]), &config(PACE));
        assert!((a.rate.unwrap() - 102.666).abs() < 1e-2);
        assert_eq!(a.status, Status::Achieved);
    }

    #[test]
    fn on_track_when_cumulative_actual_meets_cumulative_target() {
        let a = assess(&indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[2.0]), &config(PACE));
        assert_eq!(a.status, Status::OnTrack);
    }

    #[test]
    fn bands_grade_by_rate_alone() {
        let bands = Grading { method: GradingMethod::Bands, achieved_at: 100.0, on_track_at: Some(20.0) };
        let i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[2.0]);
        assert_eq!(assess(&i, &config(bands)).status, Status::OnTrack);
        let i = indicator(IndicatorKind::Count, 320.0, &[80.0; 4], &[42.0]);
        assert_eq!(assess(&i, &config(bands)).status, Status::Behind);
    }

    #[test]
    fn missing_actual_is_no_data_and_検討中_is_under_consideration() {
        let mut i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[]);
        assert_eq!(assess(&i, &config(PACE)).status, Status::NoData);
        i.targets.insert(FiscalYear(2024), Value::UnderConsideration);
        assert_eq!(assess(&i, &config(PACE)).status, Status::UnderConsideration);
    }

    #[test]
    fn printed_rate_disagreement_names_both_numbers() {
        let mut i = indicator(IndicatorKind::Count, 25.0, &[5.0; 4], &[36.0]);
        let loc = crate::diagnostics::Loc::file(&std::sync::Arc::from(std::path::Path::new("g.yaml")));
        i.printed_rate.insert(FiscalYear(2024), (Value::Number(142.4), loc));
        let mut d = Diagnostics::default();
        check_printed_rates(&i, &config(PACE), &mut d);
        let text = d.render_human();
        assert!(text.contains("142.4%") && text.contains("144.0%") && text.contains("36 ÷ 25"), "{text}");
        i.printed_rate.insert(
            FiscalYear(2024),
            (
                Value::Number(144.0),
                crate::diagnostics::Loc::file(&std::sync::Arc::from(std::path::Path::new("g.yaml"))),
            ),
        );
        let mut d = Diagnostics::default();
        check_printed_rates(&i, &config(PACE), &mut d);
        assert_eq!(d.warnings(), 0);
    }
}
