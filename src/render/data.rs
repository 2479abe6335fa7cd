//! The data downloads: every number of the plan in long format (one row per indicator and
//! fiscal year), once as CSV (with a byte-order mark, which Excel needs and CSV readers skip) and
//! once as JSON (the same table as columns and rows, pandas' `split` orientation). Nothing is
//! written twice: no per-goal-area copies and no archive of the same files; the downloads page
//! describes every column. Follows the Digital Agency's rules for machine-readable
//! data: one value per cell, numbers without units, Gregorian years, blank distinct from 0.

use std::borrow::Cow;

use serde::Serialize;

use super::OutputFile;
use std::collections::BTreeMap;

use crate::compute::{Change, Progress, Status, achievement};
use crate::diagnostics::Diagnostic;
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::model::{Indicator, IndicatorKind, Listing, Site, Text, Value};

/// A byte-order mark: Excel on Japanese Windows needs it to read UTF-8.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// One cell of the table: a text, a number, or a year; blank where there is none.
#[derive(Debug, Clone)]
enum Cell<'s> {
    /// A text, borrowed from the model where it can be.
    Text(Cow<'s, str>),
    /// A number, written without a decimal point when it is whole.
    Number(Option<f64>),
    /// A Gregorian year.
    Year(Option<u16>),
}

impl Serialize for Cell<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Text(text) => serializer.serialize_str(text),
            Cell::Number(Some(n)) if n.fract() == 0.0 && n.abs() < 1e15 => serializer.serialize_i64(*n as i64),
            Cell::Number(Some(n)) => serializer.serialize_f64(*n),
            Cell::Year(Some(year)) => serializer.serialize_u16(*year),
            Cell::Number(None) | Cell::Year(None) => serializer.serialize_none(),
        }
    }
}

/// One row of the long-format table: one indicator in one fiscal year, a cell per column of
/// [`COLUMNS`], in that order.
type Row<'s> = [Cell<'s>; COLUMNS.len()];

/// A file offered for download, for the downloads page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    /// Path from the site root.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// What it is: `csv_bom` or `json`.
    pub kind: &'static str,
}

/// Every row, in site order: each indicator where it is listed, re-listed copies included, so
/// that a page's counts are the count of its rows (the rule of [`crate::compute::compute`]).
/// Rows are made one at a time, as they are written.
fn rows<'s>(site: &'s Site, progress: &'s Progress) -> impl Iterator<Item = Row<'s>> {
    site.listings().flat_map(move |listing| {
        listing.action.indicators.iter().flat_map(move |indicator| {
            let statuses: BTreeMap<FiscalYear, Status> =
                progress.snapshots().map(|s| (s.year, s.status(&indicator.id))).collect();
            site.config.all_years().into_iter().map(move |year| row(site, listing, indicator, &statuses, year))
        })
    })
}

/// The row of `indicator`, listed at `listing`, in `year`.
fn row<'s>(
    site: &'s Site,
    Listing { goal, policy, measure, action }: Listing<'s>,
    indicator: &'s Indicator,
    statuses: &BTreeMap<FiscalYear, Status>,
    year: FiscalYear,
) -> Row<'s> {
    let config = &site.config;
    let text = |t: &'s str| Cell::Text(Cow::Borrowed(t));
    let english = |t: &'s Text| text(t.en.as_deref().unwrap_or_default());
    let as_printed = |v: Option<&Value>| Cell::Text(v.map_or(Cow::Borrowed(""), |v| Cow::Owned(v.as_printed())));
    let action_name = measure.action_name(action);
    let status = statuses.get(&year).copied();
    let before = statuses.range(..year).next_back().map(|(_, s)| *s);
    let target = indicator.targets.get(&year);
    let actual = indicator.actuals.get(&year);
    let computed = (year <= config.reporting_year && actual.and_then(Value::number).is_some())
        .then(|| achievement(indicator, config, year).0)
        .flatten()
        .map(|r| (r * 10.0).round() / 10.0);
    [
        text(config.organisation_code.as_deref().unwrap_or_default()),
        text(&config.organisation.ja),
        text(&goal.id),
        text(&goal.title.ja),
        english(&goal.title),
        text(&policy.id),
        text(&policy.title.ja),
        english(&policy.title),
        text(&action.id),
        text(action_name.map_or("", |n| n.ja.as_str())),
        text(action_name.and_then(|n| n.en.as_deref()).unwrap_or_default()),
        text(action.relisted_from.as_deref().unwrap_or_default()),
        text(&indicator.id),
        text(&indicator.name.ja),
        english(&indicator.name),
        text(&indicator.unit.ja),
        english(&indicator.unit),
        text(match indicator.kind {
            IndicatorKind::Count => "count",
            IndicatorKind::Level => "level",
        }),
        Cell::Year(Some(year.0)),
        Cell::Text(Cow::Owned(year.label(Lang::Ja))),
        Cell::Number(target.and_then(Value::number)),
        as_printed(target),
        Cell::Number(actual.and_then(Value::number)),
        as_printed(actual),
        Cell::Number(indicator.total.as_ref().and_then(Value::number)),
        Cell::Number(indicator.printed_rate.get(&year).and_then(|(v, _)| v.number())),
        Cell::Number(computed),
        text(status.map_or("", Status::key)),
        Cell::Year(status.map(|_| year.0)),
        text(before.zip(status).map_or("", |(b, s)| Change::between(b, s).key())),
    ]
}

