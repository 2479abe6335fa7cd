//! Stage 3, compute: each indicator's achievement rate and status under the site's grading
//! rule, and the roll-ups of statuses per measure, policy, goal area and the whole plan.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fiscal::FiscalYear;
use crate::model::{
    Action, Grading, GradingMethod, Indicator, IndicatorKind, LevelNames, NoteKind, Policy, Site, SiteConfig, Value,
};
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
    /// No target to grade against: neither a total nor a yearly target is given (a row whose
    /// source prints only an actual and a rate). Shown, never graded.
    NoTarget,
}

impl Status {
    /// Every status, in the order roll-ups list them.
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::NoData,
        Status::UnderConsideration,
        Status::NoTarget,
    ];

    /// A stable key for CSS classes, data files and label look-ups.
    pub fn key(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on_track",
            Status::Behind => "behind",
            Status::NoData => "no_data",
            Status::UnderConsideration => "under_consideration",
            Status::NoTarget => "no_target",
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

/// The most categories a [`Category`] has.
pub const MAX_CATEGORIES: usize = 6;

/// A set of categories that indicators are counted in: [`Status`] or [`Change`].
pub trait Category: Copy + 'static {
    /// Every category, in the order roll-ups list them (at most [`MAX_CATEGORIES`]).
    const ALL: &'static [Self];
    /// The category's position in [`Category::ALL`].
    fn index(self) -> usize;
}

impl Category for Status {
    const ALL: &'static [Status] = &Status::ALL;
    fn index(self) -> usize {
        self as usize
    }
}

/// The number of indicators in each category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts<K> {
    counts: [usize; MAX_CATEGORIES],
    category: std::marker::PhantomData<K>,
}

/// The number of indicators in each status.
pub type StatusCounts = Counts<Status>;
/// The number of indicators in each kind of change since the previous year.
pub type ChangeCounts = Counts<Change>;

impl<K> Default for Counts<K> {
    fn default() -> Self {
        Self { counts: [0; MAX_CATEGORIES], category: std::marker::PhantomData }
    }
}

impl<K: Category> Counts<K> {
    /// Counts one more indicator in `category`.
    pub fn add(&mut self, category: K) {
        self.counts[category.index()] += 1;
    }

    /// Adds another roll-up to this one.
    pub fn merge(&mut self, other: &Self) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
    }

    /// The number in `category`.
    pub fn get(&self, category: K) -> usize {
        self.counts[category.index()]
    }

    /// The number of indicators counted.
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Each category with its number, in the order of [`Category::ALL`].
    pub fn iter(&self) -> impl Iterator<Item = (K, usize)> + '_ {
        K::ALL.iter().map(|k| (*k, self.get(*k)))
    }
}

/// The counts of a category per measure, policy, goal area and for the whole plan, under one
/// counting rule (see [`compute`]).
#[derive(Debug, Clone)]
pub struct RollUp<K> {
    /// Per measure, keyed by [`measure_key`]; re-listed copies count where they are listed.
    pub measures: HashMap<String, Counts<K>>,
    /// Per policy id; re-listed copies count where they are listed.
    pub policies: HashMap<String, Counts<K>>,
    /// Per goal area id: the sum of its policies, so re-listed copies count where they are listed.
    pub goals: HashMap<String, Counts<K>>,
    /// The whole plan: each indicator once, where it is first listed (re-listed copies left out).
    pub plan: Counts<K>,
}

impl<K> Default for RollUp<K> {
    fn default() -> Self {
        Self { measures: HashMap::new(), policies: HashMap::new(), goals: HashMap::new(), plan: Counts::default() }
    }
}

