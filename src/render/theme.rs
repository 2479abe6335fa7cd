//! The theme: tera templates, static files and the words of the interface. The built-in theme
//! (`themes/default`) is embedded in the binary, so `build` works anywhere; a site's theme
//! folder replaces it file by file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{Code, Diagnostic, Loc, display_path};
use crate::lang::Lang;
use crate::yaml::parse_yaml;

/// The files of the built-in theme, by path relative to the theme folder.
const BUILT_IN: &[(&str, &str)] = &[
    ("templates/bare.html", include_str!("../../themes/default/templates/bare.html")),
    ("templates/base.html", include_str!("../../themes/default/templates/base.html")),
    ("templates/macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("templates/home.html", include_str!("../../themes/default/templates/home.html")),
    ("templates/goal.html", include_str!("../../themes/default/templates/goal.html")),
    ("templates/policy.html", include_str!("../../themes/default/templates/policy.html")),
    ("templates/action.html", include_str!("../../themes/default/templates/action.html")),
    ("templates/indicator.html", include_str!("../../themes/default/templates/indicator.html")),
    ("templates/page.html", include_str!("../../themes/default/templates/page.html")),
    ("templates/methodology.html", include_str!("../../themes/default/templates/methodology.html")),
    ("templates/changes.html", include_str!("../../themes/default/templates/changes.html")),
    ("templates/editions.html", include_str!("../../themes/default/templates/editions.html")),
    ("templates/activation_plan.html", include_str!("../../themes/default/templates/activation_plan.html")),
    ("templates/redirect.html", include_str!("../../themes/default/templates/redirect.html")),
    ("templates/search.html", include_str!("../../themes/default/templates/search.html")),
    ("templates/data.html", include_str!("../../themes/default/templates/data.html")),
    ("templates/accessibility.html", include_str!("../../themes/default/templates/accessibility.html")),
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
    ("static/site.css", include_str!("../../themes/default/static/site.css")),
    ("static/favicon.svg", include_str!("../../themes/default/static/favicon.svg")),
    ("static/search.js", include_str!("../../themes/default/static/search.js")),
    ("static/details.js", include_str!("../../themes/default/static/details.js")),
    ("i18n/ja.yaml", include_str!("../../themes/default/i18n/ja.yaml")),
    ("i18n/en.yaml", include_str!("../../themes/default/i18n/en.yaml")),
];

/// A loaded theme.
pub(crate) struct Theme {
    /// The templates, ready to render.
    pub tera: tera::Tera,
    /// Files copied as they are to `assets/`, by name.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The words of the interface, per language.
    pub labels: BTreeMap<Lang, BTreeMap<String, String>>,
    /// A hash of every template and static file: pages rendered with a theme of another
    /// fingerprint are rendered again by an incremental build.
    pub fingerprint: u64,
}

/// A theme file: where it came from (for messages) and its content.
struct ThemeFile {
    origin: Arc<Path>,
    bytes: Vec<u8>,
}

impl Theme {
    /// Loads the built-in theme, with the files of `overrides` (a site's theme folder)
    /// replacing or adding to it.
    pub(crate) fn load(overrides: Option<&Path>) -> Result<Theme, Diagnostic> {
        let built_in: Arc<Path> = Arc::from(Path::new("(built-in theme)"));
        let mut files: BTreeMap<String, ThemeFile> = BUILT_IN
            .iter()
            .map(|(name, text)| {
                let file = ThemeFile { origin: Arc::clone(&built_in), bytes: text.as_bytes().to_vec() };
                ((*name).to_owned(), file)
            })
            .collect();
        let mut label_layers: Vec<(Lang, Arc<Path>, String)> = Vec::new();
        for (name, text) in BUILT_IN {
            if let Some(lang) = label_file_lang(name) {
                label_layers.push((lang, Arc::clone(&built_in), (*text).to_owned()));
            }
        }
        if let Some(dir) = overrides {
            for (name, file) in read_folder(dir)? {
                if let Some(lang) = label_file_lang(&name) {
                    label_layers.push((
                        lang,
                        Arc::clone(&file.origin),
                        String::from_utf8_lossy(&file.bytes).into_owned(),
                    ));
                } else {
                    files.insert(name, file);
                }
            }
        }

        let fingerprint = {
            let mut hasher = std::hash::DefaultHasher::new();
            for (name, file) in &files {
                std::hash::Hash::hash(&(name, &file.bytes), &mut hasher);
            }
            std::hash::Hasher::finish(&hasher)
        };
        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".svg", ".xml"]);
        let templates: Vec<(String, String)> = files
            .iter()
            .filter_map(|(name, f)| {
                let template = name.strip_prefix("templates/")?;
                Some((template.to_owned(), String::from_utf8_lossy(&f.bytes).into_owned()))
            })
            .collect();
        tera.add_raw_templates(templates).map_err(|err| template_error(&error_chain(&err), &files, &built_in))?;

        let statics = files
            .iter()
            .filter_map(|(name, f)| Some((name.strip_prefix("static/")?.to_owned(), f.bytes.clone())))
            .collect();

        let mut labels: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
        for (lang, origin, text) in label_layers {
            let layer: BTreeMap<String, String> = parse_yaml(&origin, &text)?;
            labels.entry(lang).or_default().extend(layer);
        }
        Ok(Theme { tera, statics, labels, fingerprint })
    }
}

