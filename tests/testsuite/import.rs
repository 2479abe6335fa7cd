//! `mieruka import` and `mieruka export --template`: results go from a spreadsheet into the YAML
//! files, changing only those values, and every mistake in the spreadsheet is reported with its
//! row and column.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};

use crate::harness::SiteTest;
use mieruka::diagnostics::Diagnostics;
use mieruka::spreadsheet::{ImportOptions, Imported, TemplateOptions, export_template, import};

/// A file of the import fixtures.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A copy of the import fixture's content, so that imports can write to it.
fn site() -> SiteTest {
    SiteTest::fixture("import/content").copy()
}

/// What these tests do with a site: import into it and read the summary.
trait Importing {
    fn import(&self, sheet: &Path) -> Result<Imported, Diagnostics>;
    fn summary(&self, imported: &Imported, sheet: &Path) -> String;
    fn assert_checks_clean(&self);
}

impl Importing for SiteTest {
    fn import(&self, sheet: &Path) -> Result<Imported, Diagnostics> {
        import(&ImportOptions { content: self.content.clone(), spreadsheet: sheet.to_path_buf(), dry_run: false })
    }

    /// The summary as printed, with the temporary folder shown as `content`.
    fn summary(&self, imported: &Imported, sheet: &Path) -> String {
        imported.render(sheet).replace(&self.content.display().to_string(), "content")
    }

    /// `mieruka check` finds no error.
    fn assert_checks_clean(&self) {
        let (site, diagnostics) = mieruka::check(&self.content);
        assert!(site.is_some() && !diagnostics.has_errors(), "{}", diagnostics.render_human());
    }
}

/// `path` as messages show it.
fn shown(path: &Path) -> String {
    mieruka::diagnostics::display_path(path).display().to_string()
}

/// The original fixture file.
fn original(file: &str) -> String {
    std::fs::read_to_string(fixture("content").join(file)).unwrap()
}

/// Lines with their numbers (from 1).
type Lines = Vec<(usize, String)>;

/// The lines removed from `old` and added in `new` (a longest-common-subsequence diff, so
/// every line not listed is byte-identical in both, line ends included), with line numbers.
fn line_changes(old: &str, new: &str) -> (Lines, Lines) {
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push((j + 1, b[j].to_owned()));
            j += 1;
        } else {
            removed.push((i + 1, a[i].to_owned()));
            i += 1;
        }
    }
    (removed, added)
}

fn lines(items: &[(usize, &str)]) -> Lines {
    items.iter().map(|(n, l)| (*n, format!("{l}\n"))).collect()
}

#[test]
fn csv_import_changes_only_the_target_values() {
    let site = site();
    let sheet = fixture("results.csv");
    let imported = site.import(&sheet).unwrap();
    assert_eq!(
        site.summary(&imported, &sheet),
        format!(
            "content/goals/01.yaml:31: 1-1-1-1.1 FY2024 actual: 77 → 78\n\
             content/goals/01.yaml:51: 1-1-1-2.1 FY2025 actual: (none) → 4100\n\
             imported 2 values from {} into 1 file; review them with `mieruka diff HEAD`\n",
            shown(&sheet)
        )
    );
    let (removed, added) = line_changes(&original("goals/01.yaml"), &site.read("goals/01.yaml"));
    assert_eq!(
        removed,
        lines(&[
            (31, "                    actuals: {2024: 77}   # as printed"),
            (51, "                    actuals: {2024: 4981}"),
        ])
    );
    assert_eq!(
        added,
        lines(&[
            (31, "                    actuals: {2024: 78}   # as printed"),
            (51, "                    actuals: {2024: 4981, 2025: 4100}"),
        ])
    );
    assert_eq!(site.read("goals/02.yaml"), original("goals/02.yaml"), "files without changes are untouched");
    site.assert_checks_clean();
}

