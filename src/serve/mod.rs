//! `mieruka serve`: a live preview. Builds the site, serves the output folder on 127.0.0.1,
//! watches the content folder and the theme, and rebuilds on every change.
//!
//! Every HTML page is served with a small script (`/__mieruka/live.js`) that polls
//! `/__mieruka/state`: it reloads the page after a successful rebuild, and while the content has
//! errors it shows them over the page, each as `file:line:column: error: …`. Builds are atomic
//! ([`crate::build`] swaps the new output in only when it succeeds), so the last good pages stay
//! served while the content is broken.

mod http;
mod watch;

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc, Severity, counted};
use crate::{BuildOptions, BuildSummary, Incremental};
use http::{FALLBACK_404, Found, Reply, Resolved, page, resolve};

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

/// How many threads answer requests.
const WORKERS: usize = 4;

/// The script added to every HTML page: polls the state, reloads after a rebuild, shows errors.
const LIVE_JS: &str = include_str!("live.js");

/// What the browser polls, shared by the builder and the server.
#[derive(Debug, Default)]
struct LiveState {
    /// The number of successful builds so far.
    build: u64,
    /// The errors of the last build, one `file:line:column: error: …` block each; empty when it
    /// succeeded.
    errors: String,
}

/// The preview: the output folder, the builds (incremental: each renders again only what
/// changed) and their state.
struct Preview {
    options: BuildOptions,
    session: Mutex<Incremental>,
    state: Mutex<LiveState>,
    /// Held for writing while a build runs: a request that finds no file may have come while the
    /// new output was being swapped in, so it waits for the build and looks again.
    building: RwLock<()>,
}

impl Preview {
    fn new(options: BuildOptions) -> Self {
        Self {
            session: Mutex::new(Incremental::new(options.clone())),
            options,
            state: Mutex::new(LiveState::default()),
            building: RwLock::new(()),
        }
    }

    /// Builds the site and records the result for the browser.
    fn rebuild(&self) -> Result<BuildSummary, Diagnostics> {
        let _building = self.building.write().unwrap_or_else(PoisonError::into_inner);
        let result = self.session.lock().unwrap_or_else(PoisonError::into_inner).build();
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

/// The errors of a failed build, as `mieruka check` prints them.
fn errors_text(diagnostics: &Diagnostics) -> String {
    let text: Vec<String> =
        diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
    if text.is_empty() { "error: the build failed".to_owned() } else { text.join("\n") }
}

/// Prints one line for a build (and its errors, if it failed).
fn report(result: &Result<BuildSummary, Diagnostics>, first: bool, output: &Path) {
    match result {
        Ok(summary) if first => println!("{}", summary.line(output)),
        Ok(summary) => {
            println!(
                "rebuilt in {} ms: {} of {} pages rendered again ({})",
                summary.milliseconds,
                summary.rendered,
                summary.pages,
                counted(summary.diagnostics.warnings(), "warning")
            );
        }
        Err(diagnostics) => {
            eprintln!("{}", errors_text(diagnostics));
            let errors = diagnostics.errors();
            eprintln!("build failed with {}; still serving the last good pages", counted(errors, "error"));
        }
    }
    let _ = io::stdout().flush();
}

/// Builds the site, serves it on `http://127.0.0.1:PORT/` and rebuilds it whenever a file in
/// the content folder or the theme changes. The first line printed is the URL. Runs until the
/// process is stopped; returns an error only when it cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), Diagnostic> {
    if !options.content.is_dir() {
        return Err(Diagnostic::error(
            Code::MissingFolder,
            Loc::path(&options.content),
            "the content folder does not exist",
        )
        .help("name it with --content"));
    }
    let server = Server::http(("127.0.0.1", options.port)).map_err(|err| {
        Diagnostic::error(
            Code::Refused,
            Loc::path(&options.content),
            format!("cannot listen on 127.0.0.1:{}: {err}", options.port),
        )
        .help("choose another port with --port, or 0 for any free one")
    })?;
    let port = server.server_addr().to_ip().map_or(options.port, |addr| addr.port());
    let server = Arc::new(server);
    let (_watcher, changes) = watch::watch(&options.content)?;

    let preview = Arc::new(Preview::new(BuildOptions {
        content: options.content.clone(),
        output: options.output.clone(),
        built: crate::build_date(&options.content),
        // Past editions do not change while one edits: the preview leaves them out.
        editions: false,
    }));
    let first = preview.rebuild();
    println!("http://127.0.0.1:{port}/");
    report(&first, true, &options.output);
    println!("watching {} for changes; press Ctrl+C to stop", options.content.display());
    let _ = io::stdout().flush();

    let builder = {
        let preview = Arc::clone(&preview);
        thread::spawn(move || watch::rebuild_on_change(&preview, &changes))
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
    use super::http::tests::site;
    use super::*;

    #[test]
    fn state_is_json_with_the_build_and_the_errors() {
        let dir = site();
        let preview = Preview::new(BuildOptions {
            content: dir.path().join("content"),
            output: dir.path().to_path_buf(),
            built: None,
            editions: false,
        });
        *preview.state.lock().unwrap() = LiveState { build: 3, errors: "a.yaml:1:2: error: \"x\"".to_owned() };
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
