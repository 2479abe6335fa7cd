//! The theme: tera templates, static files and the words of the interface. The built-in theme
//! (`themes/default`) is embedded in the binary, so `build` works anywhere; a site's theme
//! folder replaces it file by file.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Loc, display_path};
use crate::lang::Lang;
use crate::load::parse_yaml;

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
    ("templates/activation_plan.html", include_str!("../../themes/default/templates/activation_plan.html")),
    ("templates/redirect.html", include_str!("../../themes/default/templates/redirect.html")),
    ("templates/search.html", include_str!("../../themes/default/templates/search.html")),
    ("templates/data.html", include_str!("../../themes/default/templates/data.html")),
    ("templates/accessibility.html", include_str!("../../themes/default/templates/accessibility.html")),
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
    ("static/favicon.svg", include_str!("../../themes/default/static/favicon.svg")),
    ("static/search.js", include_str!("../../themes/default/static/search.js")),
    ("i18n/ja.yaml", include_str!("../../themes/default/i18n/ja.yaml")),
    ("i18n/en.yaml", include_str!("../../themes/default/i18n/en.yaml")),
];

/// A loaded theme.
pub struct Theme {
    /// The templates, ready to render.
    pub tera: tera::Tera,
    /// Files copied as they are to `assets/`, by name.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The words of the interface, per language.
    pub labels: BTreeMap<Lang, BTreeMap<String, String>>,
}

/// A theme file: where it came from (for messages) and its content.
struct ThemeFile {
    origin: Arc<Path>,
    bytes: Vec<u8>,
}

impl Theme {
    /// Loads the built-in theme, with the files of `overrides` (a site's theme folder)
    /// replacing or adding to it.
    pub fn load(overrides: Option<&Path>) -> Result<Theme, Diagnostic> {
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

        let mut tera = tera::Tera::new();
        tera.autoescape_on(vec![".html", ".svg", ".xml"]);
        let templates: Vec<(String, String)> = files
            .iter()
            .filter_map(|(name, f)| {
                let template = name.strip_prefix("templates/")?;
                Some((template.to_owned(), String::from_utf8_lossy(&f.bytes).into_owned()))
            })
            .collect();
        tera.add_raw_templates(templates).map_err(|err| {
            Diagnostic::error(Loc::file(&built_in), format!("a theme template does not compile: {}", error_chain(&err)))
                .help("fix the template named in the message; see https://keats.github.io/tera/ for the syntax")
        })?;

        let statics = files
            .iter()
            .filter_map(|(name, f)| Some((name.strip_prefix("static/")?.to_owned(), f.bytes.clone())))
            .collect();

        let mut labels: BTreeMap<Lang, BTreeMap<String, String>> = BTreeMap::new();
        for (lang, origin, text) in label_layers {
            let layer: BTreeMap<String, String> = parse_yaml(&origin, &text)?;
            labels.entry(lang).or_default().extend(layer);
        }
        Ok(Theme { tera, statics, labels })
    }
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
                Loc::file(&Arc::from(display_path(err.path().unwrap_or(dir)))),
                format!("cannot read the theme folder: {err}"),
            )
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let origin: Arc<Path> = Arc::from(display_path(path));
        let bytes = std::fs::read(path)
            .map_err(|err| Diagnostic::error(Loc::file(&origin), format!("cannot read this theme file: {err}")))?;
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
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
