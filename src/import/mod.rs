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

mod edit;
mod index;
mod rows;
mod sheet;
mod template;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostics, Loc, display_path};
use crate::load;
use crate::raw::{RawGoal, RawValue};
use crate::yaml::parse_yaml;

use edit::{DoneText, FileEditor, format_number, stored_text};
use index::Index;
use rows::{YearActuals, YearDone};

pub use template::{Template, TemplateOptions, export_template};

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

/// Where a problem is: a cell or row of the spreadsheet, or a place in a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A place in the spreadsheet. Shown as `results.csv:5:3` (row 5, column 3) for CSV and
    /// `results.xlsx:Sheet1:R5C3` for a workbook.
    Sheet {
        /// The file, as shown in messages.
        file: String,
        /// The sheet, for a workbook.
        sheet: Option<String>,
        /// The row as a spreadsheet program numbers it (the header is row 1); 0 for the whole file.
        row: u32,
        /// The column (1 is A), or `None` for the whole row.
        column: Option<u32>,
    },
    /// A place in a content file.
    Content(Loc),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Sheet { file, sheet: None, row, column } => {
                write!(f, "{file}")?;
                if *row > 0 {
                    write!(f, ":{row}")?;
                    if let Some(column) = column {
                        write!(f, ":{column}")?;
                    }
                }
                Ok(())
            }
            Place::Sheet { file, sheet: Some(sheet), row, column } => {
                write!(f, "{file}:{sheet}")?;
                if *row > 0 {
                    write!(f, ":R{row}")?;
                    if let Some(column) = column {
                        write!(f, "C{column}")?;
                    }
                }
                Ok(())
            }
            Place::Content(loc) => write!(f, "{loc}"),
        }
    }
}

/// A problem that stops an import or an export: where, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the problem is.
    pub place: Place,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Problem {
    /// A problem at `place`.
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        Self { place, message: message.into(), help: None }
    }

    /// Adds the advice on how to fix the problem.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.place, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem that stopped an import or an export. Nothing was written.
#[derive(Debug, Clone, Default)]
pub struct Failure {
    /// The problems, in the order of the spreadsheet's rows (or of the content files).
    pub problems: Vec<Problem>,
}

impl Failure {
    fn one(problem: Problem) -> Self {
        Self { problems: vec![problem] }
    }

    /// The errors of `diagnostics` as problems.
    fn content(diagnostics: &Diagnostics) -> Self {
        let problems = diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.severity == crate::diagnostics::Severity::Error)
            .filter_map(|d| {
                Some(Problem {
                    place: Place::Content(d.loc()?.clone()),
                    message: d.message.clone(),
                    help: d.help.clone(),
                })
            })
            .collect();
        Self { problems }
    }

    /// Every problem as plain text, followed by a count.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for problem in &self.problems {
            let _ = writeln!(out, "{problem}");
        }
        let n = self.problems.len();
        let _ = writeln!(out, "{n} error{}", if n == 1 { "" } else { "s" });
        out
    }
}

/// Which value an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// An indicator's actual.
    Actual,
    /// An action's done text in Japanese.
    DoneJa,
    /// An action's done text in English.
    DoneEn,
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Field::Actual => "actual",
            Field::DoneJa => "done_ja",
            Field::DoneEn => "done_en",
        })
    }
}

/// One value an import changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The content file.
    pub file: PathBuf,
    /// The line of the value after the change.
    pub line: u64,
    /// The indicator's id (for an actual) or the action's id (for a done text).
    pub id: String,
    /// The fiscal year.
    pub year: u16,
    /// Which value.
    pub field: Field,
    /// The value before, as written (`None`: there was none).
    pub old: Option<String>,
    /// The value after.
    pub new: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |value: &str| match self.field {
            Field::Actual => value.to_owned(),
            Field::DoneJa | Field::DoneEn => format!("{:?}", shorten(value)),
        };
        let old = self.old.as_deref().map_or_else(|| "(none)".to_owned(), shown);
        write!(
            f,
            "{}:{}: {} FY{} {}: {old} → {}",
            self.file.display(),
            self.line,
            self.id,
            self.year,
            self.field,
            shown(&self.new)
        )
    }
}

