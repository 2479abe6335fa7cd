//! `mieruka export --template`: the spreadsheet to fill in with a year's results.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

use super::index::Index;
use super::sheet::{Kind, kind_of};
use super::{columns, problem};
use crate::diagnostics::{Diagnostics, Loc, Place, display_path};
use crate::raw::RawValue;

/// What template to write, and where.
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    /// The content folder (with site.yaml).
    pub content: PathBuf,
    /// The fiscal year to fill in; by default the first plan year after the reporting year.
    pub year: Option<u16>,
    /// The file to write, `.csv` or `.xlsx`; by default `results-<year>.csv`.
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    pub force: bool,
}

/// A template that was written.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file written.
    pub path: PathBuf,
    /// The fiscal year it is for.
    pub year: u16,
    /// The number of rows (indicators).
    pub rows: usize,
    /// What the site calls an indicator, for the message that reports the template.
    pub indicator: String,
}

/// A cell of the template.
enum TemplateCell {
    Text(String),
    Number(f64),
    Empty,
}

/// Writes the template: one row per indicator written in the content, with the fiscal year
/// filled in and the actual empty, followed by columns for people to read.
pub fn export_template(options: &TemplateOptions) -> Result<Template, Diagnostics> {
    let (raw, _) = super::checked_for_edit(&options.content, "export from", "export")?;
    let Some(site) = raw.site.as_ref() else {
        return Err(Diagnostics::from(problem(
            Place::Content(Loc::path(&options.content)),
            "the content has no site.yaml",
        )));
    };
    let years = site.value.plan.years.get();
    let reporting = *site.value.plan.reporting_year.get();
    let year = match options.year {
        Some(year) if years.contains(&year) => year,
        Some(year) => {
            let list: Vec<String> = years.iter().map(u16::to_string).collect();
            return Err(Diagnostics::from(
                problem(
                    Place::Content(Loc::file(&site.file)),
                    format!("fiscal year {year} is not one of the plan's years"),
                )
                .help(format!(
                    "pass --year with one of the years in plan.years: {}; 2025 is 令和7年度",
                    list.join(", ")
                )),
            ));
        }
        None => years.iter().copied().find(|&y| y > reporting).unwrap_or(reporting),
    };
    let path = options.output.clone().unwrap_or_else(|| PathBuf::from(format!("results-{year}.csv")));
    let shown = display_path(&path).display().to_string();
    let whole = Place::Sheet { file: shown, sheet: None, row: 0, column: None };
    let Some(kind) = kind_of(&path).filter(|k| *k == Kind::Csv || has_extension(&path, "xlsx")) else {
        return Err(Diagnostics::from(
            problem(whole, "the template is written as .csv or .xlsx")
                .help("name the output file results-2025.csv or results-2025.xlsx"),
        ));
    };
    if path.exists() && !options.force {
        return Err(Diagnostics::from(
            problem(whole, "this file exists already; the template would replace it")
                .help("choose another --output, or pass --force to replace it (a filled-in spreadsheet would be lost)"),
        ));
    }

    let index = Index::new(&raw);
    let header: Vec<&str> = columns::IMPORTED.iter().chain(columns::READ_ONLY.iter()).copied().collect();
    let rows: Vec<Vec<TemplateCell>> = index
        .entries
        .iter()
        .map(|e| {
            let i = e.indicator;
            vec![
                TemplateCell::Text(i.id.get().clone()),
                TemplateCell::Number(f64::from(year)),
                TemplateCell::Empty,
                TemplateCell::Text(i.unit.ja.get().clone()),
                TemplateCell::Empty,
                TemplateCell::Empty,
                TemplateCell::Text(e.goal.value.id.get().clone()),
                TemplateCell::Text(e.policy.id.get().clone()),
                TemplateCell::Text(e.action.id.get().clone()),
                TemplateCell::Text(i.name.ja.get().clone()),
                TemplateCell::Text(i.name.en.as_ref().map(|t| t.get().clone()).unwrap_or_default()),
                match i.targets.get(&year).map(|t| t.get()) {
                    Some(RawValue::Number(n)) => TemplateCell::Number(*n),
                    Some(RawValue::Word(w)) => TemplateCell::Text(w.clone()),
                    Some(RawValue::Printed { printed, .. }) => TemplateCell::Text(printed.clone()),
                    None => TemplateCell::Empty,
                },
            ]
        })
        .collect();
    let written = match kind {
        Kind::Csv => write_csv(&path, &header, &rows),
        Kind::Workbook => write_xlsx(&path, &header, &rows).map_err(|e| e.to_string()),
    };
    written.map_err(|err| {
        Diagnostics::from(
            problem(whole_of(&path), format!("cannot write the template: {err}"))
                .help("check that the folder exists and is writable, and that the file is not open in another program"),
        )
    })?;
    Ok(Template { path, year, rows: rows.len(), indicator: site.value.levels.names().indicator })
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn whole_of(path: &Path) -> Place {
    Place::Sheet { file: display_path(path).display().to_string(), sheet: None, row: 0, column: None }
}

/// CSV with a byte-order mark, so that Excel reads it as UTF-8, and CRLF line ends.
fn write_csv(path: &Path, header: &[&str], rows: &[Vec<TemplateCell>]) -> Result<(), String> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        writer.write_record(header).map_err(|e| e.to_string())?;
        for row in rows {
            let fields: Vec<String> = row
                .iter()
                .map(|v| match v {
                    TemplateCell::Text(t) => t.clone(),
                    TemplateCell::Number(n) => n.to_string(),
                    TemplateCell::Empty => String::new(),
                })
                .collect();
            writer.write_record(&fields).map_err(|e| e.to_string())?;
        }
        writer.flush().map_err(|e| e.to_string())?;
    }
    std::fs::write(path, out).map_err(|e| e.to_string())
}

/// An Excel workbook with one sheet, `results`: the header in bold, the columns to fill in
/// white and the columns to read in grey, the header row and id column frozen.
fn write_xlsx(path: &Path, header: &[&str], rows: &[Vec<TemplateCell>]) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("results")?;
    let bold = Format::new().set_bold().set_background_color(Color::RGB(0xDDEBF7));
    let read_only = Format::new().set_background_color(Color::RGB(0xF2F2F2)).set_font_color(Color::RGB(0x595959));
    let plain = Format::new();
    let editable = columns::IMPORTED.len();
    let widths = [14.0, 11.0, 10.0, 8.0, 40.0, 40.0, 6.0, 8.0, 11.0, 48.0, 48.0, 10.0];
    for (col, width) in widths.iter().enumerate() {
        sheet.set_column_width(u16::try_from(col).unwrap_or(u16::MAX), *width)?;
    }
    for (col, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(col).unwrap_or(u16::MAX), *name, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let format = if c < editable { &plain } else { &read_only };
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match value {
                TemplateCell::Text(t) => sheet.write_string_with_format(r, c, t, format)?,
                TemplateCell::Number(n) => sheet.write_number_with_format(r, c, *n, format)?,
                TemplateCell::Empty if c as usize >= editable => sheet.write_blank(r, c, format)?,
                TemplateCell::Empty => sheet,
            };
        }
    }
    sheet.set_freeze_panes(1, 1)?;
    workbook.save(path)
}
