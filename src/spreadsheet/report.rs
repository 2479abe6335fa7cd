//! What an import changed, as the command prints it: one line per value, with its file and line.

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::diagnostics::display_path;

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
