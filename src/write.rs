//! Stage 5, write: pages are written into a staging folder beside the output folder as they
//! are rendered, and the staging folder is swapped in only when the build is complete, so a
//! failed build leaves the previous output untouched. `serve`'s incremental rebuilds write
//! in place instead ([`InPlace`]): only what changed.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::render::OutputFile;

/// A folder being filled with the new site.
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    output: PathBuf,
}

impl Staging {
    /// Creates an empty staging folder next to `output`.
    pub(crate) fn new(output: &Path) -> Result<Staging, Diagnostic> {
        let create = || -> io::Result<Staging> {
            let parent = parent_of(output);
            fs::create_dir_all(&parent)?;
            let dir = tempfile::Builder::new().prefix(".mieruka-new-").tempdir_in(&parent)?;
            Ok(Staging { dir, output: output.to_path_buf() })
        };
        create().map_err(|err| cannot_write(output, &err))
    }

    /// Writes one file of the site. Safe to call from several threads at once.
    pub(crate) fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let path = self.dir.path().join(&file.path);
        let written = match path.parent() {
            Some(dir) => fs::create_dir_all(dir).and_then(|()| fs::write(&path, &file.bytes)),
            None => fs::write(&path, &file.bytes),
        };
        written.map_err(|err| cannot_write(&self.output, &err))
    }

    /// Replaces the output folder with the staging folder. Until this is called, the output
    /// folder is as it was; if the staging folder is dropped instead, it is removed.
    pub(crate) fn commit(self) -> Result<(), Diagnostic> {
        let output = self.output.clone();
        self.swap().map_err(|err| cannot_write(&output, &err))
    }

    fn swap(self) -> io::Result<()> {
        let parent = parent_of(&self.output);
        let staging = self.dir.keep();
        if !self.output.exists() {
            return fs::rename(&staging, &self.output).inspect_err(|_| {
                let _ = fs::remove_dir_all(&staging);
            });
        }
        let old = tempfile::Builder::new().prefix(".mieruka-old-").tempdir_in(&parent)?.keep();
        // `old` exists as an empty folder: rename needs the target to be absent or empty.
        fs::remove_dir(&old)?;
        fs::rename(&self.output, &old).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staging);
        })?;
        if let Err(err) = fs::rename(&staging, &self.output) {
            let _ = fs::rename(&old, &self.output);
            let _ = fs::remove_dir_all(&staging);
            return Err(err);
        }
        fs::remove_dir_all(&old)
    }
}

/// An output folder rewritten in place by incremental builds (`mieruka serve`): a file is
/// written only when its bytes differ from what the previous build wrote there, each
/// atomically (a temporary file renamed over the old one, so a reader never sees half a
/// page), and a file that the build no longer makes is removed.
#[derive(Debug)]
pub(crate) struct InPlace {
    output: PathBuf,
    /// A hash of the bytes of each file the previous builds wrote, by path.
    written: HashMap<String, u64>,
    /// The files of the build under way.
    now: Mutex<HashMap<String, u64>>,
}

impl InPlace {
    /// The output folder `output`, as nothing has been written to it yet.
    pub(crate) fn new(output: &Path) -> Self {
        Self { output: output.to_path_buf(), written: HashMap::new(), now: Mutex::default() }
    }

