//! Past editions. Each git tag `edition-YYYY` in the repository that holds the content marks
//! the content as it was published for fiscal year YYYY. The build checks out the content of
//! every such tag and renders it, with the current mieruka, into `editions/YYYY/`: the pages
//! citizens read that year stay at a stable address. A site without such tags, or outside git,
//! has no past editions.

use std::path::Path;

use crate::compute::Progress;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc, OrReport};
use crate::git;
use crate::model::Site;
use crate::render::theme::Theme;

/// The prefix of the tags that mark published editions.
const TAG_PREFIX: &str = "edition-";

/// A past edition, checked and ready to render.
pub(crate) struct Edition {
    /// The fiscal year it reports, which names its folder: `editions/2024/`.
    pub year: u16,
    /// Its site, with the base URL of its folder.
    pub site: Site,
    /// What was computed for it.
    pub progress: Progress,
    /// Its theme, as the content of the tag names it.
    pub theme: Theme,
    /// The date of the tagged commit, the pages' build date.
    pub built: Option<jiff::civil::Date>,
}

/// The folder of an edition in the output: `editions/2024/`.
pub(crate) fn folder(year: u16) -> String {
    format!("editions/{year}/")
}

/// Loads every past edition of the site in `content`, oldest first: the tags
/// `edition-YYYY` whose year is before `current`'s reporting year. Problems in an edition's
/// content are errors; its warnings were reported when it was published, and are not repeated.
pub(crate) fn load(content: &Path, current: &Site, diagnostics: &mut Diagnostics) -> Option<Vec<Edition>> {
    // Outside git (or without git) there are no tags, so no past editions.
    let Ok(tags) = git::git(content, &["tag", "--list", &format!("{TAG_PREFIX}*")]) else { return Some(Vec::new()) };
    let mut years: Vec<(u16, &str)> = Vec::new();
    for tag in tags.lines().filter(|t| !t.is_empty()) {
        match tag.strip_prefix(TAG_PREFIX).and_then(|y| y.parse::<u16>().ok()).filter(|y| (1000..=9999).contains(y)) {
            Some(year) => years.push((year, tag)),
            None => diagnostics.push(
                Diagnostic::warning(Code::Revision, Loc::path(content), format!("the tag {tag} names no year, so it is not published as an edition"))
                    .help(format!("name edition tags {TAG_PREFIX}YYYY, with the fiscal year the edition reports (for example {TAG_PREFIX}2024)")),
            ),
        }
    }
    years.sort_unstable();
    let mut editions = Vec::new();
    for (year, tag) in years.into_iter().filter(|(y, _)| *y < current.config.reporting_year.0) {
        if let Some(edition) = load_one(content, current, (year, tag), diagnostics) {
            editions.push(edition);
        }
    }
    (!diagnostics.has_errors()).then_some(editions)
}

/// The edition of one tag, or `None` after reporting why it cannot be published.
fn load_one(
    content: &Path,
    current: &Site,
    (year, tag): (u16, &str),
    diagnostics: &mut Diagnostics,
) -> Option<Edition> {
    let dir = git::checkout(content, tag).or_report(diagnostics)?;
    let mut found = Diagnostics::default();
    let checked = crate::load_and_check(dir.path(), None, &mut found).1;
    let problem = |message: String| {
        Diagnostic::error(Code::Revision, Loc::path(content), message)
            .help(format!("fix the content at the tag and move the tag (git tag -f {tag} <commit>), or delete the tag to stop publishing the edition"))
    };
    let Some((mut site, progress)) = checked.filter(|_| !found.has_errors()) else {
        diagnostics.push(problem(format!("the edition tagged {tag} has errors, so it cannot be published")));
        diagnostics.extend(found.errors_only());
        return None;
    };
    if site.config.reporting_year.0 != year {
        diagnostics.push(problem(format!(
            "the tag {tag} marks content whose reporting_year is {}, not {year}",
            site.config.reporting_year.0
        )));
        return None;
    }
    let theme = Theme::load(site.config.theme.as_deref()).or_report(diagnostics)?;
    site.config.base_url = format!("{}{}", current.config.base_url, folder(year));
    Some(Edition { year, site, progress, theme, built: git::commit_date(content, tag) })
}
