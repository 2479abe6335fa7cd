//! Stage 4, render: tera pages from flat, localised views, with plotters charts inline.

pub mod charts;
pub mod markdown;
pub mod pages;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compute::Progress;
use crate::diagnostics::{Diagnostic, Loc};
use crate::lang::Lang;
use crate::model::Site;
use pages::{PageBuilder, PageSpec, SiteIndex};
use theme::{Theme, error_chain};
use views::Localiser;

/// A file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What was rendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rendered {
    /// Files handed to the sink.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
    /// Charts drawn.
    pub charts: usize,
}

impl Rendered {
    fn add(self, other: Rendered) -> Rendered {
        Rendered {
            files: self.files + other.files,
            pages: self.pages + other.pages,
            charts: self.charts + other.charts,
        }
    }
}

/// One page to build: which language, and which builder method.
#[derive(Clone, Copy)]
enum Job {
    Home,
    Methodology,
    Goal(usize),
    Policy(usize),
    Page(usize),
    ActivationPlan(usize),
    Redirect,
}

/// Renders every page of every language, and the theme's static files, handing each file to
/// `sink` as soon as it is ready. Pages are rendered in parallel; each page's bytes depend only
/// on the input, so the output is the same on every run.
pub fn render<S>(site: &Site, progress: &Progress, theme: &Theme, sink: S) -> Result<Rendered, Diagnostic>
where
    S: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    use rayon::prelude::*;

    let index = SiteIndex::new(site);
    let mut jobs: Vec<(Lang, Job)> = Vec::new();
    for &lang in &site.config.languages {
        jobs.extend([(lang, Job::Home), (lang, Job::Methodology)]);
        jobs.extend((0..site.goals.len()).map(|i| (lang, Job::Goal(i))));
        jobs.extend((0..index.policies.len()).map(|i| (lang, Job::Policy(i))));
        jobs.extend((0..site.pages.len()).filter(|&i| site.pages[i].name != "home").map(|i| (lang, Job::Page(i))));
        jobs.extend((0..site.activation_plans.len()).map(|i| (lang, Job::ActivationPlan(i))));
        if lang == site.config.default_language {
            jobs.push((lang, Job::Redirect));
        }
    }
    let empty = Default::default();
    let pages = jobs
        .par_iter()
        .map(|&(lang, job)| {
            let labels = theme.labels.get(&lang).unwrap_or(&empty);
            let builder = PageBuilder { site, progress, index: &index, l: Localiser { lang, labels } };
            let sink = &sink;
            match job {
                Job::Home => emit(Some(builder.home()), theme, labels, sink),
                Job::Methodology => emit(Some(builder.methodology()), theme, labels, sink),
                Job::Goal(i) => emit(Some(builder.goal(&site.goals[i])), theme, labels, sink),
                Job::Policy(i) => emit(builder.policy(i), theme, labels, sink),
                Job::Page(i) => emit(builder.page(&site.pages[i]), theme, labels, sink),
                Job::ActivationPlan(i) => {
                    emit(Some(builder.activation_plan(&site.activation_plans[i])), theme, labels, sink)
                }
                Job::Redirect => emit(Some(builder.redirect()), theme, labels, sink),
            }
        })
        .try_reduce(Rendered::default, |a, b| Ok(a.add(b)))?;
    let mut statics = Rendered::default();
    for (name, bytes) in &theme.statics {
        sink(OutputFile { path: format!("assets/{name}"), bytes: bytes.clone() })?;
        statics.files += 1;
    }
    Ok(pages.add(statics))
}

/// Renders `spec`, if there is a page, and hands it to `sink`.
fn emit<V: Serialize>(
    spec: Option<PageSpec<V>>,
    theme: &Theme,
    labels: &BTreeMap<String, String>,
    sink: &(impl Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
) -> Result<Rendered, Diagnostic> {
    let Some(spec) = spec else { return Ok(Rendered::default()) };
    sink(render_page(theme, &spec, labels)?)?;
    Ok(Rendered { files: 1, pages: 1, charts: spec.charts })
}

fn render_page<V: Serialize>(
    theme: &Theme,
    spec: &PageSpec<V>,
    labels: &BTreeMap<String, String>,
) -> Result<OutputFile, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert("page", &spec.meta);
    context.insert("view", &spec.view);
    context.insert("labels", labels);
    let html = theme.tera.render(spec.template, &context).map_err(|err| {
        Diagnostic::error(
            Loc::file(&std::sync::Arc::from(std::path::Path::new(spec.template))),
            format!("the template cannot render the page {}: {}", spec.path, error_chain(&err)),
        )
        .help("fix the theme template named here")
    })?;
    Ok(OutputFile { path: format!("{}index.html", spec.path), bytes: html.into_bytes() })
}
