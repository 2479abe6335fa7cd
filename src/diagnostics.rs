//! The one vocabulary for problems, whichever command finds them: every [`Diagnostic`] names its
//! [`Place`] (a content file's line and column, or a spreadsheet cell), says what is wrong and how
//! to fix it, and carries a stable [`Code`] that tools and tests can match on instead of wording.
//!
//! Source notes are not problems: they are facts about the source document that an editor
//! recorded. They travel as [`Severity::Note`], are counted in one line, and are listed only on
//! request (`mieruka check --notes`).

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A place in a content file. Lines and columns count from 1; `0` means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// The file, as the user named it (relative to the working directory when it was given so).
    pub file: Arc<Path>,
    /// Line, from 1.
    pub line: u64,
    /// Column in characters, from 1.
    pub column: u64,
}

impl Loc {
    /// A location at the start of `file`, for problems that concern the whole file.
    pub fn file(file: &Arc<Path>) -> Self {
        Self { file: Arc::clone(file), line: 0, column: 0 }
    }

    /// The whole of the file at `path`, shown relative to the working directory.
    pub fn path(path: &Path) -> Self {
        Self::file(&Arc::from(display_path(path)))
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column.max(1))?;
        }
        Ok(())
    }
}

/// Where a problem is: in a content file, or in a spreadsheet being imported.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// A place in a content file (or any other text file mieruka reads or writes).
    Content(Loc),
    /// A cell, a row or the whole of a spreadsheet: `results.csv:5:3` for a CSV file,
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
}

impl From<Loc> for Place {
    fn from(loc: Loc) -> Self {
        Place::Content(loc)
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Content(loc) => write!(f, "{loc}"),
            Place::Sheet { file, sheet, row, column } => {
                write!(f, "{file}")?;
                if let Some(sheet) = sheet {
                    write!(f, ":{sheet}")?;
                }
                if *row == 0 {
                    return Ok(());
                }
                match (sheet, column) {
                    (None, None) => write!(f, ":{row}"),
                    (None, Some(column)) => write!(f, ":{row}:{column}"),
                    (Some(_), None) => write!(f, ":R{row}"),
                    (Some(_), Some(column)) => write!(f, ":R{row}C{column}"),
                }
            }
        }
    }
}

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built (or the command cannot finish) until it is fixed.
    Error,
    /// The site builds, but a reader may see something incomplete or inconsistent.
    Warning,
    /// Not a problem: a fact about the source document recorded by an editor.
    Note,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What kind of problem a diagnostic reports: stable, so that tools, tests and `mieruka diff`
/// match on it rather than on the wording of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// YAML that cannot be parsed at all.
    YamlSyntax,
    /// A field that the format does not have (often a misspelling).
    UnknownField,
    /// A required field that is not there.
    MissingField,
    /// A value of the wrong type, such as text where a number belongs.
    WrongType,
    /// The content folder has no site.yaml.
    MissingSite,
    /// A file or folder that cannot be read.
    Unreadable,
    /// A file that is not UTF-8 text.
    NotUtf8,
    /// A file in the content folder that is not part of the site.
    StrayFile,
    /// A folder the content must have, such as goals/.
    MissingFolder,
    /// A link or a path that leads out of the content folder.
    OutsideContent,
    /// Input beyond one of mieruka's limits (file size, nesting depth, spreadsheet size).
    Limit,
    /// A free page whose file name or name is not allowed, or that lacks a language.
    PageName,
    /// A setting in site.yaml with a value that cannot be used.
    SiteSetting,
    /// An id with characters that are not allowed.
    InvalidId,
    /// An id used twice.
    DuplicateId,
    /// A reference to an id that does not exist.
    DanglingReference,
    /// A re-listed copy that points at itself or at another copy.
    Relisting,
    /// A measure whose actions do not fit its 検討中 (under consideration) flag.
    MeasureActions,
    /// A text that the source prints but the content leaves empty.
    EmptyText,
    /// A fiscal year that is not one of the plan's years.
    YearOutsidePlan,
    /// An actual for a year after the reporting year: shown, not graded.
    NotYetReported,
    /// A value that is not a number where a number belongs.
    NotANumber,
    /// A period that ends before it starts.
    Period,
    /// A Japanese text without its English translation.
    MissingTranslation,
    /// A source note: a fact about the source document, not a problem.
    SourceNote,
    /// The printed achievement rate differs from the one computed from the numbers.
    PrintedRate,
    /// Two indicators that should print the same numbers (a re-listed copy and its original, or
    /// two of the same name) disagree, and no note explains it.
    Disagreement,
    /// A theme file that cannot be read, or a template that does not compile or render.
    Theme,
    /// The output (site, spreadsheet, schemas, downloads) cannot be written.
    Write,
    /// A spreadsheet cell, row or header that cannot be imported.
    Sheet,
    /// A git revision that cannot be read, or a version that cannot be compared.
    Revision,
    /// A folder that a new site would overwrite, or another refusal to start.
    Refused,
}

