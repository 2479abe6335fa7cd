//! `mieruka init`: a new site for another municipality, with example content in the documented
//! format and the level names to rename. It checks clean and builds as it is.

use std::io;
use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Loc};

/// The starter site's files, by path relative to the content folder.
const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("site/site.yaml")),
    ("basic-policies.yaml", include_str!("site/basic-policies.yaml")),
    ("goals/01.yaml", include_str!("site/goals/01.yaml")),
    ("pages/about.ja.md", include_str!("site/pages/about.ja.md")),
    ("pages/about.en.md", include_str!("site/pages/about.en.md")),
];

/// Writes a new site into `dir/content`, with the JSON Schemas its files point at in
/// `dir/schema`. Refuses to write into a folder that already has
/// content, so nothing is overwritten.
pub fn init(dir: &Path) -> Result<(), Diagnostic> {
    let content = dir.join("content");
    if content.exists() {
        return Err(Diagnostic::error(Code::Refused, Loc::path(&content), "this folder already exists")
            .help("choose a new folder: `mieruka init` never overwrites content"));
    }
    write_files(&content)
        .map_err(|err| Diagnostic::error(Code::Write, Loc::path(dir), format!("cannot write the new site: {err}")))?;
    crate::schema::write(&dir.join("schema"))
}

fn write_files(content: &Path) -> io::Result<()> {
    for (name, text) in FILES {
        let path = content.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    Ok(())
}
