//! The rows of a results spreadsheet: which column is which, and what each row asks to change,
//! checked against the content.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry as MapEntry;

use super::cells::{clean_text, narrow, normalise_id, parse_actual, parse_year};
use super::index::Index;
use super::sheet::{Cell, Grid, Row};
use super::yaml_edit::DoneText;
use super::{columns, problem};
use crate::diagnostics::{Diagnostic, Place};

/// A column of the spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    IndicatorId,
    FiscalYear,
    Actual,
    Unit,
    DoneJa,
    DoneEn,
    /// A column the template adds for people to read, or one whose name starts with `#`.
    Ignored,
}

impl Column {
    fn of(name: &str) -> Option<Self> {
        match name {
            columns::INDICATOR_ID => Some(Column::IndicatorId),
            columns::FISCAL_YEAR => Some(Column::FiscalYear),
            columns::ACTUAL => Some(Column::Actual),
            columns::UNIT => Some(Column::Unit),
            columns::DONE_JA => Some(Column::DoneJa),
            columns::DONE_EN => Some(Column::DoneEn),
            n if columns::READ_ONLY.contains(&n) || n.starts_with('#') => Some(Column::Ignored),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Column::IndicatorId => columns::INDICATOR_ID,
            Column::FiscalYear => columns::FISCAL_YEAR,
            Column::Actual => columns::ACTUAL,
            Column::Unit => columns::UNIT,
            Column::DoneJa => columns::DONE_JA,
            Column::DoneEn => columns::DONE_EN,
            Column::Ignored => "",
        }
    }
}

/// Actuals per fiscal year, each with the place of its cell.
pub(super) type YearActuals = BTreeMap<u16, (f64, Place)>;

/// Done texts per fiscal year, each with the place of the row they came from.
pub(super) type YearDone = BTreeMap<u16, (DoneText, Place)>;

/// What the spreadsheet asks to change.
#[derive(Debug, Default)]
pub(super) struct Wanted {
    /// Per indicator (its index in [`Index::entries`]), per fiscal year: the actual and the
    /// place of its cell.
    pub(super) actuals: BTreeMap<usize, YearActuals>,
    /// Per action id: an indicator of it (its index in [`Index::entries`]) and, per fiscal
    /// year, the done texts and the place of the row they came from.
    pub(super) done: BTreeMap<String, (usize, YearDone)>,
}

/// Where each column is.
struct Header {
    /// The column at each position of a row.
    columns: Vec<Option<Column>>,
}

impl Header {
    fn find(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }
}

/// Reads the header row and every row after it. Returns what the rows ask for, or every
/// problem found.
pub(super) fn read_rows(grid: &Grid, index: &Index<'_>, plan_years: &[u16]) -> Result<Wanted, Vec<Diagnostic>> {
    let Some((header_row, rows)) = grid.rows.split_first() else {
        return Err(vec![problem(grid.whole(), "the spreadsheet is empty").help(format!(
            "write a header row ({}) and one row per indicator; `mieruka export --template` writes one to fill in",
            columns::REQUIRED_HINT
        ))]);
    };
    let header = read_header(grid, header_row, rows)?;
    let mut reader = RowReader {
        grid,
        header: &header,
        index,
        plan_years,
        wanted: Wanted::default(),
        seen: BTreeMap::new(),
        problems: Vec::new(),
    };
    for row in rows {
        reader.row(row);
    }
    let RowReader { wanted, mut problems, .. } = reader;
    // A year with no done text yet needs its Japanese text.
    for (action_id, (entry, years)) in &wanted.done {
        let Some(action) = index.entries.get(*entry).map(|e| e.action) else {
            continue;
        };
        for (year, (text, place)) in years {
            let written = action.done.as_ref().is_some_and(|d| d.contains_key(year));
            if text.ja.is_none() && !written {
                problems.push(
                    problem(place.clone(), format!("the {} {action_id} has no done text for FY{year} yet, so done_en needs done_ja", index.names.action))
                        .help("write the Japanese text in done_ja on this row too; the English text alone cannot be the first"),
                );
            }
        }
    }
    if problems.is_empty() { Ok(wanted) } else { Err(problems) }
}

