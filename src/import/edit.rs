//! Changing values in a YAML file in place: each edit replaces the exact text of one value, or
//! inserts one entry next to its siblings in the same style, so that every comment, key order
//! and line of formatting elsewhere stays as it was.
//!
//! The values are found through the positions the loader keeps ([`Located`]); where a mapping
//! has no entry yet, its key is found by reading the lines of the item it belongs to. Whatever
//! this module writes is read back and compared by the caller before any file is written.

use std::collections::BTreeMap;

use crate::raw::{Located, RawAction, RawIndicator, RawText, RawValue};

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
                    self.push(extent.start, extent.end, format_number(value));
                    changed.insert(year, Replaced { old: old_text });
                }
                None => {
                    new_years.insert(year, format_number(value));
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
    fn add_field<V: Render>(
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
                render_text(new, Some(&indent), self.newline)
            }
            _ => render_text(new, None, self.newline),
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
                value_after_key(&render_text(en, Some(&indent), self.newline))
            );
            self.push(at, at, text);
        } else {
            self.push(ja.end, ja.end, format!(", en: {}", render_text(en, None, self.newline)));
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

/// A value that can be written as a mapping entry.
trait Render {
    /// The value, for a key indented by `indent` in a block mapping (`None`: inside `{…}`).
    fn render(&self, indent: Option<&str>, newline: &str) -> String;
}

impl Render for String {
    fn render(&self, _: Option<&str>, _: &str) -> String {
        self.clone()
    }
}

/// A new `done` entry.
#[derive(Debug, Clone)]
struct DoneEntry {
    ja: String,
    en: Option<String>,
}

impl Render for DoneEntry {
    fn render(&self, indent: Option<&str>, newline: &str) -> String {
        match indent {
            Some(indent) => {
                let inner = format!("{indent}  ");
                let mut out =
                    format!("{newline}{inner}ja:{}", value_after_key(&render_text(&self.ja, Some(&inner), newline)));
                if let Some(en) = &self.en {
                    out.push_str(&format!(
                        "{newline}{inner}en:{}",
                        value_after_key(&render_text(en, Some(&inner), newline))
                    ));
                }
                out
            }
            None => {
                let mut out = format!("{{ja: {}", render_text(&self.ja, None, newline));
                if let Some(en) = &self.en {
                    out.push_str(&format!(", en: {}", render_text(en, None, newline)));
                }
                out.push('}');
                out
            }
        }
    }
}

/// `{2025: 79, 2026: 80}`.
fn flow_map<V: Render>(entries: &BTreeMap<u16, V>, newline: &str) -> String {
    let inner: Vec<String> = entries.iter().map(|(y, v)| format!("{y}: {}", v.render(None, newline))).collect();
    format!("{{{}}}", inner.join(", "))
}

/// What follows `key:` for `value`: a space before a value on the same line, nothing before a
/// value that starts on the next line.
fn value_after_key(value: &str) -> String {
    if value.starts_with('\n') || value.starts_with("\r\n") { value.to_owned() } else { format!(" {value}") }
}

/// The lines of one item of a block sequence or mapping (an indicator or an action).
struct Item {
    /// The column (in bytes, all spaces) where its fields' keys start.
    column: usize,
    /// The start of its first line.
    start: usize,
    /// The end of its last line that holds anything (before the line break).
    end: usize,
}

/// A field of an item: where its line starts and where its colon is.
struct Field {
    line: usize,
    colon: usize,
}

impl Item {
    /// The item whose key at `key` (the start of a key such as `id`) belongs to it.
    fn around(b: &[u8], key: usize) -> Self {
        let first = line_start(b, key);
        let column = key - first;
        let starts_item = |line: usize| {
            let indent = indentation(b, line);
            indent + 2 == column && b.get(line + indent) == Some(&b'-')
        };
        // Upwards to the line of the item's `- `.
        let mut start = first;
        if !starts_item(first) {
            let mut line = first;
            while line > 0 {
                line = line_start(b, line - 1);
                if is_blank_or_comment(b, line) {
                    continue;
                }
                if starts_item(line) {
                    start = line;
                    break;
                }
                if indentation(b, line) < column {
                    break;
                }
                start = line;
            }
        }
        // Downwards while lines are indented at least as far as its fields.
        let mut end = line_end(b, key);
        let mut line = next_line(b, key);
        while let Some(at) = line {
            if !is_blank_or_comment(b, at) {
                if indentation(b, at) < column {
                    break;
                }
                end = line_end(b, at);
            }
            line = next_line(b, at);
        }
        Self { column, start, end }
    }

    /// The field `key` of the item, if it is written.
    fn field(&self, b: &[u8], key: &str) -> Option<Field> {
        let mut line = Some(self.start);
        while let Some(at) = line.filter(|&at| at <= self.end) {
            line = next_line(b, at);
            let Some(prefix) = b.get(at..at + self.column) else {
                continue;
            };
            let is_key_line = prefix.iter().all(|&c| c == b' ')
                || (prefix.ends_with(b"- ") && prefix[..prefix.len() - 2].iter().all(|&c| c == b' '));
            if is_key_line
                && let Some(after) = b.get(at + self.column..).and_then(|rest| rest.strip_prefix(key.as_bytes()))
            {
                let spaces = after.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
                if after.get(spaces) == Some(&b':') {
                    return Some(Field { line: at, colon: at + self.column + key.len() + spaces });
                }
            }
        }
        None
    }

    /// The end of the last line of the value of the field on `line`.
    fn value_end(&self, b: &[u8], line: usize) -> usize {
        let mut end = line_end(b, line);
        let mut next = next_line(b, line);
        while let Some(at) = next.filter(|&at| at <= self.end) {
            if !is_blank_or_comment(b, at) {
                let indent = indentation(b, at);
                let sequence_item = indent == self.column && b.get(at + indent) == Some(&b'-');
                if indent < self.column || (indent == self.column && !sequence_item) {
                    break;
                }
                end = line_end(b, at);
            }
            next = next_line(b, at);
        }
        end
    }
}

/// The byte offset and length of `located` in the text it was parsed from.
fn span_of<T>(located: &Located<T>) -> Option<(usize, usize)> {
    let span = located.0.referenced.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    Some((start, len))
}

/// The start of the line that holds `at`.
fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    b[..at].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1)
}

