//! The preview's HTTP side: which file of the output folder a URL names (never one outside
//! it), its content type, and the live script added to HTML pages.

use std::path::{Component, Path, PathBuf};

use super::PREFIX;

/// The page served for a missing file before the site has been built.
pub(super) const FALLBACK_404: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body>\n<p>Not found. The site has not been built yet.</p>\n</body>\n</html>\n";

/// An HTTP reply, before it is sent.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) content_type: &'static str,
    pub(super) body: Vec<u8>,
    pub(super) location: Option<String>,
}

impl Reply {
    pub(super) fn text(status: u16, text: &str) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: text.as_bytes().to_vec(), location: None }
    }
}

/// A file of the site as a reply, with the live script in HTML pages.
pub(super) fn page(status: u16, file: &Path, bytes: Vec<u8>, build: u64) -> Reply {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") { inject(&bytes, build) } else { bytes };
    Reply { status, content_type, body, location: None }
}

/// A file looked up and read.
pub(super) enum Found {
    File(PathBuf, Vec<u8>),
    Redirect(String),
    BadRequest,
    Missing,
}

/// Where a URL leads in the output folder.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Resolved {
    /// This file.
    File(PathBuf),
    /// A folder named without its trailing slash: redirect there, so that relative links work.
    Redirect(String),
    /// A path that tries to leave the folder, or cannot be decoded.
    BadRequest,
    /// Nothing there.
    Missing,
}

/// Maps the path of `url` to a file below `root`: `/x/` is `x/index.html`. Rejects any path
/// with `..`, `.`, a backslash or anything else that is not a plain name, so nothing outside
/// `root` is ever served.
pub(super) fn resolve(root: &Path, url: &str) -> Resolved {
    let (path, query) = match url.find(['?', '#']) {
        Some(at) => url.split_at(at),
        None => (url, ""),
    };
    let Some(relative) = path.strip_prefix('/') else {
        return Resolved::BadRequest;
    };
    let Some(decoded) = percent_decode(relative) else {
        return Resolved::BadRequest;
    };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut components = Path::new(segment).components();
        let plain = matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none();
        if !plain || segment.contains(['\\', '\0']) || segment == "." {
            return Resolved::BadRequest;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.is_empty() && !decoded.ends_with('/') {
            let query = query.split('#').next().unwrap_or_default();
            return Resolved::Redirect(format!("{path}/{query}"));
        }
        file.push("index.html");
    }
    if file.is_file() { Resolved::File(file) } else { Resolved::Missing }
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result is not UTF-8.
pub(super) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte == b'%' {
            let hex = bytes.get(i + 1..i + 3).filter(|hex| hex.iter().all(u8::is_ascii_hexdigit))?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(byte);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a file of the site, from its extension.
pub(super) fn content_type(file: &Path) -> &'static str {
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "zip" => "application/zip",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the live script just before the last `</body>` (or at the end when there is none).
pub(super) fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\" data-build=\"{build}\"></script>\n");
    let close = b"</body>";
    let at = html.windows(close.len()).rposition(|w| w.eq_ignore_ascii_case(close)).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(html.get(..at).unwrap_or(html));
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(html.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
pub(super) mod tests {
    use std::fs;

    use super::*;

    /// An output folder with a root page, an English home page and a CSV file.
    pub(in crate::serve) fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("en/goals")).unwrap();
        fs::write(dir.path().join("index.html"), "<html><body>root</body></html>").unwrap();
        fs::write(dir.path().join("en/index.html"), "<html><body>en</body></html>").unwrap();
        fs::write(dir.path().join("en/data.csv"), "a,b\n").unwrap();
        dir
    }

    #[test]
    fn folders_lead_to_their_index_and_files_to_themselves() {
        let dir = site();
        let root = dir.path();
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(resolve(root, "/en/"), Resolved::File(root.join("en/index.html")));
        assert_eq!(resolve(root, "/en/?q=1"), Resolved::File(root.join("en/index.html")));
        assert_eq!(resolve(root, "/en/data.csv"), Resolved::File(root.join("en/data.csv")));
        assert_eq!(resolve(root, "/en/%64ata.csv"), Resolved::File(root.join("en/data.csv")));
        assert_eq!(resolve(root, "/en"), Resolved::Redirect("/en/".to_owned()));
        assert_eq!(resolve(root, "/%65n"), Resolved::Redirect("/%65n/".to_owned()));
        assert_eq!(resolve(root, "/en?x=1"), Resolved::Redirect("/en/?x=1".to_owned()));
        assert_eq!(resolve(root, "/en/goals/"), Resolved::Missing, "a folder without index.html");
        assert_eq!(resolve(root, "/nothing.html"), Resolved::Missing);
    }

    #[test]
    fn nothing_outside_the_folder_is_served() {
        let dir = site();
        let root = dir.path().join("en");
        for url in [
            "/../index.html",
            "/en/../../index.html",
            "/%2e%2e/index.html",
            "/%2E%2E%2Findex.html",
            "/..%5cindex.html",
            "/./index.html",
            "/%00",
            "/%zz",
            "/%",
            "/%+1",
            "index.html",
        ] {
            assert_eq!(resolve(&root, url), Resolved::BadRequest, "{url}");
        }
    }

    #[test]
    fn the_live_script_goes_before_the_last_closing_body_tag() {
        let html = b"<body><p>a</p><code></body></code></BODY>\n</html>";
        let injected = String::from_utf8(inject(html, 7)).unwrap();
        assert_eq!(
            injected,
            "<body><p>a</p><code></body></code><script src=\"/__mieruka/live.js\" data-build=\"7\"></script>\n</BODY>\n</html>"
        );
        let bare = String::from_utf8(inject(b"<p>no body", 1)).unwrap();
        assert!(bare.starts_with("<p>no body<script src=\"/__mieruka/live.js\""), "{bare}");
    }

    #[test]
    fn content_types_follow_the_extension() {
        for (file, expected) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/search.js", "text/javascript; charset=utf-8"),
            ("assets/favicon.svg", "image/svg+xml"),
            ("search.json", "application/json"),
            ("data/a.csv", "text/csv; charset=utf-8"),
            ("data/all.zip", "application/zip"),
            ("sitemap.xml", "application/xml"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), expected, "{file}");
        }
    }
}
