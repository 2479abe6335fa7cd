//! The home page: the plan's roll-up and a card per goal area, grouped by basic policy.

use super::{PageBuilder, PageSpec};
use crate::render::localise::has_missing_text;
use crate::render::markdown::render_markdown;
use crate::render::paths::{self, root_of};
use crate::render::views::{GroupView, HomeView, TextLink};

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
                    missing: bp.is_some_and(|b| has_missing_text(&b.notes)),
                    notes: bp.map(|b| self.words.notes(&b.notes)).unwrap_or_default(),
                    goals: Vec::new(),
                });
            }
            let card = self.card(
                format!("{root}{}", paths::goal(lang, &goal.id)),
                self.goal_label(goal),
                &goal.title,
                &goal.notes,
                self.progress.goals.get(&goal.id),
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
            rollup: self.rollup("rollup-plan", overview.clone(), &self.progress.plan),
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
            view,
            charts: 1,
        }
    }
}
