//! `mieruka serve` end to end: the real binary on a free port of 127.0.0.1, spoken to over plain
//! HTTP/1.0. It starts, serves a page with the live script, rebuilds after a file changes, and
//! reports a content error to the browser (and the terminal) while the last good pages stay.

#![cfg(feature = "serve")]

use crate::harness::edit_file;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The running `mieruka serve`, killed when the test ends, whether it passes or fails.
struct Server {
    child: Child,
    url: String,
    /// Everything the server printed after its URL, stdout and stderr together.
    terminal: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(content: &Path, output: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mieruka"))
            .arg("serve")
            .arg("--content")
            .arg(content)
            .arg("--output")
            .arg(output)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start mieruka serve");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let stderr = child.stderr.take().unwrap();
        let terminal = Arc::new(Mutex::new(String::new()));
        // Create the guard before anything can fail, so the child is killed on every path.
        let mut server = Server { child, url: String::new(), terminal: Arc::clone(&terminal) };
        let mut first = String::new();
        stdout.read_line(&mut first).expect("read the URL line");
        server.url = first.trim().to_owned();
        assert!(
            server.url.starts_with("http://127.0.0.1:") && server.url.ends_with('/'),
            "the first line is the URL, got {first:?}"
        );
        // Keep reading what the server prints, so that it never blocks on a full pipe.
        for mut stream in [Box::new(stdout) as Box<dyn Read + Send>, Box::new(stderr)] {
            let terminal = Arc::clone(&terminal);
            thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stream.read(&mut buf) {
                    terminal.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        server
    }

    /// GETs `path` (such as `/en/`): the status code and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let address = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(address).expect("connect to the server");
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read the response");
        let response = String::from_utf8(response).expect("a UTF-8 response");
        let (head, body) = response.split_once("\r\n\r\n").expect("headers and body");
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status code");
        (status, body.to_owned())
    }

    /// The build counter and the errors text of `/__mieruka/state`.
    fn state(&self) -> (u64, String) {
        let (status, body) = self.get("/__mieruka/state");
        assert_eq!(status, 200);
        let json: serde_json::Value = serde_json::from_str(&body).expect("state is JSON");
        (
            json["build"].as_u64().expect("build is a number"),
            json["errors"].as_str().expect("errors is text").to_owned(),
        )
    }

    /// Polls the state until `done` holds, for at most 30 seconds.
    fn wait_for(&self, what: &str, done: impl Fn(u64, &str) -> bool) -> (u64, String) {
        for _ in 0..300 {
            let (build, errors) = self.state();
            if done(build, &errors) {
                return (build, errors);
            }
            thread::sleep(Duration::from_millis(100));
        }
        panic!("timed out waiting for {what}; the server printed:\n{}", self.terminal.lock().unwrap());
    }
}

const LIVE_SCRIPT: &str = "<script src=\"/__mieruka/live.js\"";

#[test]
fn serves_rebuilds_on_change_and_shows_errors_over_the_last_good_pages() {
    let dir = tempfile::tempdir().unwrap();
    let content: PathBuf = dir.path().join("content");
    crate::harness::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"), &content);
    let goal = content.join("goals/01.yaml");
    let server = Server::start(&content, &dir.path().join("out"));

    // It starts and serves a page, with the live script just before </body>.
    let (status, page) = server.get("/en/");
    assert_eq!(status, 200);
    assert!(page.contains("A city with lively shopping streets"), "{page}");
    let script_at = page.find(LIVE_SCRIPT).expect("the live script is injected");
    assert_eq!(page.rfind("</body>"), page[script_at..].find("</body>").map(|i| i + script_at));
    let (status, script) = server.get("/__mieruka/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("/__mieruka/state") && script.contains("location.reload()"));
    let (first_build, errors) = server.state();
    assert_eq!((first_build, errors.as_str()), (1, ""));

    // Missing pages get the site's 404 page; nothing outside the output folder is served.
    let (status, missing) = server.get("/en/no-such-page/");
    assert_eq!(status, 404);
    assert!(missing.contains(LIVE_SCRIPT), "{missing}");
    assert_eq!(server.get("/../Cargo.toml").0, 400);
    assert_eq!(server.get("/%2e%2e/content/site.yaml").0, 400);

    // A change to content rebuilds the site.
    edit_file(&goal, "en: A city with lively shopping streets", "en: A city with busy shopping streets");
    server.wait_for("the rebuild", |build, _| build > first_build);
    let (status, page) = server.get("/en/");
    assert_eq!(status, 200);
    assert!(page.contains("A city with busy shopping streets"), "the page shows the new text: {page}");
    assert!(page.contains(&format!("{LIVE_SCRIPT} data-build=\"")), "the script knows which build it is on: {page}");
    // The rebuild was incremental: it says how many pages it rendered again, fewer than all.
    server.wait_for("the terminal to report the rebuild", |_, _| {
        server.terminal.lock().unwrap().contains("pages rendered again")
    });
    let terminal = server.terminal.lock().unwrap().clone();
    let line = terminal.lines().find(|l| l.contains("pages rendered again")).unwrap();
    let numbers: Vec<usize> = line.split(": ").nth(1).unwrap().split(' ').filter_map(|w| w.parse().ok()).collect();
    assert!(numbers[0] > 0 && numbers[0] < numbers[1], "{line}");

    // A content error goes to the browser with its file, line and column, and to the terminal;
    // the last good page is still served.
    let (build, _) = server.state();
    edit_file(&goal, "id: \"1\"\n", "id: \"1\"\ncolour: red\n");
    let (unchanged, errors) = server.wait_for("the error", |_, errors| !errors.is_empty());
    assert_eq!(unchanged, build, "a failed build does not count");
    assert!(errors.contains("01.yaml:2:1: error: the item with id \"1\": unknown field `colour`"), "{errors}");
    let (status, page) = server.get("/en/");
    assert_eq!(status, 200);
    assert!(page.contains("A city with busy shopping streets") && page.contains(LIVE_SCRIPT), "{page}");
    server.wait_for("the terminal to show the error", |_, _| {
        server.terminal.lock().unwrap().contains("01.yaml:2:1: error: the item with id \"1\": unknown field `colour`")
    });

    // Fixing it clears the error and counts a new build, which reloads the page.
    edit_file(&goal, "colour: red\n", "");
    server.wait_for("the fix", |b, errors| b > build && errors.is_empty());
}
