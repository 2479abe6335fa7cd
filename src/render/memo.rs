//! What the previous build rendered, for incremental rebuilds (`mieruka serve`): each page is
//! known by a key, a hash of everything it is rendered from (its template, its frame and view,
//! the interface words, the theme). A page whose key has not changed since the previous build
//! is neither rendered nor written again; its file is already what a full build would write.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io;
use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::pages::PageSpec;

/// The keys of the pages of the previous build and of the build under way, by file.
#[derive(Debug, Default)]
pub(crate) struct PageMemo {
    previous: HashMap<String, u64>,
    current: Mutex<HashMap<String, u64>>,
}

impl PageMemo {
    /// Records `key` for the page `file` of the build under way, and says whether the previous
    /// build rendered that page from the same key.
    pub(crate) fn unchanged(&self, file: &str, key: u64) -> bool {
        self.current.lock().unwrap_or_else(PoisonError::into_inner).insert(file.to_owned(), key);
        self.previous.get(file) == Some(&key)
    }

    /// Whether the build under way kept `file` as the previous build wrote it.
    pub(crate) fn kept(&self, file: &str) -> bool {
        let current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        current.get(file).is_some_and(|key| self.previous.get(file) == Some(key))
    }

    /// Ends a successful build: its keys become the previous build's.
    pub(crate) fn advance(&mut self) {
        self.previous = std::mem::take(self.current.get_mut().unwrap_or_else(PoisonError::into_inner));
    }

    /// Forgets every page, after a failed build: the next build renders them all.
    pub(crate) fn forget(&mut self) {
        *self = PageMemo::default();
    }
}

/// The key of a page: its template, path, frame and view, and `seed` (what every page of its
/// language shares: the theme and the interface words); none if the view cannot be hashed,
/// and then the page is rendered. The frame and view are hashed in postcard's compact binary
/// form with XXH3, which is several times faster than hashing their JSON with SipHash.
pub(crate) fn key<V: Serialize>(spec: &PageSpec<V>, seed: u64) -> Option<u64> {
    let mut hasher = HashWriter(Xxh3::new());
    (seed, spec.template, &spec.path).hash(&mut hasher.0);
    postcard::to_io(&(&spec.meta, &spec.view), &mut hasher).ok()?;
    Some(hasher.0.finish())
}

/// The seed of the pages in one language: the theme's fingerprint and the interface words.
pub(crate) fn seed(fingerprint: u64, words: &impl Hash) -> u64 {
    let mut hasher = Xxh3::new();
    (fingerprint, words).hash(&mut hasher);
    hasher.finish()
}

/// A hash of `bytes`, for files: whether a file is as it was.
pub(crate) fn of_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// A hasher that serde can write into.
struct HashWriter(Xxh3);

impl io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
