//! site.yaml: address, languages, plan years, grading, theme, organisation code and the
//! accessibility check results.

use std::path::Path;

use super::Validator;
use crate::diagnostics::Code;
use crate::fiscal::FiscalYear;
use crate::model::{Grading, Levels, SiteConfig};
use crate::raw::{GradingMethod, Located, RawSite};

impl Validator<'_> {
    /// The site settings; `None` when any of them has an error.
    pub(super) fn site(&mut self, raw: &RawSite, root: &Path) -> Option<SiteConfig> {
        let errors_before = self.diagnostics.errors();
        let base_url = self.base_url(raw);
        let (languages, default_language) = self.languages(raw);
        let (years, reporting_year, target_year) = self.plan_years(raw);
        let grading = self.grading(raw);
        let theme = raw.theme.as_ref().and_then(|t| self.theme(root, t));
        let organisation_code = raw.organisation_code.as_ref().map(|code| self.organisation_code(code));
        let accessibility = raw.accessibility_results.as_ref().and_then(|path| self.accessibility(root, path));
        let (goal_area, policy) = (self.text(&raw.levels.goal_area), self.text(&raw.levels.policy));
        let config = SiteConfig {
            title: self.text(&raw.title),
            organisation: self.text(&raw.organisation),
            base_url,
            languages,
            default_language,
            years,
            target_year,
            reporting_year,
            levels: Levels {
                basic_policy: raw.levels.basic_policy.as_ref().map_or_else(|| goal_area.clone(), |t| self.text(t)),
                goal_area,
                measure: raw.levels.measure.as_ref().map_or_else(|| policy.clone(), |t| self.text(t)),
                policy,
                action: self.text(&raw.levels.action),
                indicator: self.text(&raw.levels.indicator),
            },
            grading,
            theme,
            organisation_code,
            accessibility,
            about: self.about_data(raw),
        };
        (self.diagnostics.errors() == errors_before).then_some(config)
    }

    /// The address the site is published under: an absolute http(s) URL ending in `/`, with no
    /// control characters (which would write lines of their own into robots.txt and the sitemap).
    fn base_url(&mut self, raw: &RawSite) -> String {
        let base_url = raw.base_url.get().clone();
        if http_url(&base_url).is_none() || !base_url.ends_with('/') {
            self.error(
                Code::SiteSetting,
                &raw.base_url,
                format!("base_url {base_url:?} must be an absolute http(s) URL ending in /"),
                "write the address the site is published under, e.g. https://www.city.example.lg.jp/plan/",
            );
        }
        base_url
    }

    fn languages(&mut self, raw: &RawSite) -> (Vec<crate::lang::Lang>, crate::lang::Lang) {
        let languages = raw.languages.get().clone();
        if languages.is_empty() {
            self.error(
                Code::SiteSetting,
                &raw.languages,
                "languages is empty",
                "list at least one language, e.g. [ja, en]",
            );
        }
        let mut seen_languages = languages.clone();
        seen_languages.sort();
        seen_languages.dedup();
        if seen_languages.len() != languages.len() {
            self.error(Code::SiteSetting, &raw.languages, "a language is listed twice", "list each language once");
        }
        let default_language = *raw.default_language.get();
        if !languages.contains(&default_language) {
            self.error(
                Code::SiteSetting,
                &raw.default_language,
                format!("default_language {default_language} is not one of the site's languages"),
                "choose one of the languages listed under languages",
            );
        }
        (languages, default_language)
    }

    fn plan_years(&mut self, raw: &RawSite) -> (Vec<FiscalYear>, FiscalYear, Option<FiscalYear>) {
        let years: Vec<FiscalYear> = raw.plan.years.get().iter().map(|&y| FiscalYear(y)).collect();
        let years_problem = years_problem(raw.plan.years.get());
        if let Some(problem) = years_problem {
            self.error(
                Code::SiteSetting,
                &raw.plan.years,
                problem,
                "write the Gregorian year each fiscal year starts in, e.g. [2024, 2025, 2026, 2027]",
            );
        }
        let reporting_year = FiscalYear(*raw.plan.reporting_year.get());
        if !years.contains(&reporting_year) {
            self.error(
                Code::SiteSetting,
                &raw.plan.reporting_year,
                format!("reporting_year {reporting_year} is not one of plan.years"),
                "set it to the latest plan year with results",
            );
        }
        let target_year = raw.plan.target_year.as_ref().map(|y| FiscalYear(*y.get()));
        if let (Some(target), Some(last), Some(at)) = (target_year, years.last(), &raw.plan.target_year)
            && years_problem.is_none()
            && target <= *last
        {
            self.error(
                Code::SiteSetting,
                at,
                format!("target_year {target} must come after the last plan year {last}"),
                "the target year is the long-term year after the plan (e.g. 2031); leave it out if there is none",
            );
        }
        (years, reporting_year, target_year)
    }

    /// The theme folder: it must exist inside the content folder, so that the content folder
    /// holds everything a build reads (and `diff` compares themes too).
    fn theme(&mut self, root: &Path, t: &Located<String>) -> Option<std::path::PathBuf> {
        let path = root.join(t.get());
        match path.is_dir().then(|| inside(root, &path)) {
            Some(true) => Some(path),
            Some(false) => {
                self.error(
                    Code::OutsideContent,
                    t,
                    format!("the theme folder {} is outside the content folder", path.display()),
                    "move the theme into the content folder (e.g. content/theme) and write theme: theme",
                );
                None
            }
            None => {
                self.error(
                    Code::SiteSetting,
                    t,
                    format!("the theme folder {} does not exist", path.display()),
                    "give a folder relative to the content folder, or leave theme out to use the built-in theme",
                );
                None
            }
        }
    }

    fn organisation_code(&mut self, code: &Located<String>) -> String {
        if code.get().len() != 6 || !code.get().chars().all(|c| c.is_ascii_digit()) {
            self.error(
                Code::SiteSetting,
                code,
                format!("organisation_code {:?} is not a six-digit code", code.get()),
                "write the 全国地方公共団体コード with its check digit, in quotes, e.g. \"131121\" for Setagaya City",
            );
        }
        code.get().clone()
    }

    /// Reads the accessibility check results named in site.yaml, which lie inside the content folder.
    fn accessibility(&mut self, root: &Path, path: &Located<String>) -> Option<crate::model::AccessibilityResults> {
        let file = root.join(path.get());
        if !inside(root, &file) {
            self.error(
                Code::OutsideContent,
                path,
                format!("the accessibility results {} are outside the content folder", file.display()),
                "keep them in the content folder, e.g. accessibility_results: accessibility-results.json",
            );
            return None;
        }
        let parsed = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(results) => Some(results),
            Err(err) => {
                self.error(
                    Code::Unreadable,
                    path,
                    format!("cannot read the accessibility results {}: {err}", file.display()),
                    "run `bash .ci/browser-checks` to write them, or remove accessibility_results",
                );
                None
            }
        }
    }

    pub(super) fn grading(&mut self, raw: &RawSite) -> Grading {
        let g = &raw.grading;
        let achieved_at = *g.achieved_at.get();
        if !(achieved_at > 0.0 && achieved_at.is_finite()) {
            self.error(
                Code::SiteSetting,
                &g.achieved_at,
                "achieved_at must be a positive percentage",
                "write e.g. 100",
            );
        }
        let method = *g.method.get();
        let on_track_at = g.on_track_at.as_ref().map(|o| *o.get());
        match (method, &g.on_track_at) {
            (GradingMethod::Bands, None) => self.error(
                Code::SiteSetting,
                &g.method,
                "the bands method needs on_track_at",
                "add on_track_at: the lowest achievement rate (percent) that counts as on track, e.g. 60",
            ),
            (GradingMethod::Bands, Some(at)) if !(0.0..achieved_at).contains(at.get()) => self.error(
                Code::SiteSetting,
                at,
                "on_track_at must be at least 0 and below achieved_at",
                "e.g. achieved_at: 100 and on_track_at: 60",
            ),
            (GradingMethod::Pace, Some(at)) => self.error(
                Code::SiteSetting,
                at,
                "on_track_at is used only with method: bands",
                "remove it, or set method: bands",
            ),
            _ => {}
        }
        Grading { method, achieved_at, on_track_at }
    }
}

