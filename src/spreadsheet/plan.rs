//! Planning the edits of each content file: every value changed in place, the new text read
//! back and compared with what was planned, and the files written (or put back) together.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::index::Index;
use super::problem;
use super::report::{Change, Field};
use super::rows::{YearActuals, YearDone};
use super::yaml_edit::{self, DoneText, FileEditor, stored_text, yaml_number};
use crate::diagnostics::{Diagnostic, Diagnostics, Loc, Place};
use crate::raw::{RawGoal, RawValue};
use crate::yaml::parse_yaml;

/// The changes planned for one content file.
pub(super) struct FilePlan {
    pub(super) path: Arc<Path>,
    old_text: String,
    new_text: String,
    pub(super) changes: Vec<Change>,
}

/// A value changed: which, and from what to what.
struct Changed {
    id: String,
    year: u16,
    field: Field,
    old: Option<String>,
    new: String,
}

/// The edits of one file as they are planned, with every value the file must then read.
struct Planner<'t> {
    index: &'t Index<'t>,
    path: &'t Arc<Path>,
    old_text: &'t str,
    editor: FileEditor<'t>,
    changed: Vec<Changed>,
    expected: BTreeMap<String, String>,
    problems: Vec<Diagnostic>,
}

/// Plans the edits of one goal-area file, reads the result back and checks that exactly the
/// planned values changed. `None` when nothing changes.
pub(super) fn plan_file(
    index: &Index<'_>,
    path: &Arc<Path>,
    goal: &RawGoal,
    actuals: &BTreeMap<usize, YearActuals>,
    done: &[(usize, YearDone)],
) -> Result<Option<FilePlan>, Vec<Diagnostic>> {
    let old_text = std::fs::read_to_string(path).map_err(|err| {
        vec![
            problem(Place::Content(Loc::file(path)), format!("cannot read this file: {err}"))
                .help("check that the file exists and that you may read it"),
        ]
    })?;
    let mut planner = Planner {
        index,
        path,
        old_text: &old_text,
        editor: FileEditor::new(&old_text),
        changed: Vec::new(),
        expected: fingerprint(goal),
        problems: Vec::new(),
    };
    for (&entry, years) in actuals {
        planner.actuals(entry, years);
    }
    for (entry, years) in done {
        planner.done(*entry, years);
    }
    planner.finish()
}

impl Planner<'_> {
    fn actuals(&mut self, entry: usize, years: &YearActuals) {
        let Some(e) = self.index.entries.get(entry) else { return };
        let id = e.indicator.id.get();
        let values: BTreeMap<u16, f64> = years.iter().map(|(&y, (v, _))| (y, *v)).collect();
        match self.editor.set_actuals(e.indicator, &values) {
            Ok(done_years) => {
                for (year, replaced) in done_years {
                    let new = yaml_number(values.get(&year).copied().unwrap_or_default());
                    self.changed.push(Changed { id: id.clone(), year, field: Field::Actual, old: replaced.old, new });
                }
                for (year, value) in &values {
                    self.expected
                        .insert(format!("indicator {id} actual {year}"), format!("{:?}", RawValue::Number(*value)));
                }
            }
            Err(err) => {
                let row = years.values().next().map(|(_, p)| p.to_string()).unwrap_or_default();
                let problem = edit_problem(self.path, self.old_text, &err, &format!("the actual of {id} from {row}"));
                self.problems.push(problem);
            }
        }
    }

    fn done(&mut self, entry: usize, years: &YearDone) {
        let Some(e) = self.index.entries.get(entry) else { return };
        let id = e.action.id.get();
        let texts: BTreeMap<u16, DoneText> = years.iter().map(|(&y, (t, _))| (y, t.clone())).collect();
        match self.editor.set_done(e.action, &texts) {
            Ok(done_years) => {
                for ((year, lang), replaced) in done_years {
                    let text = texts.get(&year);
                    let (field, new) = match lang {
                        "en" => (Field::DoneEn, text.and_then(|t| t.en.clone())),
                        _ => (Field::DoneJa, text.and_then(|t| t.ja.clone())),
                    };
                    let new = new.unwrap_or_default();
                    self.changed.push(Changed { id: id.clone(), year, field, old: replaced.old, new });
                }
                for (year, text) in &texts {
                    for (lang, value) in [("ja", &text.ja), ("en", &text.en)] {
                        if let Some(value) = value {
                            self.expected.insert(format!("action {id} done {year} {lang}"), stored_text(value));
                        }
                    }
                }
            }
            Err(err) => {
                let row = years.values().next().map(|(_, p)| p.to_string()).unwrap_or_default();
                let what = format!("the done text of {id} from {row}");
                self.problems.push(edit_problem(self.path, self.old_text, &err, &what));
            }
        }
    }

    /// The new text, read back and compared with the plan, or every problem found.
    fn finish(self) -> Result<Option<FilePlan>, Vec<Diagnostic>> {
        let (path, old_text) = (self.path, self.old_text);
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        if self.changed.is_empty() {
            return Ok(None);
        }
        let new_text = self.editor.finish().map_err(|err| vec![edit_problem(path, old_text, &err, "the changes")])?;
        let new_goal = read_back(path, &new_text, &self.expected)?;
        let lines = value_lines(&new_goal);
        let mut changes: Vec<Change> = self
            .changed
            .into_iter()
            .map(|c| Change {
                file: path.to_path_buf(),
                line: lines.get(&(c.id.clone(), c.year, c.field)).copied().unwrap_or(0),
                id: c.id,
                year: c.year,
                field: c.field,
                old: c.old,
                new: c.new,
            })
            .collect();
        changes.sort_by(|a, b| (a.line, &a.id, a.year, a.field).cmp(&(b.line, &b.id, b.year, b.field)));
        Ok(Some(FilePlan { path: Arc::clone(path), old_text: old_text.to_owned(), new_text, changes }))
    }
}

