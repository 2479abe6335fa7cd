//! Re-listed copies (再掲): a copy names its original with `relisted_from` and writes only what it
//! prints differently. After every goal area is validated, [`Copies::fill`] gives each copy the
//! fields it left out, taken from its *validated* original, so the same data is checked once,
//! where it is written.

use std::collections::HashMap;

use super::Validator;
use crate::diagnostics::Code;
use crate::load::Sourced;
use crate::model::{Action, Goal};
use crate::raw::{Located, RawAction, RawGoal};

/// Which fields a copy leaves out, to take from its original.
#[derive(Debug, Clone, Copy)]
struct LeftOut {
    project: bool,
    implementation_plan: bool,
    priority: bool,
    description: bool,
    roadmaps: bool,
    indicators: bool,
    done: bool,
}

impl LeftOut {
    fn of(raw: &RawAction) -> Self {
        Self {
            project: raw.project.is_none(),
            implementation_plan: raw.implementation_plan.is_none(),
            priority: raw.priority.is_none(),
            description: raw.description.is_none(),
            roadmaps: raw.roadmaps.is_none(),
            indicators: raw.indicators.is_none(),
            done: raw.done.is_none(),
        }
    }
}

/// Every action's `relisted_from` as written, by id, and the copies waiting for their fields.
pub(super) struct Copies<'a> {
    relisted_from: HashMap<&'a str, Option<&'a str>>,
    waiting: HashMap<String, (String, LeftOut)>,
}

impl<'a> Copies<'a> {
    /// Indexes every action of `goals` (the first of two with one id).
    pub(super) fn index(goals: &'a [Sourced<RawGoal>]) -> Self {
        let mut relisted_from = HashMap::new();
        for action in goals.iter().flat_map(|g| g.value.actions()) {
            relisted_from
                .entry(action.id.get().as_str())
                .or_insert(action.relisted_from.as_ref().map(|r| r.get().as_str()));
        }
        Self { relisted_from, waiting: HashMap::new() }
    }

    /// Notes a copy whose original was found, with what it leaves out.
    pub(super) fn remember(&mut self, raw: &RawAction) {
        if let Some(from) = &raw.relisted_from {
            self.waiting.insert(raw.id.get().clone(), (from.get().clone(), LeftOut::of(raw)));
        }
    }

    /// Gives each waiting copy the fields it left out, from its validated original.
    pub(super) fn fill(self, goals: &mut [Goal]) {
        let mut originals: HashMap<String, Action> = HashMap::new();
        for action in goals.iter().flat_map(Goal::actions) {
            if action.relisted_from.is_none() && self.waiting.values().any(|(from, _)| from == &action.id) {
                originals.entry(action.id.clone()).or_insert_with(|| action.clone());
            }
        }
        for copy in goals.iter_mut().flat_map(Goal::actions_mut) {
            let Some((from, left_out)) = self.waiting.get(&copy.id) else { continue };
            let Some(original) = originals.get(from) else { continue };
            take_left_out(copy, original, *left_out);
        }
    }
}

fn take_left_out(copy: &mut Action, original: &Action, left_out: LeftOut) {
    if left_out.project {
        copy.project.clone_from(&original.project);
    }
    if left_out.implementation_plan {
        copy.implementation_plan = original.implementation_plan;
    }
    if left_out.priority {
        copy.priority = original.priority;
    }
    if left_out.description {
        copy.description.clone_from(&original.description);
    }
    if left_out.roadmaps {
        copy.roadmaps.clone_from(&original.roadmaps);
    }
    if left_out.indicators {
        copy.indicators.clone_from(&original.indicators);
    }
    if left_out.done {
        copy.done.clone_from(&original.done);
    }
}

impl Validator<'_> {
    /// Whether the original a copy re-lists exists and is not itself a copy; a copy of itself,
    /// a dangling or a chained reference is reported.
    pub(super) fn relisting(&mut self, raw: &RawAction, from: &Located<String>, copies: &Copies<'_>) -> bool {
        let target = from.get();
        if target == raw.id.get() {
            self.error(
                Code::Relisting,
                from,
                "it cannot re-list itself",
                format!("set relisted_from to the id of the original {}", self.names.action),
            );
            return false;
        }
        match copies.relisted_from.get(target.as_str()) {
            None if !self.check_references => false,
            None => {
                self.error(
                    Code::DanglingReference,
                    from,
                    format!("relisted_from points at {target:?}, but no {} has that id", self.names.action),
                    format!(
                        "use the id of the original {} (e.g. 1-1-2-1); search the goals folder for it",
                        self.names.action
                    ),
                );
                false
            }
            Some(Some(original)) => {
                self.error(
                    Code::Relisting,
                    from,
                    format!("relisted_from points at {target:?}, which is itself a re-listed copy"),
                    format!("point at the original {} instead: {original:?}", self.names.action),
                );
                false
            }
            Some(None) => true,
        }
    }
}
