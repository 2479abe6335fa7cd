//! Ids: each namespace reports a duplicate with the place of its first use.

use std::collections::HashMap;

use super::Validator;
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::model::LevelNames;
use crate::raw::Located;

/// Ids seen so far, to report duplicates with the place of the first use.
pub(super) struct IdRegistry {
    what: String,
    pub(super) seen: HashMap<String, Loc>,
}

impl IdRegistry {
    pub(super) fn new(what: String) -> Self {
        Self { what, seen: HashMap::new() }
    }
}

/// The id namespaces of a site.
pub(super) struct SiteIds {
    pub(super) goals: IdRegistry,
    pub(super) policies: IdRegistry,
    pub(super) actions: IdRegistry,
    pub(super) indicators: IdRegistry,
}

impl SiteIds {
    /// Empty namespaces, named in messages as the site names its levels.
    pub(super) fn new(names: &LevelNames) -> Self {
        Self {
            goals: IdRegistry::new(names.goal_area.clone()),
            policies: IdRegistry::new(names.policy.clone()),
            actions: IdRegistry::new(names.action.clone()),
            indicators: IdRegistry::new(names.indicator.clone()),
        }
    }
}

impl Validator<'_> {
    /// Checks an id's spelling and uniqueness.
    pub(super) fn id(&mut self, raw: &Located<String>, registry: &mut IdRegistry) -> String {
        let id = raw.get().clone();
        let loc = self.at(raw);
        let what = registry.what.clone();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidId,
                    loc.clone(),
                    format!("{what} id {id:?} may use only ASCII letters, digits, -, _ and ."),
                )
                .help("ids appear in URLs and file names; e.g. 1-1 or 1-1-3-1"),
            );
        }
        if let Some(first) = registry.seen.get(&id) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    loc,
                    format!("duplicate {what} id {id:?}; it is first used at {first}"),
                )
                .help("every id must be unique in the site: give this one another id"),
            );
        } else {
            registry.seen.insert(id.clone(), loc);
        }
        id
    }
}
