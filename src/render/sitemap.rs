//! sitemap.xml and robots.txt, from the paths of the pages built.

use super::OutputFile;

/// `sitemap.xml` listing every page (but the root redirect) by absolute URL.
pub(crate) fn sitemap(base_url: &str, page_paths: &[String]) -> OutputFile {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in page_paths.iter().filter(|p| !p.is_empty()) {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&format!("{base_url}{path}"))));
    }
    xml.push_str("</urlset>\n");
    OutputFile { path: "sitemap.xml".to_owned(), bytes: xml.into_bytes() }
}

/// `robots.txt` allowing everything and naming the sitemap.
pub(crate) fn robots(base_url: &str) -> OutputFile {
    OutputFile {
        path: "robots.txt".to_owned(),
        bytes: format!("User-agent: *\nAllow: /\nSitemap: {base_url}sitemap.xml\n").into_bytes(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_absolute_urls_without_the_redirect() {
        let file = sitemap("https://example.org/plan/", &["".into(), "ja/".into(), "en/goals/1/".into()]);
        let xml = String::from_utf8(file.bytes).unwrap();
        assert!(xml.contains("<loc>https://example.org/plan/ja/</loc>"));
        assert!(xml.contains("<loc>https://example.org/plan/en/goals/1/</loc>"));
        assert_eq!(xml.matches("<url>").count(), 2);
    }
}
