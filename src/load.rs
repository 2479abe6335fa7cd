//! Stage 1, load: find the content files, read them and parse them into the "as written"
//! types of [`crate::raw`], keeping the source location of every value.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics, Loc, display_path};
use crate::lang::Lang;
use crate::raw::{RawActivationPlan, RawBasicPolicies, RawGoal, RawSite};

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    /// The file, as shown in messages.
    pub file: Arc<Path>,
    /// The file's name without its extension (`01` for `goals/01.yaml`).
    pub stem: String,
    /// Its content.
    pub value: T,
}

/// A free page in one language.
#[derive(Debug, Clone)]
pub struct RawPage {
    /// The file, as shown in messages.
    pub file: Arc<Path>,
    /// The page's name: `about` for `pages/about.en.md`.
    pub name: String,
    /// The page's language.
    pub lang: Lang,
    /// The Markdown source.
    pub markdown: String,
}

/// Everything read from a content folder.
#[derive(Debug, Clone, Default)]
pub struct RawContent {
    /// The content folder.
    pub root: PathBuf,
    /// `site.yaml`, if it could be read.
    pub site: Option<Sourced<RawSite>>,
    /// `basic-policies.yaml`, if present.
    pub basic_policies: Option<Sourced<RawBasicPolicies>>,
    /// `goals/*.yaml`, in file-name order.
    pub goals: Vec<Sourced<RawGoal>>,
    /// `activation-plans/*.yaml`, in file-name order.
    pub activation_plans: Vec<Sourced<RawActivationPlan>>,
    /// `pages/*.md`, in file-name order.
    pub pages: Vec<RawPage>,
    /// How many goal-area files could not be parsed: references into them cannot be checked.
    pub unreadable_goals: usize,
}

/// Reads the content folder `root`. Problems go to `diagnostics`; whatever could be read is
/// returned so that later stages can report their problems too.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> RawContent {
    let mut content = RawContent { root: root.to_path_buf(), ..RawContent::default() };
    let site_file = root.join("site.yaml");
    if !site_file.is_file() {
        diagnostics.push(
            Diagnostic::error(
                Loc::file(&Arc::from(display_path(&site_file))),
                "the content folder has no site.yaml",
            )
            .help("run mieruka in a site folder, pass --content DIR, or create one with the fields listed in docs/format.md"),
        );
        return content;
    }
    let mut files = Vec::new();
    for entry in WalkDir::new(root).sort_by_file_name() {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                diagnostics.push(Diagnostic::error(
                    Loc::file(&Arc::from(display_path(&path))),
                    format!("cannot read this folder: {err}"),
                ));
            }
        }
    }
    // Files are parsed in parallel, then gathered in file-name order.
    let parts: Vec<(RawContent, Diagnostics)> = files
        .par_iter()
        .map(|path| {
            let mut part = RawContent { root: root.to_path_buf(), ..RawContent::default() };
            let mut found = Diagnostics::default();
            load_file(&mut part, path, &mut found);
            (part, found)
        })
        .collect();
    for (part, found) in parts {
        content.absorb(part);
        diagnostics.extend(found);
    }
    content
}

impl RawContent {
    /// Adds what was read from one file.
    fn absorb(&mut self, part: RawContent) {
        self.site = part.site.or(self.site.take());
        self.basic_policies = part.basic_policies.or(self.basic_policies.take());
        self.goals.extend(part.goals);
        self.activation_plans.extend(part.activation_plans);
        self.pages.extend(part.pages);
        self.unreadable_goals += part.unreadable_goals;
    }
}

/// Where a file belongs in a content folder, judged by its place and extension.
enum FileRole {
    Site,
    BasicPolicies,
    Goal,
    ActivationPlan,
    Page,
    Other,
}

fn role_of(root: &Path, path: &Path) -> FileRole {
    let Ok(relative) = path.strip_prefix(root) else {
        return FileRole::Other;
    };
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match (parts.as_slice(), ext) {
        (["site.yaml"], _) => FileRole::Site,
        (["basic-policies.yaml"], _) => FileRole::BasicPolicies,
        (["goals", _], "yaml") => FileRole::Goal,
        (["activation-plans", _], "yaml") => FileRole::ActivationPlan,
        (["pages", _], "md") => FileRole::Page,
        _ => FileRole::Other,
    }
}