/// A template that does not compile, located in the theme file it comes from (the site's
/// theme, or the built-in one) at the line and column tera names: `--> home.html:3:24`.
fn template_error(chain: &str, files: &BTreeMap<String, ThemeFile>, built_in: &Arc<Path>) -> Diagnostic {
    let help = "fix the template at this place; https://keats.github.io/tera/ describes the syntax";
    let located = chain.split_once("--> ").and_then(|(said, rest)| {
        let place = rest.split_whitespace().next()?;
        let mut parts = place.rsplitn(3, ':');
        let column: u64 = parts.next()?.parse().ok()?;
        let line: u64 = parts.next()?.parse().ok()?;
        let file = files.get(&format!("templates/{}", parts.next()?))?;
        let message = said.trim().trim_start_matches("error: ").trim().to_owned();
        Some((Loc { file: Arc::clone(&file.origin), line, column }, message))
    });
    match located {
        Some((loc, message)) => {
            Diagnostic::error(Code::Theme, loc, format!("this template does not compile: {message}"))
        }
        None => {
            Diagnostic::error(Code::Theme, Loc::file(built_in), format!("a theme template does not compile: {chain}"))
        }
    }
    .help(help)
}

/// `i18n/ja.yaml` → Japanese.
fn label_file_lang(name: &str) -> Option<Lang> {
    Lang::from_code(name.strip_prefix("i18n/")?.strip_suffix(".yaml")?)
}

/// Reads every file below `dir`, by path relative to it.
fn read_folder(dir: &Path) -> Result<Vec<(String, ThemeFile)>, Diagnostic> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|err| {
            Diagnostic::error(
                Code::Theme,
                Loc::path(err.path().unwrap_or(dir)),
                format!("cannot read the theme folder: {err}"),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let origin: Arc<Path> = Arc::from(display_path(path));
        let bytes = std::fs::read(path).map_err(|err| {
            Diagnostic::error(Code::Theme, Loc::file(&origin), format!("cannot read this theme file: {err}"))
        })?;
        let name = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        out.push((name, ThemeFile { origin, bytes }));
    }
    Ok(out)
}