/// The row with every text cell safe to open in a spreadsheet program (CWE-1236).
fn for_spreadsheets(row: Row<'_>) -> Row<'_> {
    row.map(|cell| match cell {
        Cell::Text(text) => Cell::Text(formula_safe(text)),
        other => other,
    })
}

/// A text cell as a spreadsheet shows it as text, never runs it: one that would start a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, the OWASP rule. A lone
/// `-`, which the source prints for "no value", is not a formula and stays as it is.
fn formula_safe(cell: Cow<'_, str>) -> Cow<'_, str> {
    let starts_formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_formula && cell != "-" { Cow::Owned(format!("'{cell}")) } else { cell }
}

/// Writes rows (already made safe for spreadsheets) as CSV after a byte-order mark, under a
/// header of the column names.
#[expect(
    clippy::expect_used,
    reason = "rows are arrays of strings and numbers written to memory: serialising cannot fail, and no row may be dropped"
)]
fn csv<'s>(rows: impl Iterator<Item = Row<'s>>) -> Vec<u8> {
    let mut out = BOM.to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(COLUMNS.iter().map(|(name, ..)| name)).expect("the header is written to memory");
        for row in rows {
            writer.serialize(&row).expect("a row serialises to CSV");
        }
        writer.flush().expect("writing to memory succeeds");
    }
    out
}

/// Writes every download through `sink`, one file at a time so that only one is held in
/// memory, and returns what the downloads page lists.
pub(crate) fn write_downloads(
    site: &Site,
    progress: &Progress,
    sink: &dyn Fn(OutputFile) -> Result<(), Diagnostic>,
) -> Result<Vec<Download>, Diagnostic> {
    let mut downloads = Vec::new();
    let mut emit = |path: &str, kind: &'static str, bytes: Vec<u8>| {
        downloads.push(Download { path: path.to_owned(), bytes: bytes.len(), kind });
        sink(OutputFile { path: path.to_owned(), bytes })
    };
    // The CSV shows text cells safe for spreadsheets; the JSON keeps them as written.
    emit("data/indicators.csv", "csv_bom", csv(rows(site, progress).map(for_spreadsheets)))?;
    emit("data/indicators.json", "json", json(site, progress))?;
    Ok(downloads)
}

/// The JSON download: the site's identity and the same table as the CSV, as its column names and
/// its rows of values in column order (what pandas reads with `read_json(…, orient="split")`).
#[derive(Serialize)]
struct Document<'a> {
    title: &'a Text,
    organisation: &'a Text,
    organisation_code: Option<&'a str>,
    reporting_fiscal_year: u16,
    encoding: &'static str,
    columns: Vec<&'static str>,
    data: Rows<'a>,
}

/// The rows, serialised as they are made.
struct Rows<'a>(&'a Site, &'a Progress);

impl Serialize for Rows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(rows(self.0, self.1))
    }
}

#[expect(clippy::expect_used, reason = "plain strings and numbers serialised to memory: this cannot fail")]
fn json(site: &Site, progress: &Progress) -> Vec<u8> {
    let config = &site.config;
    let document = Document {
        title: &config.title,
        organisation: &config.organisation,
        organisation_code: config.organisation_code.as_deref(),
        reporting_fiscal_year: config.reporting_year.0,
        encoding: "UTF-8",
        columns: COLUMNS.iter().map(|(name, ..)| *name).collect(),
        data: Rows(site, progress),
    };
    let mut bytes = serde_json::to_vec(&document).expect("the JSON download serialises");
    bytes.push(b'\n');
    bytes
}

