//! Notes cite the source by page on public pages. Editors write line numbers of the source's text
//! extraction in notes ("lines 5960–6052", 「3553～3556行」), which stay in the YAML and in
//! docs/source-notes.md; a citizen has the printed document, so the site turns them into the
//! pages they fall on ("p. 14", 「原典14ページ」), from `source.page_lines` in site.yaml.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::lang::Lang;

/// "line 12", "lines 12–14", "lines 2429–2441, 2636–2639" and "lines 12 and 14".
static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "a fixed pattern, tested below")]
    Regex::new(r"\blines? (\d+(?:\s*[–-]\s*\d+)?(?:(?:,\s*|\s+and\s+)\d+(?:\s*[–-]\s*\d+)?)*)")
        .expect("a valid pattern")
});

/// 「120行」, 「120～140行」, 「2429～2441、2636～2639行」. Line numbers of three digits or more:
/// 「2行目」 (the second row) is not a citation, and neither is the 1 of 「3‐3‐1‐1、3553行」.
static JAPANESE: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "a fixed pattern, tested below")]
    Regex::new(r"(\d{3,}(?:[～〜–-]\d{3,})?(?:[、,]\d{3,}(?:[～〜–-]\d{3,})?)*)行(目)?").expect("a valid pattern")
});

/// `text` with its citations of lines replaced by the pages they fall on; unchanged when
/// `page_lines` (the first line of each page, in order) is empty.
pub(crate) fn cite_pages(text: &str, lang: Lang, page_lines: &[u32]) -> String {
    if page_lines.is_empty() {
        return text.to_owned();
    }
    let pages_of = |numbers: &str| -> Vec<usize> {
        let mut pages: Vec<usize> = numbers
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse::<u32>().ok())
            .map(|line| page_lines.partition_point(|&start| start <= line).max(1))
            .collect();
        pages.dedup();
        pages
    };
    match lang {
        Lang::En => ENGLISH
            .replace_all(text, |c: &Captures<'_>| {
                let pages = pages_of(&c[1]);
                match pages.as_slice() {
                    [one] => format!("p. {one}"),
                    [first, .., last] if *last == first + pages.len() - 1 => format!("pp. {first}–{last}"),
                    many => format!("pp. {}", join(many, ", ")),
                }
            })
            .into_owned(),
        Lang::Ja => JAPANESE
            .replace_all(text, |c: &Captures<'_>| {
                if c.get(2).is_some() {
                    return c[0].to_owned();
                }
                let pages = pages_of(&c[1]);
                match pages.as_slice() {
                    [first, .., last] if *last == first + pages.len() - 1 => format!("原典{first}～{last}ページ"),
                    many => format!("原典{}ページ", join(many, "・")),
                }
            })
            .into_owned(),
    }
}

fn join(pages: &[usize], separator: &str) -> String {
    pages.iter().map(usize::to_string).collect::<Vec<_>>().join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first lines of the pages of the shipped action plan's extraction (site.yaml).
    const PAGES: [u32; 5] = [1, 526, 1109, 1514, 1879];

    #[test]
    fn english_lines_become_pages() {
        let cite = |t: &str| cite_pages(t, Lang::En, &PAGES);
        assert_eq!(cite("the next page (lines 1516–1561)."), "the next page (p. 4).");
        assert_eq!(cite("the original (3-3-1-1, line 600)"), "the original (3-3-1-1, p. 2)");
        assert_eq!(cite("lines 1000-1200"), "pp. 2–3");
        assert_eq!(cite("lines 10, 1600 and 1700"), "pp. 1, 4");
        assert_eq!(cite("the lines of the table"), "the lines of the table");
    }

    #[test]
    fn japanese_lines_become_pages_but_rows_stay() {
        let cite = |t: &str| cite_pages(t, Lang::Ja, &PAGES);
        assert_eq!(cite("次のページ（1516～1561行）に続いています"), "次のページ（原典4ページ）に続いています");
        assert_eq!(cite("（530～600、1600～1700行）"), "（原典2・4ページ）");
        assert_eq!(cite("（2089～2091行）"), "（原典5ページ）");
        assert_eq!(cite("ページ4の2行目"), "ページ4の2行目");
        assert_eq!(cite("再掲元（3‐3‐1‐1、1600～1610行）"), "再掲元（3‐3‐1‐1、原典4ページ）");
        assert_eq!(cite("1000～1200行"), "原典2～3ページ");
    }

    #[test]
    fn without_page_lines_the_text_is_as_written() {
        assert_eq!(cite_pages("lines 1516–1561", Lang::En, &[]), "lines 1516–1561");
    }
}
