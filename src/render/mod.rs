//! Stage 4, render: tera pages from flat, localised views, with plotters charts inline.

pub mod charts;
pub mod markdown;
pub mod pages;
pub mod theme;
pub mod views;

use crate::compute::Progress;
use crate::diagnostics::{Diagnostic, Loc};
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

/// The rendered site.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Every file, in a stable order.
    pub files: Vec<OutputFile>,
    /// How many HTML pages.
    pub pages: usize,
    /// How many charts.
    pub charts: usize,
}

/// Renders every page of every language, and the theme's static files.
pub fn render(site: &Site, progress: &Progress, theme: &Theme) -> Result<Rendered, Diagnostic> {
    let index = SiteIndex::new(site);
    let mut out = Rendered::default();
    for &lang in &site.config.languages {
        let empty = Default::default();
        let labels = theme.labels.get(&lang).unwrap_or(&empty);
        let builder = PageBuilder {
            site,
            progress,
            index: &index,
            l: Localiser { lang, labels },
        };
        let mut specs = vec![builder.home(), builder.methodology()];
        specs.extend(site.goals.iter().map(|g| builder.goal(g)));
        specs.extend((0..index.policies.len()).filter_map(|i| builder.policy(i)));
        specs.extend(site.pages.iter().filter(|p| p.name != "home").filter_map(|p| builder.page(p)));
        specs.extend(site.activation_plans.iter().map(|p| builder.activation_plan(p)));
        if lang == site.config.default_language {
            specs.push(builder.redirect());
        }
        for spec in specs {
            out.files.push(render_page(theme, &spec, labels)?);
            out.pages += 1;
            out.charts += spec.charts;
        }
    }
    for (name, bytes) in &theme.statics {
        out.files.push(OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
        });
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn render_page(
    theme: &Theme,
    spec: &PageSpec,
    labels: &std::collections::BTreeMap<String, String>,
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
    Ok(OutputFile {
        path: format!("{}index.html", spec.path),
        bytes: html.into_bytes(),
    })
}