impl<K: Category> RollUp<K> {
    /// Counts every indicator of `site` in the category `of` gives it.
    ///
    /// The counting rule, the same on every page and in the downloads: a measure, policy and
    /// goal area count every indicator listed under them, re-listed copies included, so each
    /// level's count is the sum of the counts just below it; the whole plan counts each
    /// indicator once, where it is first listed.
    fn count(site: &Site, of: impl Fn(&Indicator) -> K) -> Self {
        let mut rollup = RollUp::default();
        for goal in &site.goals {
            let mut goal_counts = Counts::default();
            for policy in &goal.policies {
                let mut policy_counts = Counts::default();
                for (ai, approach) in policy.approaches.iter().enumerate() {
                    for (mi, measure) in approach.measures.iter().enumerate() {
                        let mut measure_counts = Counts::default();
                        for action in &measure.actions {
                            for indicator in &action.indicators {
                                let category = of(indicator);
                                measure_counts.add(category);
                                if action.relisted_from.is_none() {
                                    rollup.plan.add(category);
                                }
                            }
                        }
                        policy_counts.merge(&measure_counts);
                        rollup.measures.insert(measure_key(&policy.id, ai, mi), measure_counts);
                    }
                }
                goal_counts.merge(&policy_counts);
                rollup.policies.insert(policy.id.clone(), policy_counts);
            }
            rollup.goals.insert(goal.id.clone(), goal_counts);
        }
        rollup
    }
}

/// The statuses as of one plan year: what the site would have shown with that year as its
/// reporting year.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The year the statuses are as of.
    pub year: FiscalYear,
    /// Per indicator id.
    pub indicators: HashMap<String, Assessment>,
    /// The roll-ups of the statuses.
    pub counts: RollUp<Status>,
}

impl Snapshot {
    fn new(site: &Site, year: FiscalYear) -> Self {
        let indicators: HashMap<String, Assessment> = site
            .goals
            .iter()
            .flat_map(|g| &g.policies)
            .flat_map(Policy::actions)
            .flat_map(|a| &a.indicators)
            .map(|i| (i.id.clone(), assess(i, &site.config, year)))
            .collect();
        let counts = RollUp::count(site, |i| indicators.get(&i.id).map_or(Status::NoData, |a| a.status));
        Self { year, indicators, counts }
    }

    /// An indicator's status (no data for one not assessed).
    pub fn status(&self, indicator: &str) -> Status {
        self.indicators.get(indicator).map_or(Status::NoData, |a| a.status)
    }
}

/// How an indicator's status moved since the previous year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// Graded both years, and better now (behind → on track → achieved).
    Improved,
    /// Graded both years, and worse now.
    Worsened,
    /// The same status both years.
    Unchanged,
    /// Graded now, but not the year before (no data, or target under consideration).
    New,
    /// Graded the year before, but not now.
    Ungraded,
}

impl Category for Change {
    const ALL: &'static [Change] = &Change::ALL;
    fn index(self) -> usize {
        self as usize
    }
}

impl Change {
    /// Every kind of change, in the order roll-ups list them.
    pub const ALL: [Change; 5] = [Change::Improved, Change::Worsened, Change::Unchanged, Change::New, Change::Ungraded];

    /// The change from `before` to `now`.
    pub fn between(before: Status, now: Status) -> Change {
        match (grade_rank(before), grade_rank(now)) {
            _ if before == now => Change::Unchanged,
            (Some(b), Some(n)) if n > b => Change::Improved,
            (Some(_), Some(_)) => Change::Worsened,
            (None, Some(_)) => Change::New,
            (Some(_), None) => Change::Ungraded,
            (None, None) => Change::Unchanged,
        }
    }

    /// A stable key for CSS classes, data files and label look-ups.
    pub fn key(self) -> &'static str {
        match self {
            Change::Improved => "improved",
            Change::Worsened => "worsened",
            Change::Unchanged => "unchanged",
            Change::New => "new",
            Change::Ungraded => "ungraded",
        }
    }
}

/// The order of graded statuses, worst first; none for a status that is not a grade.
fn grade_rank(status: Status) -> Option<u8> {
    match status {
        Status::Behind => Some(0),
        Status::OnTrack => Some(1),
        Status::Achieved => Some(2),
        Status::NoData | Status::UnderConsideration | Status::NoTarget => None,
    }
}

/// What changed between the previous plan year's statuses and the reporting year's.
#[derive(Debug, Clone)]
pub struct Changes {
    /// The previous year.
    pub since: FiscalYear,
    /// Per indicator id: its status the previous year, and the change since.
    pub indicators: HashMap<String, (Status, Change)>,
    /// The roll-ups of the changes.
    pub counts: RollUp<Change>,
}

