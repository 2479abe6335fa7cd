//! Watching the content folder (the theme lies inside it) and rebuilding once per burst of
//! changes.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use super::{Preview, report};
use crate::diagnostics::{Code, Diagnostic, Loc};

/// How long after the last change of a burst (an editor saving, a `git checkout`) to rebuild.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The longest a rebuild waits for a burst of changes to end.
const DEBOUNCE_AT_MOST: Duration = Duration::from_secs(2);

/// Changes in the content folder, as file events.
pub(super) type Changes = Receiver<notify::Result<notify::Event>>;

/// Starts watching the content folder; its events arrive on the returned channel.
pub(super) fn watch(content: &Path) -> Result<(RecommendedWatcher, Changes), Diagnostic> {
    let (sender, changes) = std::sync::mpsc::channel();
    let cannot = |err: notify::Error| {
        Diagnostic::error(Code::Unreadable, Loc::path(content), format!("cannot watch this folder for changes: {err}"))
    };
    let mut watcher = notify::recommended_watcher(sender).map_err(cannot)?;
    watcher.watch(&canonical(content), RecursiveMode::Recursive).map_err(cannot)?;
    Ok((watcher, changes))
}

/// `path` with symbolic links and `..` resolved where it exists (file events name paths so),
/// else made absolute.
fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).or_else(|_| std::path::absolute(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// Whether a file event calls for a rebuild: a file was created, changed, renamed or removed,
/// not merely read (the build itself reads every file), and not in the output or the build's
/// staging folders (should they lie inside the watched folder).
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

/// Rebuilds after every burst of changes, until the watcher stops.
pub(super) fn rebuild_on_change(preview: &Preview, changes: &Changes) {
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
    }
}
