//! Changing values in a YAML file in place: each edit replaces the exact text of one value, or
//! inserts one entry next to its siblings in the same style, so that every comment, key order
//! and line of formatting elsewhere stays as it was.
//!
//! The values are found through the positions the loader keeps ([`Located`]); where a mapping
//! has no entry yet, its key is found by reading the lines of the item it belongs to. Whatever
//! this module writes is read back and compared by the caller before any file is written.
//!
//! Why not the `yaml-edit` crate (a lossless, rowan-based YAML editor)? Tried at 0.3.6 on this
//! repository's content: it round-trips every goal file byte for byte and sets a year inside a
//! flow mapping in place (`actuals: {2024: 77}` → `{2024: 79, 2025: 80}`), which is most of what
//! import does. Where it differs from what the import tests pin: a new key goes at the end of
//! its mapping, after trailing comments' neighbours, where this editor puts `actuals` after
//! `targets`; texts that need quoting get single quotes where this editor writes the double
//! quotes that its read-back check expects; and `done` entries of re-listed copies need the
//! item-level lookups in `scan.rs` either way. Adopting it means re-pinning those tests and
//! porting `set_done`; until then this editor stays, in three parts: `FileEditor` here,
//! byte-level locating in `scan.rs`, and scalars that read back the same in `scalar.rs`.

use std::collections::BTreeMap;

mod scalar;
mod scan;

use crate::raw::{Located, RawAction, RawIndicator, RawText, RawValue};
use scalar::{DoneEntry, YamlValue, flow_map, one_line, value_after_key, yaml_scalar};
use scan::*;

pub(super) use scalar::{stored_text, yaml_number};

/// Why a value could not be changed automatically, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct EditError {
    /// The byte offset in the file the problem is about.
    pub(super) at: usize,
    /// What is wrong.
    pub(super) message: String,
}

fn fail<T>(at: usize, message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError { at, message: message.into() })
}

/// One change of the text: `start..end` is replaced by `text`.
#[derive(Debug, Clone)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
}

/// What one edit did to one value, for the summary.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Replaced {
    /// The previous value (an actual as written in the file, a text as read), or `None` where
    /// the value was added.
    pub(super) old: Option<String>,
}

/// The text of a done entry to write: the Japanese and, optionally, the English text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct DoneText {
    /// 実施した具体的な取組み in Japanese.
    pub(super) ja: Option<String>,
    /// In English.
    pub(super) en: Option<String>,
}

/// The edits planned for one file.
pub(super) struct FileEditor<'t> {
    text: &'t str,
    newline: &'static str,
    edits: Vec<Edit>,
}

impl<'t> FileEditor<'t> {
    /// An editor of `text`, which must be the text the loader parsed.
    pub(super) fn new(text: &'t str) -> Self {
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Self { text, newline, edits: Vec::new() }
    }

    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    fn push(&mut self, start: usize, end: usize, mut text: String) {
        // A `|` block read to the end of a file without a final line break would lose its own.
        if end >= self.text.len() && !self.text.ends_with('\n') && text.contains('\n') {
            text.push_str(self.newline);
        }
        self.edits.push(Edit { start, end, text });
    }

    /// The edited text. Fails only if two edits overlap, which the callers never plan.
    pub(super) fn finish(mut self) -> Result<String, EditError> {
        // Stable: insertions at one place keep the order in which they were planned.
        self.edits.sort_by_key(|e| e.start);
        let mut out = String::with_capacity(self.text.len() + 256);
        let mut at = 0;
        for edit in &self.edits {
            if edit.start < at || edit.end < edit.start {
                return fail(edit.start, "two changes overlap");
            }
            let Some(kept) = self.text.get(at..edit.start) else {
                return fail(edit.start, "a change does not fall between characters");
            };
            out.push_str(kept);
            out.push_str(&edit.text);
            at = edit.end;
        }
        match self.text.get(at..) {
            Some(rest) => out.push_str(rest),
            None => return fail(at, "a change does not fall between characters"),
        }
        Ok(out)
    }

