//! The indicators that can be imported: every indicator written in a goal-area file, with the
//! action, policy and goal area it is written under.

use std::collections::HashMap;

use crate::load::{RawContent, Sourced};
use crate::model::LevelNames;
use crate::raw::{RawAction, RawGoal, RawIndicator, RawPolicy};

/// An indicator as written in a file, with what it is written under.
pub(super) struct Entry<'a> {
    /// Which goal-area file (an index into [`RawContent::goals`]).
    pub(super) file: usize,
    /// The goal-area file.
    pub(super) goal: &'a Sourced<RawGoal>,
    /// The policy it is written under.
    pub(super) policy: &'a RawPolicy,
    /// The action it is written under (which holds `done`).
    pub(super) action: &'a RawAction,
    /// The indicator.
    pub(super) indicator: &'a RawIndicator,
}

/// Every importable indicator, in content order, and every action by id.
pub(super) struct Index<'a> {
    /// The indicators in the order of the files.
    pub(super) entries: Vec<Entry<'a>>,
    by_id: HashMap<&'a str, usize>,
    actions: HashMap<&'a str, &'a RawAction>,
    /// What the site calls its levels, for messages.
    pub(super) names: LevelNames,
}

impl<'a> Index<'a> {
    /// Indexes the goal-area files of `raw`.
    pub(super) fn new(raw: &'a RawContent) -> Self {
        let mut entries = Vec::new();
        let mut actions = HashMap::new();
        for (file, goal) in raw.goals.iter().enumerate() {
            for policy in &goal.value.policies {
                for action in policy.actions() {
                    actions.entry(action.id.get().as_str()).or_insert(action);
                    for indicator in action.indicators.iter().flatten() {
                        entries.push(Entry { file, goal, policy, action, indicator });
                    }
                }
            }
        }
        let mut by_id = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            by_id.entry(entry.indicator.id.get().as_str()).or_insert(i);
        }
        let names = raw.site.as_ref().map(|s| s.value.levels.names()).unwrap_or_default();
        Self { entries, by_id, actions, names }
    }

    /// The position in [`Index::entries`] of the indicator written with `id`.
    pub(super) fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Whether some action (and not an indicator) has `id`.
    pub(super) fn is_action(&self, id: &str) -> bool {
        self.actions.contains_key(id)
    }

    /// The action `action` takes its `done` texts from: its original when it is a re-listed copy
    /// that writes no `done` of its own while the original does.
    pub(super) fn done_source(&self, action: &'a RawAction) -> Option<&'a RawAction> {
        if action.done.is_some() {
            return None;
        }
        let original = self.actions.get(action.relisted_from.as_ref()?.get().as_str())?;
        original.done.is_some().then_some(*original)
    }
}