#[test]
fn xlsx_import_changes_only_the_target_values() {
    // results.xlsx was saved by LibreOffice Calc, with a read-only column and a blank actual.
    let site = site();
    let sheet = fixture("results.xlsx");
    let imported = site.import(&sheet).unwrap();
    assert_eq!(
        site.summary(&imported, &sheet),
        format!(
            "content/goals/01.yaml:31: 1-1-1-1.1 FY2024 actual: 77 → 78\n\
             content/goals/02.yaml:41: 2-1-1-1.1 FY2025 actual: (none) → 1310\n\
             imported 2 values from {} into 2 files; review them with `mieruka diff HEAD`\n",
            shown(&sheet)
        )
    );
    let (removed, added) = line_changes(&original("goals/01.yaml"), &site.read("goals/01.yaml"));
    assert_eq!(removed, lines(&[(31, "                    actuals: {2024: 77}   # as printed")]));
    assert_eq!(added, lines(&[(31, "                    actuals: {2024: 78}   # as printed")]));
    // A mapping written one entry per line gets a new line, indented as its siblings; the
    // comments around it stay.
    let (removed, added) = line_changes(&original("goals/02.yaml"), &site.read("goals/02.yaml"));
    assert_eq!(removed, vec![]);
    assert_eq!(added, lines(&[(41, "                      2025: 1310")]));
    assert!(site.read("goals/02.yaml").contains("                      # results\n                      2024: 1234  # as printed: 1,234\n                      2025: 1310\n"));
    site.assert_checks_clean();
}

#[test]
fn every_way_of_writing_a_value_is_changed_in_place() {
    let site = site();
    let sheet = fixture("all-forms.csv");
    let imported = site.import(&sheet).unwrap();
    assert_eq!(
        site.summary(&imported, &sheet),
        format!(
            "content/goals/01.yaml:36: 1-1-1-1 FY2024 done_ja: \"運営支援 / ・ポイント還元\" → \"運営支援 / ・ポイント還元 / ・加盟店の拡大\"\n\
             content/goals/01.yaml:59: 1-1-1-2.2 FY2024 actual: {{value: 36, printed: \"36人\"}} → 37\n\
             content/goals/02.yaml:40: 2-1-1-1.1 FY2024 actual: 1234 → 1250\n\
             content/goals/02.yaml:41: 2-1-1-1.1 FY2025 actual: (none) → 1310\n\
             content/goals/02.yaml:53: 2-1-1-1.2 FY2024 actual: (none) → 20\n\
             content/goals/02.yaml:53: 2-1-1-1.2 FY2025 actual: (none) → 22\n\
             content/goals/02.yaml:61: 2-1-1-1.3 FY2024 actual: (none) → 81\n\
             content/goals/02.yaml:62: 2-1-1-1 FY2024 done_en: (none) → \"Opened a counselling desk\"\n\
             content/goals/02.yaml:62: 2-1-1-1 FY2025 done_ja: (none) → \"窓口の拡充\"\n\
             content/goals/02.yaml:62: 2-1-1-1 FY2025 done_en: (none) → \"Expanded the desk\"\n\
             content/goals/02.yaml:71: 2-1-1-2.1 FY2024 actual: \"ー\" → 0\n\
             content/goals/02.yaml:71: 2-1-1-2.1 FY2025 actual: (none) → 3\n\
             content/goals/02.yaml:75: 2-1-1-2 FY2025 done_ja: (none) → \"セミナーを3回開催 / ・創業 / ・事業承継\"\n\
             content/goals/02.yaml:78: 2-1-1-2 FY2025 done_en: (none) → \"Held three seminars\"\n\
             content/goals/02.yaml:94: 2-1-2-1.1 FY2025 actual: (none) → 79\n\
             imported 15 values from {} into 2 files; review them with `mieruka diff HEAD`\n",
            shown(&sheet)
        )
    );
    let (removed, added) = line_changes(&original("goals/01.yaml"), &site.read("goals/01.yaml"));
    assert_eq!(removed, lines(&[(58, "                    actuals: {2024: {value: 36, printed: \"36人\"}}")]));
    assert_eq!(
        added,
        lines(&[(38, "                      ・加盟店の拡大"), (59, "                    actuals: {2024: 37}")])
    );
    let (removed, added) = line_changes(&original("goals/02.yaml"), &site.read("goals/02.yaml"));
    assert_eq!(
        removed,
        lines(&[
            (40, "                      2024: 1234  # as printed: 1,234"),
            (59, "                    actuals: {}"),
            (60, "                done: {2024: {ja: 相談窓口を開設}}   # English pending"),
            (69, "                    actuals: {2024: \"ー\"}"),
            (85, "                    actuals: {2024: 77}"),
        ])
    );
    assert_eq!(
        added,
        lines(&[
            (40, "                      2024: 1250  # as printed: 1,234"),
            (41, "                      2025: 1310"),
            // No `actuals:` yet: added after `targets:` with the indicator's indentation.
            (53, "                    actuals: {2024: 20, 2025: 22}"),
            (61, "                    actuals: {2024: 81}"),
            (
                62,
                "                done: {2024: {ja: 相談窓口を開設, en: Opened a counselling desk}, 2025: {ja: 窓口の拡充, en: Expanded the desk}}   # English pending"
            ),
            (71, "                    actuals: {2024: 0, 2025: 3}"),
            // No `done:` yet: added after the action's indicators, before its notes.
            (72, "                done:"),
            (73, "                  2025:"),
            (74, "                    ja: |"),
            (75, "                      セミナーを3回開催"),
            (76, "                      ・創業"),
            (77, "                      ・事業承継"),
            (78, "                    en: Held three seminars"),
            (94, "                    actuals: {2024: 77, 2025: 79}"),
        ])
    );
    site.assert_checks_clean();

    // Importing the same spreadsheet again changes nothing.
    let again = site.import(&sheet).unwrap();
    assert!(again.changes.is_empty());
    assert_eq!(
        site.summary(&again, &sheet),
        format!("nothing to change: the content already holds every value in {}\n", shown(&sheet))
    );
}

