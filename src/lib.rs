//! mieruka (見える化, "making it visible") turns YAML files that describe a city's plan and its
//! results into a bilingual static website with accessible SVG charts.
//!
//! The build is a straight pipeline, one module per stage, and [`build`] reads as its list of
//! steps:
//!
//! 1. `load`: find the content files and parse them (through [`yaml`]), keeping source positions;
//! 2. `validate`: check them into the typed [`model`], reporting every problem at once;
//! 3. [`compute`]: achievement rates, statuses and roll-ups, as of each year, and the changes
//!    since the previous year; then steps 1–3 again for each past edition (`editions`: the
//!    content of the git tags `edition-YYYY`);
//! 4. the theme: built-in templates and words, overridden file by file by the site's theme;
//! 5. `write`: a staging folder beside the output folder;
//! 6. `render`: tera pages from localised views, with plotters charts, each handed to the
//!    staging folder as soon as it is ready (so pages are never all held in memory);
//! 7. `write`: the staging folder swapped in, only now.
//!
//! Every problem, whichever command finds it, is a located [`diagnostics::Diagnostic`].

pub mod compute;
pub mod diagnostics;
pub mod diff;
mod editions;
pub mod fiscal;
mod git;
mod incremental;
pub mod init;
pub use incremental::Incremental;
pub mod lang;
mod load;
pub mod model;
mod number;
pub mod raw;
mod render;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod spreadsheet;
mod validate;
mod write;
pub mod yaml;

use std::path::{Path, PathBuf};
use std::time::Instant;

use compute::Progress;
use diagnostics::{Diagnostics, OrReport};
use model::Site;
use render::Rendered;
use render::theme::Theme;
use write::Staging;

/// The first passage of a page of `lang` that is not marked with its language (Japanese outside
/// `lang="ja"` on a page in English, an English sentence outside `lang="en"` on a page in
/// Japanese), if any: the check [`build`] runs on every page before writing it.
pub fn unmarked_language(html: &str, lang: lang::Lang) -> Option<String> {
    render::language::unmarked(html, lang)
}

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder (with site.yaml).
    pub content: PathBuf,
    /// The output folder; replaced as a whole when the build succeeds.
    pub output: PathBuf,
    /// The date the footer gives as the pages' build date; none to say nothing. It is an input
    /// rather than the clock's, so that the same input gives the same bytes
    /// ([`build_date`] finds it the reproducible-builds way).
    pub built: Option<jiff::civil::Date>,
    /// Whether to render the past editions (git tags `edition-YYYY`) into `editions/YYYY/`;
    /// `serve` leaves them out, to rebuild faster.
    pub editions: bool,
}

/// The build date of a site, reproducibly: the `SOURCE_DATE_EPOCH` variable's date if set
/// (<https://reproducible-builds.org/specs/source-date-epoch/>), else the date of the last git
/// commit that changed the content folder, else none. Dates are in Japan time.
pub fn build_date(content: &Path) -> Option<jiff::civil::Date> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => git::japan_date(value.trim().parse::<i64>().ok()?),
        Err(_) => git::commit_date(content, "HEAD"),
    }
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// The pages rendered: all of them, but for those an [`Incremental`] build found unchanged.
    pub rendered: usize,
    /// Charts drawn.
    pub charts: usize,
    /// The warnings found in content.
    pub diagnostics: Diagnostics,
    /// How long the build took, in milliseconds.
    pub milliseconds: u128,
}

impl BuildSummary {
    fn new(rendered: &Rendered, diagnostics: Diagnostics, started: Instant) -> Self {
        Self {
            pages: rendered.pages,
            rendered: rendered.rendered,
            charts: rendered.charts,
            diagnostics,
            milliseconds: started.elapsed().as_millis(),
        }
    }

    /// The one line a build prints:
    /// `built 122 pages with 628 charts into output in 70 ms (1 warning, 358 source notes; 7 texts lost in the source, 0 to translate)`.
    pub fn line(&self, output: &Path) -> String {
        let found = self.diagnostics.summary();
        let found = found.strip_prefix("0 errors, ").unwrap_or(&found);
        format!(
            "built {} pages with {} charts into {} in {} ms ({found})",
            self.pages,
            self.charts,
            output.display(),
            self.milliseconds,
        )
    }
}

/// Loads, validates and computes a site without writing anything: what `mieruka check` does.
/// Returns the site when it has no errors; the diagnostics hold every problem either way.
pub fn check(content: &Path) -> (Option<(Site, Progress)>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let checked = load_and_check(content, None, &mut diagnostics).1;
    if let Some((site, _)) = &checked {
        // The theme's templates are compiled too, so that check finds what build would.
        Theme::load(site.config.theme.as_deref()).or_report(&mut diagnostics);
    }
    (checked.filter(|_| !diagnostics.has_errors()), diagnostics)
}

/// Steps 1–3, keeping the files as written too: for commands that edit them (import).
pub(crate) fn load_and_check(
    content: &Path,
    cache: Option<&load::LoadCache>,
    diagnostics: &mut Diagnostics,
) -> (load::RawContent, Option<(Site, Progress)>) {
    let raw = load::load(content, cache, diagnostics); // 1. read the files (the unchanged ones from `cache`)
    let Some(site) = validate::validate(&raw, diagnostics) else { return (raw, None) }; // 2. check them into the model
    let progress = compute::compute(&site, diagnostics); // 3. rates, statuses, roll-ups
    (raw, Some((site, progress)))
}

/// Builds the site in `options.content` into `options.output`. On failure the previous output
/// is left as it was and the error holds every problem found.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::default();
    match build_steps(options, &mut diagnostics) {
        Some(rendered) => Ok(BuildSummary::new(&rendered, diagnostics, started)),
        None => Err(diagnostics),
    }
}

/// The build, step by step; each step's problems go to `diagnostics`, and the build stops at
/// the first step that cannot go on.
fn build_steps(options: &BuildOptions, diagnostics: &mut Diagnostics) -> Option<Rendered> {
    let (site, progress) = load_and_check(&options.content, None, diagnostics).1?; // 1–3. load, validate, compute
    let editions = match options.editions {
        true => editions::load(&options.content, &site, diagnostics)?, // 1–3 again for each past edition
        false => Vec::new(),
    };
    let theme = Theme::load(site.config.theme.as_deref()).or_report(diagnostics)?; // 4. templates and words
    write::check_output(&options.content, &options.output).or_report(diagnostics)?;
    let staging = Staging::new(&options.output).or_report(diagnostics)?; // 5. an empty staging folder
    let rendered =
        render::render((&site, &progress, &theme), options.built, &editions, None, |file| staging.put(&file))
            .or_report(diagnostics)?; // 6. pages
    staging.commit().or_report(diagnostics)?; // 7. swapped in only now
    Some(rendered)
}
