//! Reading a spreadsheet — CSV (UTF-8, with or without a byte-order mark) or an Excel workbook —
//! into rows of cells that remember where they are.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::problem;
use crate::diagnostics::{Diagnostic, Place};

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text.
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A cell that holds neither text nor a number (a date, TRUE/FALSE, an error such as
    /// #N/A), described for messages.
    Other(String),
}

impl Cell {
    /// Whether the cell is empty.
    pub(super) fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }
}

/// A row of the sheet.
#[derive(Debug, Clone)]
pub(super) struct Row {
    /// The row's number as a spreadsheet program shows it (the first row is 1).
    pub(super) number: u32,
    /// The cells, from the sheet's first column on.
    pub(super) cells: Vec<Cell>,
}

/// A sheet that has been read.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// The file, as shown in messages.
    pub(super) file: String,
    /// The sheet's name (workbooks only).
    pub(super) sheet: Option<String>,
    /// The number of the sheet's first column (1 is A).
    pub(super) first_column: u32,
    /// The rows that hold anything, in order.
    pub(super) rows: Vec<Row>,
}

impl Grid {
    /// The place of the cell at index `cell` of row `row` (or of the whole row).
    pub(super) fn place(&self, row: u32, cell: Option<usize>) -> Place {
        Place::Sheet {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: cell.map(|c| self.first_column.saturating_add(u32::try_from(c).unwrap_or(u32::MAX))),
        }
    }

    /// The place of the whole file.
    pub(super) fn whole(&self) -> Place {
        Place::Sheet { file: self.file.clone(), sheet: self.sheet.clone(), row: 0, column: None }
    }
}

/// What kind of spreadsheet a file is, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Comma-separated values.
    Csv,
    /// An Excel workbook (or another format calamine reads).
    Workbook,
}

/// The kind of `path`, if mieruka reads it.
pub(super) fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(Kind::Csv),
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Kind::Workbook),
        _ => None,
    }
}

/// The largest spreadsheet file read, and the most its parts may inflate to (a workbook is a
/// ZIP): a year's results are a few hundred rows, far below both.
pub(crate) const MAX_SHEET_BYTES: u64 = 16 * 1024 * 1024;

/// The most cells a spreadsheet may hold.
pub(crate) const MAX_CELLS: usize = 1_000_000;

/// Reads the spreadsheet at `path`, shown in messages as `shown`.
pub(super) fn read(path: &Path, shown: &str) -> Result<Grid, Diagnostic> {
    let whole = Place::Sheet { file: shown.to_owned(), sheet: None, row: 0, column: None };
    let too_large = |what: String| {
        problem(whole.clone(), what).help("import one year's results per file: a few hundred rows, as the template has")
    };
    if let Some(size) = std::fs::metadata(path).ok().map(|m| m.len()).filter(|&size| size > MAX_SHEET_BYTES) {
        return Err(too_large(format!("this file has {size} bytes; a spreadsheet may have at most {MAX_SHEET_BYTES}")));
    }
    let grid = match kind_of(path) {
        Some(Kind::Csv) => read_csv(path, shown, whole.clone())?,
        Some(Kind::Workbook) => {
            if let Some(inflated) = inflated_size(path).filter(|&size| size > MAX_SHEET_BYTES) {
                return Err(too_large(format!(
                    "this workbook inflates to {inflated} bytes; a spreadsheet may inflate to at most {MAX_SHEET_BYTES}"
                )));
            }
            read_workbook(path, shown, whole.clone())?
        }
        None => {
            return Err(problem(whole, "mieruka reads results from .xlsx or .csv files only")
                .help("save the spreadsheet as an Excel workbook (.xlsx) or as CSV UTF-8 (.csv)"));
        }
    };
    let cells: usize = grid.rows.iter().map(|r| r.cells.len()).sum();
    if cells > MAX_CELLS {
        return Err(too_large(format!("this spreadsheet has {cells} cells; it may have at most {MAX_CELLS}")));
    }
    Ok(grid)
}

/// What the parts of a workbook (a ZIP archive) add up to once inflated, as its directory
/// states, read before anything is inflated; `None` when it is not a ZIP (calamine reports it).
fn inflated_size(path: &Path) -> Option<u64> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
    let mut total = 0u64;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).ok()?.size());
    }
    Some(total)
}

fn read_csv(path: &Path, shown: &str, whole: Place) -> Result<Grid, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|err| {
        problem(whole.clone(), format!("cannot read this file: {err}"))
            .help("check the file's name and that you may read it")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| {
        problem(whole.clone(), "this CSV file is not UTF-8 text")
            .help("in Excel choose 'Save As' → 'CSV UTF-8 (Comma delimited) (*.csv)', not 'CSV (Comma delimited)', which saves Shift_JIS; or import the .xlsx workbook itself")
    })?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let row_at = row_numbers(text);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|err| {
            let row = err.position().map_or(0, |p| row_at(p.byte()));
            problem(
                Place::Sheet { file: shown.to_owned(), sheet: None, row, column: None },
                format!("this line is not valid CSV: {err}"),
            )
            .help("save the file again from the spreadsheet program as CSV UTF-8")
        })?;
        let number = record.position().map_or(0, |p| row_at(p.byte()));
        let cells: Vec<Cell> =
            record.iter().map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.to_owned()) }).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push(Row { number, cells });
        }
    }
    Ok(Grid { file: shown.to_owned(), sheet: None, first_column: 1, rows })
}

