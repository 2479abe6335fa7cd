//! Goal areas, level by level: goal → policy → approach → measure → action → indicator, with
//! yearly texts and values checked against the plan's years.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Validator;
use super::ids::SiteIds;
use super::relisted::Copies;
use crate::diagnostics::{Code, Diagnostic};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::load::Sourced;
use crate::model::{Action, Approach, BasicPolicy, Goal, Indicator, Measure, Policy, Text, Value};
use crate::raw::{Located, RawAction, RawApproach, RawGoal, RawIndicator, RawMeasure, RawText, RawValue};

impl Validator<'_> {
    pub(super) fn goal(
        &mut self,
        raw: &Sourced<RawGoal>,
        basic_policies: Option<&[BasicPolicy]>,
        copies: &mut Copies<'_>,
        ids: &mut SiteIds,
    ) -> Goal {
        self.file = Arc::clone(&raw.file);
        let g = &raw.value;
        let id = self.id(&g.id, &mut ids.goals);
        self.within(format!("{} {id}", self.names.goal_area), |v| {
            v.goal_body(g, id.clone(), basic_policies, copies, ids)
        })
    }

    fn goal_body(
        &mut self,
        g: &RawGoal,
        id: String,
        basic_policies: Option<&[BasicPolicy]>,
        copies: &mut Copies<'_>,
        ids: &mut SiteIds,
    ) -> Goal {
        let basic_policy = g.basic_policy.as_ref().and_then(|bp| {
            let found = basic_policies.and_then(|list| list.iter().position(|p| &p.id == bp.get()));
            if found.is_none() && self.check_basic_policies {
                let help = match basic_policies {
                    Some(list) => format!(
                        "use one of the ids in basic-policies.yaml: {}",
                        list.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    None => "create basic-policies.yaml with this basic policy, or leave basic_policy out".to_owned(),
                };
                let message = format!("{} {:?} does not exist", self.names.basic_policy, bp.get());
                self.error(Code::DanglingReference, bp, message, help);
            }
            found
        });
        Goal {
            id,
            basic_policy,
            title: self.title(&g.title, &g.notes),
            summary: g.summary.as_ref().map(|t| self.text(t)),
            notes: self.notes(&g.notes),
            policies: g
                .policies
                .iter()
                .map(|p| {
                    let id = self.id(&p.id, &mut ids.policies);
                    self.within(format!("{} {id}", self.names.policy), |v| Policy {
                        title: v.title(&p.title, &p.notes),
                        summary: p.summary.as_ref().map(|t| v.text(t)),
                        notes: v.notes(&p.notes),
                        approaches: match (&p.approaches, &p.actions) {
                            (None, Some(actions)) => vec![Approach {
                                description: None,
                                notes: Vec::new(),
                                measures: vec![v.untitled_measure(actions, &p.id, copies, ids)],
                            }],
                            (approaches, actions) => {
                                v.one_of(&p.id, (approaches.is_some(), actions.is_some()), ("approaches", "actions"));
                                approaches.iter().flatten().map(|a| v.approach(a, &p.id, copies, ids)).collect()
                            }
                        },
                        id,
                    })
                })
                .collect(),
        }
    }

    fn approach(
        &mut self,
        raw: &RawApproach,
        policy: &Located<String>,
        copies: &mut Copies<'_>,
        ids: &mut SiteIds,
    ) -> Approach {
        let measures = match (&raw.measures, &raw.actions) {
            (None, Some(actions)) => vec![self.untitled_measure(actions, policy, copies, ids)],
            (measures, actions) => {
                self.one_of(policy, (measures.is_some(), actions.is_some()), ("measures", "actions"));
                measures.iter().flatten().map(|m| self.measure(m, copies, ids)).collect()
            }
        };
        Approach {
            description: raw.description.as_ref().map(|d| self.text(d)),
            notes: self.notes(&raw.notes),
            measures,
        }
    }

    /// Where a level is left out: exactly one of two fields (`approaches` or `actions`) must
    /// be written, `given` says which are.
    fn one_of(&mut self, at: &Located<String>, given: (bool, bool), (first, second): (&str, &str)) {
        match given {
            (true, false) | (false, true) => {}
            (true, true) => self.error(
                Code::MeasureActions,
                at,
                format!("it has both {first} and {second}"),
                format!("keep one: {first} to group the {second}, or {second} alone for a plan without that level"),
            ),
            (false, false) => self.error(
                Code::MeasureActions,
                at,
                format!("it has neither {first} nor {second}"),
                format!("add {first}: (or, for a plan without that level, {second}:) under it"),
            ),
        }
    }

    /// The one untitled measure of a policy or approach that lists its actions directly.
    fn untitled_measure(
        &mut self,
        actions: &[RawAction],
        policy: &Located<String>,
        copies: &mut Copies<'_>,
        ids: &mut SiteIds,
    ) -> Measure {
        if actions.is_empty() {
            self.error(
                Code::MeasureActions,
                policy,
                format!("it has an empty list of {}s", self.names.action),
                format!("add its {}s, or leave it out until it has some", self.names.action),
            );
        }
        Measure {
            title: None,
            under_consideration: false,
            notes: Vec::new(),
            actions: actions.iter().map(|a| self.action(a, copies, ids)).collect(),
        }
    }

    fn measure(&mut self, raw: &RawMeasure, copies: &mut Copies<'_>, ids: &mut SiteIds) -> Measure {
        let under_consideration = raw.under_consideration.as_ref().is_some_and(|u| *u.get());
        match (&raw.under_consideration, raw.actions.is_empty()) {
            (Some(at), false) if under_consideration => self.error(
                Code::MeasureActions,
                at,
                format!("a {} under consideration cannot have {}s", self.names.measure, self.names.action),
                format!(
                    "remove under_consideration: true, or move the {}s to another {}",
                    self.names.action, self.names.measure
                ),
            ),
            (_, true) if !under_consideration => self.error(
                Code::MeasureActions,
                &raw.title.ja,
                format!("the {} {:?} has no {}s", self.names.measure, raw.title.ja.get(), self.names.action),
                format!(
                    "add its {}s, or set under_consideration: true where the source prints 検討中",
                    self.names.action
                ),
            ),
            _ => {}
        }
        Measure {
            title: Some(self.title(&raw.title, &raw.notes)),
            under_consideration,
            notes: self.notes(&raw.notes),
            actions: raw.actions.iter().map(|a| self.action(a, copies, ids)).collect(),
        }
    }

    /// An action as written. A re-listed copy leaves out what it prints as its original does;
    /// those fields are filled from the validated original afterwards ([`Copies::fill`]).
    fn action(&mut self, raw: &RawAction, copies: &mut Copies<'_>, ids: &mut SiteIds) -> Action {
        let id = self.id(&raw.id, &mut ids.actions);
        self.within(format!("{} {id}", self.names.action), |v| v.action_body(raw, id.clone(), copies, ids))
    }

    fn action_body(&mut self, raw: &RawAction, id: String, copies: &mut Copies<'_>, ids: &mut SiteIds) -> Action {
        if let Some(from) = &raw.relisted_from
            && self.relisting(raw, from, copies)
        {
            copies.remember(raw);
        }
        if raw.description.is_none() && raw.project.is_none() && raw.relisted_from.is_none() {
            self.error(
                Code::EmptyText,
                &raw.id,
                "it has neither a description nor a project name",
                "add description: with the 事業内容 as printed (or project: with its name, if that is all the plan gives)",
            );
        }
        Action {
            id,
            no: *raw.no.get(),
            project: raw.project.as_ref().map(|p| self.text(p)),
            relisted_from: raw.relisted_from.as_ref().map(|r| r.get().clone()),
            implementation_plan: raw.implementation_plan.unwrap_or(false),
            priority: raw.priority.unwrap_or(false),
            description: raw.description.as_ref().map(|d| self.text(d)),
            roadmaps: raw.roadmaps.iter().flatten().map(|m| self.yearly_texts(m)).collect(),
            indicators: raw.indicators.as_ref().map(|list| self.indicators(list, ids)).unwrap_or_default(),
            done: raw.done.as_ref().map(|d| self.yearly_texts(d)).unwrap_or_default(),
            notes: self.notes(&raw.notes),
            activation_plans: Vec::new(),
        }
    }
}