impl Changes {
    fn new(site: &Site, before: &Snapshot, now: &Snapshot) -> Self {
        let indicators: HashMap<String, (Status, Change)> = now
            .indicators
            .iter()
            .map(|(id, a)| {
                let was = before.status(id);
                (id.clone(), (was, Change::between(was, a.status)))
            })
            .collect();
        let counts = RollUp::count(site, |i| indicators.get(&i.id).map_or(Change::Unchanged, |c| c.1));
        Self { since: before.year, indicators, counts }
    }
}

/// Everything computed for a site.
#[derive(Debug, Clone)]
pub struct Progress {
    /// The statuses as of the reporting year.
    pub current: Snapshot,
    /// The statuses as of each earlier plan year, oldest first (none in a plan's first year).
    pub earlier: Vec<Snapshot>,
    /// The changes since the previous plan year, if there is one.
    pub changes: Option<Changes>,
}

impl Progress {
    /// The statuses of an action's indicators (no data for one not assessed).
    pub fn action_counts(&self, action: &Action) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for indicator in &action.indicators {
            counts.add(self.current.status(&indicator.id));
        }
        counts
    }

    /// Every year's statuses, oldest first, the reporting year last.
    pub fn snapshots(&self) -> impl Iterator<Item = &Snapshot> {
        self.earlier.iter().chain(std::iter::once(&self.current))
    }

    /// An indicator's status the previous year and the change since, if there is a previous year.
    pub fn change(&self, indicator: &str) -> Option<(FiscalYear, Status, Change)> {
        let changes = self.changes.as_ref()?;
        changes.indicators.get(indicator).map(|&(was, change)| (changes.since, was, change))
    }
}

/// The key of a measure in [`RollUp::measures`].
pub fn measure_key(policy: &str, approach: usize, measure: usize) -> String {
    format!("{policy}/{approach}/{measure}")
}