/// The row number, as a spreadsheet program shows it, of the record starting at a byte offset
/// of `text`: line breaks inside quoted cells stay within their row, blank lines are rows.
fn row_numbers(text: &str) -> impl Fn(u64) -> u32 + '_ {
    let mut breaks = Vec::new();
    let mut quoted = false;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => breaks.push(i as u64),
            b'\r' if !quoted && b.get(i + 1) != Some(&b'\n') => breaks.push(i as u64),
            _ => {}
        }
    }
    // The csv reader may give the offset of the line break (or blank lines) before a record.
    move |byte| {
        let skipped = b
            .get(usize::try_from(byte).unwrap_or(usize::MAX)..)
            .map_or(0, |rest| rest.iter().take_while(|&&c| c == b'\n' || c == b'\r').count());
        let start = byte + skipped as u64;
        u32::try_from(breaks.partition_point(|&at| at < start) + 1).unwrap_or(u32::MAX)
    }
}

fn read_workbook(path: &Path, shown: &str, whole: Place) -> Result<Grid, Diagnostic> {
    let cannot = |detail: String| {
        problem(whole.clone(), format!("cannot read this workbook: {detail}"))
            .help("check that the file is an Excel workbook (.xlsx) and is not open with a lock or password; or save it as CSV UTF-8 and import that")
    };
    // calamine reads untrusted files; a failure of the reader must not end the program.
    let opened = catch_unwind(AssertUnwindSafe(|| {
        let mut workbook = open_workbook_auto(path).map_err(|e| e.to_string())?;
        let name = workbook.sheet_names().into_iter().next().ok_or_else(|| "it has no sheet".to_owned())?;
        let range = workbook.worksheet_range(&name).map_err(|e| e.to_string())?;
        Ok::<_, String>((name, range))
    }));
    let (name, range) = match opened {
        Ok(Ok(read)) => read,
        Ok(Err(detail)) => return Err(cannot(detail)),
        Err(_) => return Err(cannot("the reader failed on its content".to_owned())),
    };
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let cells: Vec<Cell> = cells.iter().map(cell_of).collect();
        if cells.iter().any(|c| !c.is_empty()) {
            let number = first_row.saturating_add(u32::try_from(i).unwrap_or(u32::MAX)).saturating_add(1);
            rows.push(Row { number, cells });
        }
    }
    Ok(Grid { file: shown.to_owned(), sheet: Some(name), first_column: first_column.saturating_add(1), rows })
}

/// A number as a spreadsheet program shows it, to 15 significant digits: a formula's
/// 0.30000000000000004 is the 0.3 a person sees.
fn as_shown(value: f64) -> f64 {
    format!("{value:.14e}").parse().unwrap_or(value)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(as_shown(*f)),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Other(if *b { "TRUE".to_owned() } else { "FALSE".to_owned() }),
        Data::DateTime(_) | Data::DateTimeIso(_) => Cell::Other("a date or time".to_owned()),
        Data::DurationIso(_) => Cell::Other("a duration".to_owned()),
        Data::Error(e) => Cell::Other(format!("the error {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_that_inflates_beyond_the_limit_is_refused_before_it_is_read() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        zip.start_file("xl/worksheets/sheet1.xml", zip::write::SimpleFileOptions::default()).unwrap();
        let spaces = vec![b' '; 1024 * 1024];
        for _ in 0..=MAX_SHEET_BYTES / (1024 * 1024) {
            zip.write_all(&spaces).unwrap();
        }
        zip.finish().unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() < 100_000, "small on disk");
        let err = read(&path, "bomb.xlsx").unwrap_err();
        assert!(err.message.starts_with("this workbook inflates to 17825792 bytes"), "{err}");
    }

    #[test]
    fn a_sheet_with_more_cells_than_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("many.csv");
        let row = format!("{}\n", "x,".repeat(999) + "x");
        std::fs::write(&path, row.repeat(MAX_CELLS / 1000 + 1)).unwrap();
        let err = read(&path, "many.csv").unwrap_err();
        assert_eq!(err.message, "this spreadsheet has 1001000 cells; it may have at most 1000000");
    }

    #[test]
    fn numbers_are_read_as_shown() {
        assert_eq!(as_shown(0.1 + 0.2), 0.3);
        assert_eq!(as_shown(1310.0), 1310.0);
        assert_eq!(as_shown(102.7), 102.7);
    }

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let text = "h,a\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n";
        let row_at = row_numbers(text);
        assert_eq!(row_at(0), 1);
        assert_eq!(row_at(4), 2, "the offset of the line break before the record");
        assert_eq!(
            row_at(text.find("2,z").unwrap() as u64),
            4,
            "the break inside quotes stays in row 2; row 3 is blank"
        );
    }
}
