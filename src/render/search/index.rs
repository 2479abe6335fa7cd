//! The files of the search index (see [`super`] for the design): the folding `search.js` does
//! too, the document files, the posting shards and files of their own, and `meta.json`.
//! `tests/fixtures/search-folding.json` holds examples of the folding, the hash and the posting
//! encoding that this module's tests, the test suite's re-implementation of the browser
//! (`tests/testsuite/search.rs`) and the browser check (`.ci/browser/check.js`) all check, so
//! that Rust and JavaScript cannot drift apart.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::{Entry, FOLDER};
use crate::diagnostics::Diagnostic;
use crate::render::OutputFile;

/// The version of [`fold`], in `meta.json`: `search.js` refuses an index folded another way.
const FOLD_VERSION: u32 = 1;

/// About how many bytes a document file holds.
const DOCUMENT_BYTES: usize = 4096;

/// About how many bytes a posting shard holds; a key whose postings alone are larger has a file
/// of its own.
const SHARD_BYTES: usize = 4096;

/// Entries folded at a time (in parallel), so that their keys are never all held at once.
const CHUNK: usize = 4096;

/// The digits of the posting encoding: URL-safe base 64.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `text` as search compares it, exactly as `search.js` folds it: Unicode NFKC, then lower
/// case, then katakana U+30A1–U+30F6 as hiragana, with white space (JavaScript's `\s`) and
/// hyphens (U+002D, U+2010–U+2015, U+2212) left out.
pub(super) fn fold(text: &str) -> String {
    // Most English text is already in NFKC: checking that is much faster than normalising.
    let lower = match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => text.to_lowercase(),
        _ => text.nfkc().collect::<String>().to_lowercase(),
    };
    lower.chars().filter(|&c| !left_out(c)).map(hiragana).collect()
}

/// Katakana U+30A1–U+30F6 as the hiragana 0x60 below it; any other character as it is.
fn hiragana(c: char) -> char {
    if ('\u{30a1}'..='\u{30f6}').contains(&c) { char::from_u32(u32::from(c) - 0x60).unwrap_or(c) } else { c }
}

/// What `search.js`'s `[\s\-\u2010-\u2015\u2212]` matches: JavaScript's white space and line
/// terminators (not Rust's `char::is_whitespace`, which differs at U+0085 and U+FEFF), the
/// hyphen-minus, the dashes U+2010–U+2015 and the minus sign.
fn left_out(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
            | '-'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
    )
}

/// A key of the postings, one to three characters in one number (21 bits each, the second and
/// third plus one, so that a shorter key is 0 there), ordered as their strings are.
type Key = u64;

/// The keys of a folded text: each character, each pair and each run of three adjacent
/// characters, once each, in the order first met. `table` is room to tell which were met,
/// reused from text to text (a small hash set: much faster than sorting the keys).
fn keys(folded: &str, table: &mut Vec<Key>) -> Vec<Key> {
    let chars: Vec<u64> = folded.chars().map(|c| u64::from(u32::from(c))).collect();
    let single = chars.iter().map(|&a| a << 42);
    let pairs = chars.windows(2).map(|w| (w[0] << 42) | ((w[1] + 1) << 21));
    let triples = chars.windows(3).map(|w| (w[0] << 42) | ((w[1] + 1) << 21) | (w[2] + 1));
    // At most three keys a character, in a table at most half full.
    let size = (chars.len() * 6).next_power_of_two().max(16);
    table.clear();
    table.resize(size, NO_KEY);
    let mut keys = Vec::with_capacity(chars.len() * 3);
    for key in single.chain(pairs).chain(triples) {
        let mut at = mix(key) as usize & (size - 1);
        while table[at] != key {
            if table[at] == NO_KEY {
                table[at] = key;
                keys.push(key);
                break;
            }
            at = (at + 1) & (size - 1);
        }
    }
    keys
}

/// No key: the first character is never above U+10FFFF.
const NO_KEY: Key = u64::MAX;

