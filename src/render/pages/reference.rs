//! The reference pages: methodology, free pages, related plans, search, downloads, the
//! accessibility statement, the root redirect and the 404 page.

use super::{PageBuilder, PageSpec};
use crate::compute::Status;
use crate::lang::Lang;
use crate::model::{ActivationPlan, GradingMethod, Page};
use crate::render::data::{COLUMNS, Download, READING_NOTES};
use crate::render::localise::with_site_names;
use crate::render::markdown::render_markdown;
use crate::render::paths::{self, root_of};
use crate::render::views::{
    AccessibilityView, ActivationPlanView, ColumnView, Crumb, DataView, MethodologyView, PageView, ProjectView,
    SearchView, SectionView, StatusView,
};

impl PageBuilder<'_> {
    /// The page that states how statuses are decided.
    pub(crate) fn methodology(&self) -> PageSpec<MethodologyView> {
        let lang = self.lang();
        let path = paths::methodology(lang);
        let config = &self.site.config;
        let g = config.grading;
        let fill = |key: &str| {
            self.words
                .label(key)
                .replace("{achieved_at}", &crate::number::format_number(g.achieved_at))
                .replace("{on_track_at}", &g.on_track_at.map(crate::number::format_number).unwrap_or_default())
                .replace("{reporting_year}", &config.reporting_year.label(lang))
        };
        let rule = match g.method {
            GradingMethod::Pace => fill("rule_pace"),
            GradingMethod::Bands => fill("rule_bands"),
        };
        let statuses: Vec<StatusView> = Status::ALL.iter().map(|s| self.words.status(*s)).collect();
        let title = self.words.label("methodology");
        let rule = vec![rule, fill("rule_common"), fill("count_rule"), fill("rule_printed")];
        let view = MethodologyView { rule, statuses };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        PageSpec {
            meta: self.meta(&path, &paths::methodology, title.clone(), title, breadcrumbs),
            path,
            template: "methodology.html",
            view,
            charts: 0,
        }
    }

    /// A free page, in this language or, until translated, in another.
    pub(crate) fn page(&self, page: &Page) -> Option<PageSpec<PageView>> {
        let lang = self.lang();
        let (content_lang, markdown) = page.markdown.get_key_value(&lang).or_else(|| page.markdown.iter().next())?;
        let rendered = render_markdown(markdown);
        let path = paths::page(lang, &page.name);
        let title = rendered.title.clone().unwrap_or_else(|| page.name.clone());
        let fallback = *content_lang != lang;
        let view = PageView {
            html: rendered.html,
            content_lang: fallback.then(|| content_lang.code()),
            fallback: fallback.then(|| self.words.label("translation_pending")),
        };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        Some(PageSpec {
            meta: self.meta(&path, &|l| paths::page(l, &page.name), title.clone(), title, breadcrumbs),
            path,
            template: "page.html",
            view,
            charts: 0,
        })
    }

    /// A related plan's page, with links to the actions it shares with the plan.
    pub(crate) fn activation_plan(&self, plan: &ActivationPlan) -> PageSpec<ActivationPlanView> {
        let lang = self.lang();
        let path = paths::activation_plan(lang, &plan.name);
        let title = self.words.plain(&plan.title);
        let sections = plan
            .sections
            .iter()
            .map(|s| SectionView {
                heading: self.words.text(&s.heading),
                text: s.text.as_ref().map(|t| self.words.text(t)),
                projects: s
                    .projects
                    .iter()
                    .map(|p| ProjectView {
                        name: self.words.text(&p.name),
                        actions: p.actions.iter().filter_map(|id| self.action_href(&path, id)).collect(),
                    })
                    .collect(),
            })
            .collect();
        let view = ActivationPlanView {
            title: self.words.text(&plan.title),
            municipality: self.words.text(&plan.municipality),
            period: format!("{}–{}", plan.period.0.label(lang), plan.period.1.label(lang)),
            aim: self.words.text(&plan.aim),
            captions: plan.captions.iter().map(|c| self.words.text(c)).collect(),
            sections,
            notes: self.words.notes(&plan.notes, false),
        };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        PageSpec {
            meta: self.meta(&path, &|l| paths::activation_plan(l, &plan.name), title.clone(), title, breadcrumbs),
            path,
            template: "activation_plan.html",
            view,
            charts: 0,
        }
    }

    /// The search page.
    pub(crate) fn search(&self) -> PageSpec<SearchView> {
        let path = paths::search(self.lang());
        let root = root_of(&path);
        let view = SearchView {
            index_href: format!("{root}search-index.json"),
            script_href: format!("{root}assets/search.js"),
        };
        self.simple(path, &paths::search, "search", "search.html", view)
    }

    /// The downloads page.
    pub(crate) fn data(&self) -> PageSpec<DataView> {
        let path = paths::data(self.lang());
        let (goal_files, files): (Vec<&Download>, Vec<&Download>) =
            self.downloads.iter().partition(|d| d.goal.is_some());
        let in_language = |ja: &str, en: &str| {
            let text = match self.lang() {
                Lang::Ja => ja,
                Lang::En => en,
            };
            with_site_names(text, &self.site.config, self.lang())
        };
        let view = DataView {
            files: files.iter().map(|d| self.download(&path, d)).collect(),
            goal_files: goal_files
                .iter()
                .map(|d| {
                    let mut view = self.download(&path, d);
                    let goal = self.site.goals.iter().find(|g| Some(&g.id) == d.goal.as_ref());
                    if let Some(goal) = goal {
                        view.title = self.words.titled(&self.goal_label(goal), &goal.title);
                    }
                    view
                })
                .collect(),
            columns: COLUMNS
                .iter()
                .map(|(name, ja, en)| ColumnView { name, description: self.words.mark(in_language(ja, en)) })
                .collect(),
            reading: READING_NOTES.iter().map(|(ja, en)| self.words.mark(in_language(ja, en))).collect(),
        };
        self.simple(path, &paths::data, "data", "data.html", view)
    }

    /// The accessibility statement, with the figures of the latest automated checks.
    pub(crate) fn accessibility(&self) -> PageSpec<AccessibilityView> {
        let view = AccessibilityView { results: self.site.config.accessibility.clone() };
        self.simple(
            paths::accessibility(self.lang()),
            &paths::accessibility,
            "accessibility",
            "accessibility.html",
            view,
        )
    }

    /// The page shown for an address that does not exist, in every language at once. It is
    /// served at any depth, so its links are absolute.
    pub(crate) fn not_found(&self) -> PageSpec<()> {
        let mut spec = self.redirect();
        let base = &self.site.config.base_url;
        spec.path = "404".to_owned();
        spec.template = "404.html";
        spec.meta.home = format!("{base}{}", paths::home(self.lang()));
        for alt in &mut spec.meta.alternates {
            alt.href = alt.absolute.clone();
        }
        spec
    }

    /// The site root: sends readers to the default language, with links for everyone else.
    pub(crate) fn redirect(&self) -> PageSpec<()> {
        let lang = self.lang();
        let title = self.words.plain(&self.site.config.title);
        let mut meta = self.meta("", &paths::home, title.clone(), title, Vec::new());
        meta.home = paths::home(lang);
        PageSpec { path: String::new(), template: "redirect.html", meta, view: (), charts: 0 }
    }
}
