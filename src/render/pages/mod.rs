//! One builder per kind of page, by family: each turns part of the model into a localised view
//! (`views.rs`, what templates receive). This file holds the frame every page shares.

mod changes;
mod goal;
mod home;
mod policy;
mod reference;

use super::Release;
use super::charts::rollup_chart;
use super::data::Download;
use super::localise::{Localiser, partly_lost};
use super::paths::{self, root_of};
use super::site_index::SiteIndex;
use super::views::{
    AboutView, Alternate, AnswerView, CardView, ChangesLine, Crumb, DownloadView, EditionBanner, ItemLink, Link,
    PageMeta, RollupView,
};
use crate::compute::{ChangeCounts, Progress, Status, StatusCounts};
use crate::editions;
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::model::{Goal, Indicator, Note, Page, Policy, Site, Text};

/// A page ready to render: where it goes, which template lays it out, and what it shows.
pub(crate) struct PageSpec<V> {
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
    pub(crate) fn file(&self) -> String {
        if self.path.is_empty() || self.path.ends_with('/') {
            format!("{}index.html", self.path)
        } else {
            format!("{}.html", self.path)
        }
    }
}

/// Builds the pages of one language.
pub(crate) struct PageBuilder<'a> {
    /// The site.
    pub site: &'a Site,
    /// What was computed.
    pub progress: &'a Progress,
    /// Where each action and policy is listed.
    pub index: &'a SiteIndex<'a>,
    /// The words of the language: interface labels, texts, numbers and statuses.
    pub words: Localiser<'a>,
    /// The data downloads.
    pub downloads: &'a [Download],
    /// The pages' build date, if the footer gives one.
    pub built: Option<jiff::civil::Date>,
    /// Which edition the pages belong to.
    pub release: Release<'a>,
}