/// The columns of the table: name, Japanese description, English description. Descriptions
/// name levels as `{goal_area}` … and the plan's length as `{plan_years}`, filled in with the
/// site's own words ([`super::localise::with_site_names`]).
pub(crate) const COLUMNS: [(&str, &str, &str); 30] = [
    ("organisation_code", "全国地方公共団体コード", "Local government code (全国地方公共団体コード)"),
    ("organisation", "地方公共団体名", "Municipality"),
    ("goal_area_id", "{goal_area}の番号", "{goal_area} number"),
    ("goal_area_name_ja", "{goal_area}の名称（日本語）", "{goal_area} title in Japanese"),
    ("goal_area_name_en", "{goal_area}の名称（英語）", "{goal_area} title in English"),
    ("policy_id", "{policy}の番号", "{policy} code"),
    ("policy_name_ja", "{policy}の名称（日本語）", "{policy} title in Japanese"),
    ("policy_name_en", "{policy}の名称（英語）", "{policy} title in English"),
    ("action_id", "{action}のID", "{action} id"),
    (
        "action_name_ja",
        "{action}の名称（日本語。事業名がなければ{measure}の名称）",
        "{action} name in Japanese (its project, or else its {measure_lc}'s title)",
    ),
    ("action_name_en", "{action}の名称（英語）", "{action} name in English"),
    (
        "relisted_from",
        "再掲元の{action}のID（再掲の行のみ。計画全体の集計ではこの列が空の行だけを数えます）",
        "Id of the original {action_lc}, in the rows of a re-listed copy only (the whole plan's counts keep only the rows where this is blank)",
    ),
    ("indicator_id", "{indicator}のID", "{indicator} id"),
    ("indicator_name_ja", "{indicator}名（日本語）", "{indicator} name in Japanese"),
    ("indicator_name_en", "{indicator}名（英語）", "{indicator} name in English"),
    ("unit_ja", "単位（日本語）", "Unit in Japanese"),
    ("unit_en", "単位（英語）", "Unit in English"),
    ("kind", "指標の種類（count: 年度ごとの値を合計 / level: 水準）", "Kind: count (yearly values add up) or level"),
    ("fiscal_year", "年度（西暦、年度の始まる年）", "Fiscal year (Gregorian year in which it starts)"),
    ("fiscal_year_ja", "年度（和暦）", "Fiscal year in the Japanese era"),
    ("target", "目標値（数値。ない場合は空欄）", "Target (a number; blank if none)"),
    ("target_as_printed", "目標値の原典の記載（ー、検討中など）", "Target as printed (ー, 検討中 …)"),
    ("actual", "実績値（数値。ない場合は空欄）", "Actual (a number; blank if none)"),
    ("actual_as_printed", "実績値の原典の記載", "Actual as printed"),
    ("total_target", "{plan_years}か年の目標値の合計", "{plan_years}-year total target"),
    ("rate_printed", "達成率（原典記載、％）", "Achievement rate as printed (percent)"),
    ("rate_computed", "達成率（算出、％、小数第1位）", "Achievement rate computed (percent, one decimal)"),
    (
        "status",
        "その年度の時点の評価（報告年度までの行のみ）",
        "Status as of this year (in the rows of years up to the reporting year)",
    ),
    (
        "status_as_of",
        "評価の時点の年度（西暦。評価のない行は空欄）",
        "The fiscal year the status is as of (blank where there is no status)",
    ),
    (
        "change",
        "前年度からの評価の変化（improved: 改善 / worsened: 悪化 / unchanged: 変化なし / new: 新たに評価 / ungraded: 評価できなくなった。初年度は空欄）",
        "Change of status since the year before (improved, worsened, unchanged, new: graded for the first time, ungraded: no longer graded; blank in the first year)",
    ),
];

/// What a reader of the files needs to know, in Japanese and English, on the downloads page:
/// how to get a page's counts from the rows, and how to open the CSV in
/// Excel. Levels are named as in [`COLUMNS`].
pub(crate) const READING_NOTES: [(&str, &str); 2] = [
    (
        "サイトの件数を表から得るには、報告年度の行（status_as_of列が報告年度の行）を残します。{goal_area}・{policy}の件数はその行をすべて数え、計画全体の件数はrelisted_from列が空の行だけを数えます。前年度の件数は、status_as_of列が前年度の行から同じように得られます。",
        "To get the site's counts from the table, keep the reporting year's rows (status_as_of is the reporting year): a {goal_area_lc}'s or {policy_lc}'s counts are all of its rows; the whole plan's are the rows with a blank relisted_from. The year before's counts come the same way from the rows whose status_as_of is that year.",
    ),
    (
        "Excelはidの列（1-1など）を日付に変えることがあります。「データ」→「テキストまたはCSVから」で開き、id列を文字列にしてください。",
        "Excel may turn ids such as 1-1 into dates: open the file with Data > From Text/CSV and set the id columns to Text.",
    ),
];

#[cfg(test)]
mod tests {
    use super::formula_safe;

    #[test]
    fn cells_that_would_start_a_formula_are_shown_as_text() {
        assert_eq!(formula_safe("=HYPERLINK(\"http://x\")".into()), "'=HYPERLINK(\"http://x\")");
        assert_eq!(formula_safe("+1".into()), "'+1");
        assert_eq!(formula_safe("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(formula_safe("-2+3".into()), "'-2+3");
        assert_eq!(formula_safe("-".into()), "-");
        assert_eq!(formula_safe("商店街".into()), "商店街");
        assert_eq!(formula_safe("1-1".into()), "1-1");
    }
}
