//! Problems found in content, reported as product output: every one names its file, line and
//! column, says what is wrong and how to fix it.

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

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The site cannot be built until it is fixed.
    Error,
    /// The site builds, but a reader may see something incomplete or inconsistent.
    Warning,
}

/// One problem in content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Where the problem is.
    pub loc: Loc,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `loc`.
    pub fn error(loc: Loc, message: impl Into<String>) -> Self {
        Self { loc, severity: Severity::Error, message: message.into(), help: None }
    }

    /// A warning at `loc`.
    pub fn warning(loc: Loc, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(loc, message) }
    }

    /// Adds the advice on how to fix the problem.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {label}: {}", self.loc, self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// All the problems found in one run, in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
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

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// The problems sorted by file, line and column, without repeats.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort();
        items.dedup();
        items
    }

    /// All problems as plain text, one block each, followed by a count.
    pub fn render_human(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            let _ = writeln!(out, "{d}");
        }
        let _ = writeln!(
            out,
            "{} error{}, {} warning{}",
            self.errors(),
            plural(self.errors()),
            self.warnings(),
            plural(self.warnings())
        );
        out
    }

    /// All problems as GitHub Actions workflow commands, so that they show as annotations on
    /// the lines of a pull request.
    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = format!("file={}", escape_property(&d.loc.file.to_string_lossy()));
            if d.loc.line > 0 {
                let _ = write!(props, ",line={},col={}", d.loc.line, d.loc.column.max(1));
            }
            let mut message = d.message.clone();
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

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u64) -> Loc {
        Loc { file: Arc::from(Path::new("content/goals/01.yaml")), line, column: 7 }
    }

    #[test]
    fn human_output_names_file_line_column_and_help() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::warning(loc(9), "second").help("fix it"));
        d.push(Diagnostic::error(loc(3), "first"));
        assert_eq!(
            d.render_human(),
            "content/goals/01.yaml:3:7: error: first\n\
             content/goals/01.yaml:9:7: warning: second\n  help: fix it\n\
             1 error, 1 warning\n"
        );
    }

    #[test]
    fn github_output_escapes_newlines_and_commas() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::error(loc(3), "a, b").help("c\nd"));
        assert_eq!(
            d.render_github(),
            "::error file=content/goals/01.yaml,line=3,col=7,title=mieruka::a, b%0Ahelp: c%0Ad\n"
        );
    }
}