    /// Writes one file of the site, unless it is already there as the previous build wrote it.
    /// Safe to call from several threads at once.
    pub(crate) fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let hash = crate::render::of_bytes(&file.bytes);
        self.now.lock().unwrap_or_else(PoisonError::into_inner).insert(file.path.clone(), hash);
        let path = self.output.join(&file.path);
        if self.written.get(&file.path) == Some(&hash) && path.is_file() {
            return Ok(());
        }
        let write = || -> io::Result<()> {
            let dir = path.parent().unwrap_or(&self.output);
            fs::create_dir_all(dir)?;
            let mut temporary = tempfile::Builder::new().prefix(".mieruka-").tempfile_in(dir)?;
            io::Write::write_all(&mut temporary, &file.bytes)?;
            temporary.persist(&path).map_err(|err| err.error)?;
            Ok(())
        };
        write().map_err(|err| cannot_write(&self.output, &err))
    }

    /// Ends a build: every file in the output folder that it neither wrote nor `kept` (a page
    /// its memo found unchanged) is removed, with the folders left empty. Returns how many
    /// files were written or kept.
    pub(crate) fn finish(&mut self, kept: impl Fn(&str) -> bool) -> Result<usize, Diagnostic> {
        let mut now = std::mem::take(self.now.get_mut().unwrap_or_else(PoisonError::into_inner));
        for (path, hash) in &self.written {
            if !now.contains_key(path) && kept(path) {
                now.insert(path.clone(), *hash);
            }
        }
        let remove = || -> io::Result<()> {
            for entry in walkdir::WalkDir::new(&self.output).contents_first(true).min_depth(1) {
                let entry = entry.map_err(io::Error::other)?;
                let relative = entry.path().strip_prefix(&self.output).map_err(io::Error::other)?;
                let relative = relative.to_string_lossy().replace('\\', "/");
                if entry.file_type().is_dir() {
                    // Only a folder left empty goes: `remove_dir` refuses any other.
                    let _ = fs::remove_dir(entry.path());
                } else if !now.contains_key(&relative) {
                    fs::remove_file(entry.path())?;
                }
            }
            Ok(())
        };
        remove().map_err(|err| cannot_write(&self.output, &err))?;
        let count = now.len();
        self.written = now;
        Ok(count)
    }

    /// After a failed build: what it wrote stays known, so that the next build does not write
    /// it again, and nothing is removed.
    pub(crate) fn abandon(&mut self) {
        let now = std::mem::take(self.now.get_mut().unwrap_or_else(PoisonError::into_inner));
        self.written.extend(now);
    }
}

/// Refuses an output folder that is the content folder, holds it, or lies inside it: a build
/// replaces the output folder as a whole, and would take the content with it (or read its own
/// pages as content).
pub(crate) fn check_output(content: &Path, output: &Path) -> Result<(), Diagnostic> {
    // The output folder may not exist yet: resolve what exists of it.
    let resolve = |path: &Path| -> PathBuf {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let mut existing = absolute.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else { break };
            rest.push(name.to_owned());
            existing = parent;
        }
        let mut resolved = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        resolved.extend(rest.iter().rev());
        resolved
    };
    let (resolved_content, resolved_output) = (resolve(content), resolve(output));
    if resolved_content.starts_with(&resolved_output) || resolved_output.starts_with(&resolved_content) {
        return Err(Diagnostic::error(
            Code::Write,
            Loc::path(output),
            "the output folder would replace or sit inside the content folder",
        )
        .help("choose an output folder outside the content folder, such as --output output next to it"));
    }
    Ok(())
}

/// The one message for every way writing the site can fail.
fn cannot_write(output: &Path, err: &io::Error) -> Diagnostic {
    Diagnostic::error(Code::Write, Loc::path(output), format!("cannot write the site: {err}"))
        .help("check that the output folder's parent exists and is writable")
}

fn parent_of(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() }
    }

    fn write(out: &Path, files: &[OutputFile]) {
        let staging = Staging::new(out).unwrap();
        for f in files {
            staging.put(f).unwrap();
        }
        staging.commit().unwrap();
    }

    #[test]
    fn replaces_previous_output_and_leaves_no_staging_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write(&out, &[file("a/index.html", "one"), file("stale.html", "x")]);
        write(&out, &[file("a/index.html", "two")]);
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only output/ remains");
    }

    #[test]
    fn an_abandoned_staging_folder_is_removed_and_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write(&out, &[file("index.html", "old")]);
        let staging = Staging::new(&out).unwrap();
        staging.put(&file("index.html", "new")).unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
