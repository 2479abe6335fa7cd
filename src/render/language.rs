//! The language of parts (WCAG 2.1 SC 3.1.2, which JIS X 8341-3 requires at level AA): every
//! Japanese passage on a page in another language is marked `lang="ja"`, so that a screen
//! reader reads it with a Japanese voice. Texts are split into runs of each script when they
//! are localised ([`runs`]), and every page is checked before it is written ([`unmarked`]):
//! a build never writes a page with Japanese outside `lang="ja"`, or an English sentence
//! outside `lang="en"` on a Japanese page.

use serde::Serialize;

use crate::lang::Lang;

/// A run of a text in one script: Japanese, marked with its language, or the page's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Run {
    /// The text.
    pub text: String,
    /// `ja` for a Japanese run on a page in another language; none otherwise.
    pub lang: Option<&'static str>,
}

/// Whether `c` is written in Japanese script: kana, kanji, Japanese punctuation and
/// full-width forms. Symbols shared by both languages (◎ ○ △ ① …, and 〇, the mark the source
/// prints for implementation-plan projects) are not.
pub(crate) fn is_japanese(c: char) -> bool {
    c != '〇'
        && matches!(c,
            '\u{3000}'..='\u{303F}' // 、。「」〜 and the ideographic space
            | '\u{3040}'..='\u{30FF}' // hiragana, katakana, ・ and ー
            | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // kanji
            | '\u{FF01}'..='\u{FF60}' | '\u{FF61}'..='\u{FF9F}' // full-width forms, half-width kana
        )
}

/// The runs of `text` on a page in `page`: none for a Japanese page, or a text without any
/// Japanese. A Japanese run takes in the digits, spaces and punctuation between Japanese
/// characters (令和6年度), but not Latin letters (せたがや|Pay).
pub(crate) fn runs(text: &str, page: Lang) -> Option<Vec<Run>> {
    if page == Lang::Ja || !text.chars().any(is_japanese) {
        return None;
    }
    let mut runs: Vec<Run> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let japanese = is_japanese(chars[i]);
        let mut end = i + 1;
        while end < chars.len() {
            let c = chars[end];
            let same = if japanese {
                // Keep going over what sits between two Japanese characters.
                is_japanese(c)
                    || (!c.is_alphabetic()
                        && chars[end..]
                            .iter()
                            .take_while(|&&c| is_japanese(c) || !c.is_alphabetic())
                            .any(|&c| is_japanese(c)))
            } else {
                !is_japanese(c)
            };
            if !same {
                break;
            }
            end += 1;
        }
        let text: String = chars[i..end].iter().collect();
        runs.push(Run { text, lang: japanese.then_some(Lang::Ja.code()) });
        i = end;
    }
    Some(runs)
}

/// The first passage of `html`, a page in `page`, that is not marked with its language: on a
/// page in English, Japanese outside an element with `lang="ja"`; on a page in Japanese, an
/// English sentence (four words or more, with lower-case letters) outside `lang="en"`. Text
/// hidden from screen readers (`aria-hidden="true"`), scripts and styles are left out. Returns
/// the passage with a little of what surrounds it.
pub(crate) fn unmarked(html: &str, page: Lang) -> Option<String> {
    // Each open element with the language and hiddenness it gives its text; void elements never
    // open. Names and values borrow from the page: the scan allocates only what it returns.
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let (lang, hidden) = stack.last().map_or((page.code(), false), |open| (open.lang, open.hidden));
        if !hidden && let Some(found) = check_text(&rest[..lt], lang, page) {
            return Some(found);
        }
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else { break };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        if tag.starts_with(['!', '?']) {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            let name = name.trim();
            if let Some(at) = stack.iter().rposition(|open| open.name.eq_ignore_ascii_case(name)) {
                stack.truncate(at);
            }
            continue;
        }
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
        if let Some(close) = ["script", "style"].into_iter().find(|raw| name.eq_ignore_ascii_case(raw)) {
            // Skip to the end of the element.
            let end = rest
                .match_indices("</")
                .find(|(at, _)| rest[at + 2..].get(..close.len()).is_some_and(|n| n.eq_ignore_ascii_case(close)));
            rest = &rest[end.map_or(rest.len(), |(at, _)| at)..];
            continue;
        }
        let void = tag.ends_with('/') || VOID.iter().any(|v| name.eq_ignore_ascii_case(v));
        if !void {
            stack.push(Open {
                name,
                lang: attribute(tag, "lang").unwrap_or(lang),
                hidden: hidden || attribute(tag, "aria-hidden") == Some("true"),
            });
        }
    }
    None
}

