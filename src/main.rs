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
    /// Write the JSON Schemas of the content files, for editors.
    Schema {
        /// The folder to write them to.
        #[arg(long, default_value = "docs/schema")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Plain text: file:line:column: severity: message.
    Human,
    /// GitHub Actions annotations.
    Github,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { content, output } => match build(&BuildOptions { content, output: output.clone() }) {
            Ok(summary) => {
                eprint!("{}", summary.diagnostics.render_human());
                println!(
                    "built {} pages with {} charts into {} in {} ms ({} warnings)",
                    summary.pages,
                    summary.charts,
                    output.display(),
                    summary.milliseconds,
                    summary.diagnostics.warnings()
                );
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
    }
}
