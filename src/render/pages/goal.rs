//! A goal area's page: its roll-up and a card per policy.

use super::{PageBuilder, PageSpec};
use crate::model::Goal;
use crate::render::localise::partly_lost;
use crate::render::paths::{self, root_of};
use crate::render::views::{Crumb, DownloadView, GoalView};

impl PageBuilder<'_> {
    /// A goal area's page: its roll-up and its policies.
    pub(crate) fn goal(&self, goal: &Goal) -> PageSpec<GoalView> {
        let lang = self.lang();
        let path = paths::goal(lang, &goal.id);
        let root = root_of(&path);
        let config = &self.site.config;
        let label = self.goal_label(goal);
        let title = self.words.titled(&label, &goal.title);
        let counts = self.progress.current.counts.goals.get(&goal.id).copied().unwrap_or_default();
        let policies = goal
            .policies
            .iter()
            .map(|p| {
                let href = format!("{root}{}", paths::policy(lang, &p.id));
                let counts = self.progress.current.counts.policies.get(&p.id);
                self.card(href, p.id.clone(), (&p.title, &p.notes), "answer_of_policy", counts)
            })
            .collect();
        let bp = goal.basic_policy.and_then(|i| self.site.basic_policies.get(i));
        let view = GoalView {
            label: label.clone(),
            title: self.words.text(&goal.title),
            missing: partly_lost(&goal.title, &goal.notes),
            basic_policy_label: bp.map(|b| format!("{} {}", self.words.plain(&config.levels.basic_policy), b.id)),
            basic_policy: bp.map(|b| self.words.text(&b.title)),
            notes: self.words.notes(&goal.notes, false),
            answer: self.answer(
                &path,
                ("answer_of_goal_area", &counts),
                (goal.summary.as_ref(), self.progress.changes.as_ref().and_then(|c| c.counts.goals.get(&goal.id))),
                &goal.policies,
            ),
            rollup: self.rollup(&format!("rollup-goal-{}", goal.id), self.words.label("status_overview"), &counts),
            policies_heading: self.words.plain(&config.levels.policy),
            policies,
            data: self.downloads.iter().find(|d| d.kind == "csv_bom").map(|d| DownloadView {
                title: self.words.label("download_goal_csv").replace("{id}", &goal.id),
                ..self.download(&path, d)
            }),
        };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: label }];
        PageSpec {
            meta: self.meta(&path, &|l| paths::goal(l, &goal.id), title.clone(), title, breadcrumbs),
            path,
            template: "goal.html",
            charts: usize::from(view.rollup.is_some()),
            view,
        }
    }
}
