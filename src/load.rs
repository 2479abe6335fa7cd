//! Stage 1, load: find the content files, read them and parse them into the "as written"
//! types of [`crate::raw`], keeping the source location of every value.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc, display_path};
use crate::lang::Lang;
use crate::raw::{RawActivationPlan, RawBasicPolicies, RawGoal, RawSite};
use crate::yaml::parse_yaml;

/// A parsed file and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Sourced<T> {
    /// The file, as shown in messages.
    pub file: Arc<Path>,
    /// The file's name without its extension (`01` for `goals/01.yaml`).
    pub stem: String,
    /// Its content.
    pub value: T,
}

/// A free page in one language.
#[derive(Debug, Clone)]
pub(crate) struct RawPage {
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
pub(crate) struct RawContent {
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
    /// Whether basic-policies.yaml exists but could not be parsed: references to basic policies
    /// cannot be checked then.
    pub unreadable_basic_policies: bool,
}

/// Files parsed by an earlier load, by path, with a hash of the bytes (and of the places
/// site.yaml names) they were parsed from: a rebuild parses again only the files that changed.
#[derive(Debug, Default)]
pub(crate) struct LoadCache(Mutex<HashMap<PathBuf, (u64, RawContent, Diagnostics)>>);

impl LoadCache {
    /// What `load` reads from `path`: from the cache if the file is as it was, else `load`'s.
    fn get_or_load(
        &self,
        path: &Path,
        named: &[PathBuf],
        load: impl FnOnce() -> (RawContent, Diagnostics),
    ) -> (RawContent, Diagnostics) {
        let Ok(bytes) = std::fs::read(path) else { return load() };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        (bytes, named).hash(&mut hasher);
        let hash = hasher.finish();
        let cached = self.0.lock().unwrap_or_else(PoisonError::into_inner).get(path).cloned();
        match cached {
            Some((was, part, found)) if was == hash => (part, found),
            _ => {
                let (part, found) = load();
                let entry = (hash, part.clone(), found.clone());
                self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(path.to_path_buf(), entry);
                (part, found)
            }
        }
    }
}

/// Reads the content folder `root`. Problems go to `diagnostics`; whatever could be read is
/// returned so that later stages can report their problems too. With a `cache`, a file that
/// has not changed since it was cached is not parsed again.
pub(crate) fn load(root: &Path, cache: Option<&LoadCache>, diagnostics: &mut Diagnostics) -> RawContent {
    let mut content = RawContent { root: root.to_path_buf(), ..RawContent::default() };
    let site_file = root.join("site.yaml");
    if !site_file.is_file() {
        diagnostics.push(
            Diagnostic::error(
                Code::MissingSite,
                Loc::path(&site_file),
                "the content folder has no site.yaml",
            )
            .help("run mieruka in a site folder, pass --content DIR, or create one with the fields listed in docs/format.md"),
        );
        return content;
    }
    // site.yaml first: the files it names (the theme, the accessibility results) belong to the site.
    load_file(&mut content, &site_file, &[], diagnostics);
    let named: Vec<PathBuf> = content
        .site
        .iter()
        .flat_map(|site| site.value.theme.iter().chain(&site.value.accessibility_results))
        .map(|path| root.join(path.get()))
        .collect();
    let files = site_files(root, diagnostics);
    // The other files are parsed in parallel, then gathered in file-name order.
    let parts: Vec<(RawContent, Diagnostics)> = files
        .par_iter()
        .filter(|path| **path != site_file)
        .map(|path| {
            let load = || {
                let mut part = RawContent { root: root.to_path_buf(), ..RawContent::default() };
                let mut found = Diagnostics::default();
                load_file(&mut part, path, &named, &mut found);
                (part, found)
            };
            match cache {
                Some(cache) => cache.get_or_load(path, &named, load),
                None => load(),
            }
        })
        .collect();
    for (part, found) in parts {
        content.absorb(part);
        diagnostics.extend(found);
    }
    if !root.join("goals").is_dir() {
        diagnostics.push(
            Diagnostic::error(Code::MissingFolder, Loc::path(&root.join("goals")), "the content folder has no goals folder")
                .help("each goal area of the plan is a file goals/NN.yaml (e.g. goals/01.yaml); `mieruka init` writes an example"),
        );
        // Nothing that refers to an action can be checked without the goal areas.
        content.unreadable_goals += 1;
    }
    content
}

/// Every file of the content folder, in file-name order. Links are followed only while they
/// stay inside the folder: a link out of it, a broken link or a loop is an error, never skipped.
fn site_files(root: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let inside = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut walk = WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                diagnostics.push(
                    Diagnostic::error(
                        Code::Unreadable,
                        Loc::path(&path),
                        format!("cannot read this file, folder or link: {err}"),
                    )
                    .help(
                        "a link must point at a file or folder that exists inside the content folder, without a loop",
                    ),
                );
                continue;
            }
        };
        if entry.path_is_symlink()
            && !std::fs::canonicalize(entry.path()).is_ok_and(|target| target.starts_with(&inside))
        {
            diagnostics.push(
                Diagnostic::error(
                    Code::OutsideContent,
                    Loc::path(entry.path()),
                    "this link points outside the content folder",
                )
                .help("copy the file into the content folder instead of linking to it"),
            );
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    files
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
        self.unreadable_basic_policies |= part.unreadable_basic_policies;
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

/// Reads one file into `content`; a file that is none of the site's is a warning, unless it lies
/// in one of the `named` places that site.yaml points at.
fn load_file(content: &mut RawContent, path: &Path, named: &[PathBuf], diagnostics: &mut Diagnostics) {
    let file: Arc<Path> = Arc::from(display_path(path));
    let role = role_of(&content.root, path);
    if let FileRole::Other = role {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let ignored = name.starts_with('.') || name.eq_ignore_ascii_case("README.md");
        if !ignored && !named.iter().any(|place| path.starts_with(place)) {
            diagnostics.push(
                Diagnostic::warning(Code::StrayFile, Loc::file(&file), "this file is not part of the site and is ignored")
                    .help("goal areas go in goals/*.yaml, related plans in activation-plans/*.yaml, free pages in pages/NAME.LANG.md"),
            );
        }
        return;
    }
    if let Some(size) = std::fs::metadata(path).ok().map(|m| m.len()).filter(|&size| size > MAX_FILE_BYTES) {
        diagnostics.push(
            Diagnostic::error(
                Code::Limit,
                Loc::file(&file),
                format!("this file has {size} bytes; a content file may have at most {MAX_FILE_BYTES}"),
            )
            .help("split it: a goal area per file in goals/, a page per file in pages/"),
        );
        return;
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            // A byte-order mark is allowed and ignored.
            Ok(text) => text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text),
            Err(err) => {
                diagnostics.push(
                    Diagnostic::error(
                        Code::NotUtf8,
                        first_bad_byte(&file, err.as_bytes(), err.utf8_error().valid_up_to()),
                        "this file is not UTF-8 text",
                    )
                    .help("save it as UTF-8 (Shift_JIS is not supported)"),
                );
                return;
            }
        },
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                Code::Unreadable,
                Loc::file(&file),
                format!("cannot read this file: {err}"),
            ));
            return;
        }
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
    match role {
        FileRole::Site => content.site = parse_into(&file, &stem, &text, diagnostics),
        FileRole::BasicPolicies => {
            content.basic_policies = parse_into(&file, &stem, &text, diagnostics);
            content.unreadable_basic_policies = content.basic_policies.is_none();
        }
        FileRole::Goal => match parse_into(&file, &stem, &text, diagnostics) {
            Some(goal) => content.goals.push(goal),
            None => content.unreadable_goals += 1,
        },
        FileRole::ActivationPlan => content.activation_plans.extend(parse_into(&file, &stem, &text, diagnostics)),
        FileRole::Page => match page_name_and_lang(path) {
            Some((name, lang)) => match too_deep(&text) {
                None => content.pages.push(RawPage { file, name, lang, markdown: text }),
                Some(offset) => diagnostics.push(
                    Diagnostic::error(
                        Code::Limit,
                        loc_of_offset(&file, &text, offset),
                        format!("block quotes, lists or HTML elements are nested more than {MAX_NESTING} deep here"),
                    )
                    .help("nest them less deeply; so deep a nesting cannot be read, and it would make the build slow"),
                ),
            },
            None => diagnostics.push(
                Diagnostic::error(Code::PageName, Loc::file(&file), "a page's file name must end in .ja.md or .en.md")
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

/// The line and column of the first byte that is not UTF-8, so that an editor can jump to it.
fn first_bad_byte(file: &Arc<Path>, bytes: &[u8], valid_up_to: usize) -> Loc {
    loc_of_offset(file, &String::from_utf8_lossy(&bytes[..valid_up_to.min(bytes.len())]), valid_up_to)
}

/// The line and column (in characters) of byte `offset` of `text`.
fn loc_of_offset(file: &Arc<Path>, text: &str, offset: usize) -> Loc {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    Loc { file: Arc::clone(file), line: line as u64, column: column as u64 }
}

/// The largest content file mieruka reads: far above any real plan file (the largest goal area
/// of the shipped content has 131 KB), low enough that no file can exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deeply block quotes, lists and HTML elements may nest in a page. Rendering and
/// sanitising cost grows with the square of the depth; real pages nest two or three levels.
pub(crate) const MAX_NESTING: usize = 32;

/// The byte offset where a page first nests block quotes, lists or raw HTML elements more than
/// [`MAX_NESTING`] deep, if it does. One linear pass over the Markdown's events.
fn too_deep(markdown: &str) -> Option<usize> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut depth = 0isize;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        let steps = match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => vec![1],
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => vec![-1],
            Event::Html(html) | Event::InlineHtml(html) => html_steps(&html).collect(),
            _ => continue,
        };
        for step in steps {
            depth += step;
            if depth > MAX_NESTING as isize {
                return Some(range.start);
            }
        }
    }
    None
}