/// Computes every indicator's assessment and the roll-ups, as of the reporting year and as of
/// each earlier plan year, and the changes since the previous year. Printed rates that
/// disagree with the computed ones are reported as warnings.
pub fn compute(site: &Site, diagnostics: &mut Diagnostics) -> Progress {
    let config = &site.config;
    let mut checked = std::collections::HashSet::new();
    for indicator in site.goals.iter().flat_map(|g| &g.policies).flat_map(Policy::actions).flat_map(|a| &a.indicators) {
        if checked.insert(&indicator.id) {
            check_printed_rates(indicator, config, diagnostics);
        }
    }
    let current = Snapshot::new(site, config.reporting_year);
    let earlier: Vec<Snapshot> =
        config.years.iter().filter(|y| **y < config.reporting_year).map(|&y| Snapshot::new(site, y)).collect();
    let changes = earlier.last().map(|before| Changes::new(site, before, &current));
    Progress { current, earlier, changes }
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

/// Assesses one indicator as of `year`, counting only the results up to that year.
pub fn assess(indicator: &Indicator, config: &SiteConfig, year: FiscalYear) -> Assessment {
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
    let no_target = total.is_none() && indicator.targets.values().all(|t| t.number().is_none());
    let status = if under_consideration {
        Status::UnderConsideration
    } else if no_target {
        Status::NoTarget
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

/// Warns where a printed rate differs from the computed one by more than 0.1 points, unless a
/// note of kind `discrepancy` on the indicator explains it.
fn check_printed_rates(indicator: &Indicator, config: &SiteConfig, diagnostics: &mut Diagnostics) {
    if indicator.notes.iter().any(|n| n.kind == NoteKind::Discrepancy) {
        return;
    }
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
                        "{} {}: the printed achievement rate for {} is {printed:.1}%, but the computed rate is {computed:.1}%{basis}",
                        LevelNames::from(&config.levels).indicator,
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
    use crate::model::{Levels, Note, Text};

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
            loc: crate::diagnostics::Loc::file(&std::sync::Arc::from(std::path::Path::new("g.yaml"))),
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
        let a = assess(&indicator(IndicatorKind::Count, 320.0, &[80.0; 4], &[42.0]), &config(PACE), FiscalYear(2024));
        assert!((a.rate.unwrap() - 13.125).abs() < 1e-9);
        assert_eq!(a.expected_rate, Some(25.0));
        assert_eq!(a.status, Status::Behind);
    }

    #[test]
    fn level_rate_is_latest_actual_over_target() {
        // Setagaya Pay retention: 77 % against 75 %.
        let a = assess(&indicator(IndicatorKind::Level, 75.0, &[75.0; 4], &[77.0]), &config(PACE), FiscalYear(2024));
        assert!((a.rate.unwrap() - 102.666).abs() < 1e-2);
        assert_eq!(a.status, Status::Achieved);
    }

    #[test]
    fn on_track_when_cumulative_actual_meets_cumulative_target() {
        let a = assess(&indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[2.0]), &config(PACE), FiscalYear(2024));
        assert_eq!(a.status, Status::OnTrack);
    }

    #[test]
    fn bands_grade_by_rate_alone() {
        let bands = Grading { method: GradingMethod::Bands, achieved_at: 100.0, on_track_at: Some(20.0) };
        let i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[2.0]);
        assert_eq!(assess(&i, &config(bands), FiscalYear(2024)).status, Status::OnTrack);
        let i = indicator(IndicatorKind::Count, 320.0, &[80.0; 4], &[42.0]);
        assert_eq!(assess(&i, &config(bands), FiscalYear(2024)).status, Status::Behind);
    }

    #[test]
    fn missing_actual_is_no_data_and_検討中_is_under_consideration() {
        let mut i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[]);
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::NoData);
        i.targets.insert(FiscalYear(2024), Value::UnderConsideration);
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::UnderConsideration);
    }

    /// A row that prints only an actual and a rate (rule 4 of docs/source-notes.md) has nothing
    /// to be graded against: it is shown, and never counted as behind.
    #[test]
    fn an_actual_with_no_target_is_not_graded() {
        let mut i = indicator(IndicatorKind::Count, 8.0, &[], &[0.0]);
        i.total = None;
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::NoTarget);
        i.actuals.insert(FiscalYear(2024), Value::Absent { printed: "ー".into() });
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::NoTarget);
        i.total = Some(Value::Absent { printed: "ー".into() });
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::NoTarget);
        i.total = Some(Value::UnderConsideration);
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::UnderConsideration);
        assert_eq!(grade_rank(Status::NoTarget), None);
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
        // A note of kind discrepancy explains a printed rate that disagrees.
        i.printed_rate.insert(
            FiscalYear(2024),
            (
                Value::Number(142.4),
                crate::diagnostics::Loc::file(&std::sync::Arc::from(std::path::Path::new("g.yaml"))),
            ),
        );
        i.notes.push(Note { kind: NoteKind::Discrepancy, lines: None, text: Text::default() });
        let mut d = Diagnostics::default();
        check_printed_rates(&i, &config(PACE), &mut d);
        assert_eq!(d.warnings(), 0);
    }

    #[test]
    fn changes_compare_grades_and_tell_new_and_lost_grades_apart() {
        use Status::{Achieved, Behind, NoData, OnTrack, UnderConsideration};
        assert_eq!(Change::between(Behind, OnTrack), Change::Improved);
        assert_eq!(Change::between(OnTrack, Achieved), Change::Improved);
        assert_eq!(Change::between(Achieved, Behind), Change::Worsened);
        assert_eq!(Change::between(Behind, Behind), Change::Unchanged);
        assert_eq!(Change::between(NoData, NoData), Change::Unchanged);
        assert_eq!(Change::between(NoData, Behind), Change::New);
        assert_eq!(Change::between(UnderConsideration, Achieved), Change::New);
        assert_eq!(Change::between(OnTrack, NoData), Change::Ungraded);
        assert_eq!(Change::between(UnderConsideration, NoData), Change::Unchanged);
    }

    #[test]
    fn a_status_as_of_an_earlier_year_counts_only_the_results_until_then() {
        // 2 a year: 2 in FY2024 is on track; nothing in FY2025 is no data as of FY2025.
        let i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[2.0]);
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2024)).status, Status::OnTrack);
        assert_eq!(assess(&i, &config(PACE), FiscalYear(2025)).status, Status::NoData);
        // 1 then 1: behind as of FY2024 (1 < 2), still behind as of FY2025 (2 < 4).
        let i = indicator(IndicatorKind::Count, 8.0, &[2.0; 4], &[1.0, 1.0]);
        let as_of_2025 = assess(&i, &config(PACE), FiscalYear(2025));
        assert_eq!((as_of_2025.actual_to_date, as_of_2025.target_to_date), (Some(2.0), Some(4.0)));
        assert_eq!(as_of_2025.status, Status::Behind);
    }
}