#[test]
fn files_with_windows_line_ends_keep_them() {
    let sheet = fixture("all-forms.csv");
    let lf = site();
    lf.import(&sheet).unwrap();
    let crlf = site();
    for file in ["goals/01.yaml", "goals/02.yaml"] {
        std::fs::write(crlf.content.join(file), original(file).replace('\n', "\r\n")).unwrap();
    }
    let imported = crlf.import(&sheet).unwrap();
    assert_eq!(imported.changes.len(), 15);
    for file in ["goals/01.yaml", "goals/02.yaml"] {
        assert_eq!(crlf.read(file), lf.read(file).replace('\n', "\r\n"), "{file}");
    }
    crlf.assert_checks_clean();
}

#[test]
fn mistakes_are_reported_by_row_and_column_and_nothing_is_written() {
    let site = site();
    let before = site.files();
    let sheet = fixture("errors.csv");
    let failure = site.import(&sheet).unwrap_err();
    let shown = shown(&sheet);
    let heads: Vec<String> = failure.sorted().into_iter().map(|p| format!("{}: {}", p.place, p.message)).collect();
    assert_eq!(
        heads,
        [
            format!("{shown}:2:1: no indicator has the id \"1-1-1-1.9\""),
            format!("{shown}:3:3: \"many\" is not a number"),
            format!("{shown}:4:4: the unit \"人\" is not the unit of 1-1-1-2.1 (催しの数), which is \"回\""),
            format!("{shown}:5:2: fiscal year 2023 is not one of the plan's years"),
        ]
    );
    assert!(failure.sorted().into_iter().all(|p| p.help.is_some()), "every problem says how to fix it");
    assert!(
        failure.render_human().contains(
            "help: use one of the years in site.yaml (plan.years): 2024, 2025, 2026, 2027; a fiscal year is written as the year it starts, e.g. 2025 for 令和7年度"
        ),
        "{}",
        failure.render_human()
    );
    assert!(failure.render_human().ends_with("4 errors, 0 warnings\n"));
    assert_eq!(site.files(), before, "no file is written when any row is wrong");
}

/// Writes a workbook whose first sheet, `Sheet1`, holds `rows` (numbers where they parse).
fn write_xlsx(path: &Path, rows: &[&[&str]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) => sheet.write_number(r, c, n).unwrap(),
                Err(_) if cell.is_empty() => sheet,
                Err(_) => sheet.write_string(r, c, *cell).unwrap(),
            };
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn workbook_mistakes_name_the_sheet_row_and_column() {
    let site = site();
    let before = site.files();
    let sheet = site.path("results.xlsx");
    write_xlsx(
        &sheet,
        &[
            &["indicator_id", "fiscal_year", "actual", "unit"],
            &["1-1-1-1.1", "2025", "79", "％"],
            &["1-1-1-2", "2025", "4000", ""],
            &["1-1-1-2.1", "令和7年度", "4000", ""],
            &["1-1-1-2.2", "2025", "12人", "人"],
            &["1-1-1-2.2", "2026", "1,2", ""],
            &["1-1-1-1.1", "2025", "80", ""],
        ],
    );
    let failure = site.import(&sheet).unwrap_err();
    let shown = shown(&sheet);
    let lines: Vec<String> = failure.sorted().into_iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{shown}:Sheet1:R3C1: error: no indicator has the id \"1-1-1-2\"\n  help: \"1-1-1-2\" is one of the actions' ids; the ids of its indicators add .1, .2 … to it (e.g. \"1-1-1-2.1\")"
            ),
            format!(
                "{shown}:Sheet1:R4C2: error: \"令和7年度\" is not a fiscal year\n  help: write 2025: a fiscal year is written as the Gregorian year it starts in (令和7年度 starts in 2025)"
            ),
            format!(
                "{shown}:Sheet1:R5C3: error: \"12人\" is not a number\n  help: write the number alone, without \"人\": 12"
            ),
            format!(
                "{shown}:Sheet1:R6C3: error: \"1,2\" is not a number\n  help: use ',' only between groups of three digits and '.' for decimals, e.g. 1,234.5"
            ),
            format!(
                "{shown}:Sheet1:R7C1: error: 1-1-1-1.1 FY2025 is also on row 2\n  help: keep one row per indicator and year, and delete the other"
            ),
        ]
    );
    assert_eq!(site.files(), before);
}