/// For each tag in a piece of raw HTML, +1 where it opens an element and -1 where it closes one
/// (void and self-closing elements count for nothing). An estimate, good enough for a limit.
fn html_steps(html: &str) -> impl Iterator<Item = isize> + '_ {
    const VOID: &[&str] =
        &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];
    html.split('<').skip(1).map(|tag| {
        let closing = tag.starts_with('/');
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        let self_closing = tag.split('>').next().is_some_and(|t| t.ends_with('/'));
        match (closing, name.is_empty()) {
            (_, true) => 0,
            (true, false) => -1,
            (false, false) if self_closing || VOID.contains(&name.to_ascii_lowercase().as_str()) => 0,
            (false, false) => 1,
        }
    })
}

/// Splits `about.en.md` into `about` and English.
fn page_name_and_lang(path: &Path) -> Option<(String, Lang)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, lang) = stem.rsplit_once('.')?;
    let valid = !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    valid.then_some(())?;
    Some((name.to_owned(), Lang::from_code(lang)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_errors_name_the_line_and_column_of_the_first_bad_byte() {
        let file: Arc<Path> = Arc::from(Path::new("goals/01.yaml"));
        let bytes = b"id: '1'\ntitle: {ja: \x82\xa0}\n";
        let valid_up_to = String::from_utf8(bytes.to_vec()).unwrap_err().utf8_error().valid_up_to();
        let loc = first_bad_byte(&file, bytes, valid_up_to);
        assert_eq!((loc.line, loc.column), (2, 13));
    }

    #[test]
    fn deep_nesting_is_found_where_it_starts() {
        assert_eq!(too_deep("# Title\n\n> quoted\n>> twice\n\n- a\n  - b\n"), None);
        assert_eq!(too_deep("<div><p>a<br>b<img src=x.png/></p></div>\n"), None);
        assert!(too_deep(&"<div>".repeat(MAX_NESTING + 1)).is_some());
        let deep = format!("# Title\n\n{} x\n", ">".repeat(MAX_NESTING + 1));
        let offset = too_deep(&deep).unwrap();
        let file: Arc<Path> = Arc::from(Path::new("pages/deep.en.md"));
        assert_eq!(loc_of_offset(&file, &deep, offset).line, 3);
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("goals/02.yaml");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::File::create(&path).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
        let mut content = RawContent { root: dir.path().to_path_buf(), ..RawContent::default() };
        let mut diagnostics = Diagnostics::default();
        load_file(&mut content, &path, &[], &mut diagnostics);
        let found = diagnostics.sorted();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::Limit);
        assert!(found[0].message.starts_with("this file has 8388609 bytes"), "{}", found[0]);
        assert!(content.goals.is_empty());
    }

    #[test]
    fn page_names() {
        assert_eq!(page_name_and_lang(Path::new("pages/about.en.md")), Some(("about".to_owned(), Lang::En)));
        assert_eq!(page_name_and_lang(Path::new("pages/about.md")), None);
        assert_eq!(page_name_and_lang(Path::new("pages/About.ja.md")), None);
        assert_eq!(page_name_and_lang(Path::new("pages/about.fr.md")), None);
    }
}