impl Code {
    /// The code's stable name, as shown in annotations: `duplicate-id`.
    pub fn name(self) -> &'static str {
        match self {
            Code::YamlSyntax => "yaml-syntax",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::WrongType => "wrong-type",
            Code::MissingSite => "missing-site",
            Code::Unreadable => "unreadable",
            Code::NotUtf8 => "not-utf8",
            Code::StrayFile => "stray-file",
            Code::MissingFolder => "missing-folder",
            Code::OutsideContent => "outside-content",
            Code::Limit => "limit",
            Code::PageName => "page-name",
            Code::SiteSetting => "site-setting",
            Code::InvalidId => "invalid-id",
            Code::DuplicateId => "duplicate-id",
            Code::DanglingReference => "dangling-reference",
            Code::Relisting => "relisting",
            Code::MeasureActions => "measure-actions",
            Code::EmptyText => "empty-text",
            Code::YearOutsidePlan => "year-outside-plan",
            Code::NotYetReported => "not-yet-reported",
            Code::NotANumber => "not-a-number",
            Code::Period => "period",
            Code::MissingTranslation => "missing-translation",
            Code::SourceNote => "source-note",
            Code::PrintedRate => "printed-rate",
            Code::Disagreement => "disagreement",
            Code::Theme => "theme",
            Code::Write => "write",
            Code::Sheet => "sheet",
            Code::Revision => "revision",
            Code::Refused => "refused",
        }
    }
}

/// One problem (or one source note), located.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub place: Place,
    /// Error, warning or note.
    pub severity: Severity,
    /// What kind of problem it is.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code` at `place`.
    pub fn error(code: Code, place: impl Into<Place>, message: impl Into<String>) -> Self {
        Self { place: place.into(), severity: Severity::Error, code, message: message.into(), help: None }
    }

    /// A warning of kind `code` at `place`.
    pub fn warning(code: Code, place: impl Into<Place>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(code, place, message) }
    }

    /// A source note at `place`.
    pub fn note(place: impl Into<Place>, message: impl Into<String>) -> Self {
        Self { severity: Severity::Note, ..Self::error(Code::SourceNote, place, message) }
    }

    /// Adds the advice on how to fix the problem.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The content location, when the problem is in a content file.
    pub fn loc(&self) -> Option<&Loc> {
        match &self.place {
            Place::Content(loc) => Some(loc),
            Place::Sheet { .. } => None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.place, self.severity.label(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// How problems are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// Plain text: `file:line:column: severity: message`, a help line, and a count line.
    #[default]
    Human,
    /// GitHub Actions workflow commands, shown as annotations on the lines of a pull request.
    Github,
}

/// Whether a report lists the source notes one by one or only counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Notes {
    /// One line counts them (the default: notes are not problems).
    #[default]
    Count,
    /// Each note is listed with the problems.
    List,
}

/// All the problems found in one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// Texts the source lost (written `ja: ""` with a `missing_text` note): not a problem, but
    /// counted apart from translations still to write.
    lost_texts: usize,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records several problems.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// The number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// The number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// The number of source notes.
    pub fn notes(&self) -> usize {
        self.count(Severity::Note)
    }

    /// Only the errors: what stops a command that edits content.
    pub fn errors_only(&self) -> Diagnostics {
        self.items.iter().filter(|d| d.severity == Severity::Error).cloned().collect()
    }

    /// The number of diagnostics of kind `code`.
    pub fn with_code(&self, code: Code) -> usize {
        self.sorted().into_iter().filter(|d| d.code == code).count()
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Every diagnostic sorted by place, without repeats.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort();
        items.dedup();
        items
    }

    /// The diagnostics a report shows: errors and warnings, and the notes when asked for.
    fn shown(&self, notes: Notes) -> impl Iterator<Item = &Diagnostic> {
        self.sorted().into_iter().filter(move |d| notes == Notes::List || d.severity != Severity::Note)
    }

    /// The problems in `style`, listing the source notes or only counting them.
    pub fn render(&self, style: Style, notes: Notes) -> String {
        match style {
            Style::Human => self.human(notes),
            Style::Github => self.github(notes),
        }
    }

    /// The problems as plain text, with the source notes counted: what most messages show.
    pub fn render_human(&self) -> String {
        self.human(Notes::Count)
    }

    /// The problems as plain text, one block each, followed by the count line.
    fn human(&self, notes: Notes) -> String {
        let mut out = String::new();
        for d in self.shown(notes) {
            let _ = writeln!(out, "{d}");
        }
        out.push_str(&self.counts());
        if notes == Notes::Count && self.notes() > 0 {
            out.push_str(" (mieruka check --notes lists them)");
        }
        out.push_str(&self.texts());
        out.push('\n');
        out
    }

    /// The count line: `0 errors, 1 warning, 349 source notes`.
    pub fn summary(&self) -> String {
        format!("{}{}", self.counts(), self.texts())
    }

    /// Errors, warnings and source notes: `0 errors, 1 warning, 349 source notes`.
    fn counts(&self) -> String {
        let mut line = format!("{}, {}", counted(self.errors(), "error"), counted(self.warnings(), "warning"));
        if self.notes() > 0 {
            let _ = write!(line, ", {}", counted(self.notes(), "source note"));
        }
        line
    }

    /// Texts lost in the source and texts still to translate, told apart, when there are any:
    /// `; 7 texts lost in the source, 0 to translate`.
    fn texts(&self) -> String {
        let untranslated = self.with_code(Code::MissingTranslation);
        if self.lost_texts == 0 && untranslated == 0 {
            return String::new();
        }
        format!("; {} lost in the source, {untranslated} to translate", counted(self.lost_texts, "text"))
    }

    /// Counts a text the source lost.
    pub fn count_lost_text(&mut self) {
        self.lost_texts += 1;
    }

    /// The number of texts the source lost.
    pub fn lost_texts(&self) -> usize {
        self.lost_texts
    }

    /// The problems as GitHub Actions workflow commands. Source notes become `notice`
    /// annotations when listed.
    fn github(&self, notes: Notes) -> String {
        let mut out = String::new();
        for d in self.shown(notes) {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "notice",
            };
            let props = match &d.place {
                Place::Content(loc) if loc.line > 0 => format!(
                    "file={},line={},col={}",
                    escape_property(&loc.file.to_string_lossy()),
                    loc.line,
                    loc.column.max(1)
                ),
                Place::Content(loc) => format!("file={}", escape_property(&loc.file.to_string_lossy())),
                Place::Sheet { file, .. } => format!("file={}", escape_property(file)),
            };
            let mut message = d.message.clone();
            if let Place::Sheet { .. } = d.place {
                message = format!("{}: {message}", d.place);
            }
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(out, "::{command} {props},title=mieruka::{}", escape_data(&message));
        }
        out
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self { items: iter.into_iter().collect(), lost_texts: 0 }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self { items: vec![diagnostic], lost_texts: 0 }
    }
}

