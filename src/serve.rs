//! `mieruka serve`: a live preview. Builds the site, serves the output folder on 127.0.0.1,
//! watches the content folder and the theme, and rebuilds on every change.
//!
//! Every HTML page is served with a small script (`/__mieruka/live.js`) that polls
//! `/__mieruka/state`: it reloads the page after a successful rebuild, and while the content has
//! errors it shows them over the page, each as `file:line:column: error: …`. Builds are atomic
//! ([`crate::build`] swaps the new output in only when it succeeds), so the last good pages stay
//! served while the content is broken.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::diagnostics::{Diagnostics, Severity};
use crate::{BuildOptions, BuildSummary, build};

/// What to build and serve, and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The content folder (with site.yaml); watched for changes.
    pub content: PathBuf,
    /// The output folder; rebuilt and served.
    pub output: PathBuf,
    /// The port to listen on, on 127.0.0.1 only; `0` picks a free port.
    pub port: u16,
}

/// The URL path under which the preview's own files are served; no site page uses it.
const PREFIX: &str = "/__mieruka/";

/// How long after the last change of a burst (an editor saving, a `git checkout`) to rebuild.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The longest a rebuild waits for a burst of changes to end.
const DEBOUNCE_AT_MOST: Duration = Duration::from_secs(2);

/// How many threads answer requests.
const WORKERS: usize = 4;

/// The script added to every HTML page: polls the state, reloads after a rebuild, shows errors.
const LIVE_JS: &str = r##"// mieruka serve: reloads the page after a rebuild and shows content errors over it.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script && script.dataset.build ? script.dataset.build : null;
  var box = null;
  var pre = null;

  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "mieruka-errors";
      box.setAttribute("role", "alert");
      Object.assign(box.style, {
        position: "fixed", top: "0", left: "0", right: "0", zIndex: "2147483647",
        maxHeight: "60vh", overflow: "auto", boxSizing: "border-box", margin: "0", padding: "1rem 1.25rem",
        background: "#fff5f5", color: "#1f2328", borderBottom: "4px solid #cf222e",
        boxShadow: "0 4px 16px rgba(0, 0, 0, 0.35)", font: "15px/1.6 system-ui, sans-serif", textAlign: "left"
      });
      var title = document.createElement("p");
      title.style.margin = "0";
      title.style.fontWeight = "bold";
      title.textContent = "サイトを更新できませんでした。下のページは前回の正常な版です。直して保存すると再読み込みします。 / " +
        "The site could not be rebuilt; the page below is the last good build. Fix the problem and save to reload.";
      pre = document.createElement("pre");
      Object.assign(pre.style, {
        margin: "0.75rem 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere",
        font: "13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", color: "#82071e"
      });
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "閉じる / Hide";
      hide.style.marginTop = "0.75rem";
      hide.addEventListener("click", function () { box.hidden = true; });
      box.appendChild(title);
      box.appendChild(pre);
      box.appendChild(hide);
      document.body.appendChild(box);
    }
    if (pre.textContent !== text) {
      pre.textContent = text;
      box.hidden = false;
    }
  }

  function poll() {
    fetch("/__mieruka/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var now = String(state.build);
        if (build === null) { build = now; }
        if (now !== build) { location.reload(); return; }
        if (state.errors) { show(state.errors); } else if (box) { location.reload(); }
      })
      .catch(function () { /* the server is restarting or stopped: try again */ })
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
"##;

/// The page served for a missing file when the site has no 404.html (before the first good build).
const FALLBACK_404: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body>\n<p>Not found. The site has not been built yet.</p>\n</body>\n</html>\n";

/// What the browser polls, shared by the builder and the server.
#[derive(Debug, Default)]
struct LiveState {
    /// The number of successful builds so far.
    build: u64,
    /// The errors of the last build, one `file:line:column: error: …` block each; empty when it
    /// succeeded.
    errors: String,
}

/// The preview: the output folder and the state of the builds.
struct Preview {
    options: BuildOptions,
    state: Mutex<LiveState>,
    /// Held for writing while a build runs: a request that finds no file may have come while the
    /// new output was being swapped in, so it waits for the build and looks again.
    building: RwLock<()>,
}