fn read_header(grid: &Grid, header: &Row, rows: &[Row]) -> Result<Header, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut columns = Vec::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let place = grid.place(header.number, Some(i));
        let name = match cell {
            Cell::Empty => {
                let used = rows.iter().any(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()));
                if used {
                    problems.push(problem(place, "this column has values but no name in the header row").help(
                        format!(
                            "name it ({}), start its name with # to have it ignored, or delete it",
                            columns::ALL_HINT
                        ),
                    ));
                }
                columns.push(None);
                continue;
            }
            Cell::Text(text) => narrow(text.trim()).to_lowercase(),
            Cell::Number(n) => n.to_string(),
            Cell::Other(what) => what.clone(),
        };
        match Column::of(&name) {
            Some(column) if column != Column::Ignored && columns.contains(&Some(column)) => {
                problems.push(
                    problem(place, format!("the column {name} appears twice"))
                        .help("keep one of the two columns and delete the other"),
                );
                columns.push(None);
            }
            Some(column) => columns.push(Some(column)),
            None => {
                let help = if header.cells.len() == 1 && (name.contains(';') || name.contains('\t')) {
                    "the columns seem to be separated by ';' or tabs: save the file as CSV UTF-8 (comma-separated)"
                        .to_owned()
                } else {
                    format!(
                        "the columns mieruka reads are {}; the template's other columns ({}) are ignored, and so is any column whose name starts with #",
                        columns::ALL_HINT,
                        columns::READ_ONLY.join(", ")
                    )
                };
                problems.push(problem(place, format!("unknown column {name:?}")).help(help));
                columns.push(None);
            }
        }
    }
    let header_place = grid.place(header.number, None);
    for required in [Column::IndicatorId, Column::FiscalYear, Column::Actual] {
        if !columns.contains(&Some(required)) {
            problems.push(
                problem(header_place.clone(), format!("the header row has no column {}", required.name()))
                    .help(format!("the first row names the columns: {} are required", columns::REQUIRED_HINT)),
            );
        }
    }
    if problems.is_empty() { Ok(Header { columns }) } else { Err(problems) }
}

/// Reads the rows of a spreadsheet one by one, gathering what they ask for and every problem.
struct RowReader<'a> {
    grid: &'a Grid,
    header: &'a Header,
    index: &'a Index<'a>,
    plan_years: &'a [u16],
    wanted: Wanted,
    /// The row of each indicator and year seen so far.
    seen: BTreeMap<(usize, u16), u32>,
    problems: Vec<Diagnostic>,
}

