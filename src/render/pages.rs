//! One builder per kind of page: each turns part of the model into a localised view.

use std::collections::HashMap;

use super::charts::{IndicatorChart, YearBar, indicator_chart, rollup_chart};
use super::data::{COLUMNS, Download};
use super::markdown::render_markdown;
use super::views::{
    AccessibilityView, ActionView, ActivationPlanView, Alternate, ApproachView, CardView, ColumnView, Crumb, DataView,
    DownloadView, GoalView, GroupView, HomeView, IndicatorView, Link, Localiser, MeasureView, MethodologyView,
    PageMeta, PageView, PolicyView, ProjectView, RollupView, SearchView, SectionView, StatusView, TableRow, TextLink,
    TocEntry, YearText, circled, has_missing_text,
};
use crate::compute::{Progress, Status, StatusCounts, measure_key};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::model::{
    Action, ActivationPlan, Goal, GradingMethod, Indicator, IndicatorKind, Measure, Page, Policy, Site, Value,
};
use crate::number::format_percent;

/// A page ready to render: where it goes, which template lays it out, and what it shows.
pub struct PageSpec<V> {
    /// The page's folder, such as `ja/goals/1/` (empty for the site root).
    pub path: String,
    /// The template.
    pub template: &'static str,
    /// The frame.
    pub meta: PageMeta,
    /// The page's own view.
    pub view: V,
    /// How many charts the page holds.
    pub charts: usize,
}

impl<V> PageSpec<V> {
    /// The HTML file of the page: `ja/goals/1/index.html`, or `404.html` for a path without a
    /// trailing slash.
    pub fn file(&self) -> String {
        if self.path.is_empty() || self.path.ends_with('/') {
            format!("{}index.html", self.path)
        } else {
            format!("{}.html", self.path)
        }
    }
}

/// Where every action is listed, for links to originals and from related plans.
pub struct SiteIndex<'a> {
    /// Action id → the policy and measure it is listed under.
    pub actions: HashMap<&'a str, (&'a Policy, &'a Measure, &'a Action)>,
    /// Policies in site order.
    pub policies: Vec<(&'a Goal, &'a Policy)>,
    /// The title of each free page in each language (its first heading), for the footer.
    pub page_titles: HashMap<(Lang, &'a str), String>,
}

impl<'a> SiteIndex<'a> {
    /// Indexes `site`.
    pub fn new(site: &'a Site) -> Self {
        let policies = site.goals.iter().flat_map(|g| g.policies.iter().map(move |p| (g, p))).collect();
        let mut actions = HashMap::new();
        for l in site.listings() {
            actions.entry(l.action.id.as_str()).or_insert((l.policy, l.measure, l.action));
        }
        let mut page_titles = HashMap::new();
        for page in &site.pages {
            for &lang in &site.config.languages {
                let markdown = page.markdown.get(&lang).or_else(|| page.markdown.values().next());
                let title = markdown.and_then(|m| render_markdown(m).title).unwrap_or_else(|| page.name.clone());
                page_titles.insert((lang, page.name.as_str()), title);
            }
        }
        Self { actions, policies, page_titles }
    }
}

/// The folder of a page.
pub mod paths {
    use crate::lang::Lang;

    /// The home page of a language.
    pub fn home(lang: Lang) -> String {
        format!("{lang}/")
    }
    /// A goal area's page.
    pub fn goal(lang: Lang, id: &str) -> String {
        format!("{lang}/goals/{id}/")
    }
    /// A policy's page.
    pub fn policy(lang: Lang, id: &str) -> String {
        format!("{lang}/policies/{id}/")
    }
    /// The methodology page.
    pub fn methodology(lang: Lang) -> String {
        format!("{lang}/methodology/")
    }
    /// A free page.
    pub fn page(lang: Lang, name: &str) -> String {
        format!("{lang}/{name}/")
    }
    /// A related plan's page.
    pub fn activation_plan(lang: Lang, name: &str) -> String {
        format!("{lang}/activation-plans/{name}/")
    }
    /// The search page.
    pub fn search(lang: Lang) -> String {
        format!("{lang}/search/")
    }
    /// The downloads page.
    pub fn data(lang: Lang) -> String {
        format!("{lang}/data/")
    }
    /// The accessibility statement.
    pub fn accessibility(lang: Lang) -> String {
        format!("{lang}/accessibility/")
    }
}