/// The finaliser of SplitMix64: a key's bits well mixed, for hash tables.
fn mix(key: Key) -> u64 {
    let mut z = key;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The string of a key.
fn key_text(key: Key) -> String {
    let char_of = |n: u64| u32::try_from(n).ok().and_then(char::from_u32);
    let (second, third) = ((key >> 21) & 0x1f_ffff, key & 0x1f_ffff);
    let rest = [second, third].into_iter().take_while(|&n| n > 0).filter_map(|n| char_of(n - 1));
    char_of(key >> 42).into_iter().chain(rest).collect()
}

/// A hasher for [`Key`]s while the postings are gathered (their order is never output): [`mix`],
/// much faster than the standard hasher on plain numbers.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        mix(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Entries by key, while they are gathered.
type Postings = HashMap<Key, Vec<u32>, std::hash::BuildHasherDefault<KeyHasher>>;

/// The posting shard of `key` among `shards`: FNV-1a (32 bits) of its UTF-8, modulo `shards`.
fn shard_of(key: &str, shards: u32) -> u32 {
    fnv1a(key) % shards
}

/// FNV-1a, 32 bits, of `text`'s UTF-8.
fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

/// A sorted list of entry numbers as text: the gaps between them (the first counted from −1),
/// each in base-32 digits, most significant first, every digit but a number's last with 32
/// added; or `~` and a bitmap, six entries a digit (entry `6k + j` is bit `j` of digit `k`),
/// whichever is shorter.
fn encode(list: &[u32]) -> String {
    let mut gaps = String::new();
    let mut next = 0;
    for &n in list {
        push_number(&mut gaps, n - next);
        next = n + 1;
    }
    let Some(&last) = list.last() else { return gaps };
    let digits = last as usize / 6 + 1;
    if digits + 1 >= gaps.len() {
        return gaps;
    }
    let mut bits = vec![0_u8; digits];
    for &n in list {
        bits[n as usize / 6] |= 1 << (n % 6);
    }
    std::iter::once('~').chain(bits.iter().map(|&b| char::from(DIGITS[usize::from(b)]))).collect()
}

/// Appends `n` in base-32 digits, most significant first, every digit but the last with 32 added.
fn push_number(out: &mut String, n: u32) {
    let mut groups = [0_u8; 7];
    let mut len = 0;
    let mut rest = n;
    loop {
        groups[len] = (rest & 31) as u8;
        len += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for (i, &group) in groups[..len].iter().enumerate().rev() {
        let digit = if i > 0 { group + 32 } else { group };
        out.push(char::from(DIGITS[usize::from(digit)]));
    }
}

/// Sorted pairs, written as a JSON object.
struct Map<'a>(&'a [(&'a str, &'a [String])]);

impl Serialize for Map<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// What `meta.json` says.
#[derive(Debug, Serialize)]
struct Meta<'a> {
    /// The version of the folding, [`FOLD_VERSION`].
    fold: u32,
    /// Each language's code and number of entries, in the order of the entries.
    languages: &'a [(&'static str, usize)],
    /// The number of posting shards, `p/0.json` to `p/<shards − 1>.json`.
    shards: u32,
    /// Entries per document file: `d/<n>.json` holds entries `n × per` to `n × per + per − 1`.
    per: usize,
    /// The keys with a posting file of their own: `k/<i>.json` for the `i`th.
    own: Vec<&'a str>,
}