/// Parses the text that would be written and checks that exactly the planned values differ.
fn read_back(
    path: &Arc<Path>,
    new_text: &str,
    expected: &BTreeMap<String, String>,
) -> Result<RawGoal, Vec<Diagnostic>> {
    let cannot_rewrite = |detail: String| {
        vec![
            problem(Place::Content(Loc::file(path)), format!("mieruka cannot change this file safely: {detail}"))
                .help("change these values by hand in the YAML file and leave them out of the spreadsheet; please report the case"),
        ]
    };
    let new_goal: RawGoal = parse_yaml(path, new_text).map_err(|d| cannot_rewrite(d.to_string()))?;
    let got = fingerprint(&new_goal);
    if &got != expected {
        let differs =
            expected.keys().chain(got.keys()).find(|k| got.get(*k) != expected.get(*k)).cloned().unwrap_or_default();
        return Err(cannot_rewrite(format!(
            "after the change, {differs} would read {:?} instead of {:?}",
            got.get(&differs),
            expected.get(&differs)
        )));
    }
    Ok(new_goal)
}

/// A problem with an edit, located in the content file.
fn edit_problem(path: &Arc<Path>, text: &str, err: &yaml_edit::EditError, what: &str) -> Diagnostic {
    let (line, column) = line_column(text, err.at);
    problem(
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
    for action in goal.actions() {
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
            for (name, map) in
                [("target", &indicator.targets), ("actual", &indicator.actuals), ("rate", &indicator.printed_rate)]
            {
                for (year, value) in map {
                    out.insert(format!("indicator {id} {name} {year}"), format!("{:?}", value.get()));
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
    for action in goal.actions() {
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
pub(super) fn write_all(plans: &[FilePlan]) -> Result<(), Diagnostics> {
    for (i, plan) in plans.iter().enumerate() {
        if let Err(err) = std::fs::write(&plan.path, &plan.new_text) {
            let mut problems = vec![
                problem(Place::Content(Loc::file(&plan.path)), format!("cannot write this file: {err}"))
                    .help("check that the file is not read-only or open in another program, then import again"),
            ];
            problems.extend(restore(plans.get(..i).unwrap_or_default()));
            return Err(problems.into_iter().collect::<Diagnostics>());
        }
    }
    Ok(())
}

/// Puts the files of `plans` back as they were; returns a problem for each that could not be.
pub(super) fn restore(plans: &[FilePlan]) -> Vec<Diagnostic> {
    plans
        .iter()
        .filter_map(|plan| {
            std::fs::write(&plan.path, &plan.old_text).err().map(|err| {
                problem(Place::Content(Loc::file(&plan.path)), format!("cannot put this file back: {err}"))
                    .help("restore it from git (`git checkout -- <file>`)")
            })
        })
        .collect()
}