    /// Sets the actuals of `indicator` for the years in `values`. Returns, per year that
    /// changes, what was written before; a year whose value is already the same is left alone.
    pub(super) fn set_actuals(
        &mut self,
        indicator: &RawIndicator,
        values: &BTreeMap<u16, f64>,
    ) -> Result<BTreeMap<u16, Replaced>, EditError> {
        let mut changed = BTreeMap::new();
        let mut new_years = BTreeMap::new();
        for (&year, &value) in values {
            match indicator.actuals.get(&year) {
                Some(old) if *old.get() == RawValue::Number(value) => {}
                Some(old) => {
                    let extent = self.value_extent(old)?;
                    let old_text = self.text.get(extent.start..extent.end).map(one_line);
                    self.push(extent.start, extent.end, yaml_number(value));
                    changed.insert(year, Replaced { old: old_text });
                }
                None => {
                    new_years.insert(year, yaml_number(value));
                    changed.insert(year, Replaced { old: None });
                }
            }
        }
        if new_years.is_empty() {
            return Ok(changed);
        }
        if indicator.actuals.is_empty() {
            self.add_field(&indicator.id, "actuals", "targets", &new_years, Layout::Flow)?;
        } else {
            let mut entries = Vec::new();
            for (&year, value) in &indicator.actuals {
                let extent = self.value_extent(value)?;
                entries.push(self.entry_of(year, extent)?);
            }
            for (year, value) in &new_years {
                self.insert_entry(&entries, *year, &|_| value.clone())?;
            }
        }
        Ok(changed)
    }

    /// Sets the `done` texts of `action` for the years in `texts`. Returns, per year and
    /// language that changes, what was written before.
    pub(super) fn set_done(
        &mut self,
        action: &RawAction,
        texts: &BTreeMap<u16, DoneText>,
    ) -> Result<BTreeMap<(u16, &'static str), Replaced>, EditError> {
        let mut changed = BTreeMap::new();
        let mut new_years = BTreeMap::new();
        for (&year, text) in texts {
            match action.done.as_ref().and_then(|d| d.get(&year)) {
                Some(written) => {
                    if let Some(ja) = &text.ja
                        && *written.ja.get() != stored_text(ja)
                    {
                        self.replace_text(&written.ja, "ja", ja)?;
                        changed.insert((year, "ja"), Replaced { old: Some(written.ja.get().clone()) });
                    }
                    if let Some(en) = &text.en {
                        match &written.en {
                            Some(old) if *old.get() == stored_text(en) => {}
                            Some(old) => {
                                self.replace_text(old, "en", en)?;
                                changed.insert((year, "en"), Replaced { old: Some(old.get().clone()) });
                            }
                            None => {
                                self.add_english(written, en)?;
                                changed.insert((year, "en"), Replaced { old: None });
                            }
                        }
                    }
                }
                None => {
                    let Some(ja) = &text.ja else {
                        return fail(
                            self.start_of(&action.id),
                            format!("FY{year} has no done text yet, and an English text alone cannot be added"),
                        );
                    };
                    changed.insert((year, "ja"), Replaced { old: None });
                    if text.en.is_some() {
                        changed.insert((year, "en"), Replaced { old: None });
                    }
                    new_years.insert(year, (ja.clone(), text.en.clone()));
                }
            }
        }
        if new_years.is_empty() {
            return Ok(changed);
        }
        let existing = action.done.as_ref().filter(|d| !d.is_empty());
        match existing {
            None => {
                let rendered: BTreeMap<u16, DoneEntry> =
                    new_years.into_iter().map(|(y, (ja, en))| (y, DoneEntry { ja, en })).collect();
                self.add_field(&action.id, "done", "indicators", &rendered, Layout::Block)?;
            }
            Some(done) => {
                let mut entries = Vec::new();
                for (&year, text) in done {
                    let extent = self.text_entry_extent(text)?;
                    entries.push(self.entry_of(year, extent)?);
                }
                let newline = self.newline;
                for (year, (ja, en)) in &new_years {
                    let entry = DoneEntry { ja: ja.clone(), en: en.clone() };
                    self.insert_entry(&entries, *year, &|indent| entry.render(indent, newline))?;
                }
            }
        }
        Ok(changed)
    }

    /// The byte offset where `located` starts.
    fn start_of<T>(&self, located: &Located<T>) -> usize {
        span_of(located).map_or(0, |(start, _)| start)
    }

    /// Where the value `located` is written: a scalar, a quoted string, a `{…}` flow mapping or
    /// a `|` block scalar (from its indicator to its last line).
    fn value_extent<T>(&self, located: &Located<T>) -> Result<Extent, EditError> {
        let b = self.bytes();
        let Some((start, len)) = span_of(located).filter(|(s, l)| self.text.is_char_boundary(*s) && s + l <= b.len())
        else {
            return fail(self.start_of(located), "mieruka does not know where this value is written");
        };
        if let Some((header, header_end)) = block_scalar_header(b, start) {
            let end = trim_end(b, start + len).max(header_end);
            return Ok(Extent { start: header, end });
        }
        match b.get(start) {
            Some(b'{' | b'[') => match flow_end(b, start) {
                Some(end) => Ok(Extent { start, end }),
                None => fail(start, "this value's braces are not closed"),
            },
            _ if len == 0 => fail(
                start,
                "this value is written as an indented block, which mieruka cannot rewrite; write it on one line, e.g. {value: 36, printed: \"36人\"}",
            ),
            _ => Ok(Extent { start, end: trim_end(b, start + len).max(start) }),
        }
    }

