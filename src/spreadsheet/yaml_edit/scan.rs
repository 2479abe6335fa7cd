//! Byte-level locating in a YAML file: lines, indentation, comments, keys before their values,
//! block scalar headers and the ends of flow collections. Pure functions of `&[u8]`.

use crate::raw::Located;

/// The lines of one item of a block sequence or mapping (an indicator or an action).
pub(super) struct Item {
    /// The column (in bytes, all spaces) where its fields' keys start.
    pub(super) column: usize,
    /// The start of its first line.
    pub(super) start: usize,
    /// The end of its last line that holds anything (before the line break).
    pub(super) end: usize,
}

/// A field of an item: where its line starts and where its colon is.
pub(super) struct Field {
    pub(super) line: usize,
    pub(super) colon: usize,
}

impl Item {
    /// The item whose key at `key` (the start of a key such as `id`) belongs to it.
    pub(super) fn around(b: &[u8], key: usize) -> Self {
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
    pub(super) fn field(&self, b: &[u8], key: &str) -> Option<Field> {
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
    pub(super) fn value_end(&self, b: &[u8], line: usize) -> usize {
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
pub(super) fn span_of<T>(located: &Located<T>) -> Option<(usize, usize)> {
    let span = located.0.referenced.span();
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    Some((start, len))
}

/// The start of the line that holds `at`.
pub(super) fn line_start(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    b[..at].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1)
}

/// The end of the line that holds `at`, before its line break.
pub(super) fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    let end = b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |i| at + i);
    if end > at && b.get(end - 1) == Some(&b'\r') { end - 1 } else { end }
}

/// The start of the line after the one that holds `at`.
pub(super) fn next_line(b: &[u8], at: usize) -> Option<usize> {
    let at = at.min(b.len());
    b[at..].iter().position(|&c| c == b'\n').map(|i| at + i + 1).filter(|&n| n < b.len())
}

/// The number of spaces that start the line starting at `line`.
pub(super) fn indentation(b: &[u8], line: usize) -> usize {
    b.get(line..).map_or(0, |rest| rest.iter().take_while(|&&c| c == b' ').count())
}

pub(super) fn is_blank_or_comment(b: &[u8], line: usize) -> bool {
    matches!(b.get(line + indentation(b, line)), None | Some(b'\n' | b'\r' | b'#' | b'\t'))
}

/// `end` moved back over trailing white space.
pub(super) fn trim_end(b: &[u8], end: usize) -> usize {
    let mut end = end.min(b.len());
    while end > 0 && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The position of the last character before `at` that is not white space.
pub(super) fn prev_non_space(b: &[u8], at: usize) -> Option<usize> {
    let end = trim_end(b, at);
    end.checked_sub(1)
}

/// Where a ` # comment` starts between `from` and `end` (or `end`).
pub(super) fn comment_start(b: &[u8], from: usize, end: usize) -> usize {
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
pub(super) fn is_block_key(b: &[u8], key: usize) -> bool {
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
pub(super) fn find_key_before(b: &[u8], value: usize, key: &str) -> Option<usize> {
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
pub(super) fn block_scalar_header(b: &[u8], content: usize) -> Option<(usize, usize)> {
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
pub(super) fn flow_end(b: &[u8], open: usize) -> Option<usize> {
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
}