#[test]
fn header_and_done_mistakes_are_reported() {
    let site = site();
    let before = site.files();
    let sheet = site.path("results.csv");
    std::fs::write(&sheet, "indicator_id,year,actual,notes\n1-1-1-1.1,2025,79,x\n").unwrap();
    let failure = site.import(&sheet).unwrap_err();
    let heads: Vec<String> = failure.sorted().into_iter().map(|p| format!("{}: {}", p.place, p.message)).collect();
    let shown = shown(&sheet);
    assert_eq!(
        heads,
        [
            format!("{shown}:1: the header row has no column fiscal_year"),
            format!("{shown}:1:2: unknown column \"year\""),
            format!("{shown}:1:4: unknown column \"notes\""),
        ]
    );

    std::fs::write(
        &sheet,
        "indicator_id,fiscal_year,actual,done_ja,done_en\n\
         1-1-1-2.1,2025,,催しを開催,\n\
         1-1-1-2.2,2025,,別の文,\n\
         2-1-2-1.1,2025,,再掲の文,\n\
         2-1-1-2.1,2026,,,English only\n",
    )
    .unwrap();
    let failure = site.import(&sheet).unwrap_err();
    let heads: Vec<String> = failure.sorted().into_iter().map(|p| format!("{}: {}", p.place, p.message)).collect();
    assert_eq!(
        heads,
        [
            format!("{shown}:3:4: done_ja for the action 1-1-1-2 in FY2025 differs from the one at {shown}:2:4"),
            format!("{shown}:4:4: the action 2-1-2-1 re-lists 1-1-1-1 and shows its done texts"),
            format!("{shown}:5:5: the action 2-1-1-2 has no done text for FY2026 yet, so done_en needs done_ja"),
        ]
    );
    assert_eq!(site.files(), before);
}

#[test]
fn a_value_mieruka_cannot_rewrite_is_reported_in_the_content_file() {
    let site = site();
    let file = site.content.clone().join("goals/01.yaml");
    let text = site.read("goals/01.yaml").replace(
        "actuals: {2024: {value: 36, printed: \"36人\"}}",
        "actuals:\n                      2024:\n                        value: 36\n                        printed: \"36人\"",
    );
    std::fs::write(&file, &text).unwrap();
    site.assert_checks_clean();
    let before = site.files();
    let sheet = site.path("results.csv");
    std::fs::write(&sheet, "indicator_id,fiscal_year,actual\n1-1-1-2.2,2024,40\n1-1-1-2.1,2025,4100\n").unwrap();
    let failure = site.import(&sheet).unwrap_err();
    assert_eq!(failure.sorted().len(), 1, "{}", failure.render_human());
    let problem = failure.sorted()[0];
    // The value is written as an indented block; the message points at its first key.
    assert_eq!(problem.place.to_string(), format!("{}:60:25", site.content.clone().join("goals/01.yaml").display()));
    assert!(problem.message.starts_with("cannot write the actual of 1-1-1-2.2 from"), "{}", problem.message);
    assert!(problem.message.contains("indented block"), "{}", problem.message);
    assert_eq!(site.files(), before, "no file is written, not even the other, correct one");
}