impl Preview {
    /// Builds the site and records the result for the browser.
    fn rebuild(&self) -> Result<BuildSummary, Diagnostics> {
        let _building = self.building.write().unwrap_or_else(PoisonError::into_inner);
        let result = build(&self.options);
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match &result {
            Ok(_) => {
                state.build += 1;
                state.errors.clear();
            }
            Err(diagnostics) => state.errors = errors_text(diagnostics),
        }
        result
    }

    /// The state as JSON: `{"build": N, "errors": "…"}`.
    fn state_json(&self) -> String {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        serde_json::json!({ "build": state.build, "errors": state.errors }).to_string()
    }

    fn build_number(&self) -> u64 {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).build
    }

    /// Answers one request.
    fn handle(&self, request: Request) {
        let reply = if matches!(request.method(), Method::Get | Method::Head) {
            self.reply(request.url())
        } else {
            Reply::text(405, "only GET and HEAD are supported\n")
        };
        let mut response = Response::from_data(reply.body).with_status_code(StatusCode(reply.status));
        for (name, value) in
            [("Content-Type", reply.content_type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")]
        {
            if let Ok(header) = Header::from_bytes(name, value) {
                response.add_header(header);
            }
        }
        if let Some(location) = reply.location
            && let Ok(header) = Header::from_bytes("Location", location)
        {
            response.add_header(header);
        }
        // The browser may have gone away; there is no one left to tell.
        let _ = request.respond(response);
    }

    /// The reply to a GET of `url` (path and query, as in the request line).
    fn reply(&self, url: &str) -> Reply {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        match path {
            "/__mieruka/live.js" => {
                return Reply { content_type: "text/javascript; charset=utf-8", ..Reply::text(200, LIVE_JS) };
            }
            "/__mieruka/state" => {
                return Reply { content_type: "application/json", ..Reply::text(200, &self.state_json()) };
            }
            _ if path.starts_with(PREFIX) => return Reply::text(404, "not found\n"),
            _ => {}
        }
        // Taken before the file is read: should a rebuild finish in between, the page reloads
        // once more rather than staying behind.
        let build = self.build_number();
        let found = match self.read(url) {
            Found::Missing => {
                // The output folder may have been in the middle of being swapped: wait for the
                // build to finish and look again.
                let _built = self.building.read().unwrap_or_else(PoisonError::into_inner);
                self.read(url)
            }
            found => found,
        };
        match found {
            Found::File(file, bytes) => page(200, &file, bytes, build),
            Found::Redirect(location) => Reply { location: Some(location), ..Reply::text(302, "moved\n") },
            Found::BadRequest => Reply::text(400, "bad request: the path must stay inside the site\n"),
            Found::Missing => {
                let not_found = self.options.output.join("404.html");
                match fs::read(&not_found) {
                    Ok(bytes) => page(404, &not_found, bytes, build),
                    Err(_) => page(404, Path::new("404.html"), FALLBACK_404.as_bytes().to_vec(), build),
                }
            }
        }
    }

    /// Reads the file that `url` names in the output folder.
    fn read(&self, url: &str) -> Found {
        match resolve(&self.options.output, url) {
            Resolved::File(file) => match fs::read(&file) {
                Ok(bytes) => Found::File(file, bytes),
                Err(_) => Found::Missing,
            },
            Resolved::Redirect(location) => Found::Redirect(location),
            Resolved::BadRequest => Found::BadRequest,
            Resolved::Missing => Found::Missing,
        }
    }
}

/// An HTTP reply, before it is sent.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn text(status: u16, text: &str) -> Reply {
        Reply { status, content_type: "text/plain; charset=utf-8", body: text.as_bytes().to_vec(), location: None }
    }
}

/// A file of the site as a reply, with the live script in HTML pages.
fn page(status: u16, file: &Path, bytes: Vec<u8>, build: u64) -> Reply {
    let content_type = content_type(file);
    let body = if content_type.starts_with("text/html") { inject(&bytes, build) } else { bytes };
    Reply { status, content_type, body, location: None }
}

