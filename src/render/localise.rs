//! The words of one language: interface labels from the theme, texts with their fallback,
//! numbers, statuses and their symbols. The page builders use it to fill the views.

use std::collections::BTreeMap;

use super::theme::Theme;
use super::views::{CountRow, LText, NoteView, StatusView};
use crate::compute::{Status, StatusCounts};
use crate::lang::Lang;
use crate::model::{Note, NoteKind, SiteConfig, Text, Value};
use crate::number::format_number;

/// Localises texts, numbers and statuses for one language.
pub(crate) struct Localiser<'a> {
    /// The language.
    pub(crate) lang: Lang,
    /// The interface words of that language.
    pub(crate) labels: &'a BTreeMap<String, String>,
}

impl Localiser<'_> {
    /// An interface word; the key itself if the theme lacks it.
    pub(crate) fn label(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// A text in this language, falling back to Japanese with a pending note.
    pub(crate) fn text(&self, text: &Text) -> LText {
        match text.get(self.lang) {
            Some(t) => LText { text: t.to_owned(), lang: None, pending: None },
            None => LText {
                text: text.ja.clone(),
                lang: Some(Lang::Ja.code()),
                pending: Some(self.label("translation_pending")),
            },
        }
    }

    /// A text as a plain string (for titles and attributes), falling back to Japanese.
    pub(crate) fn plain(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or(&text.ja).to_owned()
    }

    /// Notes, localised.
    pub(crate) fn notes(&self, notes: &[Note]) -> Vec<NoteView> {
        notes.iter().map(|n| NoteView { kind: n.kind.key(), text: self.text(&n.text) }).collect()
    }

    /// A value as shown in a table cell.
    pub(crate) fn value(&self, value: Option<&Value>) -> String {
        match value {
            None => String::new(),
            Some(Value::Number(n)) => format_number(*n),
            Some(Value::Absent { .. }) => self.label("no_value"),
            Some(Value::UnderConsideration) => self.label("under_consideration"),
            Some(Value::Printed { printed, .. }) => printed.clone(),
        }
    }

    /// A status with its label and icon.
    pub(crate) fn status(&self, status: Status) -> StatusView {
        StatusView {
            key: status.key(),
            label: self.label(&format!("status_{}", status.key())),
            icon: status_icon(status),
        }
    }

    /// The rows of a roll-up: every status, including empty ones.
    pub(crate) fn count_rows(&self, counts: &StatusCounts) -> Vec<CountRow> {
        Status::ALL.into_iter().map(|s| CountRow { status: self.status(s), count: counts.get(s) }).collect()
    }

    /// Punctuation of a list in this language: item separator, sentence end, label separator.
    pub(crate) fn punctuation(&self) -> (&'static str, &'static str, &'static str) {
        match self.lang {
            Lang::Ja => ("、", "。", "："),
            Lang::En => (", ", ". ", ": "),
        }
    }
}

/// The theme's interface words for `lang`, with the site's own names filled in where a word
/// names a level or the length of the plan: `{goal_area}` (`{goal_area_lc}` in the middle of a
/// sentence), `{basic_policy}`, `{policy}`, `{measure}`, `{action}`, `{indicator}` and
/// `{plan_years}`. So a city that calls its goal areas 取組の柱 sees that name everywhere.
pub(crate) fn interface_words(theme: &Theme, config: &SiteConfig, lang: Lang) -> BTreeMap<String, String> {
    let empty = BTreeMap::new();
    theme
        .labels
        .get(&lang)
        .unwrap_or(&empty)
        .iter()
        .map(|(key, word)| (key.clone(), with_site_names(word, config, lang)))
        .collect()
}

/// `text` with the site's names of its levels and the length of its plan filled in (see
/// [`interface_words`] for the placeholders).
pub(crate) fn with_site_names(text: &str, config: &SiteConfig, lang: Lang) -> String {
    if !text.contains('{') {
        return text.to_owned();
    }
    let levels = &config.levels;
    let mut out = text.replace("{plan_years}", &config.years.len().to_string());
    for (key, level) in [
        ("basic_policy", &levels.basic_policy),
        ("goal_area", &levels.goal_area),
        ("policy", &levels.policy),
        ("measure", &levels.measure),
        ("action", &levels.action),
        ("indicator", &levels.indicator),
    ] {
        let word = level.get(lang).unwrap_or(&level.ja);
        let mut chars = word.chars();
        let lower: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
        out = out.replace(&format!("{{{key}_lc}}"), &lower).replace(&format!("{{{key}}}"), word);
    }
    out
}

/// Whether any note says the item's text is lost in the source.
pub(crate) fn has_missing_text(notes: &[Note]) -> bool {
    notes.iter().any(|n| n.kind == NoteKind::MissingText)
}

/// Symbols that tell statuses apart without colour, as Japanese reports do: ◎ ○ △.
pub(crate) fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Achieved => "◎",
        Status::OnTrack => "○",
        Status::Behind => "△",
        Status::NoData => "－",
        Status::UnderConsideration => "…",
    }
}

/// The printed number of an action or sub-item: ① for 1, up to ㊿; `(51)` beyond.
pub(crate) fn circled(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_numbers() {
        assert_eq!(circled(1), "①");
        assert_eq!(circled(20), "⑳");
        assert_eq!(circled(21), "㉑");
        assert_eq!(circled(50), "㊿");
        assert_eq!(circled(51), "(51)");
    }

    #[test]
    fn english_falls_back_to_japanese_marked_pending() {
        let labels: BTreeMap<String, String> =
            [("translation_pending".to_owned(), "English translation pending".to_owned())].into();
        let l = Localiser { lang: Lang::En, labels: &labels };
        let t = l.text(&Text { ja: "商店街".into(), en: None });
        assert_eq!(t.text, "商店街");
        assert_eq!(t.lang, Some("ja"));
        assert_eq!(t.pending.as_deref(), Some("English translation pending"));
    }
}