/// A tera error with its causes, on one line.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    //! The contract between the built-in theme and the code: the embedded file list, the label
    //! keys and the palette the charts share with the style sheet.

    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use super::*;
    use crate::compute::{Change, Status};
    use crate::render::charts::{ACTUAL_FILL, TARGET_STROKE, status_colour};

    /// The kinds of download `render/data.rs` offers; each has a `download_` and a `format_` key.
    const DOWNLOAD_KINDS: &[&str] = &["csv_bom", "json"];

    /// Calls whose string arguments are label keys: `Localiser::label` and the helpers of
    /// `render/` that pass a key on to it.
    const LABEL_CALLS: &[&str] = &["label", "link", "simple", "fill", "counted", "card", "answer", "sentence"];

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    fn built_in(name: &str) -> &'static str {
        BUILT_IN.iter().find(|(n, _)| *n == name).map_or("", |(_, text)| text)
    }

    /// Keys built at run time from a prefix and a value, so that no literal names them.
    fn families() -> BTreeMap<&'static str, Vec<&'static str>> {
        BTreeMap::from([
            ("status_", Status::ALL.iter().map(|s| s.key()).collect()),
            ("answer_", Status::ALL.iter().map(|s| s.key()).collect()),
            ("change_", Change::ALL.iter().map(|c| c.key()).collect()),
            ("changes_", Change::ALL.iter().map(|c| c.key()).collect()),
            ("download_", DOWNLOAD_KINDS.to_vec()),
            ("format_", DOWNLOAD_KINDS.to_vec()),
        ])
    }

    #[test]
    fn every_theme_file_is_built_in() {
        let dir = repo("themes/default");
        let on_disk: BTreeSet<String> = WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| Some(e.path().strip_prefix(&dir).ok()?.to_str()?.replace('\\', "/")))
            .collect();
        let listed: BTreeSet<String> = BUILT_IN.iter().map(|(name, _)| (*name).to_owned()).collect();
        let unlisted: Vec<&String> = on_disk.difference(&listed).collect();
        let absent: Vec<&String> = listed.difference(&on_disk).collect();
        assert!(
            unlisted.is_empty() && absent.is_empty(),
            "BUILT_IN in render/theme.rs must list exactly the files of themes/default; \
             add {unlisted:?}, remove {absent:?}"
        );
    }

    /// `labels.X` in the built-in templates.
    fn template_keys() -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for (name, text) in BUILT_IN.iter().filter(|(name, _)| name.starts_with("templates/")) {
            for (at, _) in text.match_indices("labels.") {
                let key: String = text[at + "labels.".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                assert!(!key.is_empty(), "{name}: `labels.` without a key");
                keys.insert(key);
            }
        }
        keys
    }

    /// The string literals among the arguments of every call to one of `LABEL_CALLS` in the Rust
    /// sources of `render/` (this file aside): `label("home")`, `link(…, "data")`,
    /// `label(match … { … => "kind_count" })`, `label(&format!("status_{}", …))`.
    fn rust_label_literals() -> BTreeSet<String> {
        let mut literals = BTreeSet::new();
        let sources = WalkDir::new(repo("src/render"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs") && e.path() != repo("src/render/theme.rs"));
        for entry in sources {
            let text = std::fs::read_to_string(entry.path()).expect("a source file of render/ reads");
            let code: String = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .map(|line| format!("{line}\n"))
                .collect();
            for call in LABEL_CALLS {
                for (at, _) in code.match_indices(&format!("{call}(")) {
                    let before = code[..at].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    literals.extend(call_literals(&code[at + call.len() + 1..]));
                }
            }
        }
        literals
    }

    /// The string literals of a call's arguments, from just after its opening parenthesis.
    fn call_literals(args: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut depth = 1;
        let mut chars = args.chars();
        while let Some(c) = chars.next() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                '"' => {
                    let mut literal = String::new();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => literal.extend(chars.next()),
                            '"' => break,
                            _ => literal.push(c),
                        }
                    }
                    found.push(literal);
                }
                _ => {}
            }
        }
        found
    }

    fn is_key(text: &str) -> bool {
        text.starts_with(|c: char| c.is_ascii_lowercase())
            && text.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    }

    #[test]
    fn every_label_used_exists_in_every_language_and_every_label_is_used() {
        let theme = Theme::load(None).expect("the built-in theme loads");
        let families = families();
        let mut used = template_keys();
        for literal in rust_label_literals() {
            if let Some(prefix) = literal.strip_suffix("{}").filter(|p| is_key(p)) {
                assert!(
                    families.contains_key(prefix),
                    "labels `{literal}` are built in Rust: list the family in families()"
                );
            } else if is_key(&literal) {
                used.insert(literal);
            }
        }
        for (prefix, members) in &families {
            used.extend(members.iter().map(|m| format!("{prefix}{m}")));
        }
        assert!(used.contains("status_overview") && used.contains("kind_count"), "the Rust scan found nothing");
        let mut problems = Vec::new();
        for lang in [Lang::Ja, Lang::En] {
            let labels = &theme.labels[&lang];
            let missing: Vec<&String> = used.iter().filter(|k| !labels.contains_key(*k)).collect();
            if !missing.is_empty() {
                problems.push(format!("i18n/{}.yaml lacks {missing:?}", lang.code()));
            }
            // `key_one`, the singular a language may add to a counted label, is used with `key`.
            let is_used = |k: &String| used.contains(k) || k.strip_suffix("_one").is_some_and(|b| used.contains(b));
            let unused: Vec<&String> = labels.keys().filter(|k| !is_used(k)).collect();
            if !unused.is_empty() {
                problems.push(format!("i18n/{}.yaml has keys nothing uses: {unused:?}", lang.code()));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    /// The colour `#rrggbb` that the rule for `selector` (at the start of a line) gives
    /// `property`.
    fn css_colour(css: &str, selector: &str, property: &str) -> Option<(u8, u8, u8)> {
        let start = css.lines().position(|line| line.starts_with(&format!("{selector} {{")))?;
        let rule: String = css.lines().skip(start).collect::<Vec<_>>().join("\n");
        let rule = &rule[..rule.find('}')?];
        let value = &rule[rule.find(&format!("{property}:"))?..];
        let hex = &value[value.find('#')? + 1..];
        let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some((byte(0)?, byte(2)?, byte(4)?))
    }

    #[test]
    fn the_light_palette_is_the_charts_palette() {
        let css = built_in("static/style.css");
        for status in Status::ALL {
            let c = status_colour(status);
            let var = format!("--{}", status.key());
            assert_eq!(css_colour(css, ":root", &var), Some((c.0, c.1, c.2)), "{var} in style.css");
        }
        let keys = [(".key-target", "border", TARGET_STROKE), (".key-actual", "background", ACTUAL_FILL)];
        for (selector, property, c) in keys {
            assert_eq!(css_colour(css, selector, property), Some((c.0, c.1, c.2)), "{selector} in style.css");
        }
    }
}
