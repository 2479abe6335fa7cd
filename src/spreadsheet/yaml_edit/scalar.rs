//! Scalars and small mappings written so that they read back as the same value: plain where
//! that is safe, double-quoted where it is not, `|` blocks for multi-line texts in block mappings.

use std::collections::BTreeMap;

/// A value that can be written as a mapping entry.
pub(super) trait YamlValue {
    /// The value, for a key indented by `indent` in a block mapping (`None`: inside `{…}`).
    fn render(&self, indent: Option<&str>, newline: &str) -> String;
}

impl YamlValue for String {
    fn render(&self, _: Option<&str>, _: &str) -> String {
        self.clone()
    }
}

/// A new `done` entry.
#[derive(Debug, Clone)]
pub(super) struct DoneEntry {
    pub(super) ja: String,
    pub(super) en: Option<String>,
}

impl YamlValue for DoneEntry {
    fn render(&self, indent: Option<&str>, newline: &str) -> String {
        match indent {
            Some(indent) => {
                let inner = format!("{indent}  ");
                let mut out =
                    format!("{newline}{inner}ja:{}", value_after_key(&yaml_scalar(&self.ja, Some(&inner), newline)));
                if let Some(en) = &self.en {
                    out.push_str(&format!(
                        "{newline}{inner}en:{}",
                        value_after_key(&yaml_scalar(en, Some(&inner), newline))
                    ));
                }
                out
            }
            None => {
                let mut out = format!("{{ja: {}", yaml_scalar(&self.ja, None, newline));
                if let Some(en) = &self.en {
                    out.push_str(&format!(", en: {}", yaml_scalar(en, None, newline)));
                }
                out.push('}');
                out
            }
        }
    }
}

/// `{2025: 79, 2026: 80}`.
pub(super) fn flow_map<V: YamlValue>(entries: &BTreeMap<u16, V>, newline: &str) -> String {
    let inner: Vec<String> = entries.iter().map(|(y, v)| format!("{y}: {}", v.render(None, newline))).collect();
    format!("{{{}}}", inner.join(", "))
}

/// What follows `key:` for `value`: a space before a value on the same line, nothing before a
/// value that starts on the next line.
pub(super) fn value_after_key(value: &str) -> String {
    if value.starts_with('\n') || value.starts_with("\r\n") { value.to_owned() } else { format!(" {value}") }
}

/// A value's text on one line, for the summary.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number as mieruka writes it in YAML: `79`, `0.5`.
pub(crate) fn yaml_number(value: f64) -> String {
    format!("{value}")
}

/// The string YAML gives back for a text written by [`yaml_scalar`]: a text of several lines
/// ends with a line break, as the `|` blocks in content do.
pub(crate) fn stored_text(text: &str) -> String {
    if text.contains('\n') { format!("{text}\n") } else { text.to_owned() }
}

/// `text` as a YAML scalar: plain where that reads back the same, a `|` block for several
/// lines where the key is indented by `indent`, double-quoted otherwise (and inside `{…}`).
pub(super) fn yaml_scalar(text: &str, indent: Option<&str>, newline: &str) -> String {
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
pub(super) fn is_plain_safe(text: &str, in_flow: bool) -> bool {
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
pub(super) fn block_safe(text: &str) -> bool {
    let first_filled = text.split('\n').find(|l| !l.trim().is_empty());
    let starts_indented = first_filled.is_some_and(|l| l.starts_with(' ') || l.starts_with('\t'));
    !starts_indented
        && !text.ends_with('\n')
        && !text.chars().any(|c| (c.is_control() && c != '\n') || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}'))
}

/// `text` as a double-quoted YAML scalar.
pub(super) fn double_quoted(text: &str) -> String {
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
    fn texts_are_rendered_so_that_they_read_back() {
        assert_eq!(yaml_scalar("運営支援", None, "\n"), "運営支援");
        assert_eq!(yaml_scalar("a: b", None, "\n"), "\"a: b\"");
        assert_eq!(yaml_scalar("2件", None, "\n"), "\"2件\"");
        assert_eq!(yaml_scalar("一\n二", Some("    "), "\n"), "|\n      一\n      二");
        assert_eq!(yaml_scalar("一\n\n二", Some(""), "\n"), "|\n  一\n\n  二");
        assert_eq!(yaml_scalar("一\n二", None, "\n"), "\"一\\n二\\n\"");
        assert_eq!(yaml_scalar(" 一\n二", Some(""), "\n"), "\" 一\\n二\\n\"");
    }
}