    /// The extent of a whole `{ja, en}` entry value (its Japanese and English texts, or the
    /// braces around them).
    fn text_entry_extent(&self, text: &RawText) -> Result<Extent, EditError> {
        let b = self.bytes();
        let ja = self.value_extent(&text.ja)?;
        let mut extent = ja;
        if let Some(en) = &text.en {
            let en = self.value_extent(en)?;
            extent = Extent { start: ja.start.min(en.start), end: ja.end.max(en.end) };
        }
        // In a flow entry `2024: {ja: …, en: …}` the entry is its braces.
        let key = find_key_before(b, ja.start, "ja");
        if let Some(key) = key.filter(|&k| !is_block_key(b, k))
            && let Some(open) = prev_non_space(b, key).filter(|&i| b.get(i) == Some(&b'{'))
            && let Some(end) = flow_end(b, open)
        {
            extent = Extent { start: open, end };
        }
        Ok(extent)
    }

    /// The entry for `year` whose value is at `extent`: where its key starts and how it is laid out.
    fn entry_of(&self, year: u16, extent: Extent) -> Result<Entry, EditError> {
        let b = self.bytes();
        let key = match find_key_before(b, extent.start, &year.to_string()) {
            Some(key) => key,
            None => match self.block_entry_key(year, extent.start) {
                Some(key) => key,
                None => return fail(extent.start, format!("mieruka cannot find the key {year} of this value")),
            },
        };
        Ok(Entry { year, key, value_end: extent.end, block: is_block_key(b, key) })
    }

    /// The key `year:` of a block entry whose value is an indented mapping, such as
    /// `2024:` above `ja: …`: the nearest line above `inner` that is less indented.
    fn block_entry_key(&self, year: u16, inner: usize) -> Option<usize> {
        let b = self.bytes();
        // The key of the inner mapping (`ja:`) and its indentation.
        let inner_key = find_key_before(b, inner, "ja").or_else(|| find_key_before(b, inner, "en"))?;
        let inner_indent = inner_key - line_start(b, inner_key);
        let mut line = line_start(b, inner_key);
        while line > 0 {
            line = line_start(b, line - 1);
            let indent = indentation(b, line);
            let first = b.get(line + indent);
            if matches!(first, None | Some(b'\n' | b'\r' | b'#')) {
                continue;
            }
            if indent >= inner_indent {
                continue;
            }
            let key = year.to_string();
            let rest = b.get(line + indent..)?;
            let after = rest.strip_prefix(key.as_bytes())?;
            let colon = after.iter().position(|&c| c != b' ' && c != b'\t')?;
            return (after.get(colon) == Some(&b':')).then_some(line + indent);
        }
        None
    }

    /// Inserts the entry `year` among `entries` (the mapping's entries as written), after the
    /// entry of the nearest earlier year, or before the first one, in the mapping's style.
    /// `render` gives the entry's value for the indentation of its key.
    fn insert_entry(
        &mut self,
        entries: &[Entry],
        year: u16,
        render: &dyn Fn(Option<&str>) -> String,
    ) -> Result<(), EditError> {
        let b = self.bytes();
        let before = entries.iter().filter(|e| e.year < year).max_by_key(|e| e.year);
        let Some(first) = entries.iter().min_by_key(|e| e.key) else {
            return fail(0, "the mapping has no entries to place the new one next to");
        };
        let layout = if first.block { Layout::Block } else { Layout::Flow };
        match (before, layout) {
            (Some(e), Layout::Flow) => {
                let text = format!(", {year}: {}", render(None));
                self.push(e.value_end, e.value_end, text);
            }
            (Some(e), Layout::Block) => {
                let indent = " ".repeat(e.key - line_start(b, e.key));
                let at = line_end(b, e.value_end);
                let text = format!("{}{indent}{year}:{}", self.newline, value_after_key(&render(Some(&indent))));
                self.push(at, at, text);
            }
            (None, Layout::Flow) => {
                let text = format!("{year}: {}, ", render(None));
                self.push(first.key, first.key, text);
            }
            (None, Layout::Block) => {
                let indent = " ".repeat(first.key - line_start(b, first.key));
                let at = line_start(b, first.key);
                let text = format!("{indent}{year}:{}{}", value_after_key(&render(Some(&indent))), self.newline);
                self.push(at, at, text);
            }
        }
        Ok(())
    }