fn load_file(content: &mut RawContent, path: &Path, diagnostics: &mut Diagnostics) {
    let file: Arc<Path> = Arc::from(display_path(path));
    let role = role_of(&content.root, path);
    if let FileRole::Other = role {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with('.') && !name.eq_ignore_ascii_case("README.md") {
            diagnostics.push(
                Diagnostic::warning(Loc::file(&file), "this file is not part of the site and is ignored")
                    .help("goal areas go in goals/*.yaml, related plans in activation-plans/*.yaml, free pages in pages/NAME.LANG.md"),
            );
        }
        return;
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                diagnostics.push(
                    Diagnostic::error(Loc::file(&file), "this file is not UTF-8 text")
                        .help("save it as UTF-8 (Shift_JIS is not supported)"),
                );
                return;
            }
        },
        Err(err) => {
            diagnostics.push(Diagnostic::error(Loc::file(&file), format!("cannot read this file: {err}")));
            return;
        }
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    match role {
        FileRole::Site => content.site = parse_into(&file, &stem, &text, diagnostics),
        FileRole::BasicPolicies => content.basic_policies = parse_into(&file, &stem, &text, diagnostics),
        FileRole::Goal => match parse_into(&file, &stem, &text, diagnostics) {
            Some(goal) => content.goals.push(goal),
            None => content.unreadable_goals += 1,
        },
        FileRole::ActivationPlan => content.activation_plans.extend(parse_into(&file, &stem, &text, diagnostics)),
        FileRole::Page => match page_name_and_lang(path) {
            Some((name, lang)) => content.pages.push(RawPage { file, name, lang, markdown: text }),
            None => diagnostics.push(
                Diagnostic::error(Loc::file(&file), "a page's file name must end in .ja.md or .en.md")
                    .help("name it NAME.ja.md for Japanese and NAME.en.md for English, e.g. about.ja.md"),
            ),
        },
        FileRole::Other => {}
    }
}

fn parse_into<T: DeserializeOwned>(
    file: &Arc<Path>,
    stem: &str,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Sourced<T>> {
    match parse_yaml(file, text) {
        Ok(value) => Some(Sourced { file: Arc::clone(file), stem: stem.to_owned(), value }),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            None
        }
    }
}

/// Splits `about.en.md` into `about` and English.
fn page_name_and_lang(path: &Path) -> Option<(String, Lang)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, lang) = stem.rsplit_once('.')?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    valid.then_some(())?;
    Some((name.to_owned(), Lang::from_code(lang)?))
}

/// The one function through which mieruka reads YAML: parses `text` (the content of `file`)
/// into `T`, or describes the first problem with its location.
///
/// mieruka uses serde-saphyr: serde_yaml is archived and unmaintained, and serde-saphyr keeps
/// the line and column of every value (`Spanned<T>`) for messages, is fuzzed and does not
/// panic on malformed input.
pub fn parse_yaml<T: DeserializeOwned>(file: &Arc<Path>, text: &str) -> Result<T, Diagnostic> {
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let loc = match err.location() {
            Some(at) if at.line() > 0 => Loc { file: Arc::clone(file), line: at.line(), column: at.column() },
            _ => Loc::file(file),
        };
        let (message, help) = explain(&err);
        Diagnostic::error(loc, message).help(help)
    })
}

/// The parser's message, in plain words where it names a Rust type, with advice that fits the
/// kind of mistake.
fn explain(err: &serde_saphyr::Error) -> (String, String) {
    let mut message = err.without_snippet().to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let expected = match message.as_str() {
        "invalid u16" | "invalid u32" | "invalid u64" => Some("a whole number (0 or more)"),
        "invalid f64" => Some("a number"),
        "invalid bool" => Some("true or false"),
        _ => None,
    };
    if let Some(expected) = expected {
        return (
            format!("this value must be {expected}"),
            "write the value without quotes, units or separators; docs/format.md gives each field's type".to_owned(),
        );
    }
    let help = if message.starts_with("unknown field") {
        "correct the spelling or remove the field; the fields allowed here are listed above and in docs/format.md"
    } else if message.starts_with("missing field") {
        "add the field; docs/format.md says what it holds"
    } else if message.contains("while parsing") || message.contains("while scanning") {
        "fix the YAML syntax here: put text that contains ': ', ' #', '[', ']', '{', '}' or ',' in quotes, and check the indentation"
    } else {
        "compare the value with the field's type in docs/format.md; an editor with the schema from `mieruka schema` flags such mistakes as you type"
    };
    (message, help.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names() {
        assert_eq!(page_name_and_lang(Path::new("pages/about.en.md")), Some(("about".to_owned(), Lang::En)));
        assert_eq!(page_name_and_lang(Path::new("pages/about.md")), None);
        assert_eq!(page_name_and_lang(Path::new("pages/About.ja.md")), None);
        assert_eq!(page_name_and_lang(Path::new("pages/about.fr.md")), None);
    }

    #[test]
    fn yaml_errors_are_located() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let file: Arc<Path> = Arc::from(Path::new("x.yaml"));
        let err = parse_yaml::<T>(&file, "a: 1\nb: 2\n").unwrap_err();
        assert_eq!((err.loc.line, err.loc.column), (2, 1));
        assert!(err.message.contains("unknown field"), "{}", err.message);
    }
}
