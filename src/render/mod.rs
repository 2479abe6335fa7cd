//! Stage 4, render: tera pages from flat, localised views, with plotters charts inline.

pub(crate) mod charts;
mod citations;
pub(crate) mod data;
pub(crate) mod language;
mod lean_svg;
mod localise;
pub(crate) mod markdown;
mod memo;
mod pages;
mod paths;
pub(crate) mod search;
mod site_index;
pub(crate) mod sitemap;
pub(crate) mod theme;
pub(crate) mod views;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::compute::Progress;
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::editions::{self, Edition};
use crate::lang::Lang;
use crate::model::Site;
use localise::Localiser;
pub(crate) use memo::{PageMemo, of_bytes};
use pages::{PageBuilder, PageSpec};
pub(crate) use site_index::SiteIndex;
use theme::{Theme, error_chain};

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What was rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rendered {
    /// HTML pages among them.
    pub pages: usize,
    /// The pages among them rendered by this build: all but those an incremental build kept.
    pub rendered: usize,
    /// Charts drawn.
    pub charts: usize,
    /// The folders of the pages, for the sitemap.
    pub page_paths: Vec<String>,
}

impl Rendered {
    fn add(mut self, other: Rendered) -> Rendered {
        self.pages += other.pages;
        self.rendered += other.rendered;
        self.charts += other.charts;
        self.page_paths.extend(other.page_paths);
        self
    }
}

/// One page to build: which language, and which builder method.
#[derive(Clone, Copy)]
enum Job {
    Home,
    Methodology,
    Changes,
    Editions,
    Goal(usize),
    Policy(usize),
    Page(usize),
    ActivationPlan(usize),
    Search,
    Data,
    Accessibility,
    Redirect,
    NotFound,
}

/// Which edition a set of pages belongs to.
#[derive(Clone, Copy)]
pub(crate) enum Release<'a> {
    /// The latest edition, at the site root, with the years of the past editions.
    Latest {
        /// The years of the past editions, oldest first.
        past: &'a [u16],
    },
    /// A past edition, in `editions/YYYY/`.
    Past {
        /// The year it reports.
        year: u16,
        /// The folders of the latest edition's pages, which the banner links to when the same
        /// page is there.
        latest: &'a BTreeSet<String>,
    },
}

/// Renders the latest edition and every past edition, and the sitemap of all of them,
/// handing each file to `sink` as soon as it is ready. With a `memo` of the previous build, a
/// page of the latest edition whose inputs have not changed is neither rendered nor handed on.
pub(crate) fn render<S>(
    (site, progress, theme): (&Site, &Progress, &Theme),
    built: Option<jiff::civil::Date>,
    editions: &[Edition],
    memo: Option<&PageMemo>,
    sink: S,
) -> Result<Rendered, Diagnostic>
where
    S: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let past: Vec<u16> = editions.iter().map(|e| e.year).collect();
    let mut rendered = render_edition((site, progress, theme), built, Release::Latest { past: &past }, memo, &sink)?;
    let latest: BTreeSet<String> = rendered.page_paths.iter().cloned().collect();
    for edition in editions {
        let folder = editions::folder(edition.year);
        let release = Release::Past { year: edition.year, latest: &latest };
        let moved = |mut file: OutputFile| {
            file.path.insert_str(0, &folder);
            sink(file)
        };
        let mut pages =
            render_edition((&edition.site, &edition.progress, &edition.theme), edition.built, release, None, &moved)?;
        pages.page_paths.iter_mut().for_each(|p| p.insert_str(0, &folder));
        rendered = rendered.add(pages);
    }
    rendered.page_paths.sort();
    sink(sitemap::sitemap(&site.config.base_url, &rendered.page_paths))?;
    sink(sitemap::robots(&site.config.base_url))?;
    Ok(rendered)
}

/// Renders every page of every language of one edition, its downloads, search index and the
/// theme's static files, handing each file to `sink` as soon as it is ready. Pages are
/// rendered in parallel; each page's bytes depend only on the input, so the output is the
/// same on every run.
fn render_edition<S>(
    (site, progress, theme): (&Site, &Progress, &Theme),
    built: Option<jiff::civil::Date>,
    release: Release<'_>,
    memo: Option<&PageMemo>,
    sink: &S,
) -> Result<Rendered, Diagnostic>
where
    S: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    use rayon::prelude::*;

    let index = SiteIndex::new(site);
    // The downloads are written first, so that their bytes are not held while pages render.
    let downloads = data::write_downloads(site, progress, sink)?;
    let jobs = jobs(site, &index, release);
    let words: BTreeMap<Lang, BTreeMap<String, String>> = site
        .config
        .languages
        .iter()
        .map(|&lang| (lang, localise::interface_words(theme, &site.config, lang)))
        .collect();
    let empty = Default::default();
    // Every page gets the same words: converted for tera once per language, not once per page.
    let label_values: BTreeMap<Lang, tera::Value> =
        words.iter().map(|(lang, labels)| (*lang, tera::Value::from_serializable(labels))).collect();
    let no_labels = tera::Value::from_serializable(&empty);
    let seeds: BTreeMap<Lang, u64> =
        words.iter().map(|(lang, labels)| (*lang, memo::seed(theme.fingerprint, labels))).collect();
    let mut pages = jobs
        .par_iter()
        .map(|&(lang, job)| {
            let labels = words.get(&lang).unwrap_or(&empty);
            let label_value = label_values.get(&lang).unwrap_or(&no_labels);
            let memo = memo.map(|memo| (memo, seeds.get(&lang).copied().unwrap_or_default()));
            let builder = PageBuilder {
                site,
                progress,
                index: &index,
                words: Localiser { lang, labels, page_lines: site.config.about.page_lines() },
                downloads: &downloads,
                built,
                release,
            };
            match job {
                Job::Home => emit(Some(builder.home()), theme, (label_value, memo), sink),
                Job::Methodology => emit(Some(builder.methodology()), theme, (label_value, memo), sink),
                Job::Changes => emit(Some(builder.changes()), theme, (label_value, memo), sink),
                Job::Editions => emit(Some(builder.editions()), theme, (label_value, memo), sink),
                Job::Goal(i) => emit(Some(builder.goal(&site.goals[i])), theme, (label_value, memo), sink),
                Job::Policy(i) => emit(builder.policy(i), theme, (label_value, memo), sink),
                Job::Page(i) => emit(builder.page(&site.pages[i]), theme, (label_value, memo), sink),
                Job::ActivationPlan(i) => {
                    emit(Some(builder.activation_plan(&site.activation_plans[i])), theme, (label_value, memo), sink)
                }
                Job::Search => emit(Some(builder.search()), theme, (label_value, memo), sink),
                Job::Data => emit(Some(builder.data()), theme, (label_value, memo), sink),
                Job::Accessibility => emit(Some(builder.accessibility()), theme, (label_value, memo), sink),
                Job::Redirect => emit(Some(builder.redirect()), theme, (label_value, memo), sink),
                Job::NotFound => emit(Some(builder.not_found()), theme, (label_value, memo), sink),
            }
        })
        .try_reduce(Rendered::default, |a, b| Ok(a.add(b)))?;
    pages.page_paths.sort();
    search::search_index(site, &index, progress, &words, sink)?;
    for (name, bytes) in &theme.statics {
        sink(OutputFile { path: format!("assets/{name}"), bytes: bytes.clone() })?;
    }
    Ok(pages)
}

