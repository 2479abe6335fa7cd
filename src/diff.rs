//! `mieruka diff`: what changed in the plan *data* between two versions of the content — two
//! git revisions, a revision and the working tree, or two folders — as a reviewer reads it:
//! indicators whose numbers changed (with the effect on rate and status), actions added,
//! removed or moved, texts changed per language, translations still missing. Formatting-only
//! changes give an empty diff, because both sides are compared after parsing.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use crate::compute::{Assessment, Progress};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::model::{Action, Indicator, Listing, Site, Text, Value};
use crate::number::{format_number, format_percent};

/// One side of a comparison, checked.
pub struct Version {
    /// How the version is named in the report (`HEAD`, `working tree`, a folder).
    pub label: String,
    /// The site.
    pub site: Site,
    /// What was computed for it.
    pub progress: Progress,
    /// Its problems (for the count of missing translations).
    pub diagnostics: Diagnostics,
}

impl Version {
    /// The content folder as it is on disk. When it has errors, they are returned after a
    /// first line saying which version cannot be compared.
    pub fn folder(content: &Path, label: &str) -> Result<Version, Diagnostics> {
        match crate::check(content) {
            (Some((site, progress)), diagnostics) => {
                Ok(Version { label: label.to_owned(), site, progress, diagnostics })
            }
            (None, found) => {
                let mut diagnostics = Diagnostics::from(
                    Diagnostic::error(
                        Code::Revision,
                        Loc::path(content),
                        format!("{label} has errors, so it cannot be compared"),
                    )
                    .help("fix the errors listed below (or compare another version)"),
                );
                diagnostics.extend(found.errors_only());
                Err(diagnostics)
            }
        }
    }

    /// The content folder `content` as it was at git revision `rev`.
    pub fn revision(content: &Path, rev: &str) -> Result<Version, Diagnostics> {
        let dir = crate::git::checkout(content, rev)?;
        Version::folder(dir.path(), rev)
    }
}

/// A changed indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorChange {
    /// The indicator's id.
    pub id: String,
    /// Its name (English if translated, else Japanese).
    pub name: String,
    /// The values that changed: `FY2024 actual 77 → 79`.
    pub changes: Vec<String>,
    /// The achievement rate before and after, formatted.
    pub rate: Option<(String, String)>,
    /// The status before and after.
    pub status: (String, String),
}

/// A text that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextChange {
    /// The item: `1-1-1-1 description`.
    pub item: String,
    /// The languages whose text changed.
    pub languages: Vec<&'static str>,
    /// The new text, in the first language that changed.
    pub now: String,
}

/// Everything that changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PlanDiff {
    /// What was compared: `HEAD → working tree`.
    pub compared: String,
    /// Indicators whose numbers, name or unit changed.
    pub indicators: Vec<IndicatorChange>,
    /// Indicators added.
    pub indicators_added: Vec<String>,
    /// Indicators removed.
    pub indicators_removed: Vec<String>,
    /// Actions added.
    pub actions_added: Vec<String>,
    /// Actions removed.
    pub actions_removed: Vec<String>,
    /// Actions moved to another policy or measure: `1-1-1-2: 1-1 → 2-1`.
    pub actions_moved: Vec<String>,
    /// Texts changed.
    pub texts: Vec<TextChange>,
    /// English translations missing before and after.
    pub missing_translations: (usize, usize),
    /// The reporting year before and after: statuses are as of these years.
    pub reporting_year: (u16, u16),
}

impl PlanDiff {
    /// Whether nothing in the plan data changed.
    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
            && self.indicators_added.is_empty()
            && self.indicators_removed.is_empty()
            && self.actions_added.is_empty()
            && self.actions_removed.is_empty()
            && self.actions_moved.is_empty()
            && self.texts.is_empty()
            && self.missing_translations.0 == self.missing_translations.1
            && self.reporting_year.0 == self.reporting_year.1
    }
}

fn actions(site: &Site) -> BTreeMap<&str, Listing<'_>> {
    site.listings().map(|l| (l.action.id.as_str(), l)).collect()
}

/// Indicators written in the content (re-listed copies' inherited indicators are the same ones).
fn indicators(site: &Site) -> BTreeMap<&str, &Indicator> {
    let mut map = BTreeMap::new();
    for (_, _, action) in site.actions() {
        for indicator in &action.indicators {
            map.entry(indicator.id.as_str()).or_insert(indicator);
        }
    }
    map
}

fn missing_translations(diagnostics: &Diagnostics) -> usize {
    diagnostics.with_code(Code::MissingTranslation)
}

