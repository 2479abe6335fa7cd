//! Free pages: Markdown rendered with pulldown-cmark and sanitised with ammonia, so that no
//! script or remote resource written into a page reaches a reader.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// A rendered page: its title (the first level-1 heading) and its sanitised HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RenderedMarkdown {
    /// The text of the first `# heading`, if any.
    pub title: Option<String>,
    /// The page body as safe HTML.
    pub html: String,
}

/// Renders `markdown` to sanitised HTML.
pub(crate) fn render_markdown(markdown: &str) -> RenderedMarkdown {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut title = None;
    let mut in_title = false;
    let events: Vec<Event<'_>> = Parser::new_ext(markdown, options)
        .inspect(|event| match event {
            Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }) if title.is_none() => {
                in_title = true;
                title = Some(String::new());
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => in_title = false,
            Event::Text(text) | Event::Code(text) if in_title => {
                if let Some(t) = title.as_mut() {
                    t.push_str(text);
                }
            }
            _ => {}
        })
        .collect();
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, events.into_iter());
    let html = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Pages load nothing from other hosts: images must be files of the site.
            ("img", "src" | "srcset") if value.contains(':') || value.starts_with("//") => None,
            _ => Some(value.into()),
        })
        .clean(&unsafe_html)
        .to_string();
    RenderedMarkdown { title, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_first_heading() {
        let page = render_markdown("# About *this* site\n\nText.\n\n# Second\n");
        assert_eq!(page.title.as_deref(), Some("About this site"));
        assert!(page.html.contains("<p>Text.</p>"));
    }

    #[test]
    fn scripts_and_event_handlers_are_removed() {
        let page =
            render_markdown("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))");
        assert!(!page.html.contains("script"), "{}", page.html);
        assert!(!page.html.contains("onerror"), "{}", page.html);
        assert!(!page.html.contains("javascript:"), "{}", page.html);
    }

    #[test]
    fn remote_images_are_dropped_local_ones_kept() {
        let page = render_markdown("![a](https://tracker.example/x.png) ![b](img/chart.png)");
        assert!(!page.html.contains("tracker.example"), "{}", page.html);
        assert!(page.html.contains(r#"src="img/chart.png""#), "{}", page.html);
    }
}
