//! The `mieruka` command.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use mieruka::diagnostics::{Diagnostics, Notes, Style};
use mieruka::{BuildOptions, build, check, schema};

/// Publish a city's plan progress as a bilingual static site.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The content folder argument that most commands take.
#[derive(Args)]
struct ContentArg {
    /// The content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        #[command(flatten)]
        content: ContentArg,
        /// The output folder.
        #[arg(long, default_value = "output")]
        output: PathBuf,
    },
    /// Check the content without writing anything; exits 1 when there are errors.
    Check {
        #[command(flatten)]
        content: ContentArg,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also list the source notes (facts about the source document), not only count them.
        #[arg(long)]
        notes: bool,
    },
    /// Compare the plan data of two git revisions, a revision and the working tree, or two
    /// content folders (--dirs); formatting-only changes give an empty diff.
    Diff {
        /// The older revision (such as HEAD or main), or with --dirs the older content folder.
        old: String,
        /// The newer revision or folder; the working tree's content folder when left out.
        new: Option<String>,
        #[command(flatten)]
        content: ContentArg,
        /// Compare two content folders instead of two revisions.
        #[arg(long)]
        dirs: bool,
        /// Markdown (for a pull-request comment) or JSON.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// Create a new site in DIR/content, with example content to adapt.
    Init {
        /// The folder of the new site.
        dir: PathBuf,
    },
    /// Import a year's results from a spreadsheet (.xlsx or .csv) into the content's YAML
    /// files, changing only those values; prints what changed.
    Import {
        /// The spreadsheet: a header row (indicator_id, fiscal_year, actual, and optionally
        /// unit, done_ja, done_en), then one row per indicator.
        file: PathBuf,
        #[command(flatten)]
        content: ContentArg,
        /// Print what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the spreadsheet to fill in with a year's results (`export --template`).
    Export {
        /// Write the template for a year's results (the only export so far).
        #[arg(long, required = true)]
        template: bool,
        /// The fiscal year, as the year it starts (2025 = 令和7年度); by default the plan year
        /// after the reporting year.
        #[arg(long)]
        year: Option<u16>,
        /// The file to write, .csv or .xlsx (default: results-<year>.csv).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        content: ContentArg,
    },
    /// Write the JSON Schemas of the content files, for editors.
    Schema {
        /// The folder to write them to.
        #[arg(long, default_value = "docs/schema")]
        output: PathBuf,
    },
    /// Build and serve the site on 127.0.0.1, rebuilding and reloading the page on every change.
    #[cfg(feature = "serve")]
    Serve {
        #[command(flatten)]
        content: ContentArg,
        /// The output folder (rebuilt and served).
        #[arg(long, default_value = "output")]
        output: PathBuf,
        /// The port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Plain text: file:line:column: severity: message.
    Human,
    /// GitHub Actions annotations.
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// Markdown, ready to post on a pull request.
    Markdown,
    /// JSON.
    Json,
}

/// How a command ended: the line it prints on success, or the problems that stopped it.
enum Outcome {
    /// Success, with what to print on standard output (a newline is added if missing).
    Done(String),
    /// Failure: every problem, then a last line saying what was left as it was, and the exit code.
    Failed(Diagnostics, &'static str, u8),
}

/// Prints how a command ended (problems on standard error) and gives its exit code.
fn report(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Done(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        Outcome::Failed(diagnostics, then, code) => {
            eprint!("{}", diagnostics.render_human());
            if !then.is_empty() {
                eprintln!("{then}");
            }
            ExitCode::from(code)
        }
    }
}

/// Runs `mieruka diff`.
fn diff(old: &str, new: Option<&str>, content: &Path, dirs: bool, format: DiffFormat) -> Outcome {
    use mieruka::diff::{Version, compare, markdown};
    let versions = if dirs {
        let new = new.unwrap_or("content");
        Version::folder(Path::new(old), old).and_then(|a| Version::folder(Path::new(new), new).map(|b| (a, b)))
    } else {
        Version::revision(content, old).and_then(|a| {
            let b = match new {
                Some(rev) => Version::revision(content, rev),
                None => Version::folder(content, "working tree"),
            };
            b.map(|b| (a, b))
        })
    };
    match versions {
        Ok((a, b)) => {
            let d = compare(&a, &b);
            Outcome::Done(match format {
                DiffFormat::Markdown => markdown(&d),
                DiffFormat::Json => d.to_json(),
            })
        }
        Err(diagnostics) => Outcome::Failed(diagnostics, "", 2),
    }
}

/// Runs `mieruka check`: the problems go to standard output, since they are what was asked for.
fn check_content(content: &Path, format: Format, notes: Notes) -> ExitCode {
    let (_, diagnostics) = check(content);
    let style = match format {
        Format::Human => Style::Human,
        Format::Github => Style::Github,
    };
    print!("{}", diagnostics.render(style, notes));
    if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// Runs `mieruka build`: real problems go to standard error, the summary line to standard output.
fn build_site(content: PathBuf, output: PathBuf) -> Outcome {
    let built = mieruka::build_date(&content);
    match build(&BuildOptions { content, output: output.clone(), built, editions: true }) {
        Ok(summary) => {
            if summary.diagnostics.warnings() > 0 {
                eprint!("{}", summary.diagnostics.render_human());
            }
            Outcome::Done(summary.line(&output))
        }
        Err(diagnostics) => Outcome::Failed(diagnostics, "build failed; the output folder is unchanged", 1),
    }
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Build { content, output } => build_site(content.content, output),
        Command::Check { content, format, notes } => {
            let notes = if notes { Notes::List } else { Notes::Count };
            return check_content(&content.content, format, notes);
        }
        Command::Diff { old, new, content, dirs, format } => diff(&old, new.as_deref(), &content.content, dirs, format),
        Command::Init { dir } => match mieruka::init::init(&dir) {
            Ok(()) => Outcome::Done(format!(
                "created {0}/content; next: edit {0}/content/site.yaml, then `mieruka build --content {0}/content --output {0}/output`",
                dir.display()
            )),
            Err(diagnostic) => Outcome::Failed(diagnostic.into(), "", 1),
        },
        Command::Import { file, content, dry_run } => {
            let options =
                mieruka::spreadsheet::ImportOptions { content: content.content, spreadsheet: file.clone(), dry_run };
            match mieruka::spreadsheet::import(&options) {
                Ok(imported) => Outcome::Done(imported.render(&file)),
                Err(problems) => Outcome::Failed(problems, "import failed; no file was changed", 1),
            }
        }
        Command::Export { template: _, year, output, force, content } => {
            let options = mieruka::spreadsheet::TemplateOptions { content: content.content, year, output, force };
            match mieruka::spreadsheet::export_template(&options) {
                Ok(t) => Outcome::Done(format!(
                    "wrote the template for FY{} ({} {}s) to {}; fill in actual (and done_ja, done_en), then `mieruka import {}`",
                    t.year,
                    t.rows,
                    t.indicator,
                    t.path.display(),
                    t.path.display()
                )),
                Err(problems) => Outcome::Failed(problems, "export failed", 1),
            }
        }
        Command::Schema { output } => match schema::write(&output) {
            Ok(()) => Outcome::Done(format!("wrote the JSON Schemas to {}", output.display())),
            Err(diagnostic) => Outcome::Failed(diagnostic.into(), "", 1),
        },
        #[cfg(feature = "serve")]
        Command::Serve { content, output, port } => {
            match mieruka::serve::serve(&mieruka::serve::ServeOptions { content: content.content, output, port }) {
                Ok(()) => Outcome::Done(String::new()),
                Err(diagnostic) => Outcome::Failed(diagnostic.into(), "", 1),
            }
        }
    };
    report(outcome)
}
