//! Incremental rebuilds, for `mieruka serve`: the same steps as [`crate::build`], remembering
//! the previous build. A file of the content that has not changed is not parsed again; a page
//! whose inputs (its view, frame, template, interface words and theme) have not changed is
//! neither rendered nor written again; any other file is written only if its bytes changed.
//! Editing one goal-area file therefore renders again only the pages that show something of it
//! (its goal area and policies, copies of its actions elsewhere, the pages that roll it up, the
//! downloads and the search index), and the output folder ends up byte for byte as a full build
//! would leave it.

use std::time::Instant;

use crate::diagnostics::Diagnostics;
use crate::diagnostics::OrReport as _;
use crate::load::LoadCache;
use crate::render::{self, PageMemo, Rendered, theme::Theme};
use crate::write::InPlace;
use crate::{BuildOptions, BuildSummary, load_and_check};

/// A build that remembers the previous one.
#[derive(Debug)]
pub struct Incremental {
    options: BuildOptions,
    cache: LoadCache,
    memo: PageMemo,
    output: InPlace,
}

impl Incremental {
    /// A build of `options.content` into `options.output` that has not run yet. Past editions
    /// are left out whatever `options.editions` says: they are built by `mieruka build`.
    pub fn new(options: BuildOptions) -> Self {
        let output = InPlace::new(&options.output);
        Self {
            options: BuildOptions { editions: false, ..options },
            cache: LoadCache::default(),
            memo: PageMemo::default(),
            output,
        }
    }

    /// Builds the site again: the first time everything, then what changed. On failure the
    /// output folder keeps what it had (but for files already rewritten), and the next build
    /// renders every page again.
    pub fn build(&mut self) -> Result<BuildSummary, Diagnostics> {
        let started = Instant::now();
        let mut diagnostics = Diagnostics::default();
        match self.steps(&mut diagnostics) {
            Some(rendered) => {
                self.memo.advance();
                Ok(BuildSummary::new(&rendered, diagnostics, started))
            }
            None => {
                self.memo.forget();
                self.output.abandon();
                Err(diagnostics)
            }
        }
    }

    /// The steps of [`crate::build`], with the cache, the memo and the output written in place.
    fn steps(&mut self, diagnostics: &mut Diagnostics) -> Option<Rendered> {
        let (site, progress) = load_and_check(&self.options.content, Some(&self.cache), diagnostics).1?; // 1–3
        crate::write::check_output(&self.options.content, &self.options.output).or_report(diagnostics)?;
        let theme = Theme::load(site.config.theme.as_deref()).or_report(diagnostics)?; // 4. templates and words
        let (memo, output) = (&self.memo, &self.output);
        let rendered =
            render::render((&site, &progress, &theme), self.options.built, &[], Some(memo), |file| output.put(&file))
                .or_report(diagnostics)?; // 5–6. the pages that changed, written in place
        self.output.finish(|file| self.memo.kept(file)).or_report(diagnostics)?; // 7. what is no longer made goes
        Some(rendered)
    }
}