    /// Writes the field `key` (with no entries so far) of the item whose `id` is given: fills
    /// `key: {}` where it is written empty, or adds the field after the field `after` (or at
    /// the end of the item) with the item's indentation.
    fn add_field<V: YamlValue>(
        &mut self,
        id: &Located<String>,
        key: &str,
        after: &str,
        entries: &BTreeMap<u16, V>,
        layout: Layout,
    ) -> Result<(), EditError> {
        let b = self.bytes();
        let id_start = self.start_of(id);
        let Some(id_key) = find_key_before(b, id_start, "id") else {
            return fail(id_start, "mieruka cannot find the key `id` of this item");
        };
        if !is_block_key(b, id_key) {
            return fail(
                id_start,
                format!("this item is written in one line ({{…}}); write it as indented lines to import its {key}"),
            );
        }
        let item = Item::around(b, id_key);
        if let Some(field) = item.field(b, key) {
            // `key:` is written with no entries: `key: {}`, `key:`, `key: ~` or `key: null`.
            let after_colon = field.colon + 1;
            let end = comment_start(b, after_colon, line_end(b, after_colon));
            let written = self.text.get(after_colon..end).unwrap_or("").trim();
            if !matches!(written, "" | "{}" | "~" | "null" | "{ }") {
                return fail(after_colon, format!("mieruka cannot read how `{key}:` is written here"));
            }
            let rendered = format!(" {}", flow_map(entries, self.newline));
            self.push(after_colon, trim_end(b, end).max(after_colon), rendered);
            return Ok(());
        }
        let indent = " ".repeat(item.column);
        let at = match item.field(b, after) {
            Some(field) => item.value_end(b, field.line),
            None => item.end,
        };
        let text = match layout {
            Layout::Flow => format!("{}{indent}{key}: {}", self.newline, flow_map(entries, self.newline)),
            Layout::Block => {
                let inner = format!("{indent}  ");
                let mut text = format!("{}{indent}{key}:", self.newline);
                for (year, value) in entries {
                    text.push_str(&format!(
                        "{}{inner}{year}:{}",
                        self.newline,
                        value_after_key(&value.render(Some(&inner), self.newline))
                    ));
                }
                text
            }
        };
        self.push(at, at, text);
        Ok(())
    }

    /// Replaces the text `located` (the value of `key`, `ja` or `en`) by `new`, written in the
    /// style its place allows.
    fn replace_text(&mut self, located: &Located<String>, key: &str, new: &str) -> Result<(), EditError> {
        let b = self.bytes();
        let extent = self.value_extent(located)?;
        let rendered = match find_key_before(b, extent.start, key) {
            Some(k) if is_block_key(b, k) => {
                let indent = " ".repeat(k - line_start(b, k));
                yaml_scalar(new, Some(&indent), self.newline)
            }
            _ => yaml_scalar(new, None, self.newline),
        };
        self.push(extent.start, extent.end, rendered);
        Ok(())
    }

    /// Adds `en: …` after the Japanese text of `written`, which has none.
    fn add_english(&mut self, written: &RawText, en: &str) -> Result<(), EditError> {
        let b = self.bytes();
        let ja = self.value_extent(&written.ja)?;
        let Some(key) = find_key_before(b, ja.start, "ja") else {
            return fail(ja.start, "mieruka cannot find the key `ja` of this text");
        };
        if is_block_key(b, key) {
            let indent = " ".repeat(key - line_start(b, key));
            let at = line_end(b, ja.end);
            let text = format!(
                "{}{indent}en:{}",
                self.newline,
                value_after_key(&yaml_scalar(en, Some(&indent), self.newline))
            );
            self.push(at, at, text);
        } else {
            self.push(ja.end, ja.end, format!(", en: {}", yaml_scalar(en, None, self.newline)));
        }
        Ok(())
    }
}

/// How a mapping is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `{2024: 77, 2025: 79}`.
    Flow,
    /// One entry per line.
    Block,
}

/// Where a value is written, in bytes (for a `|` block scalar, from its `|`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    start: usize,
    end: usize,
}

/// An entry of a mapping as written.
#[derive(Debug, Clone, Copy)]
struct Entry {
    year: u16,
    /// Where its key starts.
    key: usize,
    /// Where its value ends.
    value_end: usize,
    /// Whether the mapping is written one entry per line.
    block: bool,
}