#[test]
fn content_with_errors_is_not_imported_into() {
    let site = site();
    let file = site.content.clone().join("goals/01.yaml");
    std::fs::write(&file, site.read("goals/01.yaml").replace("total: 75", "total: -75")).unwrap();
    let before = site.files();
    let failure = site.import(&fixture("results.csv")).unwrap_err();
    let messages: Vec<&str> = failure.sorted().into_iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages[0], "the content has errors, so mieruka does not import into it", "stated first");
    assert!(messages[1].contains("negative"), "{}", failure.render_human());
    assert_eq!(site.files(), before);
}

#[test]
fn unreadable_spreadsheets_are_errors_not_crashes() {
    let site = site();
    let before = site.files();
    let cases: [(&str, &[u8], &str); 5] = [
        ("garbage.xlsx", b"PK\x03\x04 not really a zip", "cannot read this workbook"),
        ("empty.xlsx", b"", "cannot read this workbook"),
        (
            "shift_jis.csv",
            b"indicator_id,fiscal_year,actual,unit\n1-1-1-2.1,2025,5,\x89\xf1\n",
            "this CSV file is not UTF-8 text",
        ),
        ("empty.csv", b"", "the spreadsheet is empty"),
        ("results.txt", b"indicator_id,fiscal_year,actual\n", "mieruka reads results from .xlsx or .csv files only"),
    ];
    for (name, bytes, message) in cases {
        let path = site.path(name);
        std::fs::write(&path, bytes).unwrap();
        let failure = site.import(&path).unwrap_err();
        assert!(failure.sorted()[0].message.starts_with(message), "{name}: {}", failure.render_human());
    }
    let missing = site.import(&site.path("missing.csv")).unwrap_err();
    assert!(missing.sorted()[0].message.starts_with("cannot read this file"), "{}", missing.render_human());
    assert_eq!(site.files(), before);
}

#[test]
fn a_dry_run_writes_nothing() {
    let site = site();
    let before = site.files();
    let sheet = fixture("results.csv");
    let imported =
        import(&ImportOptions { content: site.content.clone(), spreadsheet: sheet.clone(), dry_run: true }).unwrap();
    assert_eq!(imported.changes.len(), 2);
    assert!(site.summary(&imported, &sheet).ends_with("would change in 1 file; nothing was written\n"));
    assert_eq!(site.files(), before);
}

#[test]
fn csv_template_round_trip() {
    let site = site();
    let template = site.path("results-2025.csv");
    let written = export_template(&TemplateOptions {
        content: site.content.clone(),
        year: None,
        output: Some(template.clone()),
        force: false,
    })
    .unwrap();
    assert_eq!(
        (written.year, written.rows),
        (2025, 8),
        "the plan year after the reporting year; every indicator written"
    );
    let bytes = std::fs::read(&template).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark, for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("indicator_id,fiscal_year,actual,unit,done_ja,done_en,goal,policy,action,name_ja,name_en,target")
    );
    assert_eq!(lines.next(), Some("1-1-1-1.1,2025,,％,,,1,1-1,1-1-1-1,継続利用率,Retention rate,75"));
    let ids: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(
        ids,
        ["1-1-1-1.1", "1-1-1-2.1", "1-1-1-2.2", "2-1-1-1.1", "2-1-1-1.2", "2-1-1-1.3", "2-1-1-2.1", "2-1-2-1.1"],
        "the copy 1-2-1-1 takes its indicator from 1-1-1-1 and is not listed again; 2-1-2-1 writes its own"
    );

    // Fill it in as a person would: some actuals, one left blank, one done text.
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(&template).unwrap();
    let mut rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    rows[0][0] = rows[0][0].trim_start_matches('\u{feff}').to_owned();
    for row in rows.iter_mut().skip(1) {
        match row[0].as_str() {
            "1-1-1-1.1" => row[2] = "76".to_owned(),
            "1-1-1-2.1" => row[2] = "４，２１０".to_owned(),
            "2-1-1-1.2" => {
                row[2] = "31".to_owned();
                row[4] = "就職面接会を開催".to_owned();
            }
            _ => {}
        }
    }
    let filled = site.path("filled.csv");
    let mut writer = csv::Writer::from_path(&filled).unwrap();
    for row in &rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
    let imported = site.import(&filled).unwrap();
    let summary = site.summary(&imported, &filled);
    assert_eq!(
        summary.lines().take(4).collect::<Vec<_>>(),
        [
            "content/goals/01.yaml:31: 1-1-1-1.1 FY2025 actual: (none) → 76",
            "content/goals/01.yaml:51: 1-1-1-2.1 FY2025 actual: (none) → 4210",
            "content/goals/02.yaml:52: 2-1-1-1.2 FY2025 actual: (none) → 31",
            "content/goals/02.yaml:61: 2-1-1-1 FY2025 done_ja: (none) → \"就職面接会を開催\"",
        ]
    );
    site.assert_checks_clean();

    // The template is not written over a file that exists (it may be filled in).
    let again = export_template(&TemplateOptions {
        content: site.content.clone(),
        year: Some(2025),
        output: Some(template.clone()),
        force: false,
    })
    .unwrap_err();
    assert!(again.sorted()[0].message.contains("exists already"), "{}", again.render_human());
    let wrong_year = export_template(&TemplateOptions {
        content: site.content.clone(),
        year: Some(2031),
        output: Some(site.path("r.csv")),
        force: false,
    })
    .unwrap_err();
    assert_eq!(wrong_year.sorted()[0].message, "fiscal year 2031 is not one of the plan's years");
}

