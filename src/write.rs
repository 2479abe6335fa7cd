//! Stage 5, write: the site is written to a temporary folder beside the output folder and
//! swapped in only when complete, so a failed build leaves the previous output untouched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Writes `files` into `output`, replacing what was there only once every file is written.
pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let staging = tempfile::Builder::new().prefix(".mieruka-new-").tempdir_in(&parent)?;
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&path, &file.bytes)?;
    }
    swap_in(staging.keep(), output, &parent)
}

/// Moves `staging` to `output`, keeping the old output until the move succeeded.
fn swap_in(staging: PathBuf, output: &Path, parent: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(&staging, output).inspect_err(|_| {
            let _ = fs::remove_dir_all(&staging);
        });
    }
    let old = tempfile::Builder::new().prefix(".mieruka-old-").tempdir_in(parent)?.keep();
    // `old` exists as an empty folder; rename needs the target to be absent or empty.
    fs::remove_dir(&old)?;
    fs::rename(output, &old).inspect_err(|_| {
        let _ = fs::remove_dir_all(&staging);
    })?;
    if let Err(err) = fs::rename(&staging, output) {
        let _ = fs::rename(&old, output);
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_previous_output_and_leaves_no_staging_folders() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write_site(&out, &[file("a/index.html", "one"), file("stale.html", "x")]).unwrap();
        write_site(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("stale.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "only output/ remains");
    }
}
