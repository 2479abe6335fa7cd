//! A policy's page: its measures, their actions and each action's indicators with a chart.

use super::{PageBuilder, PageSpec};
use std::collections::BTreeMap;

use crate::compute::{Status, measure_key};
use crate::fiscal::FiscalYear;
use crate::model::{Action, Goal, Indicator, IndicatorKind, Measure, Policy, Value};
use crate::number::{format_number, format_percent};
use crate::render::charts::{IndicatorChart, YearBar, indicator_chart};
use crate::render::localise::{circled, partly_lost};
use crate::render::paths::{self, root_of};
use crate::render::views::{
    ActionView, ApproachView, Crumb, IndicatorView, LText, Link, MeasureView, PolicyView, TableRow, TextLink, TocEntry,
    YearText,
};

impl PageBuilder<'_> {
    /// A policy's page: its measures, actions and indicators.
    pub(crate) fn policy(&self, position: usize) -> Option<PageSpec<PolicyView>> {
        let (goal, policy) = *self.index.policies.get(position)?;
        let lang = self.lang();
        let path = paths::policy(lang, &policy.id);
        let root = root_of(&path);
        let config = &self.site.config;
        let title = self.words.titled(&policy.id, &policy.title);
        let (approaches, toc, indicators) = self.approaches(policy, &path);
        let neighbour = |p: Option<&(&Goal, &Policy)>| {
            p.map(|(_, p)| Link {
                href: format!("{root}{}", paths::policy(lang, &p.id)),
                title: self.words.titled(&p.id, &p.title),
            })
        };
        let counts = self.progress.current.counts.policies.get(&policy.id).copied().unwrap_or_default();
        let view = PolicyView {
            id: policy.id.clone(),
            title: self.words.text(&policy.title),
            missing: partly_lost(&policy.title, &policy.notes),
            goal_label: self.goal_label(goal),
            goal_href: format!("{root}{}", paths::goal(lang, &goal.id)),
            goal_title: self.words.text(&goal.title),
            notes: self.words.notes(&policy.notes, false),
            answer: self.answer(
                &path,
                ("answer_of_policy", &counts),
                (
                    policy.summary.as_ref(),
                    self.progress.changes.as_ref().and_then(|c| c.counts.policies.get(&policy.id)),
                ),
                [policy],
            ),
            rollup: self.rollup(&format!("rollup-policy-{}", policy.id), self.words.label("status_overview"), &counts),
            toc,
            approaches,
            measure_label: self.words.plain(&config.levels.measure),
            action_label: self.words.plain(&config.levels.action),
            indicator_label: self.words.plain(&config.levels.indicator),
            pager_label: self.words.plain(&config.levels.policy),
            previous: neighbour(position.checked_sub(1).and_then(|i| self.index.policies.get(i))),
            next: neighbour(self.index.policies.get(position + 1)),
        };
        let breadcrumbs = vec![
            self.home_crumb(&path),
            self.crumb(&path, paths::goal(lang, &goal.id), self.goal_label(goal)),
            Crumb { href: None, title: policy.id.clone() },
        ];
        Some(PageSpec {
            meta: self.meta(&path, &|l| paths::policy(l, &policy.id), title.clone(), title, breadcrumbs),
            path,
            template: "policy.html",
            charts: usize::from(view.rollup.is_some()) + indicators,
            view,
        })
    }

    /// The views of a policy's approaches and measures, the contents list, and the number of
    /// indicators (one chart each).
    fn approaches(&self, policy: &Policy, path: &str) -> (Vec<ApproachView>, Vec<TocEntry>, usize) {
        let mut toc = Vec::new();
        let mut indicators = 0;
        let approaches = policy
            .approaches
            .iter()
            .enumerate()
            .map(|(ai, approach)| ApproachView {
                description: approach.description.as_ref().map(|d| self.words.text(d)),
                notes: self.words.notes(&approach.notes, false),
                measures: approach
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(mi, measure)| {
                        let key = measure_key(&policy.id, ai, mi);
                        let anchor = format!("m-{}-{}-{}", policy.id, ai + 1, mi + 1);
                        let counts = self.progress.current.counts.measures.get(&key).copied().unwrap_or_default();
                        // A measure without a title (a plan without that level) has no entry.
                        if let Some(title) = &measure.title {
                            toc.push(TocEntry {
                                anchor: anchor.clone(),
                                title: self.words.text(title),
                                counts: self.words.count_rows(&counts).into_iter().filter(|r| r.count > 0).collect(),
                            });
                        }
                        indicators += measure.actions.iter().map(|a| a.indicators.len()).sum::<usize>();
                        MeasureView {
                            anchor,
                            title: measure.title.as_ref().map(|t| self.words.text(t)),
                            under_consideration: measure.under_consideration,
                            notes: self.words.notes(&measure.notes, false),
                            actions: measure.actions.iter().map(|a| self.action(a, path)).collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        (approaches, toc, indicators)
    }

    /// An action's label out of its place (related plans, re-listings): its full id, unique in
    /// the site, and its name: `1-1-1-1 Setagaya Pay …`.
    fn action_title(&self, measure: &Measure, action: &Action) -> String {
        let name = measure.action_name(action).map(|n| self.words.plain(n)).unwrap_or_default();
        format!("{} {name}", action.id)
    }

    pub(super) fn action_href(&self, from: &str, action_id: &str) -> Option<Link> {
        let (policy, measure, action) = self.index.actions.get(action_id)?;
        Some(Link {
            href: format!("{}{}#{}", root_of(from), paths::policy(self.lang(), &policy.id), action.id),
            title: self.action_title(measure, action),
        })
    }

    fn action(&self, action: &Action, from: &str) -> ActionView {
        let years = |map: &BTreeMap<FiscalYear, crate::model::Text>| -> Vec<YearText> {
            map.iter().map(|(y, t)| YearText { year: y.label(self.lang()), text: self.words.text(t) }).collect()
        };
        let counts = self.progress.action_counts(action);
        let has_body = action.description.is_some()
            || action.relisted_from.is_some()
            || action.implementation_plan
            || action.priority
            || !action.roadmaps.is_empty()
            || !action.indicators.is_empty()
            || !action.done.is_empty()
            || !action.notes.is_empty()
            || !action.activation_plans.is_empty();
        ActionView {
            has_body,
            anchor: action.id.clone(),
            number: circled(action.no),
            headline: match (&action.project, &action.description) {
                (Some(project), _) => self.words.text(project),
                (None, Some(description)) => headline(self.words.text(description)),
                (None, None) => self.words.mark(action.id.clone()),
            },
            counts: self.words.count_rows(&counts).into_iter().filter(|r| r.count > 0).collect(),
            relisted: action.relisted_from.as_deref().and_then(|id| self.action_href(from, id)),
            implementation_plan: action.implementation_plan,
            priority: action.priority,
            description: action.description.as_ref().map(|d| self.words.text(d)),
            roadmaps: action.roadmaps.iter().map(years).collect(),
            indicators: action
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| {
                    self.indicator(ind, &paths::indicator_anchor(&action.id, i), i, action.indicators.len())
                })
                .collect(),
            done: years(&action.done),
            notes: self.words.notes(&action.notes, false),
            activation_plans: action
                .activation_plans
                .iter()
                .filter_map(|&i| self.site.activation_plans.get(i))
                .map(|p| TextLink {
                    href: format!("{}{}", root_of(from), paths::activation_plan(self.lang(), &p.name)),
                    title: self.words.text(&p.title),
                })
                .collect(),
        }
    }

    /// The trend, in sentences: for a count, the cumulative actual against the cumulative target
    /// each year; for any indicator with two yearly actuals or more, whether the actual rose, fell
    /// or stayed from the first to the last.
    fn trend(&self, ind: &Indicator) -> Vec<String> {
        let config = &self.site.config;
        let (sep, _, colon) = self.words.punctuation();
        let mut sentences = Vec::new();
        if ind.kind == IndicatorKind::Count {
            let (targets, actuals) = (cumulative(&ind.targets, &config.years), cumulative(&ind.actuals, &config.years));
            let pairs: Vec<String> = actuals
                .iter()
                .filter_map(|(y, a)| {
                    let t = targets.get(y)?;
                    let of = self.words.label("trend_of").replace("{actual}", &format_number(*a));
                    Some(format!("{} {}", y.label(self.lang()), of.replace("{target}", &format_number(*t))))
                })
                .collect();
            if !pairs.is_empty() {
                sentences.push(format!("{}{colon}{}", self.words.label("trend_cumulative"), pairs.join(sep)));
            }
        }
        let yearly: Vec<(FiscalYear, f64)> = ind.actuals.iter().filter_map(|(y, v)| Some((*y, v.number()?))).collect();
        if let (Some(&(from_year, from)), Some(&(to_year, to))) = (yearly.first(), yearly.last())
            && yearly.len() > 1
        {
            let sentence = match to.partial_cmp(&from) {
                Some(std::cmp::Ordering::Greater) => self.words.label("trend_rose"),
                Some(std::cmp::Ordering::Less) => self.words.label("trend_fell"),
                _ => self.words.label("trend_stayed"),
            };
            sentences.push(
                sentence
                    .replace("{from}", &format_number(from))
                    .replace("{to}", &format_number(to))
                    .replace("{from_year}", &from_year.label(self.lang()))
                    .replace("{to_year}", &to_year.label(self.lang())),
            );
        }
        sentences
    }

    /// The text alternative of an indicator's chart: its name, targets and actuals by year, the
    /// trend, the rates and the status, as sentences.
    fn chart_description(
        &self,
        ind: &Indicator,
        name: &str,
        rate: Option<f64>,
        expected: Option<f64>,
        status: Status,
    ) -> String {
        let years = self.site.config.all_years();
        let (sep, end, colon) = self.words.punctuation();
        let series = |label: &str, values: &BTreeMap<FiscalYear, Value>| {
            let items: Vec<String> = years
                .iter()
                .filter_map(|y| {
                    values.get(y).map(|v| format!("{} {}", y.label(self.lang()), self.words.value_in_words(v)))
                })
                .collect();
            (!items.is_empty()).then(|| format!("{label}{colon}{}", items.join(sep)))
        };
        let mut description: Vec<String> = vec![name.to_owned()];
        description.extend(series(&self.words.label("target"), &ind.targets));
        description.extend(series(&self.words.label("actual"), &ind.actuals));
        description.extend(self.trend(ind));
        if let Some(r) = rate {
            description.push(format!("{}{colon}{}", self.words.label("computed_rate"), format_percent(r)));
        }
        if let Some(e) = expected {
            description.push(format!("{}{colon}{}", self.words.label("expected_rate"), format_percent(e)));
        }
        description.push(format!("{}{colon}{}", self.words.label("status"), self.words.status(status).label));
        if let Some((since, was, change)) = self.progress.change(&ind.id) {
            let change = self.words.change(change, &since.label(self.lang()), was);
            description.push(format!("{} ({})", change.label, change.was));
        }
        description.join(end).trim_end().to_owned() + end.trim_end()
    }

    fn indicator(&self, ind: &Indicator, anchor: &str, index: usize, siblings: usize) -> IndicatorView {
        let config = &self.site.config;
        let assessment = self.progress.current.indicators.get(&ind.id);
        let status = assessment.map_or(Status::NoData, |a| a.status);
        let rate = assessment.and_then(|a| a.rate);
        let expected = assessment.and_then(|a| a.expected_rate);
        let years = config.all_years();
        let name = match self.words.plain(&ind.name) {
            name if name.trim().is_empty() => self.words.label("text_lost"),
            name => name,
        };
        let description = self.chart_description(ind, &name, rate, expected, status);
        let colon = self.words.punctuation().2;
        let chart = indicator_chart(&IndicatorChart {
            id: &format!("chart-{anchor}"),
            title: &name,
            description: &description,
            years: self.year_bars(ind),
        });
        let mut columns: Vec<String> = years.iter().map(|y| y.label(self.lang())).collect();
        columns.push(self.words.label(match ind.kind {
            IndicatorKind::Count => "total_count",
            IndicatorKind::Level => "total_level",
        }));
        let row = |label: String, values: &BTreeMap<FiscalYear, Value>, total: Option<&Value>| {
            let mut cells: Vec<LText> =
                years.iter().map(|y| self.words.mark(self.words.value(values.get(y)))).collect();
            cells.push(self.words.mark(self.words.value(total)));
            TableRow { label, cells }
        };
        // For a count, the running sums the chart draws, under the yearly figures.
        let cumulative_row = |label: String, values: &BTreeMap<FiscalYear, Value>| {
            let sums = cumulative(values, &config.years);
            let mut cells: Vec<LText> = years
                .iter()
                .map(|y| self.words.mark(sums.get(y).map(|v| format_number(*v)).unwrap_or_default()))
                .collect();
            cells.push(self.words.mark(String::new()));
            TableRow { label, cells }
        };
        let mut rows = vec![
            row(self.words.label("target"), &ind.targets, ind.total.as_ref()),
            row(self.words.label("actual"), &ind.actuals, None),
        ];
        if ind.kind == IndicatorKind::Count {
            rows.push(cumulative_row(self.words.label("cumulative_target"), &ind.targets));
            rows.push(cumulative_row(self.words.label("cumulative_actual"), &ind.actuals));
        }
        let printed = ind.printed_rate.get(&config.reporting_year).and_then(|(v, _)| v.number());
        let rate_note = printed.zip(rate).filter(|(p, r)| (p - r).abs() > 0.1 + 1e-9).map(|(p, r)| {
            self.words
                .label("rate_differs")
                .replace("{printed}", &format_percent(p))
                .replace("{computed}", &format_percent(r))
        });
        let change = self
            .progress
            .change(&ind.id)
            .map(|(since, was, change)| self.words.change(change, &since.label(self.lang()), was));
        IndicatorView {
            change,
            anchor: anchor.to_owned(),
            number: if siblings > 1 { circled(index as u32 + 1) } else { String::new() },
            name: self.words.text(&ind.name),
            unit: self.words.text(&ind.unit),
            kind: self.words.label(match ind.kind {
                IndicatorKind::Count => "kind_count",
                IndicatorKind::Level => "kind_level",
            }),
            cumulative: ind.kind == IndicatorKind::Count,
            status: self.words.status(status),
            rate: rate.map_or_else(|| self.words.label("no_value"), format_percent),
            rate_note,
            chart,
            table_caption: format!("{}{colon}{name}", self.words.label("chart_table_caption")),
            year_heading: self.words.label("status"),
            columns,
            rows,
            notes: self.words.notes(&ind.notes, true),
        }
    }
}

impl PageBuilder<'_> {
    /// The bars of an indicator's chart: for a count, the cumulative target and actual of each
    /// plan year (FY2031's yearly figure stays in the table); for a level, each year's target and
    /// actual, with a gap before a year that does not follow the one before.
    fn year_bars(&self, ind: &Indicator) -> Vec<YearBar> {
        let config = &self.site.config;
        let bar = |y: &FiscalYear, target: Option<f64>, actual: Option<f64>, gap_before: bool| YearBar {
            label: y.short_label(self.lang()),
            target,
            actual,
            gap_before,
        };
        match ind.kind {
            IndicatorKind::Count => {
                let (targets, actuals) =
                    (cumulative(&ind.targets, &config.years), cumulative(&ind.actuals, &config.years));
                config.years.iter().map(|y| bar(y, targets.get(y).copied(), actuals.get(y).copied(), false)).collect()
            }
            IndicatorKind::Level => config
                .all_years()
                .iter()
                .scan(None, |previous: &mut Option<FiscalYear>, y| {
                    let gap_before = previous.replace(*y).is_some_and(|p| y.0 > p.0 + 1);
                    let number = |values: &BTreeMap<FiscalYear, Value>| values.get(y).and_then(Value::number);
                    Some(bar(y, number(&ind.targets), number(&ind.actuals), gap_before))
                })
                .collect(),
        }
    }
}

/// The running sums of `values` over the plan years, as far as every year has a number.
fn cumulative(values: &BTreeMap<FiscalYear, Value>, years: &[FiscalYear]) -> BTreeMap<FiscalYear, f64> {
    years
        .iter()
        .map_while(|y| Some((*y, values.get(y)?.number()?)))
        .scan(0.0, |sum, (y, v)| {
            *sum += v;
            Some((y, *sum))
        })
        .collect()
}

/// The longest headline of a collapsed action, in characters, before it is cut.
const HEADLINE_CHARS: usize = 60;

/// The start of a description, for an action without a project name: its first sentence, or its
/// first [`HEADLINE_CHARS`] characters followed by "…".
fn headline(mut text: LText) -> LText {
    let first = text.text.split_inclusive(['。', '\n']).next().unwrap_or_default().trim_end().to_owned();
    let first = match first.split_once(". ") {
        Some((sentence, _)) => format!("{sentence}."),
        None => first,
    };
    text.text = if first.chars().count() > HEADLINE_CHARS {
        let cut: String = first.chars().take(HEADLINE_CHARS).collect();
        format!("{}…", cut.trim_end())
    } else {
        first
    };
    text
}

#[cfg(test)]
mod tests {
    use super::{BTreeMap, FiscalYear, HEADLINE_CHARS, LText, Value, cumulative, headline};

    fn line(text: &str) -> String {
        headline(LText { text: text.to_owned(), lang: None, pending: None, lost: false, runs: None }).text
    }

    #[test]
    fn cumulative_sums_stop_at_the_first_year_without_a_number() {
        let years: Vec<FiscalYear> = (2024..=2027).map(FiscalYear).collect();
        let values = BTreeMap::from([
            (FiscalYear(2024), Value::Number(42.0)),
            (FiscalYear(2025), Value::Number(150.0)),
            (FiscalYear(2027), Value::Number(9.0)),
            (FiscalYear(2031), Value::Number(99.0)),
        ]);
        let sums = cumulative(&values, &years);
        assert_eq!(sums.into_iter().collect::<Vec<_>>(), [(FiscalYear(2024), 42.0), (FiscalYear(2025), 192.0)]);
    }

    #[test]
    fn a_headline_is_the_first_sentence_cut_to_length() {
        assert_eq!(line("商店街を支援します。空き店舗を活用します。"), "商店街を支援します。");
        assert_eq!(line("We support shopping streets. We also use empty shops."), "We support shopping streets.");
        assert_eq!(line("一行目\n二行目"), "一行目");
        let long = "あ".repeat(HEADLINE_CHARS + 5);
        assert_eq!(line(&long), format!("{}…", "あ".repeat(HEADLINE_CHARS)));
    }
}