#[test]
fn xlsx_template_round_trip() {
    let site = site();
    let template = site.path("results-2026.xlsx");
    let written = export_template(&TemplateOptions {
        content: site.content.clone(),
        year: Some(2026),
        output: Some(template.clone()),
        force: false,
    })
    .unwrap();
    assert_eq!(written.year, 2026);

    // Read the template as a spreadsheet program would, fill in actuals, save it again.
    let mut workbook = open_workbook_auto(&template).unwrap();
    assert_eq!(workbook.sheet_names(), ["results"]);
    let range = workbook.worksheet_range("results").unwrap();
    let mut rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::Float(f) => f.to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows[0][..6], ["indicator_id", "fiscal_year", "actual", "unit", "done_ja", "done_en"]);
    assert_eq!(rows[1][..4], ["1-1-1-1.1", "2026", "", "％"]);
    for row in rows.iter_mut().skip(1) {
        if row[0] == "2-1-1-1.1" {
            row[2] = "1400".to_owned();
        }
        if row[0] == "1-1-1-2.2" {
            row[2] = "7".to_owned();
            row[4] = "ワークショップ".to_owned();
            row[5] = "Workshops".to_owned();
        }
    }
    let filled = site.path("filled.xlsx");
    let refs: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let refs: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    write_xlsx(&filled, &refs);
    let imported = site.import(&filled).unwrap();
    let summary = site.summary(&imported, &filled);
    assert_eq!(
        summary.lines().take(4).collect::<Vec<_>>(),
        [
            "content/goals/01.yaml:58: 1-1-1-2.2 FY2026 actual: (none) → 7",
            "content/goals/01.yaml:66: 1-1-1-2 FY2026 done_ja: (none) → \"ワークショップ\"",
            "content/goals/01.yaml:67: 1-1-1-2 FY2026 done_en: (none) → \"Workshops\"",
            "content/goals/02.yaml:41: 2-1-1-1.1 FY2026 actual: (none) → 1400",
        ]
    );
    site.assert_checks_clean();
}

#[test]
fn the_command_line_prints_changes_and_problems() {
    let site = site();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mieruka")).args(args).current_dir(site.dir.path()).output().unwrap()
    };
    std::fs::copy(fixture("results.csv"), site.path("results.csv")).unwrap();
    let out = run(&["import", "results.csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "content/goals/01.yaml:31: 1-1-1-1.1 FY2024 actual: 77 → 78\n\
         content/goals/01.yaml:51: 1-1-1-2.1 FY2025 actual: (none) → 4100\n\
         imported 2 values from results.csv into 1 file; review them with `mieruka diff HEAD`\n"
    );

    std::fs::copy(fixture("errors.csv"), site.path("errors.csv")).unwrap();
    let out = run(&["import", "errors.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("errors.csv:2:1: error: no indicator has the id \"1-1-1-1.9\"\n  help: "), "{stderr}");
    assert!(stderr.ends_with("4 errors, 0 warnings\nimport failed; no file was changed\n"), "{stderr}");

    let out = run(&["export", "--template", "--year", "2025", "--output", "t.xlsx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "wrote the template for FY2025 (8 indicators) to t.xlsx; fill in actual (and done_ja, done_en), then `mieruka import t.xlsx`\n"
    );
    let out = run(&["export", "--year", "2025"]);
    assert!(!out.status.success(), "export needs --template");
}
