//! The words of one language: interface labels from the theme, texts with their fallback,
//! numbers, statuses and their symbols. The page builders use it to fill the views.

use std::collections::BTreeMap;

use super::citations::cite_pages;
use super::language::runs;
use super::theme::Theme;
use super::views::{ChangeView, CountRow, LText, NoteView, NotesView, StatusView};
use crate::compute::{Change, ChangeCounts, Status, StatusCounts};
use crate::lang::Lang;
use crate::model::{Note, NoteKind, SiteConfig, Text, Value};
use crate::number::format_number;

/// Localises texts, numbers and statuses for one language.
pub(crate) struct Localiser<'a> {
    /// The language.
    pub(crate) lang: Lang,
    /// The interface words of that language.
    pub(crate) labels: &'a BTreeMap<String, String>,
    /// The first line of each page of the source's text extraction, so that notes cite pages.
    pub(crate) page_lines: &'a [u32],
}

impl Localiser<'_> {
    /// An interface word; the key itself if the theme lacks it.
    pub(crate) fn label(&self, key: &str) -> String {
        self.labels.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// A text in this language, falling back to Japanese with a pending note; a text the
    /// source lost says so, in this language.
    pub(crate) fn text(&self, text: &Text) -> LText {
        if text.ja.trim().is_empty() {
            return LText { lost: true, ..self.mark(self.label("text_lost")) };
        }
        match text.get(self.lang) {
            Some(t) => self.mark(t.to_owned()),
            None => LText {
                text: text.ja.clone(),
                lang: Some(Lang::Ja.code()),
                pending: Some(self.label("translation_pending")),
                lost: false,
                runs: None,
            },
        }
    }

    /// A text in this language that may quote Japanese (a name, a value as printed): its
    /// Japanese runs are marked as such.
    pub(crate) fn mark(&self, text: String) -> LText {
        LText { runs: runs(&text, self.lang), text, lang: None, pending: None, lost: false }
    }

    /// A text as a plain string (for titles and attributes), falling back to Japanese.
    pub(crate) fn plain(&self, text: &Text) -> String {
        text.get(self.lang).unwrap_or(&text.ja).to_owned()
    }

    /// A label and a title as one plain string ("Goal area 4 Title", "10-1 Title"), for page
    /// titles and links; the label alone where the source lost the title, which the page says
    /// beside its heading.
    pub(crate) fn titled(&self, label: &str, text: &Text) -> String {
        let title = self.plain(text);
        if title.trim().is_empty() { label.to_owned() } else { format!("{label} {title}") }
    }

    /// Notes, localised, citing the source by page. On an item of numbers (`numbers`: an
    /// indicator), a note that changes what a number means (a discrepancy, a garbled or lost
    /// value) is shown; every other note explains how the table was read and is collapsed under
    /// "About the source".
    pub(crate) fn notes(&self, notes: &[Note], numbers: bool) -> NotesView {
        let mut view = NotesView::default();
        for note in notes {
            let text = self.text(&note.text);
            let text = match text.lang {
                Some(_) => LText { text: cite_pages(&text.text, Lang::Ja, self.page_lines), ..text },
                None if text.lost => text,
                None => self.mark(cite_pages(&text.text, self.lang, self.page_lines)),
            };
            let shown =
                numbers && matches!(note.kind, NoteKind::Discrepancy | NoteKind::Garbled | NoteKind::MissingText);
            let list = if shown { &mut view.shown } else { &mut view.about_source };
            list.push(NoteView { kind: note.kind.key(), text });
        }
        view
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

    /// A value in a sentence that cannot mark the language of its parts (a chart's text
    /// alternative): on a page in another language than Japanese, a cell printed with Japanese
    /// (22件) gives its number alone.
    pub(crate) fn value_in_words(&self, value: &Value) -> String {
        match value {
            Value::Printed { value: Some(n), .. } if self.lang != Lang::Ja => format_number(*n),
            other => self.value(Some(other)),
        }
    }

    /// A calendar date: 2025年3月31日, 31 March 2025.
    pub(crate) fn date(&self, date: jiff::civil::Date) -> String {
        let format = match self.lang {
            Lang::Ja => "%Y年%-m月%-d日",
            Lang::En => "%-d %B %Y",
        };
        date.strftime(format).to_string()
    }

    /// A status with its label and icon.
    pub(crate) fn status(&self, status: Status) -> StatusView {
        StatusView {
            key: status.key(),
            label: self.label(&format!("status_{}", status.key())),
            icon: status_icon(status),
        }
    }

    /// A change since the previous year, with its label and icon; `was` is that year's status.
    pub(crate) fn change(&self, change: Change, since: &str, was: Status) -> ChangeView {
        ChangeView {
            key: change.key(),
            label: self.label(&format!("change_{}", change.key())),
            icon: change_icon(change),
            was: self.label("change_was").replace("{year}", since).replace("{status}", &self.status(was).label),
        }
    }

    /// The changes since `since` in one sentence: "Since FY2024: 3 improved, 1 worsened.", with
    /// only the kinds of change that happened.
    pub(crate) fn changes_sentence(&self, counts: &ChangeCounts, since: &str) -> String {
        let (sep, end, _) = self.punctuation();
        let parts: Vec<String> = counts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(c, n)| self.counted(&format!("changes_{}", c.key()), n))
            .collect();
        if parts.is_empty() {
            return self.label("changes_none_listed");
        }
        format!("{}{}{}", self.label("changes_since").replace("{year}", since), parts.join(sep), end.trim_end())
    }

    /// Non-empty status counts in words, for plain text: "Behind 2, On track 1".
    pub(crate) fn counts_text(&self, counts: &StatusCounts) -> String {
        let parts: Vec<String> = Status::ALL
            .iter()
            .filter(|s| counts.get(**s) > 0)
            .map(|s| format!("{} {}", self.label(&format!("status_{}", s.key())), counts.get(*s)))
            .collect();
        parts.join(self.punctuation().0)
    }

    /// The rows of a roll-up: every status, including empty ones.
    pub(crate) fn count_rows(&self, counts: &StatusCounts) -> Vec<CountRow> {
        Status::ALL.into_iter().map(|s| CountRow { status: self.status(s), count: counts.get(s) }).collect()
    }

    /// A label with `{n}` filled in, in its `_one` form when `n` is 1 and the theme has one
    /// (`answer_behind_one`: "1 is behind").
    pub(crate) fn counted(&self, key: &str, n: usize) -> String {
        let one = (n == 1).then(|| self.labels.get(&format!("{key}_one"))).flatten();
        one.cloned().unwrap_or_else(|| self.label(key)).replace("{n}", &n.to_string())
    }

    /// How a group of indicators is doing, in one sentence written from the counts alone:
    /// `of` is the label that names the group (`answer_of_policy`), `year` the reporting year.
    pub(crate) fn answer(&self, of: &str, counts: &StatusCounts, year: &str) -> String {
        if counts.total() == 0 {
            return self.label("answer_none");
        }
        let mut parts: Vec<String> = Status::ALL
            .iter()
            .filter(|s| counts.get(**s) > 0)
            .map(|s| self.counted(&format!("answer_{}", s.key()), counts.get(*s)))
            .collect();
        let last = parts.pop().unwrap_or_default();
        let list = if parts.is_empty() {
            last
        } else {
            format!("{}{}{last}", parts.join(self.punctuation().0), self.label("list_and"))
        };
        format!("{}{list}{}", self.counted(of, counts.total()), self.label("answer_end").replace("{year}", year))
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

/// Whether the source lost part of a title: a `missing_text` note on an item whose title
/// survives in part. (A title lost whole says so itself, see [`Localiser::text`].)
pub(crate) fn partly_lost(title: &Text, notes: &[Note]) -> bool {
    !title.ja.trim().is_empty() && notes.iter().any(|n| n.kind == NoteKind::MissingText)
}

/// Symbols that tell statuses apart without colour, as Japanese reports do: ◎ ○ △.
pub(crate) fn status_icon(status: Status) -> &'static str {
    match status {
        Status::Achieved => "◎",
        Status::OnTrack => "○",
        Status::Behind => "△",
        Status::NoData => "－",
        Status::UnderConsideration => "…",
        Status::NoTarget => "／",
    }
}

/// The symbol of a change, shown beside its label (never alone).
pub(crate) fn change_icon(change: Change) -> &'static str {
    match change {
        Change::Improved => "▲",
        Change::Worsened => "▼",
        Change::Unchanged => "＝",
        Change::New => "＋",
        Change::Ungraded => "×",
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

    fn counts(statuses: &[(Status, usize)]) -> StatusCounts {
        let mut c = StatusCounts::default();
        for (s, n) in statuses {
            (0..*n).for_each(|_| c.add(*s));
        }
        c
    }

    #[test]
    fn answer_sentences_follow_the_counts_and_the_language() {
        let en: BTreeMap<String, String> = [
            ("answer_of_policy", "Of the {n} indicators of this policy, "),
            ("answer_of_policy_one", "Of the {n} indicator of this policy, "),
            ("answer_achieved", "{n} have reached their target"),
            ("answer_on_track", "{n} are on track"),
            ("answer_behind", "{n} are behind"),
            ("answer_behind_one", "{n} is behind"),
            ("answer_end", " ({year} results)."),
            ("list_and", " and "),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let l = Localiser { lang: Lang::En, labels: &en, page_lines: &[] };
        let c = counts(&[(Status::Achieved, 3), (Status::OnTrack, 4), (Status::Behind, 4)]);
        assert_eq!(
            l.answer("answer_of_policy", &c, "FY2024"),
            "Of the 11 indicators of this policy, 3 have reached their target, 4 are on track and 4 are behind (FY2024 results)."
        );
        let c = counts(&[(Status::Behind, 1)]);
        assert_eq!(
            l.answer("answer_of_policy", &c, "FY2024"),
            "Of the 1 indicator of this policy, 1 is behind (FY2024 results)."
        );
        let ja: BTreeMap<String, String> = [
            ("answer_of_policy", "この施策の行動指標{n}件のうち、"),
            ("answer_achieved", "達成が{n}件"),
            ("answer_behind", "遅れが{n}件"),
            ("answer_end", "です（{year}の実績）。"),
            ("list_and", "、"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .into();
        let l = Localiser { lang: Lang::Ja, labels: &ja, page_lines: &[] };
        let c = counts(&[(Status::Achieved, 1), (Status::Behind, 2)]);
        assert_eq!(
            l.answer("answer_of_policy", &c, "令和6年度"),
            "この施策の行動指標3件のうち、達成が1件、遅れが2件です（令和6年度の実績）。"
        );
    }

    #[test]
    fn english_falls_back_to_japanese_marked_pending() {
        let labels: BTreeMap<String, String> =
            [("translation_pending".to_owned(), "English translation pending".to_owned())].into();
        let l = Localiser { lang: Lang::En, labels: &labels, page_lines: &[] };
        let t = l.text(&Text { ja: "商店街".into(), en: None });
        assert_eq!(t.text, "商店街");
        assert_eq!(t.lang, Some("ja"));
        assert_eq!(t.pending.as_deref(), Some("English translation pending"));
    }
}