/// The relative path from the page in folder `from` to the site root.
pub fn root_of(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// Builds the pages of one language.
pub struct PageBuilder<'a> {
    /// The site.
    pub site: &'a Site,
    /// What was computed.
    pub progress: &'a Progress,
    /// Lookups.
    pub index: &'a SiteIndex<'a>,
    /// Localisation for the language.
    pub l: Localiser<'a>,
    /// The data downloads.
    pub downloads: &'a [Download],
}

impl PageBuilder<'_> {
    fn lang(&self) -> Lang {
        self.l.lang
    }

    /// The frame of the page at `path`, which exists at `path_in(lang)` in every language.
    fn meta(
        &self,
        path: &str,
        path_in: &dyn Fn(Lang) -> String,
        title: String,
        description: String,
        breadcrumbs: Vec<Crumb>,
    ) -> PageMeta {
        let config = &self.site.config;
        let root = root_of(path);
        let alternates: Vec<Alternate> = config
            .languages
            .iter()
            .map(|&lang| Alternate {
                lang: lang.code(),
                name: lang.native_name(),
                href: format!("{root}{}", path_in(lang)),
                absolute: format!("{}{}", config.base_url, path_in(lang)),
            })
            .collect();
        let link = |to: String, label: &str| Link { href: format!("{root}{to}"), title: self.l.label(label) };
        let nav = vec![
            link(paths::home(self.lang()), "home"),
            link(paths::data(self.lang()), "data"),
            link(paths::search(self.lang()), "search"),
            link(paths::methodology(self.lang()), "methodology"),
        ];
        let mut footer_links = vec![link(paths::accessibility(self.lang()), "accessibility")];
        footer_links.extend(
            self.site.pages.iter().filter(|p| p.name != "home").map(|p| Link {
                href: format!("{root}{}", paths::page(self.lang(), &p.name)),
                title: self.page_title(p),
            }),
        );
        PageMeta {
            lang: self.lang().code(),
            site_title: self.l.plain(&config.title),
            organisation: self.l.plain(&config.organisation),
            title,
            description,
            canonical: format!("{}{path}", config.base_url),
            home: format!("{root}{}", paths::home(self.lang())),
            switch: alternates.iter().filter(|a| a.lang != self.lang().code()).cloned().collect(),
            alternates,
            root,
            nav,
            breadcrumbs,
            footer_links,
            reporting_year: config.reporting_year.label(self.lang()),
        }
    }

    fn crumb(&self, from: &str, to: String, title: String) -> Crumb {
        Crumb { href: Some(format!("{}{to}", root_of(from))), title }
    }

    fn home_crumb(&self, from: &str) -> Crumb {
        self.crumb(from, paths::home(self.lang()), self.l.label("home"))
    }

    fn goal_label(&self, goal: &Goal) -> String {
        format!("{} {}", self.l.plain(&self.site.config.levels.goal_area), goal.id)
    }

    fn rollup(&self, id: &str, caption: String, counts: &StatusCounts) -> RollupView {
        let (sep, end, colon) = self.l.punctuation();
        let parts: Vec<String> =
            Status::ALL.iter().map(|s| format!("{}{colon}{}", self.l.status(*s).label, counts.get(*s))).collect();
        let description = format!(
            "{caption}{colon}{}{end}{}{colon}{}",
            parts.join(sep),
            self.l.label("indicator_count"),
            counts.total()
        );
        let data: Vec<(Status, usize)> = Status::ALL.iter().map(|s| (*s, counts.get(*s))).collect();
        RollupView {
            chart: rollup_chart(id, &caption, &description, &data),
            table_caption: format!("{} ({})", caption, self.l.label("chart_table_caption")),
            caption,
            status_heading: self.l.label("status"),
            count_heading: self.l.label("indicator_count"),
            rows: self.l.count_rows(counts),
        }
    }

    /// A card for a goal area or policy, with its non-empty status counts.
    fn card(
        &self,
        href: String,
        label: String,
        title: &crate::model::Text,
        notes: &[crate::model::Note],
        counts: Option<&StatusCounts>,
    ) -> CardView {
        let counts = counts.copied().unwrap_or_default();
        CardView {
            href,
            label,
            title: self.l.text(title),
            missing: has_missing_text(notes),
            counts: self.l.count_rows(&counts).into_iter().filter(|r| r.count > 0).collect(),
        }
    }

    /// The home page: the plan's roll-up and a card per goal area.
    pub fn home(&self) -> PageSpec<HomeView> {
        let lang = self.lang();
        let path = paths::home(lang);
        let root = root_of(&path);
        let config = &self.site.config;
        let title = self.l.plain(&config.title);
        let overview = self.l.label("status_overview");
        let overview_heading = self.l.label("plan_overview");
        let mut groups: Vec<GroupView> = Vec::new();
        let mut current: Option<Option<usize>> = None;
        for goal in &self.site.goals {
            if current != Some(goal.basic_policy) {
                current = Some(goal.basic_policy);
                let bp = goal.basic_policy.and_then(|i| self.site.basic_policies.get(i));
                groups.push(GroupView {
                    label: bp.map(|b| format!("{} {}", self.l.plain(&config.levels.basic_policy), b.id)),
                    title: bp.map(|b| self.l.text(&b.title)),
                    missing: bp.is_some_and(|b| has_missing_text(&b.notes)),
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
                title: self.l.text(&p.title),
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
        let description = format!("{} — {}", title, self.l.plain(&config.organisation));
        PageSpec {
            meta: self.meta(&path, &paths::home, self.l.label("home"), description, Vec::new()),
            path,
            template: "home.html",
            view,
            charts: 1,
        }
    }

    /// A goal area's page: its roll-up and its policies.
    pub fn goal(&self, goal: &Goal) -> PageSpec<GoalView> {
        let lang = self.lang();
        let path = paths::goal(lang, &goal.id);
        let root = root_of(&path);
        let config = &self.site.config;
        let label = self.goal_label(goal);
        let title = format!("{label} {}", self.l.plain(&goal.title));
        let counts = self.progress.goals.get(&goal.id).copied().unwrap_or_default();
        let policies = goal
            .policies
            .iter()
            .map(|p| {
                let href = format!("{root}{}", paths::policy(lang, &p.id));
                self.card(href, p.id.clone(), &p.title, &p.notes, self.progress.policies.get(&p.id))
            })
            .collect();
        let bp = goal.basic_policy.and_then(|i| self.site.basic_policies.get(i));
        let view = GoalView {
            label: label.clone(),
            title: self.l.text(&goal.title),
            missing: has_missing_text(&goal.notes),
            basic_policy_label: bp.map(|b| format!("{} {}", self.l.plain(&config.levels.basic_policy), b.id)),
            basic_policy: bp.map(|b| self.l.text(&b.title)),
            notes: self.l.notes(&goal.notes),
            rollup: self.rollup(&format!("rollup-goal-{}", goal.id), self.l.label("status_overview"), &counts),
            policies_heading: self.l.plain(&config.levels.policy),
            policies,
            data: self
                .downloads
                .iter()
                .find(|d| d.goal.as_deref() == Some(goal.id.as_str()))
                .map(|d| self.download(&path, d)),
        };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: label }];
        PageSpec {
            meta: self.meta(&path, &|l| paths::goal(l, &goal.id), title.clone(), title, breadcrumbs),
            path,
            template: "goal.html",
            view,
            charts: 1,
        }
    }

    /// A policy's page: its measures, actions and indicators.
    pub fn policy(&self, position: usize) -> Option<PageSpec<PolicyView>> {
        let (goal, policy) = *self.index.policies.get(position)?;
        let lang = self.lang();
        let path = paths::policy(lang, &policy.id);
        let root = root_of(&path);
        let config = &self.site.config;
        let title = format!("{} {}", policy.id, self.l.plain(&policy.title));
        let mut charts = 1;
        let mut toc = Vec::new();
        let approaches = policy
            .approaches
            .iter()
            .enumerate()
            .map(|(ai, approach)| ApproachView {
                description: approach.description.as_ref().map(|d| self.l.text(d)),
                notes: self.l.notes(&approach.notes),
                measures: approach
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(mi, measure)| {
                        let key = measure_key(&policy.id, ai, mi);
                        let anchor = format!("m-{}-{}-{}", policy.id, ai + 1, mi + 1);
                        let counts = self.progress.measures.get(&key).copied().unwrap_or_default();
                        toc.push(TocEntry { anchor: anchor.clone(), title: self.l.text(&measure.title) });
                        charts += measure.actions.iter().map(|a| a.indicators.len()).sum::<usize>();
                        MeasureView {
                            anchor,
                            title: self.l.text(&measure.title),
                            under_consideration: measure.under_consideration,
                            counts: self.l.count_rows(&counts).into_iter().filter(|r| r.count > 0).collect(),
                            notes: self.l.notes(&measure.notes),
                            actions: measure.actions.iter().map(|a| self.action(a, &path)).collect(),
                        }
                    })
                    .collect(),
            })
            .collect();
        let neighbour = |p: Option<&(&Goal, &Policy)>| {
            p.map(|(_, p)| Link {
                href: format!("{root}{}", paths::policy(lang, &p.id)),
                title: format!("{} {}", p.id, self.l.plain(&p.title)),
            })
        };
        let counts = self.progress.policies.get(&policy.id).copied().unwrap_or_default();
        let view = PolicyView {
            id: policy.id.clone(),
            title: self.l.text(&policy.title),
            missing: has_missing_text(&policy.notes),
            goal_label: self.goal_label(goal),
            goal_href: format!("{root}{}", paths::goal(lang, &goal.id)),
            goal_title: self.l.text(&goal.title),
            notes: self.l.notes(&policy.notes),
            rollup: self.rollup(&format!("rollup-policy-{}", policy.id), self.l.label("status_overview"), &counts),
            toc,
            approaches,
            measure_label: self.l.plain(&config.levels.measure),
            pager_label: self.l.plain(&config.levels.policy),
            previous: neighbour(position.checked_sub(1).and_then(|i| self.index.policies.get(i))),
            next: neighbour(self.index.policies.get(position + 1)),
        };
        let breadcrumbs = vec![
            self.home_crumb(&path),
            self.crumb(&path, paths::goal(lang, &goal.id), self.goal_label(goal)),
            Crumb { href: None, title: policy.id.clone() },
        ];
        Some(PageSpec {
            meta: self.meta(&path, &|l| paths::policy(l, &policy.id), title.clone(), title, breadcrumbs),
            path,
            template: "policy.html",
            view,
            charts,
        })
    }

    /// A short name for an action in links: `1-1 ① Setagaya Pay …`.
    fn action_title(&self, policy: &Policy, measure: &Measure, action: &Action) -> String {
        let name = action.project.as_ref().unwrap_or(&measure.title);
        format!("{} {} {}", policy.id, circled(action.no), self.l.plain(name))
    }

    fn action_href(&self, from: &str, action_id: &str) -> Option<Link> {
        let (policy, measure, action) = self.index.actions.get(action_id)?;
        Some(Link {
            href: format!("{}{}#{}", root_of(from), paths::policy(self.lang(), &policy.id), action.id),
            title: self.action_title(policy, measure, action),
        })
    }

    fn action(&self, action: &Action, from: &str) -> ActionView {
        let years = |map: &std::collections::BTreeMap<FiscalYear, crate::model::Text>| -> Vec<YearText> {
            map.iter().map(|(y, t)| YearText { year: y.label(self.lang()), text: self.l.text(t) }).collect()
        };
        ActionView {
            anchor: action.id.clone(),
            number: circled(action.no),
            project: action.project.as_ref().map(|p| self.l.text(p)),
            relisted: action.relisted_from.as_deref().and_then(|id| self.action_href(from, id)),
            implementation_plan: action.implementation_plan,
            priority: action.priority,
            description: self.l.text(&action.description),
            roadmaps: action.roadmaps.iter().map(years).collect(),
            indicators: action
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| self.indicator(ind, &format!("{}.{}", action.id, i + 1), i, action.indicators.len()))
                .collect(),
            done: years(&action.done),
            notes: self.l.notes(&action.notes),
            activation_plans: action
                .activation_plans
                .iter()
                .filter_map(|&i| self.site.activation_plans.get(i))
                .map(|p| TextLink {
                    href: format!("{}{}", root_of(from), paths::activation_plan(self.lang(), &p.name)),
                    title: self.l.text(&p.title),
                })
                .collect(),
        }
    }

    fn indicator(&self, ind: &Indicator, anchor: &str, index: usize, siblings: usize) -> IndicatorView {
        let config = &self.site.config;
        let assessment = self.progress.indicators.get(&ind.id);
        let status = assessment.map_or(Status::NoData, |a| a.status);
        let rate = assessment.and_then(|a| a.rate);
        let expected = assessment.and_then(|a| a.expected_rate);
        let years = config.all_years();
        let name = match self.l.plain(&ind.name) {
            name if name.trim().is_empty() => self.l.label("text_missing"),
            name => name,
        };
        let (sep, end, colon) = self.l.punctuation();
        let series = |label: &str, values: &std::collections::BTreeMap<FiscalYear, Value>| {
            let items: Vec<String> = years
                .iter()
                .filter_map(|y| values.get(y).map(|v| format!("{} {}", y.label(self.lang()), self.l.value(Some(v)))))
                .collect();
            (!items.is_empty()).then(|| format!("{label}{colon}{}", items.join(sep)))
        };
        let mut description: Vec<String> = vec![name.clone()];
        description.extend(series(&self.l.label("target"), &ind.targets));
        description.extend(series(&self.l.label("actual"), &ind.actuals));
        if let Some(r) = rate {
            description.push(format!("{}{colon}{}", self.l.label("computed_rate"), format_percent(r)));
        }
        if let Some(e) = expected {
            description.push(format!("{}{colon}{}", self.l.label("expected_rate"), format_percent(e)));
        }
        description.push(format!("{}{colon}{}", self.l.label("status"), self.l.status(status).label));
        let description = description.join(end).trim_end().to_owned() + end.trim_end();
        let chart = indicator_chart(&IndicatorChart {
            id: &format!("chart-{anchor}"),
            title: &name,
            description: &description,
            years: years
                .iter()
                .map(|y| YearBar {
                    label: y.short_label(self.lang()),
                    target: ind.targets.get(y).and_then(Value::number),
                    actual: ind.actuals.get(y).and_then(Value::number),
                })
                .collect(),
            rate,
            expected_rate: expected,
            status,
        });
        let mut columns: Vec<String> = years.iter().map(|y| y.label(self.lang())).collect();
        columns.push(self.l.label("total"));
        let row = |label: String, values: &std::collections::BTreeMap<FiscalYear, Value>, total: Option<&Value>| {
            let mut cells: Vec<String> = years.iter().map(|y| self.l.value(values.get(y))).collect();
            cells.push(self.l.value(total));
            TableRow { label, cells }
        };
        let printed: Vec<String> = ind
            .printed_rate
            .iter()
            .filter(|(y, _)| **y == config.reporting_year)
            .map(|(_, (v, _))| match v.number() {
                Some(n) => format!("{n}%"),
                None => self.l.value(Some(v)),
            })
            .collect();
        IndicatorView {
            anchor: anchor.to_owned(),
            number: if siblings > 1 { circled(index as u32 + 1) } else { String::new() },
            name: self.l.text(&ind.name),
            unit: self.l.text(&ind.unit),
            kind: self.l.label(match ind.kind {
                IndicatorKind::Count => "kind_count",
                IndicatorKind::Level => "kind_level",
            }),
            status: self.l.status(status),
            rate: rate.map_or_else(|| self.l.label("no_value"), format_percent),
            printed_rate: printed.into_iter().next(),
            expected_rate: expected.map(format_percent),
            chart,
            table_caption: format!("{}{colon}{name}", self.l.label("chart_table_caption")),
            year_heading: self.l.label("status"),
            columns,
            rows: vec![
                row(self.l.label("target"), &ind.targets, ind.total.as_ref()),
                row(self.l.label("actual"), &ind.actuals, None),
            ],
            notes: self.l.notes(&ind.notes),
        }
    }

    /// The page that states how statuses are decided.
    pub fn methodology(&self) -> PageSpec<MethodologyView> {
        let lang = self.lang();
        let path = paths::methodology(lang);
        let config = &self.site.config;
        let g = config.grading;
        let fill = |key: &str| {
            self.l
                .label(key)
                .replace("{achieved_at}", &crate::number::format_number(g.achieved_at))
                .replace("{on_track_at}", &g.on_track_at.map(crate::number::format_number).unwrap_or_default())
                .replace("{reporting_year}", &config.reporting_year.label(lang))
        };
        let rule = match g.method {
            GradingMethod::Pace => fill("rule_pace"),
            GradingMethod::Bands => fill("rule_bands"),
        };
        let statuses: Vec<StatusView> = Status::ALL.iter().map(|s| self.l.status(*s)).collect();
        let title = self.l.label("methodology");
        let view = MethodologyView { rule: vec![rule, fill("rule_common"), fill("rule_printed")], statuses };
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        PageSpec {
            meta: self.meta(&path, &paths::methodology, title.clone(), title, breadcrumbs),
            path,
            template: "methodology.html",
            view,
            charts: 0,
        }
    }

    fn page_title(&self, page: &Page) -> String {
        self.index.page_titles.get(&(self.lang(), page.name.as_str())).cloned().unwrap_or_else(|| page.name.clone())
    }

    /// A free page, in this language or, until translated, in another.
    pub fn page(&self, page: &Page) -> Option<PageSpec<PageView>> {
        let lang = self.lang();
        let (content_lang, markdown) = page.markdown.get_key_value(&lang).or_else(|| page.markdown.iter().next())?;
        let rendered = render_markdown(markdown);
        let path = paths::page(lang, &page.name);
        let title = rendered.title.clone().unwrap_or_else(|| page.name.clone());
        let fallback = *content_lang != lang;
        let view = PageView {
            html: rendered.html,
            content_lang: fallback.then(|| content_lang.code()),
            fallback: fallback.then(|| self.l.label("translation_pending")),
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
    pub fn activation_plan(&self, plan: &ActivationPlan) -> PageSpec<ActivationPlanView> {
        let lang = self.lang();
        let path = paths::activation_plan(lang, &plan.name);
        let title = self.l.plain(&plan.title);
        let sections = plan
            .sections
            .iter()
            .map(|s| SectionView {
                heading: self.l.text(&s.heading),
                text: s.text.as_ref().map(|t| self.l.text(t)),
                projects: s
                    .projects
                    .iter()
                    .map(|p| ProjectView {
                        name: self.l.text(&p.name),
                        actions: p.actions.iter().filter_map(|id| self.action_href(&path, id)).collect(),
                    })
                    .collect(),
            })
            .collect();
        let view = ActivationPlanView {
            title: self.l.text(&plan.title),
            municipality: self.l.text(&plan.municipality),
            period: format!("{}–{}", plan.period.0.label(lang), plan.period.1.label(lang)),
            aim: self.l.text(&plan.aim),
            captions: plan.captions.iter().map(|c| self.l.text(c)).collect(),
            sections,
            notes: self.l.notes(&plan.notes),
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

    /// A download, described in this language.
    fn download(&self, from: &str, d: &Download) -> DownloadView {
        let size = if d.bytes >= 1_000_000 {
            format!("{:.1} MB", d.bytes as f64 / 1_000_000.0)
        } else {
            format!("{} KB", d.bytes.div_ceil(1000))
        };
        DownloadView {
            href: format!("{}{}", root_of(from), d.path),
            title: self.l.label(&format!("download_{}", d.kind)),
            format: self.l.label(&format!("format_{}", d.kind)),
            size,
        }
    }

    /// A page with only a title and a view, under home in the breadcrumbs.
    fn simple<V>(
        &self,
        path: String,
        path_in: &dyn Fn(Lang) -> String,
        label: &str,
        template: &'static str,
        view: V,
    ) -> PageSpec<V> {
        let title = self.l.label(label);
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        PageSpec { meta: self.meta(&path, path_in, title.clone(), title, breadcrumbs), path, template, view, charts: 0 }
    }

    /// The search page.
    pub fn search(&self) -> PageSpec<SearchView> {
        let path = paths::search(self.lang());
        let root = root_of(&path);
        let view = SearchView {
            index_href: format!("{root}search-index.json"),
            script_href: format!("{root}assets/search.js"),
        };
        self.simple(path, &paths::search, "search", "search.html", view)
    }

    /// The downloads page.
    pub fn data(&self) -> PageSpec<DataView> {
        let path = paths::data(self.lang());
        let (goal_files, files): (Vec<&Download>, Vec<&Download>) =
            self.downloads.iter().partition(|d| d.goal.is_some());
        let view = DataView {
            files: files.iter().map(|d| self.download(&path, d)).collect(),
            goal_files: goal_files
                .iter()
                .map(|d| {
                    let mut view = self.download(&path, d);
                    let goal = self.site.goals.iter().find(|g| Some(&g.id) == d.goal.as_ref());
                    if let Some(goal) = goal {
                        view.title = format!("{} {}", self.goal_label(goal), self.l.plain(&goal.title));
                    }
                    view
                })
                .collect(),
            columns: COLUMNS
                .iter()
                .map(|(name, ja, en)| ColumnView {
                    name,
                    description: match self.lang() {
                        Lang::Ja => ja,
                        Lang::En => en,
                    },
                })
                .collect(),
        };
        self.simple(path, &paths::data, "data", "data.html", view)
    }

    /// The accessibility statement, with the figures of the latest automated checks.
    pub fn accessibility(&self) -> PageSpec<AccessibilityView> {
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
    pub fn not_found(&self) -> PageSpec<()> {
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
    pub fn redirect(&self) -> PageSpec<()> {
        let lang = self.lang();
        let title = self.l.plain(&self.site.config.title);
        let mut meta = self.meta("", &paths::home, title.clone(), title, Vec::new());
        meta.home = paths::home(lang);
        PageSpec { path: String::new(), template: "redirect.html", meta, view: (), charts: 0 }
    }
}
