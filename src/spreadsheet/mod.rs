//! `mieruka import` and `mieruka export --template`: a year's results travel from a
//! spreadsheet into the YAML files, and a template to fill in travels the other way.
//!
//! The spreadsheet has a header row and one row per indicator and fiscal year; the columns are
//! listed in [`columns`] and in docs/format.md. Import checks every row against the content
//! (ids, years, numbers, units), reports every problem with its row and column, and writes
//! nothing unless all rows are right. It then changes only the values in the YAML files, each
//! in its place, so that comments, key order and formatting stay as they were: it reads back
//! what it would write, and runs `mieruka check` after writing, undoing the write if the
//! content has errors.

mod cells;
mod export;
mod index;
mod plan;
mod report;
mod rows;
mod sheet;
mod yaml_edit;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc, Place, display_path};
use crate::load::RawContent;
use index::Index;
use plan::{FilePlan, plan_file, restore, write_all};
use rows::{Wanted, YearActuals, YearDone};

pub use export::{Template, TemplateOptions, export_template};
pub use report::{Change, Field, Imported};

/// The names of the spreadsheet's columns, as written in its header row.
pub mod columns {
    /// The indicator's id as written in content, e.g. `1-1-1-1.1` (required).
    pub const INDICATOR_ID: &str = "indicator_id";
    /// The fiscal year of the results, as the Gregorian year it starts: 2025 for 令和7年度
    /// (required; one of the plan's years).
    pub const FISCAL_YEAR: &str = "fiscal_year";
    /// The actual: a number, or empty to leave the value as it is (required column).
    pub const ACTUAL: &str = "actual";
    /// The indicator's unit in Japanese as in content, checked against it (optional).
    pub const UNIT: &str = "unit";
    /// What was done that year, in Japanese: the action's `done` text (optional).
    pub const DONE_JA: &str = "done_ja";
    /// What was done that year, in English (optional).
    pub const DONE_EN: &str = "done_en";
    /// The columns import reads, in the template's order.
    pub const IMPORTED: [&str; 6] = [INDICATOR_ID, FISCAL_YEAR, ACTUAL, UNIT, DONE_JA, DONE_EN];
    /// The columns the template adds for people to read; import ignores them.
    pub const READ_ONLY: [&str; 6] = ["goal", "policy", "action", "name_ja", "name_en", "target"];
    pub(super) const REQUIRED_HINT: &str = "indicator_id, fiscal_year and actual";
    pub(super) const ALL_HINT: &str = "indicator_id, fiscal_year, actual, unit, done_ja and done_en";
}

/// A problem with the spreadsheet or with a content file it would change: always an error.
fn problem(place: impl Into<Place>, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Code::Sheet, place, message)
}

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The content folder (with site.yaml).
    pub content: PathBuf,
    /// The spreadsheet: `.xlsx` or `.csv`.
    pub spreadsheet: PathBuf,
    /// Only report what would change.
    pub dry_run: bool,
}

/// Imports the results in `options.spreadsheet` into the content. On failure nothing is
/// written and the error holds every problem found.
pub fn import(options: &ImportOptions) -> Result<Imported, Diagnostics> {
    let (raw, before) = checked_for_edit(&options.content, "import into", "import")?; // 1. the content, once
    let plan_years = raw.site.as_ref().map(|s| s.value.plan.years.get().clone()).unwrap_or_default();
    let index = Index::new(&raw);
    let shown = display_path(&options.spreadsheet).display().to_string();
    let grid = sheet::read(&options.spreadsheet, &shown).map_err(Diagnostics::from)?; // 2. the spreadsheet
    let wanted = rows::read_rows(&grid, &index, &plan_years).map_err(Diagnostics::from_iter)?; // 3. its rows
    let plans = plan_files(&raw, &index, wanted).map_err(Diagnostics::from_iter)?; // 4. the edits, file by file
    let mut imported = Imported {
        changes: plans.iter().flat_map(|p| p.changes.iter().cloned()).collect(),
        files: plans.iter().map(|p| p.path.to_path_buf()).collect(),
        written: false,
        warnings: before.warnings(),
    };
    if options.dry_run || plans.is_empty() {
        return Ok(imported);
    }
    write_all(&plans)?; // 5. written together
    let (_, after) = crate::check(&options.content); // 6. checked again, put back on errors
    if after.has_errors() {
        let mut failure = after.errors_only();
        failure.extend(restore(&plans));
        failure.push(
            problem(
                Place::Sheet { file: shown, sheet: grid.sheet.clone(), row: 0, column: None },
                "with these values the content would have the errors above, so the files were put back as they were",
            )
            .help("correct the rows that lead to them, or fix the content, and import again"),
        );
        return Err(failure);
    }
    imported.written = true;
    imported.warnings = after.warnings();
    Ok(imported)
}

/// Loads the content once and checks it: content with errors is neither edited nor exported
/// from. Returns the files as written, with the warnings found.
fn checked_for_edit(content: &Path, does: &str, again: &str) -> Result<(RawContent, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let (raw, _) = crate::load_and_check(content, None, &mut diagnostics);
    if !diagnostics.has_errors() {
        return Ok((raw, diagnostics));
    }
    let mut failure = diagnostics.errors_only();
    failure.push(
        problem(Place::Content(Loc::path(content)), format!("the content has errors, so mieruka does not {does} it"))
            .help(format!("fix the errors above (`mieruka check` lists them), then {again} again")),
    );
    Err(failure)
}

/// The edits of every file that the wanted values touch, or every problem found.
fn plan_files(raw: &RawContent, index: &Index<'_>, wanted: Wanted) -> Result<Vec<FilePlan>, Vec<Diagnostic>> {
    let mut actuals_by_file: BTreeMap<usize, BTreeMap<usize, YearActuals>> = BTreeMap::new();
    for (entry, years) in wanted.actuals {
        if let Some(e) = index.entries.get(entry) {
            actuals_by_file.entry(e.file).or_default().insert(entry, years);
        }
    }
    let mut done_by_file: BTreeMap<usize, Vec<(usize, YearDone)>> = BTreeMap::new();
    for (entry, years) in wanted.done.into_values() {
        if let Some(e) = index.entries.get(entry) {
            done_by_file.entry(e.file).or_default().push((entry, years));
        }
    }
    let files: BTreeSet<usize> = actuals_by_file.keys().chain(done_by_file.keys()).copied().collect();
    let mut problems = Vec::new();
    let mut plans = Vec::new();
    for file in files {
        let Some(goal) = raw.goals.get(file) else { continue };
        let actuals = actuals_by_file.remove(&file).unwrap_or_default();
        let done = done_by_file.remove(&file).unwrap_or_default();
        match plan_file(index, &goal.file, &goal.value, &actuals, &done) {
            Ok(plan) => plans.extend(plan),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() { Ok(plans) } else { Err(problems) }
}
