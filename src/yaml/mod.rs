//! The one YAML reader: content files, theme word lists and the live preview all parse YAML
//! through [`parse_yaml`], so every YAML problem is reported the same way, located.

use std::path::Path;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, Loc};

mod outline;

/// The one function through which mieruka reads YAML: parses `text` (the content of `file`)
/// into `T`, or describes the first problem with its location.
///
/// mieruka uses serde-saphyr: serde_yaml is archived and unmaintained, and serde-saphyr keeps
/// the line and column of every value (`Spanned<T>`) for messages, is fuzzed and does not
/// panic on malformed input.
pub fn parse_yaml<T: DeserializeOwned>(file: &Arc<Path>, text: &str) -> Result<T, Diagnostic> {
    if let Some(problem) = not_one_document(file, text) {
        return Err(problem);
    }
    let options = serde_saphyr::options! { with_snippet: false };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let loc = match err.location() {
            Some(at) if at.line() > 0 => Loc { file: Arc::clone(file), line: at.line(), column: at.column() },
            _ => Loc::file(file),
        };
        let (code, message, help) = explain(&err);
        let line = text.lines().nth(usize::try_from(loc.line).unwrap_or(0).saturating_sub(1)).unwrap_or("");
        let (code, message, help) = slip(line, &message).unwrap_or((code, message, help));
        let item = (code != Code::YamlSyntax && loc.line > 0)
            .then(|| outline::mapping_at(text, loc.line, loc.column))
            .flatten();
        match item {
            // A missing field is reported where the mapping that lacks it starts.
            Some(item) if code == Code::MissingField => {
                let at = Loc { file: Arc::clone(file), line: item.line, column: item.column };
                let message = format!("{} lacks the {}", item.name, message.trim_start_matches("missing "));
                Diagnostic::error(code, at, message).help(help)
            }
            Some(item) => Diagnostic::error(code, loc, format!("{}: {message}", item.name)).help(help),
            None => Diagnostic::error(code, loc, message).help(help),
        }
    })
}

/// A file that holds no YAML document (only blank lines and comments) or more than one.
fn not_one_document(file: &Arc<Path>, text: &str) -> Option<Diagnostic> {
    let at_line = |line: usize| Loc { file: Arc::clone(file), line: line as u64, column: 1 };
    let is_content = |line: &str| !line.trim().is_empty() && !line.trim_start().starts_with('#');
    let Some(first) = text.lines().position(is_content) else {
        return Some(
            Diagnostic::error(Code::MissingField, at_line(1), "this file is empty")
                .help("write its fields (docs/format.md lists them), or delete the file"),
        );
    };
    let second = text.lines().enumerate().skip(first + 1).find(|(_, l)| l.trim_end() == "---")?;
    Some(
        Diagnostic::error(Code::YamlSyntax, at_line(second.0 + 1), "this file holds more than one YAML document")
            .help("remove the line `---`: each content file is one document"),
    )
}

/// The two slips people make most when typing YAML by hand, recognised from the line and the
/// parser's message: a colon without a space after it (`no:1`), and an unquoted comma inside
/// `{ja: …, en: …}` that cuts a text in two.
fn slip(line: &str, message: &str) -> Option<(Code, String, String)> {
    // `key:value`: the first colon of the line, right after a key, with no space after it.
    let content = line.trim_start().trim_start_matches("- ");
    if let Some((key, rest)) = content.split_once(':')
        && !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && rest.starts_with(|c: char| !c.is_whitespace())
    {
        return Some((
            Code::YamlSyntax,
            format!("the colon after `{key}` has no space after it, so YAML reads `{key}:…` as one word"),
            format!("write a space after the colon: `{key}: …`"),
        ));
    }
    let field = message.strip_prefix("unknown field `")?.split('`').next()?;
    let cut_text = field.chars().any(|c| !(c.is_ascii_alphanumeric() || c == '_'));
    cut_text.then(|| {
        (
            Code::YamlSyntax,
            format!("`{field}` is read as a field: a comma inside {{…}} ends the text before it"),
            "put the whole text in quotes, e.g. en: \"Shops, for this trial only\"".to_owned(),
        )
    })
}

/// Parser messages that name its options or internals, said as a content editor would.
fn in_plain_words(message: &str) -> Option<(Code, String, String)> {
    let (code, said, help) = if let Some(key) = message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key);
        (Code::YamlSyntax, format!("the key `{key}` is written twice here"), "keep one of them")
    } else if message.starts_with("tabs disallowed") {
        (
            Code::YamlSyntax,
            "a tab is used for indentation".to_owned(),
            "indent with spaces only; YAML does not allow tabs there",
        )
    } else if message.contains("did not find expected '-' indicator") {
        (
            Code::YamlSyntax,
            "this line is indented differently from the list items around it".to_owned(),
            "line up the `-` of every item of a list at the same column, and indent an item's fields by two spaces more",
        )
    } else if message.starts_with("mapping values are not allowed in this context") {
        (
            Code::YamlSyntax,
            "a `key: value` where YAML expects text: this line is indented more than the field above it, or a text holds \": \"".to_owned(),
            "line up the fields of one item at the same column, or put a text that contains \": \" in quotes",
        )
    } else if message.contains("did not find expected key") {
        (
            Code::YamlSyntax,
            "this line is indented differently from the fields around it".to_owned(),
            "line up the fields of one item at the same column; a field's value goes after `: ` or, indented further, on the next lines",
        )
    } else if message.starts_with("non-finite float") {
        (Code::NotANumber, "this number is too large".to_owned(), "write the number as printed in the source")
    } else {
        return None;
    };
    Some((code, said, help.to_owned()))
}

/// The parser's message, in plain words where it names a Rust type, with advice that fits the
/// kind of mistake.
fn explain(err: &serde_saphyr::Error) -> (Code, String, String) {
    let mut message = err.without_snippet().to_string();
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let expected = match message.as_str() {
        "invalid u16" | "invalid u32" | "invalid u64" => Some("a whole number (0 or more)"),
        "invalid f64" => Some("a number"),
        "invalid bool" => Some("true or false"),
        _ => None,
    };
    if let Some(expected) = expected {
        return (
            Code::WrongType,
            format!("this value must be {expected}"),
            "write the value without quotes, units or separators; docs/format.md gives each field's type".to_owned(),
        );
    }
    if let Some(plain) = in_plain_words(&message) {
        return plain;
    }
    let (code, help) = if message.starts_with("unknown field") {
        (
            Code::UnknownField,
            "correct the spelling or remove the field; the fields allowed here are listed above and in docs/format.md",
        )
    } else if message.starts_with("missing field") {
        (Code::MissingField, "add the field; docs/format.md says what it holds")
    } else if message.contains("while parsing") || message.contains("while scanning") {
        (
            Code::YamlSyntax,
            "fix the YAML syntax here: put text that contains ': ', ' #', '[', ']', '{', '}' or ',' in quotes, and check the indentation",
        )
    } else {
        (
            Code::WrongType,
            "compare the value with the field's type in docs/format.md; an editor with the schema from `mieruka schema` flags such mistakes as you type",
        )
    };
    (code, message, help.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_are_located() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let file: Arc<Path> = Arc::from(Path::new("x.yaml"));
        let err = parse_yaml::<T>(&file, "a: 1\nb: 2\n").unwrap_err();
        assert_eq!(err.loc().map(|l| (l.line, l.column)).unwrap_or_default(), (2, 1));
        assert!(err.message.contains("unknown field"), "{}", err.message);
        assert_eq!(err.code, Code::UnknownField);
    }
}