/// A text on one line, cut after 30 characters.
fn shorten(text: &str) -> String {
    let line = text.trim_end().replace('\n', " / ");
    let mut chars = line.chars();
    let head: String = chars.by_ref().take(30).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// Every value changed, by file and line.
    pub changes: Vec<Change>,
    /// The files changed.
    pub files: Vec<PathBuf>,
    /// Whether the files were written (false for a dry run).
    pub written: bool,
    /// The warnings `mieruka check` finds in the content after the import.
    pub warnings: usize,
}

impl Imported {
    /// The changes, one line each, and a closing line.
    pub fn render(&self, spreadsheet: &Path) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let _ = writeln!(out, "{change}");
        }
        let sheet = display_path(spreadsheet);
        let n = self.changes.len();
        let values = if n == 1 { "value" } else { "values" };
        let files = self.files.len();
        let in_files = format!("{files} file{}", if files == 1 { "" } else { "s" });
        let _ = if n == 0 {
            writeln!(out, "nothing to change: the content already holds every value in {}", sheet.display())
        } else if self.written {
            writeln!(
                out,
                "imported {n} {values} from {} into {in_files}; review them with `mieruka diff HEAD`",
                sheet.display()
            )
        } else {
            writeln!(
                out,
                "dry run: {n} {values} from {} would change in {in_files}; nothing was written",
                sheet.display()
            )
        };
        out
    }
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

/// The changes planned for one content file.
struct FilePlan {
    path: Arc<Path>,
    old_text: String,
    new_text: String,
    changes: Vec<Change>,
}

