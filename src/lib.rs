//! mieruka (見える化, "making it visible") turns YAML files that describe a city's plan and its
//! results into a bilingual static website with accessible SVG charts.
//!
//! The build is a straight pipeline, one module per stage:
//!
//! 1. [`load`]: find the content files and parse them, keeping source positions;
//! 2. [`validate`]: check them into the typed [`model`], reporting every problem at once;
//! 3. [`compute`]: achievement rates, statuses and roll-ups;
//! 4. [`render`]: tera pages from localised views, with plotters charts;
//! 5. [`write`]: into a temporary folder, then swapped in.

pub mod compute;
pub mod diagnostics;
pub mod diff;
pub mod fiscal;
pub mod import;
pub mod init;
pub mod lang;
pub mod load;
pub mod model;
pub mod number;
pub mod raw;
pub mod render;
pub mod schema;
#[cfg(feature = "serve")]
pub mod serve;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use compute::Progress;
use diagnostics::{Diagnostic, Diagnostics, Loc, display_path};
use model::Site;
use render::theme::Theme;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The content folder (with site.yaml).
    pub content: PathBuf,
    /// The output folder; replaced as a whole when the build succeeds.
    pub output: PathBuf,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// HTML pages written.
    pub pages: usize,
    /// Charts drawn.
    pub charts: usize,
    /// The warnings found in content.
    pub diagnostics: Diagnostics,
    /// How long the build took, in milliseconds.
    pub milliseconds: u128,
}

impl BuildSummary {
    /// The one line a build prints: `built 120 pages with 628 charts into output in 80 ms (350 warnings)`.
    pub fn line(&self, output: &Path) -> String {
        format!(
            "built {} pages with {} charts into {} in {} ms ({} warnings)",
            self.pages,
            self.charts,
            output.display(),
            self.milliseconds,
            self.diagnostics.warnings()
        )
    }
}

/// Loads, validates and computes a site without writing anything: what `mieruka check` does.
/// Returns the site when it has no errors; the diagnostics hold every problem either way.
pub fn check(content: &Path) -> (Option<(Site, Progress)>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let raw = load::load(content, &mut diagnostics);
    let Some(site) = validate::validate(&raw, &mut diagnostics) else {
        return (None, diagnostics);
    };
    let progress = compute::compute(&site, &mut diagnostics);
    (Some((site, progress)), diagnostics)
}

/// Builds the site in `options.content` into `options.output`. On failure the previous output
/// is left as it was and the error holds every problem found.
pub fn build(options: &BuildOptions) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let (checked, mut diagnostics) = check(&options.content);
    let Some((site, progress)) = checked else {
        return Err(diagnostics);
    };
    let output: Arc<Path> = Arc::from(display_path(&options.output));
    let cannot_write = |err: std::io::Error| {
        Diagnostic::error(Loc::file(&output), format!("cannot write the site: {err}"))
            .help("check that the output folder's parent exists and is writable")
    };
    let written = Theme::load(site.config.theme.as_deref()).and_then(|theme| {
        let staging = write::Staging::new(&options.output).map_err(cannot_write)?;
        let rendered = render::render(&site, &progress, &theme, |file| staging.put(&file).map_err(cannot_write))?;
        staging.commit().map_err(cannot_write)?;
        Ok(rendered)
    });
    match written {
        Ok(rendered) => Ok(BuildSummary {
            pages: rendered.pages,
            charts: rendered.charts,
            diagnostics,
            milliseconds: started.elapsed().as_millis(),
        }),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Err(diagnostics)
        }
    }
}