/// `1 error`, `2 errors`: a count with its noun.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

/// Escapes the message part of a GitHub workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a GitHub workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Shortens `path` to be relative to the working directory when it lies below it, so that
/// messages read `content/goals/01.yaml:3:5` rather than a long absolute path.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

/// Moves a failed step's [`Diagnostic`] into the run's [`Diagnostics`], so that a list of steps
/// reads `step().or_report(diagnostics)?` and stops at the first step that fails.
pub trait OrReport<T> {
    /// The value, or `None` after recording the problem.
    fn or_report(self, diagnostics: &mut Diagnostics) -> Option<T>;
}

impl<T> OrReport<T> for Result<T, Diagnostic> {
    fn or_report(self, diagnostics: &mut Diagnostics) -> Option<T> {
        self.map_err(|diagnostic| diagnostics.push(diagnostic)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u64) -> Loc {
        Loc { file: Arc::from(Path::new("content/goals/01.yaml")), line, column: 7 }
    }

    #[test]
    fn human_output_names_file_line_column_and_help() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::warning(Code::PrintedRate, loc(9), "second").help("fix it"));
        d.push(Diagnostic::error(Code::DuplicateId, loc(3), "first"));
        assert_eq!(
            d.render_human(),
            "content/goals/01.yaml:3:7: error: first\n\
             content/goals/01.yaml:9:7: warning: second\n  help: fix it\n\
             1 error, 1 warning\n"
        );
    }

    #[test]
    fn notes_are_counted_unless_listed() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::note(loc(4), "a fact about the source"));
        d.push(Diagnostic::note(loc(5), "another"));
        assert_eq!(d.render_human(), "0 errors, 0 warnings, 2 source notes (mieruka check --notes lists them)\n");
        assert!(
            d.render(Style::Human, Notes::List)
                .starts_with("content/goals/01.yaml:4:7: note: a fact about the source\n")
        );
        assert!(!d.has_errors());
        assert_eq!(d.with_code(Code::SourceNote), 2);
    }

    #[test]
    fn github_output_escapes_newlines_and_commas() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error(Code::DuplicateId, loc(3), "a, b").help("c\nd"));
        assert_eq!(
            d.render(Style::Github, Notes::Count),
            "::error file=content/goals/01.yaml,line=3,col=7,title=mieruka::a, b%0Ahelp: c%0Ad\n"
        );
    }

    #[test]
    fn sheet_places_read_as_spreadsheet_programs_number_them() {
        let csv = Place::Sheet { file: "r.csv".into(), sheet: None, row: 5, column: Some(3) };
        let xlsx = Place::Sheet { file: "r.xlsx".into(), sheet: Some("S".into()), row: 5, column: None };
        let whole = Place::Sheet { file: "r.xlsx".into(), sheet: Some("S".into()), row: 0, column: None };
        assert_eq!(
            (csv.to_string(), xlsx.to_string(), whole.to_string()),
            ("r.csv:5:3".into(), "r.xlsx:S:R5".into(), "r.xlsx:S".into())
        );
    }
}
