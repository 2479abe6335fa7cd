//! The `mieruka` command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use mieruka::{BuildOptions, build, check, schema};

/// Publish a city's plan progress as a bilingual static site.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder.
        #[arg(long, default_value = "output")]
        output: PathBuf,
    },
    /// Check the content without writing anything; exits 1 when there are errors.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Compare the plan data of two git revisions, a revision and the working tree, or two
    /// content folders (--dirs); formatting-only changes give an empty diff.
    Diff {
        /// The older revision (such as HEAD or main), or with --dirs the older content folder.
        old: String,
        /// The newer revision or folder; the working tree's content folder when left out.
        new: Option<String>,
        /// The content folder, within the git work tree.
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
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
        /// The content folder (watched, with the theme).
        #[arg(long, default_value = "content")]
        content: PathBuf,
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

/// Runs `mieruka diff`.
fn diff(old: &str, new: Option<&str>, content: &std::path::Path, dirs: bool, format: DiffFormat) -> ExitCode {
    use mieruka::diff::{Version, compare, markdown};
    let versions = if dirs {
        let new = new.unwrap_or("content");
        Version::folder(std::path::Path::new(old), old)
            .and_then(|a| Version::folder(std::path::Path::new(new), new).map(|b| (a, b)))
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
            match format {
                DiffFormat::Markdown => print!("{}", markdown(&d)),
                DiffFormat::Json => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { content, output } => match build(&BuildOptions { content, output: output.clone() }) {
            Ok(summary) => {
                if summary.diagnostics.warnings() > 0 {
                    eprint!("{}", summary.diagnostics.render_human());
                }
                println!("{}", summary.line(&output));
                ExitCode::SUCCESS
            }
            Err(diagnostics) => {
                eprint!("{}", diagnostics.render_human());
                eprintln!("build failed; {} is unchanged", output.display());
                ExitCode::FAILURE
            }
        },
        Command::Check { content, format } => {
            let (_, diagnostics) = check(&content);
            match format {
                Format::Human => print!("{}", diagnostics.render_human()),
                Format::Github => print!("{}", diagnostics.render_github()),
            }
            if diagnostics.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Command::Diff { old, new, content, dirs, format } => diff(&old, new.as_deref(), &content, dirs, format),
        Command::Init { dir } => match mieruka::init::init(&dir) {
            Ok(()) => {
                println!(
                    "created {0}/content; next: edit {0}/content/site.yaml, then `mieruka build --content {0}/content --output {0}/output`",
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
        Command::Import { file, content, dry_run } => {
            let options = mieruka::import::ImportOptions { content, spreadsheet: file.clone(), dry_run };
            match mieruka::import::import(&options) {
                Ok(imported) => {
                    print!("{}", imported.render(&file));
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    eprint!("{}", failure.render());
                    eprintln!("import failed; no file was changed");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Export { template: _, year, output, force, content } => {
            let options = mieruka::import::TemplateOptions { content, year, output, force };
            match mieruka::import::export_template(&options) {
                Ok(t) => {
                    println!(
                        "wrote the template for FY{} ({} indicators) to {}; fill in actual (and done_ja, done_en), then `mieruka import {}`",
                        t.year,
                        t.rows,
                        t.path.display(),
                        t.path.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => {
                    eprint!("{}", failure.render());
                    eprintln!("export failed");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { output } => {
            let written = std::fs::create_dir_all(&output).and_then(|()| {
                schema::schemas().into_iter().try_for_each(|(name, json)| std::fs::write(output.join(name), json))
            });
            match written {
                Ok(()) => {
                    println!("wrote the JSON Schemas to {}", output.display());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("error: cannot write to {}: {err}", output.display());
                    ExitCode::FAILURE
                }
            }
        }
        #[cfg(feature = "serve")]
        Command::Serve { content, output, port } => {
            match mieruka::serve::serve(&mieruka::serve::ServeOptions { content, output, port }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