impl Validator<'_> {
    fn yearly_texts(&mut self, raw: &BTreeMap<u16, RawText>) -> BTreeMap<FiscalYear, Text> {
        raw.iter()
            .map(|(&year, text)| {
                let year = self.plan_year(year, &text.ja);
                (year, self.text(text))
            })
            .collect()
    }

    /// The fiscal year `year`, written at `at`; a year outside the plan is an error.
    fn plan_year<T>(&mut self, year: u16, at: &Located<T>) -> FiscalYear {
        let year = FiscalYear(year);
        if self.years_usable && !self.years.contains(&year) && self.target_year != Some(year) {
            let years: Vec<String> = self.years.iter().chain(&self.target_year).map(|y| y.to_string()).collect();
            self.error(
                Code::YearOutsidePlan,
                at,
                format!("fiscal year {year} is outside the plan"),
                format!(
                    "use one of the years in site.yaml (plan.years and target_year): {}; a fiscal year is written as the year it starts, e.g. 2024 for 令和6年度",
                    years.join(", ")
                ),
            );
        }
        year
    }

    fn indicators(&mut self, raw: &[RawIndicator], ids: &mut SiteIds) -> Vec<Indicator> {
        raw.iter()
            .map(|i| {
                let id = self.id(&i.id, &mut ids.indicators);
                self.within(format!("{} {id}", self.names.indicator), |v| Indicator {
                    name: v.title(&i.name, &i.notes),
                    unit: v.text(&i.unit),
                    kind: i.kind,
                    total: i.total.as_ref().map(|t| v.value(t)),
                    targets: v.yearly_values(&i.targets),
                    actuals: v.actuals(&i.actuals),
                    printed_rate: i
                        .printed_rate
                        .iter()
                        .map(|(&year, value)| (v.plan_year(year, value), (v.value(value), v.at(value))))
                        .collect(),
                    notes: v.notes(&i.notes),
                    loc: v.at(&i.id),
                    id,
                })
            })
            .collect()
    }

    /// Actuals: yearly values, where one for a year after the reporting year is a warning, since
    /// it is shown but not graded until `reporting_year` moves.
    fn actuals(&mut self, raw: &BTreeMap<u16, Located<RawValue>>) -> BTreeMap<FiscalYear, Value> {
        for (&year, value) in raw {
            // Only between the plan's years: another year is an error of its own.
            let later = |r: &FiscalYear| {
                FiscalYear(year) > *r && self.years.contains(r) && self.years.contains(&FiscalYear(year))
            };
            if let Some(reporting) = self.reporting_year.filter(later) {
                let loc = self.at(value);
                let (year_label, reporting_label) = (FiscalYear(year).label(Lang::En), reporting.label(Lang::En));
                let message = self.about(format!(
                    "an actual for {year_label} is written, but the reporting year is {reporting_label}: it is shown, not graded"
                ));
                self.diagnostics.push(Diagnostic::warning(Code::NotYetReported, loc, message).help(format!(
                    "when the {year_label} results are published, set plan.reporting_year: {year} in site.yaml; until then statuses are as of {reporting_label}"
                )));
            }
        }
        self.yearly_values(raw)
    }

    fn yearly_values(&mut self, raw: &BTreeMap<u16, Located<RawValue>>) -> BTreeMap<FiscalYear, Value> {
        raw.iter().map(|(&year, value)| (self.plan_year(year, value), self.value(value))).collect()
    }

    fn value(&mut self, raw: &Located<RawValue>) -> Value {
        let check_number = |v: &mut Self, n: f64| {
            if n < 0.0 || !n.is_finite() {
                v.error(
                    Code::NotANumber, raw,
                    format!("{n} is negative; targets, actuals and rates cannot be"),
                    "write the number as printed; where the source prints a minus, keep it in {value, printed} and add a note",
                );
            }
        };
        match raw.get() {
            RawValue::Number(n) => {
                check_number(self, *n);
                Value::Number(*n)
            }
            RawValue::Printed { value, printed } => {
                if let Some(n) = value {
                    check_number(self, *n);
                }
                Value::Printed { value: *value, printed: printed.clone() }
            }
            RawValue::Word(word) => match word.as_str() {
                "ー" | "-" | "－" | "―" => Value::Absent { printed: word.clone() },
                "検討中" => Value::UnderConsideration,
                other => {
                    let hint = if other.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
                        format!(
                            "write numbers without thousands separators or units (e.g. 16000, not \"16,000\"); for a cell that prints more than a number use {{value: <number>, printed: {other:?}}}"
                        )
                    } else {
                        "write a number, \"ー\" (no value that year) or \"検討中\" (under consideration)".to_owned()
                    };
                    self.error(Code::NotANumber, raw, format!("{other:?} is not a number"), hint);
                    Value::Absent { printed: other.to_owned() }
                }
            },
        }
    }
}