impl PlanDiff {
    /// The diff as pretty-printed JSON.
    #[expect(clippy::expect_used, reason = "plain structs of strings and numbers always serialise")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a PlanDiff serialises")
    }
}

/// Compares two versions.
pub fn compare(old: &Version, new: &Version) -> PlanDiff {
    let mut diff = PlanDiff {
        compared: format!("{} → {}", old.label, new.label),
        missing_translations: (missing_translations(&old.diagnostics), missing_translations(&new.diagnostics)),
        reporting_year: (old.site.config.reporting_year.0, new.site.config.reporting_year.0),
        ..PlanDiff::default()
    };
    let (old_actions, new_actions) = (actions(&old.site), actions(&new.site));
    for (id, now) in &new_actions {
        match old_actions.get(id) {
            None => {
                let name = now.measure.action_name(now.action).map(english).unwrap_or_default();
                let policy = crate::model::LevelNames::from(&new.site.config.levels).policy;
                diff.actions_added.push(format!("{id} {name} ({policy} {})", now.policy.id));
            }
            Some(before) => {
                if before.policy.id != now.policy.id || before.measure.title != now.measure.title {
                    // The Japanese titles, as printed: the English may not have changed.
                    diff.actions_moved.push(format!(
                        "{id}: {} {} → {} {}",
                        before.policy.id,
                        before.measure.title.as_ref().map_or("", |t| t.ja.as_str()),
                        now.policy.id,
                        now.measure.title.as_ref().map_or("", |t| t.ja.as_str())
                    ));
                }
                action_texts(id, before.action, now.action, &mut diff.texts);
            }
        }
    }
    diff.actions_removed =
        old_actions.keys().filter(|id| !new_actions.contains_key(*id)).map(|id| id.to_string()).collect();

    let (old_ind, new_ind) = (indicators(&old.site), indicators(&new.site));
    let years: BTreeSet<FiscalYear> =
        old.site.config.all_years().into_iter().chain(new.site.config.all_years()).collect();
    for (id, now) in &new_ind {
        let Some(before) = old_ind.get(id) else {
            diff.indicators_added.push(format!("{id} {}", english(&now.name)));
            continue;
        };
        let changes = indicator_changes(before, now, &years);
        let (a, b) = (old.progress.current.indicators.get(*id), new.progress.current.indicators.get(*id));
        let status = (status_of(a), status_of(b));
        // A status can change with no number changed: when the reporting year moves on.
        if !changes.is_empty() || status.0 != status.1 {
            diff.indicators.push(IndicatorChange {
                id: id.to_string(),
                name: english(&now.name),
                changes,
                rate: rate_pair(a, b),
                status,
            });
        }
    }
    diff.indicators_removed = old_ind.keys().filter(|id| !new_ind.contains_key(*id)).map(|id| id.to_string()).collect();
    diff
}

fn english(text: &Text) -> String {
    text.en.clone().unwrap_or_else(|| text.ja.clone())
}

fn status_of(a: Option<&Assessment>) -> String {
    a.map(|a| a.status.key().replace('_', " ")).unwrap_or_default()
}

fn rate_pair(a: Option<&Assessment>, b: Option<&Assessment>) -> Option<(String, String)> {
    let show = |x: Option<&Assessment>| x.and_then(|x| x.rate).map(format_percent).unwrap_or_else(|| "–".to_owned());
    let (before, after) = (show(a), show(b));
    (before != after).then_some((before, after))
}

/// A value for a reviewer: numbers with thousands separators, other cells as printed.
fn show_value(v: Option<&Value>) -> String {
    match v {
        None => "(none)".to_owned(),
        Some(Value::Number(n)) => format_number(*n),
        Some(other) => other.as_printed(),
    }
}

fn indicator_changes(before: &Indicator, now: &Indicator, years: &BTreeSet<FiscalYear>) -> Vec<String> {
    let mut changes = Vec::new();
    if before.total != now.total {
        changes.push(format!(
            "total target {} → {}",
            show_value(before.total.as_ref()),
            show_value(now.total.as_ref())
        ));
    }
    let series = [("target", &before.targets, &now.targets), ("actual", &before.actuals, &now.actuals)];
    for year in years {
        for (what, old, new) in series {
            if old.get(year) != new.get(year) {
                changes.push(format!(
                    "{} {what} {} → {}",
                    year.label(Lang::En),
                    show_value(old.get(year)),
                    show_value(new.get(year))
                ));
            }
        }
        let (old_rate, new_rate) =
            (before.printed_rate.get(year).map(|r| &r.0), now.printed_rate.get(year).map(|r| &r.0));
        if old_rate != new_rate {
            changes.push(format!(
                "{} printed rate {} → {}",
                year.label(Lang::En),
                show_value(old_rate),
                show_value(new_rate)
            ));
        }
    }
    if before.unit != now.unit {
        changes.push(format!("unit {} → {}", before.unit.ja, now.unit.ja));
    }
    if before.kind != now.kind {
        changes.push(format!("kind {:?} → {:?}", before.kind, now.kind).to_lowercase());
    }
    if before.name != now.name {
        changes.push("name changed".to_owned());
    }
    changes
}