/// The end of the line that holds `at`, before its line break.
fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    let end = b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |i| at + i);
    if end > at && b.get(end - 1) == Some(&b'\r') { end - 1 } else { end }
}

/// The start of the line after the one that holds `at`.
fn next_line(b: &[u8], at: usize) -> Option<usize> {
    let at = at.min(b.len());
    b[at..].iter().position(|&c| c == b'\n').map(|i| at + i + 1).filter(|&n| n < b.len())
}

/// The number of spaces that start the line starting at `line`.
fn indentation(b: &[u8], line: usize) -> usize {
    b.get(line..).map_or(0, |rest| rest.iter().take_while(|&&c| c == b' ').count())
}

fn is_blank_or_comment(b: &[u8], line: usize) -> bool {
    matches!(b.get(line + indentation(b, line)), None | Some(b'\n' | b'\r' | b'#' | b'\t'))
}

/// `end` moved back over trailing white space.
fn trim_end(b: &[u8], end: usize) -> usize {
    let mut end = end.min(b.len());
    while end > 0 && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The position of the last character before `at` that is not white space.
fn prev_non_space(b: &[u8], at: usize) -> Option<usize> {
    let end = trim_end(b, at);
    end.checked_sub(1)
}

/// Where a ` # comment` starts between `from` and `end` (or `end`).
fn comment_start(b: &[u8], from: usize, end: usize) -> usize {
    let mut i = from;
    while i < end {
        if b[i] == b'#' && (i == 0 || matches!(b[i - 1], b' ' | b'\t')) {
            return i;
        }
        i += 1;
    }
    end
}

/// Whether the key starting at `key` begins its line (after indentation and `- `), so that
/// its mapping is written one entry per line.
fn is_block_key(b: &[u8], key: usize) -> bool {
    let start = line_start(b, key);
    let prefix = &b[start..key.min(b.len())];
    let plain = prefix.iter().all(|&c| c == b' ' || c == b'-');
    if !plain {
        return false;
    }
    // A line inside a `{…}` written over several lines also starts with its key.
    !matches!(prev_non_space(b, start).and_then(|i| b.get(i)), Some(b'{' | b','))
}

/// The start of the key `key` whose value starts at `value` (`key: value`, with the value
/// possibly on a later line), if that is how it is written.
fn find_key_before(b: &[u8], value: usize, key: &str) -> Option<usize> {
    let value = value.min(b.len());
    let mut i = value;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r') {
        i -= 1;
    }
    if i == 0 || b[i - 1] != b':' {
        return None;
    }
    i -= 1;
    while i > 0 && matches!(b[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    let key = key.as_bytes();
    let start = if i > 0 && matches!(b[i - 1], b'"' | b'\'') {
        let quote = b[i - 1];
        let inner = i - 1;
        let open = inner.checked_sub(key.len() + 1)?;
        (b.get(open) == Some(&quote) && b.get(open + 1..inner) == Some(key)).then_some(open)?
    } else {
        let open = i.checked_sub(key.len())?;
        (b.get(open..i) == Some(key)).then_some(open)?
    };
    let boundary = start == 0 || matches!(b[start - 1], b' ' | b'\t' | b'\n' | b'{' | b',');
    boundary.then_some(start)
}

/// If the text at `content` is the first line of a `|` or `>` block scalar, the start and end
/// of its header (`|`, `|-`, `>+` …) on the line above.
fn block_scalar_header(b: &[u8], content: usize) -> Option<(usize, usize)> {
    let line = line_start(b, content);
    if b.get(line..content)?.iter().any(|&c| c != b' ') {
        return None;
    }
    // The nearest line above that holds anything.
    let mut above = line;
    loop {
        if above == 0 {
            return None;
        }
        above = line_start(b, above - 1);
        if !matches!(b.get(above + indentation(b, above)), Some(b'\n' | b'\r') | None) {
            break;
        }
    }
    let end = line_end(b, above);
    let end = trim_end(b, comment_start(b, above, end));
    let mut i = end;
    while i > above && matches!(b[i - 1], b'-' | b'+' | b'1'..=b'9') {
        i -= 1;
    }
    if i == above || !matches!(b[i - 1], b'|' | b'>') {
        return None;
    }
    let header = i - 1;
    let before = header.checked_sub(1).and_then(|j| b.get(j));
    matches!(before, Some(b' ' | b'\t')).then_some((header, end))
}

/// The end (after the closing bracket) of the flow collection opening at `open`.
fn flow_end(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        let c = b[i];
        let starts_value = i == open || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'\r' | b'{' | b'[' | b',' | b':');
        match c {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'"' if starts_value => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\'' if starts_value => {
                i += 1;
                while i < b.len() {
                    if b[i] == b'\'' {
                        if b.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            break;
                        }
                    }
                    i += 1;
                }
            }
            b'#' if i > 0 && matches!(b[i - 1], b' ' | b'\t') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A value's text on one line, for the summary.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number as mieruka writes it in YAML: `79`, `0.5`.
pub(super) fn format_number(value: f64) -> String {
    format!("{value}")
}

/// The string YAML gives back for a text written by [`render_text`]: a text of several lines
/// ends with a line break, as the `|` blocks in content do.
pub(super) fn stored_text(text: &str) -> String {
    if text.contains('\n') { format!("{text}\n") } else { text.to_owned() }
}

/// `text` as a YAML scalar: plain where that reads back the same, a `|` block for several
/// lines where the key is indented by `indent`, double-quoted otherwise (and inside `{…}`).
fn render_text(text: &str, indent: Option<&str>, newline: &str) -> String {
    if !text.contains('\n') && is_plain_safe(text, indent.is_none()) {
        return text.to_owned();
    }
    if let Some(indent) = indent
        && text.contains('\n')
        && block_safe(text)
    {
        let mut out = String::from("|");
        for line in text.split('\n') {
            out.push_str(newline);
            if !line.is_empty() {
                out.push_str(indent);
                out.push_str("  ");
                out.push_str(line);
            }
        }
        return out;
    }
    double_quoted(&stored_text(text))
}

/// Whether `text` can be written as a plain scalar and read back unchanged.
fn is_plain_safe(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let last = text.chars().last().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_ascii_digit() || first == '.' || first == '+' {
        return false;
    }
    let unusual = |c: char| c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}');
    if text.contains(": ") || text.contains(" #") || text.contains('\t') || text.chars().any(unusual) {
        return false;
    }
    if in_flow && text.chars().any(|c| ",[]{}".contains(c)) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    !matches!(lower.as_str(), "true" | "false" | "null" | "~" | "yes" | "no" | "on" | "off" | "y" | "n")
}

/// Whether `text` (of several lines) can be written as a `|` block and read back unchanged.
fn block_safe(text: &str) -> bool {
    let first_filled = text.split('\n').find(|l| !l.trim().is_empty());
    let starts_indented = first_filled.is_some_and(|l| l.starts_with(' ') || l.starts_with('\t'));
    !starts_indented
        && !text.ends_with('\n')
        && !text.chars().any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'))
}

/// `text` as a double-quoted YAML scalar.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_collections_end_at_their_brace() {
        let b = br#"a: {value: 36, printed: "3}6", x: 'it''s'} # c"#;
        assert_eq!(flow_end(b, 3), Some(b.len() - 4));
        assert_eq!(flow_end(b"{a: [1, {b: 2}]}, z", 0), Some(16));
        assert_eq!(flow_end(b"{a: 1", 0), None);
    }

    #[test]
    fn keys_are_found_before_their_values() {
        let b = b"  actuals: {2024: 77, \"2025\": 5}\n";
        assert_eq!(find_key_before(b, 18, "2024"), Some(12));
        assert_eq!(find_key_before(b, 30, "2025"), Some(22));
        assert_eq!(find_key_before(b, 18, "024"), None);
        assert!(!is_block_key(b, 12));
        assert!(is_block_key(b, 2));
    }

    #[test]
    fn block_scalar_headers() {
        let text = "ja: |-  # c\n\n  line\n";
        let content = text.find("line").unwrap();
        assert_eq!(block_scalar_header(text.as_bytes(), content), Some((4, 6)));
        let plain = "ja:\n  line\n";
        assert_eq!(block_scalar_header(plain.as_bytes(), plain.find("line").unwrap()), None);
    }

    #[test]
    fn texts_are_rendered_so_that_they_read_back() {
        assert_eq!(render_text("運営支援", None, "\n"), "運営支援");
        assert_eq!(render_text("a: b", None, "\n"), "\"a: b\"");
        assert_eq!(render_text("2件", None, "\n"), "\"2件\"");
        assert_eq!(render_text("一\n二", Some("    "), "\n"), "|\n      一\n      二");
        assert_eq!(render_text("一\n\n二", Some(""), "\n"), "|\n  一\n\n  二");
        assert_eq!(render_text("一\n二", None, "\n"), "\"一\\n二\\n\"");
        assert_eq!(render_text(" 一\n二", Some(""), "\n"), "\" 一\\n二\\n\"");
    }
}