/// A file looked up and read.
enum Found {
    File(PathBuf, Vec<u8>),
    Redirect(String),
    BadRequest,
    Missing,
}

/// Where a URL leads in the output folder.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
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
fn resolve(root: &Path, url: &str) -> Resolved {
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
fn percent_decode(text: &str) -> Option<String> {
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
fn content_type(file: &Path) -> &'static str {
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
fn inject(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{PREFIX}live.js\" data-build=\"{build}\"></script>\n");
    let close = b"</body>";
    let at = html.windows(close.len()).rposition(|w| w.eq_ignore_ascii_case(close)).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(html.get(..at).unwrap_or(html));
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(html.get(at..).unwrap_or_default());
    out
}

/// The errors of a failed build, as `mieruka check` prints them.
fn errors_text(diagnostics: &Diagnostics) -> String {
    let text: Vec<String> =
        diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    if text.is_empty() { "error: the build failed".to_owned() } else { text.join("\n") }
}

/// The folders to watch: the content folder, the theme folder named in site.yaml, and `themes/`
/// in the working directory, those that exist.
fn watch_targets(content: &Path) -> Vec<PathBuf> {
    let mut targets = vec![content.to_path_buf()];
    targets.extend(theme_folder(content));
    targets.push(PathBuf::from("themes"));
    targets.retain(|t| t.is_dir());
    targets.iter().map(|t| canonical(t)).collect()
}

/// `path` with symbolic links and `..` resolved where it exists (file events name paths so),
/// else made absolute.
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// The theme folder named in `site.yaml`, if it can be read (the build reports it otherwise).
fn theme_folder(content: &Path) -> Option<PathBuf> {
    #[derive(serde::Deserialize)]
    struct ThemeOnly {
        #[serde(default)]
        theme: Option<String>,
    }
    let file = content.join("site.yaml");
    let text = fs::read_to_string(&file).ok()?;
    let site: ThemeOnly = crate::yaml::parse_yaml(&Arc::from(file.as_path()), &text).ok()?;
    Some(content.join(site.theme?))
}

/// The folders being watched for changes.
struct Watcher {
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Watches the folders of `content` that are not watched yet (the theme may have changed);
    /// returns those newly watched.
    fn update(&mut self, content: &Path) -> io::Result<Vec<PathBuf>> {
        let mut added = Vec::new();
        for target in watch_targets(content) {
            if self.watched.contains(&target) {
                continue;
            }
            self.watcher
                .watch(&target, RecursiveMode::Recursive)
                .map_err(|err| io::Error::other(format!("cannot watch {}: {err}", target.display())))?;
            self.watched.push(target.clone());
            added.push(target);
        }
        Ok(added)
    }
}

/// Whether a file event calls for a rebuild: a file was created, changed, renamed or removed,
/// not merely read (the build itself reads every file), and not in the output or the build's
/// staging folders (should they lie inside a watched folder).
fn calls_for_rebuild(event: &notify::Result<notify::Event>, output: &Path) -> bool {
    let event = match event {
        Ok(event) => event,
        Err(err) => {
            eprintln!("warning: watching for changes: {err}");
            return false;
        }
    };
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    };
    changes
        && event.paths.iter().any(|path| {
            !path.starts_with(output)
                && !path.components().any(|c| c.as_os_str().to_string_lossy().starts_with(".mieruka-"))
        })
}

/// Prints one line for a build (and its errors, if it failed).
fn report(result: &Result<BuildSummary, Diagnostics>, first: bool, output: &Path) {
    match result {
        Ok(summary) if first => println!("{}", summary.line(output)),
        Ok(summary) => {
            println!("rebuilt in {} ms ({} warnings)", summary.milliseconds, summary.diagnostics.warnings());
        }
        Err(diagnostics) => {
            eprintln!("{}", errors_text(diagnostics));
            let errors = diagnostics.errors();
            eprintln!(
                "build failed with {errors} error{}; still serving the last good pages",
                if errors == 1 { "" } else { "s" }
            );
        }
    }
    let _ = io::stdout().flush();
}