impl PageBuilder<'_> {
    fn lang(&self) -> Lang {
        self.words.lang
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
        let link = |to: String, label: &str| Link { href: format!("{root}{to}"), title: self.words.label(label) };
        let mut nav = vec![link(paths::home(self.lang()), "home")];
        // A plan without indicators has no statuses to compare or grade.
        if self.site.has_indicators() {
            nav.push(link(paths::changes(self.lang()), "changes"));
        }
        nav.extend([
            link(paths::data(self.lang()), "data"),
            link(paths::search(self.lang()), "search"),
            link(paths::methodology(self.lang()), "methodology"),
        ]);
        let mut footer_links = vec![link(paths::accessibility(self.lang()), "accessibility")];
        if matches!(self.release, Release::Latest { past } if !past.is_empty()) {
            footer_links.push(link(paths::editions(self.lang()), "editions"));
        }
        footer_links.extend(
            self.site.pages.iter().filter(|p| p.name != "home").map(|p| Link {
                href: format!("{root}{}", paths::page(self.lang(), &p.name)),
                title: self.page_title(p),
            }),
        );
        PageMeta {
            lang: self.lang().code(),
            site_title: self.words.plain(&config.title),
            organisation: self.words.plain(&config.organisation),
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
            about: self.about(),
            edition: self.edition_banner(path),
        }
    }

    /// On a past edition's page at `path`: the banner, linking to the same page in the latest
    /// edition if it is there, else to the latest home page.
    fn edition_banner(&self, path: &str) -> Option<EditionBanner> {
        let Release::Past { year, latest } = self.release else { return None };
        let to_latest = format!("{}{}", root_of(path), "../".repeat(editions::folder(year).matches('/').count()));
        let page = if latest.contains(path) { path.to_owned() } else { paths::home(self.lang()) };
        Some(EditionBanner {
            text: self.words.label("edition_banner").replace("{year}", &FiscalYear(year).label(self.lang())),
            href: format!("{to_latest}{page}"),
            link: self.words.label("edition_latest"),
        })
    }

    /// What the footer says about the data, in this language.
    fn about(&self) -> AboutView {
        let about = &self.site.config.about;
        let source = about.source.as_ref();
        let contact = about.contact.as_ref();
        let licence = about.licence.as_ref();
        AboutView {
            source: source.map(|s| self.words.text(&s.title)),
            source_href: source.and_then(|s| s.url.clone()),
            publisher: source.and_then(|s| s.publisher.as_ref()).map(|p| self.words.text(p)),
            published: source.and_then(|s| s.published).map(|d| self.words.date(d)),
            contact: contact.map(|c| self.words.text(&c.name)),
            contact_href: contact.and_then(|c| c.email.as_ref().map(|e| format!("mailto:{e}")).or(c.url.clone())),
            licence: licence.map(|l| self.words.text(&l.name)),
            licence_href: licence.and_then(|l| l.url.clone()),
            built: self.built.map(|d| self.words.date(d)),
        }
    }

    fn crumb(&self, from: &str, to: String, title: String) -> Crumb {
        Crumb { href: Some(format!("{}{to}", root_of(from))), title }
    }

    fn home_crumb(&self, from: &str) -> Crumb {
        self.crumb(from, paths::home(self.lang()), self.words.label("home"))
    }

    fn goal_label(&self, goal: &Goal) -> String {
        format!("{} {}", self.words.plain(&self.site.config.levels.goal_area), goal.id)
    }

    /// The roll-up chart and table of `counts`; none when no indicator is counted.
    fn rollup(&self, id: &str, caption: String, counts: &StatusCounts) -> Option<RollupView> {
        if counts.total() == 0 {
            return None;
        }
        let (sep, end, colon) = self.words.punctuation();
        let parts: Vec<String> =
            Status::ALL.iter().map(|s| format!("{}{colon}{}", self.words.status(*s).label, counts.get(*s))).collect();
        let description = format!(
            "{caption}{colon}{}{end}{}{colon}{}",
            parts.join(sep),
            self.words.label("indicator_count"),
            counts.total()
        );
        let data: Vec<(Status, usize)> = Status::ALL.iter().map(|s| (*s, counts.get(*s))).collect();
        Some(RollupView {
            chart: rollup_chart(id, &caption, &description, &data),
            table_caption: format!("{} ({})", caption, self.words.label("chart_table_caption")),
            caption,
            status_heading: self.words.label("status"),
            count_heading: self.words.label("indicator_count"),
            rows: self.words.count_rows(counts),
        })
    }

    /// A card for a goal area or policy, with its non-empty status counts and a sentence that
    /// says the same; `of` names the group in the sentence (`answer_of_policy`).
    fn card(
        &self,
        href: String,
        label: String,
        (title, notes): (&Text, &[Note]),
        of: &str,
        counts: Option<&StatusCounts>,
    ) -> CardView {
        let counts = counts.copied().unwrap_or_default();
        CardView {
            href,
            label,
            title: self.words.text(title),
            missing: partly_lost(title, notes),
            counts: self.words.count_rows(&counts).into_iter().filter(|r| r.count > 0).collect(),
            sentence: self.sentence(of, &counts),
        }
    }

    /// How a group of indicators is doing, in a sentence (see [`super::localise::Localiser::answer`]);
    /// none on a site without indicators, where there is nothing to say.
    fn sentence(&self, of: &str, counts: &StatusCounts) -> Option<String> {
        self.site
            .has_indicators()
            .then(|| self.words.answer(of, counts, &self.site.config.reporting_year.label(self.lang())))
    }

    /// What a goal-area or policy page opens with: the sentence, the city's own words, every
    /// indicator behind in `policies`, linked from the page at `from`, and what changed since
    /// the previous year (`changes`: the counts of the goal area or policy).
    fn answer<'p>(
        &self,
        from: &str,
        (of, counts): (&str, &StatusCounts),
        (summary, changes): (Option<&Text>, Option<&ChangeCounts>),
        policies: impl IntoIterator<Item = &'p Policy>,
    ) -> AnswerView {
        let behind = self
            .indicator_items(from, policies)
            .into_iter()
            .filter(|(_, _, indicator)| self.progress.current.status(&indicator.id) == Status::Behind)
            .map(|(href, code, indicator)| ItemLink { href, code, title: self.words.text(&indicator.name), note: None })
            .collect();
        AnswerView {
            sentence: self.sentence(of, counts),
            summary: summary.map(|s| self.words.text(s)),
            behind_heading: self.words.label("behind_heading"),
            behind,
            counting: (counts.total() > 0).then(|| self.words.label("count_rule")),
            // In the first year, the home page and the page of changes say there is no earlier
            // year; goal-area and policy pages stay short.
            changes: (counts.total() > 0 && self.progress.changes.is_some()).then(|| self.changes_line(from, changes)),
        }
    }

    /// Each indicator listed in `policies`, in page order, with its link from the page at `from`
    /// and the full id of its listing, unique in the site (`1-1-3-1.2`; a re-listed copy's
    /// indicator is named by the copy's action).
    fn indicator_items<'p>(
        &self,
        from: &str,
        policies: impl IntoIterator<Item = &'p Policy>,
    ) -> Vec<(String, String, &'p Indicator)> {
        let root = root_of(from);
        let mut items = Vec::new();
        for policy in policies {
            let page = paths::policy(self.lang(), &policy.id);
            for action in policy.actions() {
                for (i, indicator) in action.indicators.iter().enumerate() {
                    // Named where it is listed: a re-listed copy's indicator by the copy's id.
                    let anchor = paths::indicator_anchor(&action.id, i);
                    items.push((format!("{root}{page}#{anchor}"), anchor, indicator));
                }
            }
        }
        items
    }

    /// What changed since the previous year in a sentence, given a group's change counts, and
    /// the link to the page of changes; in the first year with results, that there is no
    /// earlier year.
    fn changes_line(&self, from: &str, counts: Option<&ChangeCounts>) -> ChangesLine {
        let sentence = match &self.progress.changes {
            Some(changes) => {
                self.words.changes_sentence(&counts.copied().unwrap_or_default(), &changes.since.label(self.lang()))
            }
            None => self
                .words
                .label("changes_first_year")
                .replace("{year}", &self.site.config.reporting_year.label(self.lang())),
        };
        ChangesLine {
            sentence,
            href: self.progress.changes.is_some().then(|| format!("{}{}", root_of(from), paths::changes(self.lang()))),
            link: self.words.label("changes_link"),
        }
    }

    fn page_title(&self, page: &Page) -> String {
        self.index.page_titles.get(&(self.lang(), page.name.as_str())).cloned().unwrap_or_else(|| page.name.clone())
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
            title: self.words.label(&format!("download_{}", d.kind)),
            format: self.words.label(&format!("format_{}", d.kind)),
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
        let title = self.words.label(label);
        let breadcrumbs = vec![self.home_crumb(&path), Crumb { href: None, title: title.clone() }];
        PageSpec { meta: self.meta(&path, path_in, title.clone(), title, breadcrumbs), path, template, view, charts: 0 }
    }
}