/// Every page of an edition to build: which language, and which builder method.
fn jobs(site: &Site, index: &SiteIndex<'_>, release: Release<'_>) -> Vec<(Lang, Job)> {
    let mut jobs: Vec<(Lang, Job)> = Vec::new();
    for &lang in &site.config.languages {
        jobs.extend([
            (lang, Job::Home),
            (lang, Job::Methodology),
            (lang, Job::Search),
            (lang, Job::Data),
            (lang, Job::Accessibility),
        ]);
        if site.has_indicators() {
            jobs.push((lang, Job::Changes));
        }
        if matches!(release, Release::Latest { past } if !past.is_empty()) {
            jobs.push((lang, Job::Editions));
        }
        jobs.extend((0..site.goals.len()).map(|i| (lang, Job::Goal(i))));
        jobs.extend((0..index.policies.len()).map(|i| (lang, Job::Policy(i))));
        jobs.extend((0..site.pages.len()).filter(|&i| site.pages[i].name != "home").map(|i| (lang, Job::Page(i))));
        jobs.extend((0..site.activation_plans.len()).map(|i| (lang, Job::ActivationPlan(i))));
        if lang == site.config.default_language {
            jobs.push((lang, Job::Redirect));
            // One page for addresses that do not exist, at the site root.
            if matches!(release, Release::Latest { .. }) {
                jobs.push((lang, Job::NotFound));
            }
        }
    }
    jobs
}

/// Renders `spec`, if there is a page, and hands it to `sink`; not if the memo of the previous
/// build (with the seed of the page's language) says that it rendered the same.
fn emit<V: Serialize>(
    spec: Option<PageSpec<V>>,
    theme: &Theme,
    (labels, memo): (&tera::Value, Option<(&PageMemo, u64)>),
    sink: &(impl Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
) -> Result<Rendered, Diagnostic> {
    let Some(spec) = spec else { return Ok(Rendered::default()) };
    // The sitemap lists the pages readers should find: not the redirect or the 404 page.
    let page_paths = if spec.path.ends_with('/') { vec![spec.path.clone()] } else { Vec::new() };
    let rendered = Rendered { pages: 1, rendered: 1, charts: spec.charts, page_paths };
    if let Some((memo, seed)) = memo
        && let Some(key) = memo::key(&spec, seed)
        && memo.unchanged(&spec.file(), key)
    {
        return Ok(Rendered { rendered: 0, ..rendered });
    }
    let page = render_page(theme, &spec, labels)?;
    let lang = if spec.meta.lang == Lang::Ja.code() { Lang::Ja } else { Lang::En };
    if let Some(passage) = std::str::from_utf8(&page.bytes).ok().and_then(|html| language::unmarked(html, lang)) {
        let other = if lang == Lang::Ja { "an English sentence" } else { "Japanese" };
        return Err(Diagnostic::error(
            Code::Theme,
            Loc::path(std::path::Path::new(spec.template)),
            format!("the page {} shows {other} outside an element marked with its language: {passage:?}", spec.path),
        )
        .help(format!("mark it with lang=\"{}\" in the template or interface word that writes it (content texts are marked by mieruka)", if lang == Lang::Ja { "en" } else { "ja" })));
    }
    sink(page)?;
    Ok(rendered)
}

fn render_page<V: Serialize>(
    theme: &Theme,
    spec: &PageSpec<V>,
    labels: &tera::Value,
) -> Result<OutputFile, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("page", &spec.meta);
    context.insert("view", &spec.view);
    context.insert_value("labels", labels.clone());
    let html = theme.tera.render(spec.template, &context).map_err(|err| {
        Diagnostic::error(
            Code::Theme,
            Loc::path(std::path::Path::new(spec.template)),
            format!("the template cannot render the page {}: {}", spec.path, error_chain(&err)),
        )
        .help("fix the theme template named here")
    })?;
    Ok(OutputFile { path: spec.file(), bytes: html.into_bytes() })
}
