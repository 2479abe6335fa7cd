//! The git commands mieruka runs: reading a revision's content for `diff` and for past
//! editions, and commit dates for reproducible build dates.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::diagnostics::{Code, Diagnostic, Loc};

/// The output of `git -C dir args…`, or a located error that says what to do.
pub(crate) fn git(dir: &Path, args: &[&str]) -> Result<String, Diagnostic> {
    git_bytes(dir, args).map(|b| String::from_utf8_lossy(&b).into_owned())
}

fn git_bytes(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Diagnostic> {
    git_with_input(dir, args, &[])
}

/// Runs git with `input` on its standard input, and returns its standard output.
fn git_with_input(dir: &Path, args: &[&str], input: &[u8]) -> Result<Vec<u8>, Diagnostic> {
    let cannot_run = |e: std::io::Error| {
        revision_error(dir, format!("cannot run git: {e}")).help("install git, or compare two folders with --dirs")
    };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(if dir.as_os_str().is_empty() { Path::new(".") } else { dir })
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    // Written from another thread, so that a full output pipe cannot block the input.
    let mut stdin = child.stdin.take();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.as_mut().map(|s| s.write_all(&input)));
    let output = child.wait_with_output().map_err(cannot_run)?;
    let _ = writer.join();
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(revision_error(dir, format!("git {}: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim()))
            .help("run mieruka inside the git work tree that holds the content, naming revisions it has, or compare two folders with diff --dirs"))
    }
}

fn revision_error(content: &Path, message: String) -> Diagnostic {
    Diagnostic::error(Code::Revision, Loc::path(content), message)
}

/// The content folder `content` as it was at git revision `rev`, copied into a temporary
/// folder (removed when the returned value is dropped). Two git processes whatever the number
/// of files: one lists them, one reads them all.
pub(crate) fn checkout(content: &Path, rev: &str) -> Result<tempfile::TempDir, Diagnostic> {
    let dir =
        tempfile::tempdir().map_err(|e| revision_error(content, format!("cannot create a temporary folder: {e}")))?;
    let listed = git(content, &["ls-tree", "-r", "-z", rev, "--", "."])?;
    // Each entry: "<mode> blob <object id>\t<path>", NUL-terminated; paths relative to `content`.
    let files: Vec<(&str, &str)> = listed
        .split('\0')
        .filter_map(|entry| {
            let (meta, path) = entry.split_once('\t')?;
            let mut meta = meta.split(' ');
            (meta.nth(1)? == "blob").then_some(())?;
            Some((meta.next()?, path))
        })
        .collect();
    if files.is_empty() {
        return Err(revision_error(content, format!("revision {rev} has no files in {}", content.display())));
    }
    let ids: String = files.iter().map(|(id, _)| format!("{id}\n")).collect();
    let blobs = git_with_input(content, &["cat-file", "--batch"], ids.as_bytes())?;
    let mut rest = blobs.as_slice();
    for (_, file) in &files {
        let (bytes, after) = next_blob(rest).ok_or_else(|| {
            revision_error(content, format!("git cat-file gave no content for {file} of revision {rev}"))
        })?;
        rest = after;
        let path = dir.path().join(file);
        let written = match path.parent() {
            Some(parent) => std::fs::create_dir_all(parent).and_then(|()| std::fs::write(&path, bytes)),
            None => std::fs::write(&path, bytes),
        };
        written.map_err(|e| revision_error(content, format!("cannot copy {file} of revision {rev}: {e}")))?;
    }
    Ok(dir)
}

/// The first object of `git cat-file --batch` output ("<id> <type> <size>\n<bytes>\n") and
/// what follows it.
fn next_blob(output: &[u8]) -> Option<(&[u8], &[u8])> {
    let header_end = output.iter().position(|b| *b == b'\n')?;
    let header = std::str::from_utf8(&output[..header_end]).ok()?;
    let size: usize = header.rsplit(' ').next()?.parse().ok()?;
    let body = output.get(header_end + 1..header_end + 1 + size)?;
    Some((body, output.get(header_end + 2 + size..).unwrap_or_default()))
}

/// The date, in Japan time, of the last commit at `rev` that changed the folder `dir`.
pub(crate) fn commit_date(dir: &Path, rev: &str) -> Option<jiff::civil::Date> {
    let seconds = git(dir, &["log", "-1", "--format=%ct", rev, "--", "."]).ok()?.trim().parse::<i64>().ok()?;
    japan_date(seconds)
}

/// The date in Japan of a Unix time.
pub(crate) fn japan_date(seconds: i64) -> Option<jiff::civil::Date> {
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    Some(jiff::Timestamp::from_second(seconds).ok()?.to_zoned(japan).date())
}
