//! The pages of time: what changed since the previous year (every indicator whose status
//! moved, grouped by goal area, with links), and the list of past editions.

use super::{PageBuilder, PageSpec};
use crate::compute::Change;
use crate::editions;
use crate::fiscal::FiscalYear;
use crate::render::Release;
use crate::render::paths::{self, root_of};
use crate::render::views::{ChangeGroup, ChangedItem, ChangesView, EditionsView, Link};

impl PageBuilder<'_> {
    /// What changed since the previous year. In a plan's first year with results, the page says
    /// that there is no earlier year to compare with.
    pub(crate) fn changes(&self) -> PageSpec<ChangesView> {
        let lang = self.lang();
        let path = paths::changes(lang);
        let root = root_of(&path);
        let config = &self.site.config;
        let year = config.reporting_year.label(lang);
        let changes = self.progress.changes.as_ref();
        let groups = changes
            .map(|changes| {
                self.site
                    .goals
                    .iter()
                    .filter_map(|goal| {
                        let items: Vec<ChangedItem> = self
                            .indicator_items(&path, &goal.policies)
                            .into_iter()
                            .filter_map(|(href, code, indicator)| {
                                let (since, was, change) = self.progress.change(&indicator.id)?;
                                (change != Change::Unchanged).then(|| ChangedItem {
                                    href,
                                    code,
                                    title: self.words.text(&indicator.name),
                                    was: self.words.status(was),
                                    now: self.words.status(self.progress.current.status(&indicator.id)),
                                    change: self.words.change(change, &since.label(lang), was),
                                })
                            })
                            .collect();
                        let counts = changes.counts.goals.get(&goal.id).copied().unwrap_or_default();
                        (!items.is_empty()).then(|| ChangeGroup {
                            label: self.goal_label(goal),
                            href: format!("{root}{}", paths::goal(lang, &goal.id)),
                            title: self.words.text(&goal.title),
                            sentence: self.words.changes_sentence(&counts, &changes.since.label(lang)),
                            items,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let view = ChangesView {
            intro: self.changes_line(&path, changes.map(|c| &c.counts.plan)).sentence,
            compared: changes.is_some(),
            columns: vec![
                self.words.plain(&config.levels.indicator),
                changes.map(|c| c.since.label(lang)).unwrap_or_default(),
                year.clone(),
                self.words.label("change"),
            ],
            groups,
            none: self.words.label("changes_none"),
        };
        let mut spec = self.simple(path, &paths::changes, "changes", "changes.html", view);
        spec.meta.title = self.words.label("changes_title").replace("{year}", &year);
        spec
    }
}

impl PageBuilder<'_> {
    /// The list of past editions, newest first, on the latest edition.
    pub(crate) fn editions(&self) -> PageSpec<EditionsView> {
        let lang = self.lang();
        let path = paths::editions(lang);
        let root = root_of(&path);
        let past: &[u16] = match self.release {
            Release::Latest { past } => past,
            Release::Past { .. } => &[],
        };
        let view = EditionsView {
            intro: self.words.label("editions_intro"),
            editions: past
                .iter()
                .rev()
                .map(|&year| Link {
                    href: format!("{root}{}{}", editions::folder(year), paths::home(lang)),
                    title: self.words.label("edition_name").replace("{year}", &FiscalYear(year).label(lang)),
                })
                .collect(),
        };
        self.simple(path, &paths::editions, "editions", "editions.html", view)
    }
}
