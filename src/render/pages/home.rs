//! The home page: the plan's roll-up and a card per goal area, grouped by basic policy.

use super::{PageBuilder, PageSpec};
use crate::compute::{Status, StatusCounts};
use crate::render::localise::partly_lost;
use crate::render::markdown::render_markdown;
use crate::render::paths::{self, root_of};
use crate::render::views::{AnswerView, GroupView, HomeView, ItemLink, TextLink};

impl PageBuilder<'_> {
    /// The home page: the plan's roll-up and a card per goal area.
    pub(crate) fn home(&self) -> PageSpec<HomeView> {
        let lang = self.lang();
        let path = paths::home(lang);
        let root = root_of(&path);
        let config = &self.site.config;
        let title = self.words.plain(&config.title);
        let overview = self.words.label("status_overview");
        let overview_heading = self.words.label("plan_overview");
        let mut groups: Vec<GroupView> = Vec::new();
        let mut current: Option<Option<usize>> = None;
        for goal in &self.site.goals {
            if current != Some(goal.basic_policy) {
                current = Some(goal.basic_policy);
                let bp = goal.basic_policy.and_then(|i| self.site.basic_policies.get(i));
                groups.push(GroupView {
                    label: bp.map(|b| format!("{} {}", self.words.plain(&config.levels.basic_policy), b.id)),
                    title: bp.map(|b| self.words.text(&b.title)),
                    missing: bp.is_some_and(|b| partly_lost(&b.title, &b.notes)),
                    notes: bp.map(|b| self.words.notes(&b.notes, false)).unwrap_or_default(),
                    goals: Vec::new(),
                });
            }
            let card = self.card(
                format!("{root}{}", paths::goal(lang, &goal.id)),
                self.goal_label(goal),
                (&goal.title, &goal.notes),
                "answer_of_goal_area",
                self.progress.current.counts.goals.get(&goal.id),
            );
            if let Some(group) = groups.last_mut() {
                group.goals.push(card);
            }
        }
        let activation_plans = self
            .site
            .activation_plans
            .iter()
            .map(|p| TextLink {
                href: format!("{root}{}", paths::activation_plan(lang, &p.name)),
                title: self.words.text(&p.title),
            })
            .collect();
        let intro = self
            .site
            .pages
            .iter()
            .find(|p| p.name == "home")
            .and_then(|p| p.markdown.get(&lang))
            .map(|md| render_markdown(md).html);
        let view = HomeView {
            answer: self.plan_answer(&path),
            activation_plans_intro: self
                .words
                .label("activation_plans_intro")
                .replace("{n}", &self.site.activation_plans.len().to_string()),
            rollup: self.rollup("rollup-plan", overview.clone(), &self.progress.current.counts.plan),
            overview_heading,
            groups,
            activation_plans,
            intro,
        };
        let description = format!("{} — {}", title, self.words.plain(&config.organisation));
        PageSpec {
            meta: self.meta(&path, &paths::home, self.words.label("home"), description, Vec::new()),
            path,
            template: "home.html",
            charts: usize::from(view.rollup.is_some()),
            view,
        }
    }

    /// How the whole plan is doing, the goal areas with something behind, and how the plan's
    /// count relates to the sum of the goal areas' (re-listed indicators count in both).
    fn plan_answer(&self, root_path: &str) -> AnswerView {
        let root = root_of(root_path);
        let plan = &self.progress.current.counts.plan;
        let mut listed = StatusCounts::default();
        let mut behind = Vec::new();
        for goal in &self.site.goals {
            let counts = self.progress.current.counts.goals.get(&goal.id).copied().unwrap_or_default();
            listed.merge(&counts);
            if counts.get(Status::Behind) > 0 {
                behind.push(ItemLink {
                    href: format!("{root}{}", paths::goal(self.lang(), &goal.id)),
                    code: self.goal_label(goal),
                    title: self.words.text(&goal.title),
                    note: Some(self.words.counted("behind_count", counts.get(Status::Behind))),
                });
            }
        }
        let mut counting = (plan.total() > 0).then(|| self.words.label("count_rule"));
        if listed.total() != plan.total()
            && let Some(counting) = &mut counting
        {
            let note = self.words.label("plan_count_note");
            let note = note.replace("{n}", &plan.total().to_string()).replace("{m}", &listed.total().to_string());
            counting.push(' ');
            counting.push_str(&note);
        }
        AnswerView {
            sentence: self.sentence("answer_of_plan", plan),
            summary: None,
            behind_heading: self.words.label("behind_goal_areas"),
            behind,
            counting,
            changes: (plan.total() > 0)
                .then(|| self.changes_line(root_path, self.progress.changes.as_ref().map(|c| &c.counts.plan))),
        }
    }
}
