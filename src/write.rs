//! Stage 5, write: pages are written into a staging folder beside the output folder as they
//! are rendered, and the staging folder is swapped in only when the build is complete, so a
//! failed build leaves the previous output untouched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
