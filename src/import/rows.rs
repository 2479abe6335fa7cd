//! The rows of a results spreadsheet: which column is which, and what each row asks to change,
//! checked against the content.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry as MapEntry;

use super::edit::DoneText;
use super::index::Index;
use super::sheet::{Cell, Grid, Row};
use super::{Problem, columns};

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
pub(super) type YearActuals = BTreeMap<u16, (f64, super::Place)>;

/// Done texts per fiscal year, each with the place of the row they came from.
pub(super) type YearDone = BTreeMap<u16, (DoneText, super::Place)>;

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
pub(super) fn read_rows(grid: &Grid, index: &Index<'_>, plan_years: &[u16]) -> Result<Wanted, Vec<Problem>> {
    let Some((header_row, rows)) = grid.rows.split_first() else {
        return Err(vec![Problem::new(grid.whole(), "the spreadsheet is empty").help(format!(
            "write a header row ({}) and one row per indicator; `mieruka export --template` writes one to fill in",
            columns::REQUIRED_HINT
        ))]);
    };
    let header = read_header(grid, header_row, rows)?;
    let mut problems = Vec::new();
    let mut wanted = Wanted::default();
    let mut seen: BTreeMap<(usize, u16), u32> = BTreeMap::new();
    for row in rows {
        read_row(grid, &header, row, index, plan_years, &mut wanted, &mut seen, &mut problems);
    }
    // A year with no done text yet needs its Japanese text.
    for (action_id, (entry, years)) in &wanted.done {
        let Some(action) = index.entries.get(*entry).map(|e| e.action) else {
            continue;
        };
        for (year, (text, place)) in years {
            let written = action.done.as_ref().is_some_and(|d| d.contains_key(year));
            if text.ja.is_none() && !written {
                problems.push(
                    Problem::new(place.clone(), format!("the action {action_id} has no done text for FY{year} yet, so done_en needs done_ja"))
                        .help("write the Japanese text in done_ja on this row too; the English text alone cannot be the first"),
                );
            }
        }
    }
    if problems.is_empty() { Ok(wanted) } else { Err(problems) }
}

fn read_header(grid: &Grid, header: &Row, rows: &[Row]) -> Result<Header, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut columns = Vec::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let place = grid.place(header.number, Some(i));
        let name = match cell {
            Cell::Empty => {
                let used = rows.iter().any(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()));
                if used {
                    problems.push(Problem::new(place, "this column has values but no name in the header row").help(
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
                    Problem::new(place, format!("the column {name} appears twice"))
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
                problems.push(Problem::new(place, format!("unknown column {name:?}")).help(help));
                columns.push(None);
            }
        }
    }
    let header_place = grid.place(header.number, None);
    for required in [Column::IndicatorId, Column::FiscalYear, Column::Actual] {
        if !columns.contains(&Some(required)) {
            problems.push(
                Problem::new(header_place.clone(), format!("the header row has no column {}", required.name()))
                    .help(format!("the first row names the columns: {} are required", columns::REQUIRED_HINT)),
            );
        }
    }
    if problems.is_empty() { Ok(Header { columns }) } else { Err(problems) }
}