/// Writes the index of `entries`, which are in the order of `languages` (code, number of
/// entries), handing each file to `sink`.
pub(super) fn write<S>(entries: &[Entry], languages: &[(&'static str, usize)], sink: &S) -> Result<(), Diagnostic>
where
    S: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    use rayon::prelude::*;

    let per = entries_per_document(entries);
    entries.par_chunks(per).enumerate().try_for_each(|(n, documents)| sink(json(format!("d/{n}.json"), &documents)))?;
    // Each key with its posting lists, one a language; the languages are gathered in parallel.
    let mut ranges = Vec::new();
    let mut from = 0;
    for &(_, count) in languages {
        ranges.push(from..from + count);
        from += count;
    }
    let mut gathered: Vec<(Key, usize, String)> = ranges
        .into_par_iter()
        .enumerate()
        .flat_map_iter(|(i, range)| {
            postings(&entries[range]).into_iter().map(move |(key, list)| (key, i, encode(&list)))
        })
        .collect();
    gathered.par_sort_unstable_by_key(|&(key, i, _)| (key, i));
    let mut encoded: Vec<(String, Vec<String>)> = Vec::new();
    let mut last = None;
    for (key, i, list) in gathered {
        if last != Some(key) {
            encoded.push((key_text(key), vec![String::new(); languages.len()]));
            last = Some(key);
        }
        if let Some((_, lists)) = encoded.last_mut() {
            lists[i] = list;
        }
    }
    let size = |(key, lists): &(String, Vec<String>)| key.len() + lists.iter().map(|l| l.len() + 3).sum::<usize>() + 4;
    let (own, shared): (Vec<_>, Vec<_>) = encoded.iter().partition(|e| size(e) > SHARD_BYTES);
    let shards =
        u32::try_from(shared.iter().map(|e| size(e)).sum::<usize>().div_ceil(SHARD_BYTES).max(1)).unwrap_or(u32::MAX);
    // Each shard's keys, in order (`encoded` is).
    let mut files: Vec<Vec<(&str, &[String])>> = vec![Vec::new(); shards as usize];
    for (key, lists) in shared {
        files[shard_of(key, shards) as usize].push((key.as_str(), lists.as_slice()));
    }
    files.par_iter().enumerate().try_for_each(|(n, file)| sink(json(format!("p/{n}.json"), &Map(file))))?;
    own.par_iter()
        .enumerate()
        .try_for_each(|(n, (key, lists))| sink(json(format!("k/{n}.json"), &BTreeMap::from([(key, lists)]))))?;
    let own = own.iter().map(|(key, _)| key.as_str()).collect();
    sink(json("meta.json".to_owned(), &Meta { fold: FOLD_VERSION, languages, shards, per, own }))
}

/// How many entries a document file holds: about [`DOCUMENT_BYTES`] of them, at most 64.
fn entries_per_document(entries: &[Entry]) -> usize {
    let bytes: usize = entries.iter().map(|e| e.u.len() + e.t.len() + e.x.len() + e.s.len() + 32).sum();
    (DOCUMENT_BYTES * entries.len()).checked_div(bytes).unwrap_or(1).clamp(1, 64)
}

/// Every key of the entries with the entries (by number, from 0) that hold it, in order.
fn postings(entries: &[Entry]) -> Postings {
    use rayon::prelude::*;

    let mut postings = Postings::default();
    for (c, chunk) in entries.chunks(CHUNK).enumerate() {
        let keyed: Vec<Vec<Key>> =
            chunk.par_iter().map_init(Vec::new, |table, e| keys(&fold(&format!("{} {}", e.t, e.x)), table)).collect();
        for (i, keys) in keyed.into_iter().enumerate() {
            let n = (c * CHUNK + i) as u32;
            for key in keys {
                postings.entry(key).or_default().push(n);
            }
        }
    }
    postings
}

/// A file of the index, in JSON.
#[expect(clippy::expect_used, reason = "plain structs serialised to memory: this cannot fail")]
fn json(name: String, value: &impl Serialize) -> OutputFile {
    let mut bytes = serde_json::to_vec(value).expect("the search index serialises");
    bytes.push(b'\n');
    OutputFile { path: format!("{FOLDER}{name}"), bytes }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// tests/fixtures/search-folding.json.
    fn examples() -> serde_json::Value {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search-folding.json");
        serde_json::from_str(&std::fs::read_to_string(path).expect("the examples read")).expect("they parse")
    }

    #[test]
    fn folds_as_search_js_does() {
        let examples = examples();
        for pair in examples["fold"].as_array().expect("fold examples") {
            let (text, folded) = (pair[0].as_str().expect("text"), pair[1].as_str().expect("folded"));
            assert_eq!(fold(text), folded, "fold({text:?})");
        }
    }

    #[test]
    fn hashes_and_encodes_as_search_js_decodes() {
        let examples = examples();
        for pair in examples["hash"].as_array().expect("hash examples") {
            assert_eq!(u64::from(fnv1a(pair[0].as_str().expect("key"))), pair[1].as_u64().expect("hash"), "{pair}");
        }
        for pair in examples["postings"].as_array().expect("posting examples") {
            let list: Vec<u32> = serde_json::from_value(pair[0].clone()).expect("a list");
            assert_eq!(encode(&list), pair[1].as_str().expect("encoded"), "{list:?}");
        }
    }

    #[test]
    fn the_shorter_encoding_is_chosen_and_decodes_to_the_list() {
        let sparse: Vec<u32> = (0..50).map(|n| n * 1000 + 7).collect();
        let dense: Vec<u32> = (0..5000).filter(|n| n % 3 != 0).collect();
        for list in [sparse, dense, vec![0], vec![31, 32, 1023, 1024, 40_000], Vec::new()] {
            let text = encode(&list);
            assert_eq!(decode(&text), list, "{text}");
        }
        assert!(encode(&(0..600).collect::<Vec<_>>()).starts_with('~'), "a dense list is a bitmap");
        assert_eq!(encode(&[0, 1, 2]), "~H", "three entries in one digit");
        assert_eq!(encode(&[0, 40]), "AhH", "0, then 39 = 1 × 32 + 7 between");
    }

    /// What `search.js` does with an encoded list.
    fn decode(text: &str) -> Vec<u32> {
        let value = |c: char| DIGITS.iter().position(|&d| char::from(d) == c).expect("a digit") as u32;
        let mut list = Vec::new();
        if let Some(bitmap) = text.strip_prefix('~') {
            for (k, c) in bitmap.chars().enumerate() {
                list.extend((0..6).filter(|j| value(c) & (1 << j) != 0).map(|j| k as u32 * 6 + j));
            }
            return list;
        }
        let (mut number, mut next) = (0, 0);
        for c in text.chars() {
            let digit = value(c);
            number = number * 32 + (digit & 31);
            if digit < 32 {
                next += number;
                list.push(next);
                next += 1;
                number = 0;
            }
        }
        list
    }

    #[test]
    fn keys_are_characters_pairs_and_triples_in_string_order() {
        let mut keys = keys(&fold("Aba あ"), &mut Vec::new());
        keys.sort_unstable();
        let texts: Vec<String> = keys.iter().map(|&k| key_text(k)).collect();
        assert_eq!(texts, ["a", "ab", "aba", "aあ", "b", "ba", "baあ", "あ"]);
        let mut sorted = texts.clone();
        sorted.sort();
        assert_eq!(texts, sorted);
    }
}