impl RowReader<'_> {
    /// The cell of `column` in `row`, with its index, when the header has that column.
    fn cell<'r>(&self, row: &'r Row, column: Column) -> Option<(usize, &'r Cell)> {
        let i = self.header.find(column)?;
        Some((i, row.cells.get(i).unwrap_or(&Cell::Empty)))
    }

    fn place(&self, row: &Row, i: usize) -> Place {
        self.grid.place(row.number, Some(i))
    }

    /// Reads one row: each column in turn, then what the row asks for if it has no problem.
    fn row(&mut self, row: &Row) {
        let imported =
            [Column::IndicatorId, Column::FiscalYear, Column::Actual, Column::Unit, Column::DoneJa, Column::DoneEn];
        if imported.iter().all(|&c| self.cell(row, c).is_none_or(|(_, v)| v.is_empty())) {
            return; // a row with only read-only columns filled in
        }
        let before = self.problems.len();
        let entry = self.indicator(row);
        let year = self.year(row);
        self.unit(row, entry);
        let actual = self.actual(row);
        let (done, done_cell) = self.done(row);
        if self.problems.len() > before {
            return;
        }
        if let (Some(entry), Some(year)) = (entry, year) {
            self.record(row, entry, year, actual, done, done_cell);
        }
    }

    /// indicator_id: the position of the indicator in the index.
    fn indicator(&mut self, row: &Row) -> Option<usize> {
        match self.cell(row, Column::IndicatorId) {
            None => None,
            Some((i, Cell::Empty)) => {
                self.problems.push(problem(self.place(row, i), "this row has no indicator_id").help(format!(
                    "write the {}'s id as in content, e.g. 1-1-1-1.1, or delete the row",
                    self.index.names.indicator
                )));
                None
            }
            Some((i, Cell::Other(what))) => {
                self.problems.push(
                    problem(self.place(row, i), format!("indicator_id holds {what}, not an id"))
                        .help(format!("write the {}'s id as in content, e.g. 1-1-1-1.1", self.index.names.indicator)),
                );
                None
            }
            Some((i, id_cell)) => {
                let id = match id_cell {
                    Cell::Number(n) => n.to_string(),
                    Cell::Text(text) => normalise_id(text),
                    Cell::Empty | Cell::Other(_) => String::new(),
                };
                let found = self.index.position(&id);
                if found.is_none() {
                    let names = &self.index.names;
                    let help = if self.index.is_action(&id) {
                        format!(
                            "{id:?} is one of the {}s' ids; the ids of its {}s add .1, .2 … to it (e.g. \"{id}.1\")",
                            names.action, names.indicator
                        )
                    } else {
                        format!(
                            "use one of the {} ids written in content/goals/*.yaml, e.g. 1-1-1-1.1; the template from `mieruka export --template` lists them all",
                            names.indicator
                        )
                    };
                    let message = format!("no {} has the id {id:?}", names.indicator);
                    self.problems.push(problem(self.place(row, i), message).help(help));
                }
                found
            }
        }
    }

    /// fiscal_year: one of the plan's years.
    fn year(&mut self, row: &Row) -> Option<u16> {
        self.cell(row, Column::FiscalYear).and_then(|(i, c)| match parse_year(c) {
        Ok(year) if self.plan_years.contains(&year) => Some(year),
        Ok(year) => {
            let years: Vec<String> = self.plan_years.iter().map(u16::to_string).collect();
            self.problems.push(
                problem(self.place(row, i), format!("fiscal year {year} is not one of the plan's years"))
                    .help(format!("use one of the years in site.yaml (plan.years): {}; a fiscal year is written as the year it starts, e.g. 2025 for 令和7年度", years.join(", "))),
            );
            None
        }
        Err((message, help)) => {
            self.problems.push(problem(self.place(row, i), message).help(help));
            None
        }
    })
    }

    /// unit: optional, but when given it must be the indicator's.
    fn unit(&mut self, row: &Row, entry: Option<usize>) {
        if let (Some(e), Some((i, c))) = (entry.and_then(|e| self.index.entries.get(e)), self.cell(row, Column::Unit)) {
            let unit = e.indicator.unit.ja.get();
            let given = match c {
                Cell::Empty => None,
                Cell::Text(t) => Some(t.trim().to_owned()),
                Cell::Number(n) => Some(n.to_string()),
                Cell::Other(what) => Some(what.clone()),
            };
            if let Some(given) = given
                && narrow(&given) != narrow(unit.trim())
            {
                self.problems.push(
                problem(
                    self.place(row, i),
                    format!(
                        "the unit {given:?} is not the unit of {} ({}), which is {unit:?}",
                        e.indicator.id.get(),
                        e.indicator.name.ja.get()
                    ),
                )
                .help(format!("check that this row's indicator_id is the indicator you mean; if it is, write {unit:?} or leave the unit empty")),
            );
            }
        }
    }

    /// actual: a number, or empty to keep the value in content.
    fn actual(&mut self, row: &Row) -> Option<(f64, usize)> {
        self.cell(row, Column::Actual).and_then(|(i, c)| match parse_actual(c) {
            Ok(value) => value.map(|v| (v, i)),
            Err((message, help)) => {
                self.problems.push(problem(self.place(row, i), message).help(help));
                None
            }
        })
    }

    /// done_ja and done_en: texts, with the column of the first one given.
    fn done(&mut self, row: &Row) -> (DoneText, Option<usize>) {
        let mut done = DoneText::default();
        let mut done_cell = None;
        for (column, slot) in [(Column::DoneJa, &mut done.ja), (Column::DoneEn, &mut done.en)] {
            if let Some((i, c)) = self.cell(row, column) {
                match c {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        let t = clean_text(t);
                        if !t.is_empty() {
                            *slot = Some(t);
                            done_cell.get_or_insert(i);
                        }
                    }
                    Cell::Number(n) => {
                        *slot = Some(n.to_string());
                        done_cell.get_or_insert(i);
                    }
                    Cell::Other(what) => self.problems.push(
                        problem(self.place(row, i), format!("{} holds {what}, not a text", column.name()))
                            .help("write what was done that year as text, or leave the cell empty"),
                    ),
                }
            }
        }

        (done, done_cell)
    }

    /// Records what a row without problems asks for: once per indicator and year, with done
    /// texts on the original action and the same text on every row of one action and year.
    fn record(
        &mut self,
        row: &Row,
        entry: usize,
        year: u16,
        actual: Option<(f64, usize)>,
        done: DoneText,
        done_cell: Option<usize>,
    ) {
        let Some(e) = self.index.entries.get(entry) else {
            return;
        };
        let grid = self.grid;
        let place = |i: usize| grid.place(row.number, Some(i));
        let id_column = self.header.find(Column::IndicatorId);
        match self.seen.entry((entry, year)) {
            MapEntry::Occupied(first) => {
                self.problems.push(
                    problem(
                        self.grid.place(row.number, id_column),
                        format!("{} FY{year} is also on row {}", e.indicator.id.get(), first.get()),
                    )
                    .help(format!("keep one row per {} and year, and delete the other", self.index.names.indicator)),
                );
                return;
            }
            MapEntry::Vacant(slot) => {
                slot.insert(row.number);
            }
        }
        if let Some((value, i)) = actual {
            self.wanted.actuals.entry(entry).or_default().insert(year, (value, place(i)));
        }
        let Some(i) = done_cell else {
            return;
        };
        if let Some(original) = self.index.done_source(e.action) {
            self.problems.push(
                problem(
                    place(i),
                    format!(
                        "the {} {} re-lists {} and shows its done texts",
                        self.index.names.action,
                        e.action.id.get(),
                        original.id.get()
                    ),
                )
                .help(format!(
                    "write the done text on a row of one of the {}s of {} instead",
                    self.index.names.indicator,
                    original.id.get()
                )),
            );
            return;
        }
        let action_id = e.action.id.get().clone();
        let (_, years) = self.wanted.done.entry(action_id.clone()).or_insert_with(|| (entry, BTreeMap::new()));
        match years.entry(year) {
            MapEntry::Vacant(slot) => {
                slot.insert((done, place(i)));
            }
            MapEntry::Occupied(mut slot) => {
                let (earlier, earlier_place) = slot.get_mut();
                for (lang, new, old) in [("done_ja", &done.ja, &mut earlier.ja), ("done_en", &done.en, &mut earlier.en)]
                {
                    match (new, &*old) {
                    (Some(new), Some(old)) if new != old => self.problems.push(
                        problem(
                            place(i),
                            format!("{lang} for the {} {action_id} in FY{year} differs from the one at {earlier_place}", self.index.names.action),
                        )
                        .help(format!("the done texts belong to the {}, not to each {}: write them on one row of its {}s, or the same text on each", self.index.names.action, self.index.names.indicator, self.index.names.indicator)),
                    ),
                    (Some(new), None) => *old = Some(new.clone()),
                    _ => {}
                }
                }
            }
        }
    }
}