fn action_texts(id: &str, before: &Action, now: &Action, out: &mut Vec<TextChange>) {
    let mut compare = |what: &str, a: Option<&Text>, b: Option<&Text>| {
        let mut languages = Vec::new();
        if a.map(|t| &t.ja) != b.map(|t| &t.ja) {
            languages.push("ja");
        }
        if a.and_then(|t| t.en.as_ref()) != b.and_then(|t| t.en.as_ref()) {
            languages.push("en");
        }
        if !languages.is_empty() {
            let now = b.map(|t| if languages[0] == "ja" { t.ja.clone() } else { t.en.clone().unwrap_or_default() });
            out.push(TextChange { item: format!("{id} {what}"), languages, now: now.unwrap_or_default() });
        }
    };
    compare("project", before.project.as_ref(), now.project.as_ref());
    compare("description", before.description.as_ref(), now.description.as_ref());
    let years: BTreeSet<&FiscalYear> = before.done.keys().chain(now.done.keys()).collect();
    for year in years {
        compare(&format!("what was done in {}", year.label(Lang::En)), before.done.get(year), now.done.get(year));
    }
    let roadmaps = before.roadmaps.len().max(now.roadmaps.len());
    for i in 0..roadmaps {
        let (a, b) = (before.roadmaps.get(i), now.roadmaps.get(i));
        let years: BTreeSet<&FiscalYear> = a.into_iter().chain(b).flat_map(|m| m.keys()).collect();
        for year in years {
            compare(
                &format!("roadmap {} {}", i + 1, year.label(Lang::En)),
                a.and_then(|m| m.get(year)),
                b.and_then(|m| m.get(year)),
            );
        }
    }
}

/// The diff as Markdown, ready to post as a pull-request comment.
pub fn markdown(diff: &PlanDiff) -> String {
    let mut out = format!("## Plan data changes ({})\n\n", diff.compared);
    if diff.is_empty() {
        out.push_str("No changes to the plan data.\n");
        return out;
    }
    let (was, is) = diff.reporting_year;
    if was != is {
        let _ = writeln!(out, "Reporting year: FY{was} → FY{is} (statuses are as of each side's reporting year)\n");
    }
    if !diff.indicators.is_empty() {
        out.push_str("### Indicators\n\n");
        for c in &diff.indicators {
            let rate = match &c.rate {
                Some((a, b)) => format!("; achievement rate {a} → {b}"),
                None => String::new(),
            };
            let status = if c.status.0 == c.status.1 {
                format!("status unchanged ({})", c.status.1)
            } else {
                format!("status {} → {}", c.status.0, c.status.1)
            };
            let values = if c.changes.is_empty() { "no number changed".to_owned() } else { c.changes.join("; ") };
            let _ = writeln!(out, "- **{}** {}: {values}{rate}; {status}", c.id, c.name);
        }
        out.push('\n');
    }
    let lists: [(&str, &Vec<String>); 5] = [
        ("Indicators added", &diff.indicators_added),
        ("Indicators removed", &diff.indicators_removed),
        ("Actions added", &diff.actions_added),
        ("Actions removed", &diff.actions_removed),
        ("Actions moved", &diff.actions_moved),
    ];
    for (heading, items) in lists.into_iter().filter(|(_, items)| !items.is_empty()) {
        let _ = writeln!(out, "### {heading}\n");
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
        out.push('\n');
    }
    if !diff.texts.is_empty() {
        out.push_str("### Texts changed\n\n");
        for t in &diff.texts {
            let _ = writeln!(out, "- {} ({}): {}", t.item, t.languages.join(", "), t.now.replace('\n', " "));
        }
        out.push('\n');
    }
    let (before, after) = diff.missing_translations;
    let _ = writeln!(out, "English translations missing: {after} (before: {before})");
    out
}