/// Imports the results in `options.spreadsheet` into the content. On failure nothing is
/// written and the error holds every problem found.
pub fn import(options: &ImportOptions) -> Result<Imported, Failure> {
    let (_, before) = crate::check(&options.content);
    if before.has_errors() {
        let mut failure = Failure::content(&before);
        failure.problems.push(
            Problem::new(
                Place::Content(Loc::file(&Arc::from(display_path(&options.content)))),
                "the content has errors, so mieruka does not import into it",
            )
            .help("fix the errors above (`mieruka check` lists them), then import again"),
        );
        return Err(failure);
    }
    let mut ignored = Diagnostics::default();
    let raw = load::load(&options.content, &mut ignored);
    let plan_years = raw.site.as_ref().map(|s| s.value.plan.years.get().clone()).unwrap_or_default();
    let index = Index::new(&raw);
    let shown = display_path(&options.spreadsheet).display().to_string();
    let grid = sheet::read(&options.spreadsheet, &shown).map_err(Failure::one)?;
    let wanted = rows::read_rows(&grid, &index, &plan_years).map_err(|problems| Failure { problems })?;

    // The changes, per file.
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
    let files: std::collections::BTreeSet<usize> = actuals_by_file.keys().chain(done_by_file.keys()).copied().collect();

    let mut problems = Vec::new();
    let mut plans = Vec::new();
    for file in files {
        let Some(goal) = raw.goals.get(file) else {
            continue;
        };
        let actuals = actuals_by_file.remove(&file).unwrap_or_default();
        let done = done_by_file.remove(&file).unwrap_or_default();
        match plan_file(&index, &goal.file, &goal.value, &actuals, &done) {
            Ok(Some(plan)) => plans.push(plan),
            Ok(None) => {}
            Err(found) => problems.extend(found),
        }
    }
    if !problems.is_empty() {
        return Err(Failure { problems });
    }

    let mut imported = Imported {
        changes: plans.iter().flat_map(|p| p.changes.iter().cloned()).collect(),
        files: plans.iter().map(|p| p.path.to_path_buf()).collect(),
        written: false,
        warnings: before.warnings(),
    };
    if options.dry_run || plans.is_empty() {
        return Ok(imported);
    }
    write_all(&plans)?;
    let (_, after) = crate::check(&options.content);
    if after.has_errors() {
        let undone = restore(&plans);
        let mut failure = Failure::content(&after);
        failure.problems.extend(undone);
        failure.problems.push(
            Problem::new(
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

/// Plans the edits of one goal-area file, reads the result back and checks that exactly the
/// planned values changed. `None` when nothing changes.
fn plan_file(
    index: &Index<'_>,
    path: &Arc<Path>,
    goal: &RawGoal,
    actuals: &BTreeMap<usize, YearActuals>,
    done: &[(usize, YearDone)],
) -> Result<Option<FilePlan>, Vec<Problem>> {
    let cannot_read = |err: std::io::Error| {
        vec![
            Problem::new(Place::Content(Loc::file(path)), format!("cannot read this file: {err}"))
                .help("check that the file exists and that you may read it"),
        ]
    };
    let old_text = std::fs::read_to_string(path).map_err(cannot_read)?;
    let mut editor = FileEditor::new(&old_text);
    let mut problems = Vec::new();
    // (id, year, field, old)
    let mut changed: Vec<(String, u16, Field, Option<String>, String)> = Vec::new();
    let mut expected = fingerprint(goal);

    for (&entry, years) in actuals {
        let Some(e) = index.entries.get(entry) else {
            continue;
        };
        let id = e.indicator.id.get();
        let values: BTreeMap<u16, f64> = years.iter().map(|(&y, (v, _))| (y, *v)).collect();
        match editor.set_actuals(e.indicator, &values) {
            Ok(done_years) => {
                for (year, replaced) in done_years {
                    let new = format_number(values.get(&year).copied().unwrap_or_default());
                    changed.push((id.clone(), year, Field::Actual, replaced.old, new));
                }
                for (year, value) in &values {
                    expected.insert(format!("indicator {id} actual {year}"), format!("{:?}", RawValue::Number(*value)));
                }
            }
            Err(err) => {
                let row = years.values().next().map(|(_, p)| p.to_string()).unwrap_or_default();
                problems.push(edit_problem(path, &old_text, &err, &format!("the actual of {id} from {row}")));
            }
        }
    }
    for (entry, years) in done {
        let Some(e) = index.entries.get(*entry) else {
            continue;
        };
        let id = e.action.id.get();
        let texts: BTreeMap<u16, DoneText> = years.iter().map(|(&y, (t, _))| (y, t.clone())).collect();
        match editor.set_done(e.action, &texts) {
            Ok(done_years) => {
                for ((year, lang), replaced) in done_years {
                    let text = texts.get(&year);
                    let (field, new) = match lang {
                        "en" => (Field::DoneEn, text.and_then(|t| t.en.clone())),
                        _ => (Field::DoneJa, text.and_then(|t| t.ja.clone())),
                    };
                    changed.push((id.clone(), year, field, replaced.old, new.unwrap_or_default()));
                }
                for (year, text) in &texts {
                    if let Some(ja) = &text.ja {
                        expected.insert(format!("action {id} done {year} ja"), stored_text(ja));
                    }
                    if let Some(en) = &text.en {
                        expected.insert(format!("action {id} done {year} en"), stored_text(en));
                    }
                }
            }
            Err(err) => {
                let row = years.values().next().map(|(_, p)| p.to_string()).unwrap_or_default();
                problems.push(edit_problem(path, &old_text, &err, &format!("the done text of {id} from {row}")));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if changed.is_empty() {
        return Ok(None);
    }
    let new_text = editor.finish().map_err(|err| vec![edit_problem(path, &old_text, &err, "the changes")])?;

    // Read back what would be written: exactly the planned values may differ.
    let cannot_rewrite = |detail: String| {
        vec![
            Problem::new(Place::Content(Loc::file(path)), format!("mieruka cannot change this file safely: {detail}"))
                .help("change these values by hand in the YAML file and leave them out of the spreadsheet; please report the case"),
        ]
    };
    let new_goal: RawGoal = parse_yaml(path, &new_text).map_err(|d| cannot_rewrite(d.to_string()))?;
    let got = fingerprint(&new_goal);
    if got != expected {
        let differs =
            expected.keys().chain(got.keys()).find(|k| got.get(*k) != expected.get(*k)).cloned().unwrap_or_default();
        return Err(cannot_rewrite(format!(
            "after the change, {differs} would read {:?} instead of {:?}",
            got.get(&differs),
            expected.get(&differs)
        )));
    }

    let lines = value_lines(&new_goal);
    let mut changes: Vec<Change> = changed
        .into_iter()
        .map(|(id, year, field, old, new)| Change {
            file: path.to_path_buf(),
            line: lines.get(&(id.clone(), year, field)).copied().unwrap_or(0),
            id,
            year,
            field,
            old,
            new,
        })
        .collect();
    changes.sort_by(|a, b| (a.line, &a.id, a.year, a.field).cmp(&(b.line, &b.id, b.year, b.field)));
    Ok(Some(FilePlan { path: Arc::clone(path), old_text, new_text, changes }))
}

/// A problem with changing a value in a content file.
fn edit_problem(path: &Arc<Path>, text: &str, err: &edit::EditError, what: &str) -> Problem {
    let (line, column) = line_column(text, err.at);
    Problem::new(
        Place::Content(Loc { file: Arc::clone(path), line, column }),
        format!("cannot write {what} here: {}", err.message),
    )
    .help("change the value by hand in the YAML file and leave it out of the spreadsheet, or rewrite it in the usual form (docs/format.md) and import again")
}

/// The line and column (from 1, in characters) of byte offset `at` in `text`.
fn line_column(text: &str, at: usize) -> (u64, u64) {
    let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u64 + 1;
    (line, column)
}

/// The values of a goal area that an import may touch or must leave alone, by name.
fn fingerprint(goal: &RawGoal) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut count = (0usize, 0usize);
    for policy in &goal.policies {
        for approach in &policy.approaches {
            for measure in &approach.measures {
                for action in &measure.actions {
                    count.0 += 1;
                    let id = action.id.get();
                    for (year, text) in action.done.iter().flatten() {
                        out.insert(format!("action {id} done {year} ja"), text.ja.get().clone());
                        if let Some(en) = &text.en {
                            out.insert(format!("action {id} done {year} en"), en.get().clone());
                        }
                    }
                    for indicator in action.indicators.iter().flatten() {
                        count.1 += 1;
                        let id = indicator.id.get();
                        out.insert(format!("indicator {id} unit"), indicator.unit.ja.get().clone());
                        if let Some(total) = &indicator.total {
                            out.insert(format!("indicator {id} total"), format!("{:?}", total.get()));
                        }
                        for (name, map) in [
                            ("target", &indicator.targets),
                            ("actual", &indicator.actuals),
                            ("rate", &indicator.printed_rate),
                        ] {
                            for (year, value) in map {
                                out.insert(format!("indicator {id} {name} {year}"), format!("{:?}", value.get()));
                            }
                        }
                    }
                }
            }
        }
    }
    out.insert("the number of actions".to_owned(), count.0.to_string());
    out.insert("the number of indicators".to_owned(), count.1.to_string());
    out
}

/// The line of every actual and done text, by id, year and field.
fn value_lines(goal: &RawGoal) -> BTreeMap<(String, u16, Field), u64> {
    let mut out = BTreeMap::new();
    for action in goal.policies.iter().flat_map(|p| &p.approaches).flat_map(|a| &a.measures).flat_map(|m| &m.actions) {
        for (year, text) in action.done.iter().flatten() {
            out.insert((action.id.get().clone(), *year, Field::DoneJa), text.ja.line_column().0);
            if let Some(en) = &text.en {
                out.insert((action.id.get().clone(), *year, Field::DoneEn), en.line_column().0);
            }
        }
        for indicator in action.indicators.iter().flatten() {
            for (year, value) in &indicator.actuals {
                out.insert((indicator.id.get().clone(), *year, Field::Actual), value.line_column().0);
            }
        }
    }
    out
}

/// Writes every planned file; on a failure puts back those already written.
fn write_all(plans: &[FilePlan]) -> Result<(), Failure> {
    for (i, plan) in plans.iter().enumerate() {
        if let Err(err) = std::fs::write(&plan.path, &plan.new_text) {
            let mut problems = vec![
                Problem::new(Place::Content(Loc::file(&plan.path)), format!("cannot write this file: {err}"))
                    .help("check that the file is not read-only or open in another program, then import again"),
            ];
            problems.extend(restore(plans.get(..i).unwrap_or_default()));
            return Err(Failure { problems });
        }
    }
    Ok(())
}

/// Puts the files of `plans` back as they were; returns a problem for each that could not be.
fn restore(plans: &[FilePlan]) -> Vec<Problem> {
    plans
        .iter()
        .filter_map(|plan| {
            std::fs::write(&plan.path, &plan.old_text).err().map(|err| {
                Problem::new(Place::Content(Loc::file(&plan.path)), format!("cannot put this file back: {err}"))
                    .help("restore it from git (`git checkout -- <file>`)")
            })
        })
        .collect()
}