#[allow(clippy::too_many_arguments)] // one row's reading, with everything it adds to
fn read_row(
    grid: &Grid,
    header: &Header,
    row: &Row,
    index: &Index<'_>,
    plan_years: &[u16],
    wanted: &mut Wanted,
    seen: &mut BTreeMap<(usize, u16), u32>,
    problems: &mut Vec<Problem>,
) {
    let cell = |column: Column| {
        let i = header.find(column)?;
        Some((i, row.cells.get(i).unwrap_or(&Cell::Empty)))
    };
    let place = |i: usize| grid.place(row.number, Some(i));
    let imported =
        [Column::IndicatorId, Column::FiscalYear, Column::Actual, Column::Unit, Column::DoneJa, Column::DoneEn];
    if imported.iter().all(|&c| cell(c).is_none_or(|(_, v)| v.is_empty())) {
        return; // a row with only read-only columns filled in
    }
    let before = problems.len();

    // indicator_id
    let entry = match cell(Column::IndicatorId) {
        None => None,
        Some((i, Cell::Empty)) => {
            problems.push(
                Problem::new(place(i), "this row has no indicator_id")
                    .help("write the indicator's id as in content, e.g. 1-1-1-1.1, or delete the row"),
            );
            None
        }
        Some((i, Cell::Other(what))) => {
            problems.push(
                Problem::new(place(i), format!("indicator_id holds {what}, not an id"))
                    .help("write the indicator's id as in content, e.g. 1-1-1-1.1"),
            );
            None
        }
        Some((i, id_cell)) => {
            let id = match id_cell {
                Cell::Number(n) => n.to_string(),
                Cell::Text(text) => normalise_id(text),
                Cell::Empty | Cell::Other(_) => String::new(),
            };
            let found = index.position(&id);
            if found.is_none() {
                let help = if index.is_action(&id) {
                    format!("{id:?} is an action's id; an indicator's id adds .1, .2 … to it (e.g. \"{id}.1\")")
                } else {
                    "use an indicator id as written in content/goals/*.yaml, e.g. 1-1-1-1.1; the template from `mieruka export --template` lists them all".to_owned()
                };
                problems.push(Problem::new(place(i), format!("no indicator has the id {id:?}")).help(help));
            }
            found
        }
    };

    // fiscal_year
    let year = cell(Column::FiscalYear).and_then(|(i, c)| match parse_year(c) {
        Ok(year) if plan_years.contains(&year) => Some(year),
        Ok(year) => {
            let years: Vec<String> = plan_years.iter().map(u16::to_string).collect();
            problems.push(
                Problem::new(place(i), format!("fiscal year {year} is not one of the plan's years"))
                    .help(format!("use one of the years in site.yaml (plan.years): {}; a fiscal year is written as the year it starts, e.g. 2025 for 令和7年度", years.join(", "))),
            );
            None
        }
        Err((message, help)) => {
            problems.push(Problem::new(place(i), message).help(help));
            None
        }
    });

    // unit
    if let (Some(e), Some((i, c))) = (entry.and_then(|e| index.entries.get(e)), cell(Column::Unit)) {
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
            problems.push(
                Problem::new(
                    place(i),
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

    // actual
    let actual = cell(Column::Actual).and_then(|(i, c)| match parse_actual(c) {
        Ok(value) => value.map(|v| (v, i)),
        Err((message, help)) => {
            problems.push(Problem::new(place(i), message).help(help));
            None
        }
    });

    // done_ja, done_en
    let mut done = DoneText::default();
    let mut done_cell = None;
    for (column, slot) in [(Column::DoneJa, &mut done.ja), (Column::DoneEn, &mut done.en)] {
        if let Some((i, c)) = cell(column) {
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
                Cell::Other(what) => problems.push(
                    Problem::new(place(i), format!("{} holds {what}, not a text", column.name()))
                        .help("write what was done that year as text, or leave the cell empty"),
                ),
            }
        }
    }

    if problems.len() > before {
        return;
    }
    let (Some(entry), Some(year)) = (entry, year) else {
        return;
    };
    let Some(e) = index.entries.get(entry) else {
        return;
    };
    let id_column = header.find(Column::IndicatorId);
    match seen.entry((entry, year)) {
        MapEntry::Occupied(first) => {
            problems.push(
                Problem::new(
                    grid.place(row.number, id_column),
                    format!("{} FY{year} is also on row {}", e.indicator.id.get(), first.get()),
                )
                .help("keep one row per indicator and year, and delete the other"),
            );
            return;
        }
        MapEntry::Vacant(slot) => {
            slot.insert(row.number);
        }
    }
    if let Some((value, i)) = actual {
        wanted.actuals.entry(entry).or_default().insert(year, (value, place(i)));
    }
    let Some(i) = done_cell else {
        return;
    };
    if let Some(original) = index.done_source(e.action) {
        problems.push(
            Problem::new(
                place(i),
                format!("the action {} re-lists {} and shows its done texts", e.action.id.get(), original.id.get()),
            )
            .help(format!("write the done text on a row of an indicator of {} instead", original.id.get())),
        );
        return;
    }
    let action_id = e.action.id.get().clone();
    let (_, years) = wanted.done.entry(action_id.clone()).or_insert_with(|| (entry, BTreeMap::new()));
    match years.entry(year) {
        MapEntry::Vacant(slot) => {
            slot.insert((done, place(i)));
        }
        MapEntry::Occupied(mut slot) => {
            let (earlier, earlier_place) = slot.get_mut();
            for (lang, new, old) in [("done_ja", &done.ja, &mut earlier.ja), ("done_en", &done.en, &mut earlier.en)] {
                match (new, &*old) {
                    (Some(new), Some(old)) if new != old => problems.push(
                        Problem::new(
                            place(i),
                            format!("{lang} for the action {action_id} in FY{year} differs from the one at {earlier_place}"),
                        )
                        .help("the done texts belong to the action, not to each indicator: write them on one row of its indicators, or the same text on each"),
                    ),
                    (Some(new), None) => *old = Some(new.clone()),
                    _ => {}
                }
            }
        }
    }
}

/// Full-width letters, digits and signs as ASCII, and the ideographic space as a space.
pub(super) fn narrow(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// An id as typed: narrowed, with the dashes a document or an input method may give turned
/// into `-`.
fn normalise_id(text: &str) -> String {
    narrow(text.trim())
        .chars()
        .map(|c| if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}') { '-' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A cell's text with Windows line breaks turned into `\n` and surrounding space removed.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned()
}

/// The fiscal year in a cell: a whole number such as 2025.
fn parse_year(cell: &Cell) -> Result<u16, (String, String)> {
    let how = "write the year the fiscal year starts in, e.g. 2025 for 令和7年度 (FY2025)";
    match cell {
        Cell::Empty => Err(("this row has no fiscal_year".to_owned(), how.to_owned())),
        Cell::Number(n) if n.fract() == 0.0 && (1900.0..=9999.0).contains(n) => Ok(*n as u16),
        Cell::Number(n) => Err((format!("{n} is not a fiscal year"), how.to_owned())),
        Cell::Other(what) => Err((format!("fiscal_year holds {what}, not a year"), how.to_owned())),
        Cell::Text(text) => {
            let text = narrow(text.trim());
            if let Ok(year) = text.parse::<u16>()
                && (1900..=9999).contains(&year)
            {
                return Ok(year);
            }
            let help = match era_year(&text) {
                Some(year) => format!(
                    "write {year}: a fiscal year is written as the Gregorian year it starts in ({text} starts in {year})"
                ),
                None => how.to_owned(),
            };
            Err((format!("{text:?} is not a fiscal year"), help))
        }
    }
}

/// The Gregorian year of a year written as 令和7年度, R7 or FY2025, for advice.
fn era_year(text: &str) -> Option<u16> {
    let text = text.trim_end_matches("年度").trim_end_matches('年');
    let number = |s: &str| if s == "元" { Some(1) } else { s.trim().parse::<u16>().ok() };
    if let Some(n) = text.strip_prefix("令和").and_then(number) {
        return 2018u16.checked_add(n);
    }
    if let Some(n) = text.strip_prefix("平成").and_then(number) {
        return 1988u16.checked_add(n);
    }
    if let Some(n) = text.strip_prefix(['R', 'r']).and_then(number) {
        return 2018u16.checked_add(n);
    }
    text.strip_prefix("FY").or_else(|| text.strip_prefix("fy")).and_then(number).filter(|y| *y >= 1900)
}

/// The actual in a cell: `None` when the cell is empty (leave the value as it is).
fn parse_actual(cell: &Cell) -> Result<Option<f64>, (String, String)> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => check_actual(*n, &n.to_string()).map(Some),
        Cell::Other(what) => Err((
            format!("actual holds {what}, not a number"),
            "write the actual as a number, e.g. 79 or 1,234, or leave the cell empty to keep the value in content"
                .to_owned(),
        )),
        Cell::Text(text) => parse_number(text).map(Some),
    }
}

fn negative(shown: &str) -> (String, String) {
    (
        format!("{shown} is negative; actuals cannot be"),
        "write the actual as printed; where the source prints a minus, write the value in the YAML file by hand as {value, printed} with a note".to_owned(),
    )
}

fn check_actual(value: f64, shown: &str) -> Result<f64, (String, String)> {
    if !value.is_finite() {
        return Err((format!("{shown} is not a number"), "write the actual as a number, e.g. 79".to_owned()));
    }
    if value < 0.0 {
        return Err(negative(shown));
    }
    if value > 1e15 {
        return Err((format!("{shown} is too large for an actual"), "check the number".to_owned()));
    }
    Ok(value)
}

/// A number typed as text: `79`, `1,234`, `0.5`, full-width digits allowed.
pub(super) fn parse_number(text: &str) -> Result<f64, (String, String)> {
    let typed = text.trim();
    let s = narrow(typed);
    let s = s.trim();
    let plain =
        "write the actual as a number such as 79, 1,234 or 0.5, or leave the cell empty to keep the value in content";
    if matches!(s, "ー" | "-" | "―" | "—" | "検討中" | "－") {
        return Err((
            format!("{typed:?} is not a number"),
            format!("import writes numbers only; write {typed:?} in the YAML file by hand, or leave the cell empty"),
        ));
    }
    let numeric_len = s.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(s.len());
    let (number, rest) = s.split_at(numeric_len);
    if number.is_empty() {
        if let Some(after_minus) = s.strip_prefix(['-', '−', '▲', '△'])
            && after_minus.starts_with(|c: char| c.is_ascii_digit())
        {
            return Err(negative(&format!("{typed:?}")));
        }
        return Err((format!("{typed:?} is not a number"), plain.to_owned()));
    }
    if !rest.is_empty() {
        return Err((
            format!("{typed:?} is not a number"),
            format!("write the number alone, without {:?}: {number}", rest.trim()),
        ));
    }
    let (whole, fraction) = match number.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (number, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_well = groups.len() == 1
        || (groups.first().is_some_and(|g| (1..=3).contains(&g.len())) && groups.iter().skip(1).all(|g| g.len() == 3));
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if whole.is_empty() || !grouped_well || !fraction_ok {
        return Err((
            format!("{typed:?} is not a number"),
            "use ',' only between groups of three digits and '.' for decimals, e.g. 1,234.5".to_owned(),
        ));
    }
    let digits: String = number.chars().filter(|&c| c != ',').collect();
    match digits.parse::<f64>() {
        Ok(value) => check_actual(value, &format!("{typed:?}")),
        Err(_) => Err((format!("{typed:?} is not a number"), plain.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_separators_and_full_width_digits() {
        assert_eq!(parse_number("79").unwrap(), 79.0);
        assert_eq!(parse_number(" 1,234 ").unwrap(), 1234.0);
        assert_eq!(parse_number("１，２３４．５").unwrap(), 1234.5);
        assert_eq!(parse_number("0.5").unwrap(), 0.5);
        assert_eq!(parse_number("12,345,678").unwrap(), 12_345_678.0);
    }

    #[test]
    fn anything_else_is_refused_with_advice() {
        for bad in ["1,23", "abc", "1.2.3", "", "1e3", ",123", "1.", "検討中", "ー"] {
            assert!(parse_number(bad).is_err(), "{bad}");
        }
        let (message, help) = parse_number("77％").unwrap_err();
        assert_eq!(message, "\"77％\" is not a number");
        assert!(help.contains("without \"%\": 77"), "{help}");
        let (message, _) = parse_number("-5").unwrap_err();
        assert!(message.contains("negative"), "{message}");
    }

    #[test]
    fn years_written_in_eras_get_advice() {
        assert_eq!(parse_year(&Cell::Text("２０２５".into())).unwrap(), 2025);
        assert_eq!(parse_year(&Cell::Number(2025.0)).unwrap(), 2025);
        let (_, help) = parse_year(&Cell::Text("令和7年度".into())).unwrap_err();
        assert!(help.starts_with("write 2025"), "{help}");
        let (_, help) = parse_year(&Cell::Text("R7".into())).unwrap_err();
        assert!(help.starts_with("write 2025"), "{help}");
        assert!(parse_year(&Cell::Number(2025.5)).is_err());
    }

    #[test]
    fn ids_are_normalised() {
        assert_eq!(normalise_id(" １‐１-1−1.1 "), "1-1-1-1.1");
    }
}
