//! Related plans (the activation plans of this and other municipalities), and the links from
//! each action to the plans that name it.

use std::collections::HashMap;
use std::sync::Arc;

use super::Validator;
use super::ids::IdRegistry;
use crate::diagnostics::Code;
use crate::fiscal::FiscalYear;
use crate::load::Sourced;
use crate::model::{ActivationPlan, Goal, Project, Section};
use crate::raw::RawActivationPlan;

/// The fiscal years a plan may name: from the first year of 平成 to the end of the century.
pub(super) const SENSIBLE_YEARS: std::ops::RangeInclusive<u16> = 1989..=2100;

/// The longest period of a related plan, in fiscal years.
const MAX_PERIOD_YEARS: u16 = 10;

impl Validator<'_> {
    pub(super) fn activation_plan(&mut self, raw: &Sourced<RawActivationPlan>, actions: &IdRegistry) -> ActivationPlan {
        self.file = Arc::clone(&raw.file);
        self.within(format!("related plan {}", raw.stem), |v| v.activation_plan_body(raw, actions))
    }

    fn activation_plan_body(&mut self, raw: &Sourced<RawActivationPlan>, actions: &IdRegistry) -> ActivationPlan {
        let p = &raw.value;
        let (from, to) = (FiscalYear(*p.period.from.get()), FiscalYear(*p.period.to.get()));
        if from > to {
            self.error(
                Code::Period,
                &p.period.to,
                "the period ends before it starts",
                "write period: {from: 2024, to: 2026}",
            );
        } else if !SENSIBLE_YEARS.contains(&from.0) || !SENSIBLE_YEARS.contains(&to.0) {
            self.error(
                Code::Period,
                &p.period.to,
                format!("the period {}–{} is not a plan period", from.0, to.0),
                "write the fiscal years as the Gregorian years they start, e.g. period: {from: 2024, to: 2026}",
            );
        } else if to.0 - from.0 >= MAX_PERIOD_YEARS {
            self.error(
                Code::Period,
                &p.period.to,
                format!("the period {}–{} lasts {} fiscal years", from.0, to.0, to.0 - from.0 + 1),
                format!("a related plan runs at most {MAX_PERIOD_YEARS} years; check the last year for a typo (e.g. 2036 for 2026)"),
            );
        }
        ActivationPlan {
            name: raw.stem.clone(),
            municipality: self.text(&p.municipality),
            title: self.text(&p.title),
            period: (from, to),
            aim: self.text(&p.aim),
            captions: p.captions.iter().map(|c| self.text(c)).collect(),
            sections: p
                .sections
                .iter()
                .map(|s| Section {
                    heading: self.text(&s.heading),
                    text: s.text.as_ref().map(|t| self.text(t)),
                    projects: s
                        .projects
                        .iter()
                        .map(|pr| Project {
                            name: self.text(&pr.name),
                            actions: pr
                                .actions
                                .iter()
                                .map(|a| {
                                    if self.check_references && !actions.seen.contains_key(a.get()) {
                                        self.error(
                                            Code::DanglingReference,
                                            a,
                                            format!("no {} has the id {:?}", self.names.action, a.get()),
                                            format!(
                                                "use the id of one of the {}s in goals/*.yaml, e.g. 1-1-1-1",
                                                self.names.action
                                            ),
                                        );
                                    }
                                    a.get().clone()
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            notes: self.notes(&p.notes),
        }
    }
}

/// Records on each action the related plans that name it.
pub(super) fn link_activation_plans(goals: &mut [Goal], plans: &[ActivationPlan]) {
    let mut by_action: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, plan) in plans.iter().enumerate() {
        for id in plan.sections.iter().flat_map(|s| &s.projects).flat_map(|p| &p.actions) {
            let list = by_action.entry(id.as_str()).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
    }
    for action in goals.iter_mut().flat_map(Goal::actions_mut) {
        let key = action.relisted_from.as_deref().unwrap_or(&action.id);
        if let Some(list) = by_action.get(key) {
            action.activation_plans = list.clone();
        }
    }
}