/// Whether `path` (which need not exist) resolves to a place inside the folder `root`, links and
/// `..` followed: the content folder is the boundary of everything a build reads.
fn inside(root: &Path, path: &Path) -> bool {
    let Ok(root) = std::fs::canonicalize(root) else { return false };
    let resolved = std::fs::canonicalize(path).or_else(|_| {
        let parent = path.parent().map(std::fs::canonicalize).unwrap_or_else(|| Ok(root.clone()))?;
        Ok::<_, std::io::Error>(parent.join(path.file_name().unwrap_or_default()))
    });
    resolved.is_ok_and(|p| p.starts_with(root))
}

/// `text` as an absolute http(s) URL with a host, written with no surrounding spaces or control
/// characters (which would write lines of their own into robots.txt and the sitemap); `None`
/// for anything else.
pub(super) fn http_url(text: &str) -> Option<url::Url> {
    let clean = !text.chars().any(char::is_control) && text.trim() == text;
    url::Url::parse(text).ok().filter(|url| clean && matches!(url.scheme(), "http" | "https") && url.has_host())
}

/// What is wrong with `plan.years`, if anything: each must be a plausible fiscal year, and they
/// come in ascending order, each once. Values in goal files are checked against them only when
/// nothing is wrong, so that one mistake in site.yaml gives one error.
pub(super) fn years_problem(years: &[u16]) -> Option<&'static str> {
    if years.iter().any(|y| !super::plans::SENSIBLE_YEARS.contains(y)) {
        Some("plan.years names a year that is not a fiscal year of a plan")
    } else if years.is_empty() || years.windows(2).any(|w| w[0] >= w[1]) {
        Some("plan.years must list at least one fiscal year, in ascending order, each once")
    } else {
        None
    }
}