/// Elements that have no end tag.
const VOID: [&str; 12] = ["meta", "link", "br", "img", "input", "hr", "wbr", "source", "area", "col", "base", "track"];

/// An open element, as [`unmarked`] tracks it.
struct Open<'h> {
    name: &'h str,
    /// The language of the text inside it: its own `lang`, or its parent's.
    lang: &'h str,
    /// Whether it or a parent is `aria-hidden="true"`.
    hidden: bool,
}

/// The value of attribute `name` in the inside of a tag.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    tag.match_indices(name).find_map(|(at, _)| {
        let value = tag[at + name.len()..].strip_prefix("=\"")?;
        tag[..at].ends_with(' ').then_some(())?;
        value.find('"').map(|end| &value[..end])
    })
}

/// A passage of `text` (a text node in language `lang`) not marked with its language, if any.
fn check_text(text: &str, lang: &str, page: Lang) -> Option<String> {
    match page {
        Lang::Ja => {
            if lang == "en" {
                return None;
            }
            // Four Latin words or more in a row, two of them in lower case: an English sentence,
            // not a name (SETAGAYA PORT, Nu Html Checker).
            // A word without the punctuation around it.
            fn bare(word: &str) -> &str {
                word.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | '\'' | '(' | ')' | '"'))
            }
            let mut last = [""; 4];
            let mut in_a_row = 0;
            for word in text.split_whitespace() {
                if !word.is_ascii() || bare(word).is_empty() || !bare(word).bytes().all(|c| c.is_ascii_alphabetic()) {
                    in_a_row = 0;
                    continue;
                }
                last.rotate_left(1);
                last[3] = word;
                in_a_row += 1;
                if in_a_row >= 4
                    && last.iter().filter(|w| bare(w).starts_with(|c: char| c.is_ascii_lowercase())).count() >= 2
                {
                    return Some(last.join(" "));
                }
            }
            None
        }
        _ => {
            if lang == "ja" {
                return None;
            }
            let at = text.find(is_japanese)?;
            let start = text[..at].char_indices().rev().nth(15).map_or(0, |(i, _)| i);
            Some(text[start..].chars().take(40).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(runs: &[Run]) -> String {
        runs.iter().map(|r| if r.lang.is_some() { format!("[{}]", r.text) } else { r.text.clone() }).collect()
    }

    #[test]
    fn japanese_runs_are_marked_and_take_in_what_sits_between() {
        let r = runs(r#"The source prints "補助件数" (number of subsidies) in 令和6年度."#, Lang::En).unwrap();
        assert_eq!(shown(&r), r#"The source prints "[補助件数]" (number of subsidies) in [令和6年度]."#);
        let r = runs("Actual: FY2024 22件", Lang::En).unwrap();
        assert_eq!(shown(&r), "Actual: FY2024 22[件]");
        assert_eq!(shown(&runs("せたがやPay", Lang::En).unwrap()), "[せたがや]Pay");
        assert!(runs("Setagaya Pay", Lang::En).is_none());
        assert!(runs("商店街", Lang::Ja).is_none());
    }

    #[test]
    fn japanese_outside_lang_ja_is_found_on_an_english_page() {
        assert_eq!(unmarked(r#"<p>Fine <span lang="ja">商店街</span></p>"#, Lang::En), None);
        assert_eq!(unmarked(r#"<p>Not fine 商店街</p>"#, Lang::En).as_deref(), Some("Not fine 商店街"));
        assert_eq!(unmarked(r#"<span aria-hidden="true">－</span><script>x="商"</script>"#, Lang::En), None);
        assert_eq!(unmarked(r#"<p>◎ ① △</p>"#, Lang::En), None, "shared symbols");
        assert_eq!(unmarked(r#"<div lang="ja"><p>ok<br>中<img src="x"></p></div><p>a</p>"#, Lang::En), None);
    }

    #[test]
    fn english_sentences_outside_lang_en_are_found_on_a_japanese_page() {
        assert_eq!(unmarked("<p>SETAGAYA PORT の会員</p>", Lang::Ja), None, "a name");
        assert_eq!(unmarked("<p>せたがやPay と Setagaya Pay</p>", Lang::Ja), None);
        assert_eq!(
            unmarked("<p>これは The City supports shopping streets です</p>", Lang::Ja).as_deref(),
            Some("The City supports shopping")
        );
        assert_eq!(unmarked(r#"<a lang="en">The City supports shopping streets</a>"#, Lang::Ja), None);
    }
}