/// Rebuilds after every burst of changes, until the watcher stops.
fn rebuild_on_change(
    preview: &Preview,
    mut watcher: Watcher,
    changes: &Receiver<notify::Result<notify::Event>>,
    content: &Path,
) {
    let output = canonical(&preview.options.output);
    while let Ok(event) = changes.recv() {
        if !calls_for_rebuild(&event, &output) {
            continue;
        }
        // Wait until no change has come for DEBOUNCE, so that one save gives one rebuild.
        let started = Instant::now();
        let mut quiet_from = Instant::now();
        while quiet_from.duration_since(started) < DEBOUNCE_AT_MOST {
            match changes.recv_timeout(DEBOUNCE.saturating_sub(quiet_from.elapsed())) {
                Ok(event) if calls_for_rebuild(&event, &output) => quiet_from = Instant::now(),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        report(&preview.rebuild(), false, &preview.options.output);
        match watcher.update(content) {
            Ok(added) => {
                for folder in added {
                    println!("watching {} too", folder.display());
                }
            }
            Err(err) => eprintln!("warning: {err}"),
        }
    }
}

/// Builds the site, serves it on `http://127.0.0.1:PORT/` and rebuilds it whenever a file in
/// the content folder or the theme changes. The first line printed is the URL. Runs until the
/// process is stopped; returns an error only when it cannot start.
pub fn serve(options: &ServeOptions) -> io::Result<()> {
    if !options.content.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the content folder {} does not exist; name it with --content", options.content.display()),
        ));
    }
    let server = Server::http(("127.0.0.1", options.port))
        .map_err(|err| io::Error::other(format!("cannot listen on 127.0.0.1:{}: {err}", options.port)))?;
    let port = server.server_addr().to_ip().map_or(options.port, |addr| addr.port());
    let server = Arc::new(server);

    let (changes_tx, changes) = mpsc::channel();
    let watcher = notify::recommended_watcher(changes_tx)
        .map_err(|err| io::Error::other(format!("cannot watch for changes: {err}")))?;
    let mut watcher = Watcher { watcher, watched: Vec::new() };
    watcher.update(&options.content)?;

    let preview = Arc::new(Preview {
        options: BuildOptions { content: options.content.clone(), output: options.output.clone() },
        state: Mutex::new(LiveState::default()),
        building: RwLock::new(()),
    });
    let first = preview.rebuild();
    println!("http://127.0.0.1:{port}/");
    report(&first, true, &options.output);
    let watched: Vec<String> = watcher.watched.iter().map(|p| p.display().to_string()).collect();
    println!("watching {} for changes; press Ctrl+C to stop", watched.join(", "));
    let _ = io::stdout().flush();

    let builder = {
        let preview = Arc::clone(&preview);
        let content = options.content.clone();
        thread::spawn(move || rebuild_on_change(&preview, watcher, &changes, &content))
    };
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let server = Arc::clone(&server);
            let preview = Arc::clone(&preview);
            thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    preview.handle(request);
                }
            })
        })
        .collect();
    for worker in workers {
        let _ = worker.join();
    }
    let _ = builder.join();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
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

    #[test]
    fn state_is_json_with_the_build_and_the_errors() {
        let dir = site();
        let preview = Preview {
            options: BuildOptions { content: dir.path().join("content"), output: dir.path().to_path_buf() },
            state: Mutex::new(LiveState { build: 3, errors: "a.yaml:1:2: error: \"x\"".to_owned() }),
            building: RwLock::new(()),
        };
        let json: serde_json::Value = serde_json::from_str(&preview.state_json()).unwrap();
        assert_eq!(json, serde_json::json!({"build": 3, "errors": "a.yaml:1:2: error: \"x\""}));
        let page = preview.reply("/en/");
        assert_eq!(page.status, 200);
        assert!(String::from_utf8(page.body).unwrap().contains("data-build=\"3\""));
        let missing = preview.reply("/nothing/");
        assert_eq!(missing.status, 404);
        assert!(String::from_utf8(missing.body).unwrap().contains("/__mieruka/live.js"), "the overlay shows on 404s");
        assert_eq!(preview.reply("/../x").status, 400);
        assert_eq!(preview.reply("/__mieruka/live.js").content_type, "text/javascript; charset=utf-8");
    }
}
