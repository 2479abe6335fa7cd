//! site.yaml's `source`, `contact` and `licence`: what every page's footer says about the data.
//! Addresses must be absolute http(s) URLs (or an e-mail address), dates real calendar dates.

use super::Validator;
use super::site::http_url;
use crate::diagnostics::Code;
use crate::model::{About, Contact, Licence, Source};
use crate::raw::{Located, RawSite};

impl Validator<'_> {
    /// The source document, contact point and licence; each part left out stays empty.
    pub(super) fn about_data(&mut self, raw: &RawSite) -> About {
        About {
            source: raw.source.as_ref().map(|s| Source {
                title: self.text(&s.title),
                publisher: s.publisher.as_ref().map(|p| self.text(p)),
                published: s.published.as_ref().and_then(|d| self.date(d)),
                url: s.url.as_ref().and_then(|u| self.web_address(u)),
                page_lines: s.page_lines.as_ref().map(|p| self.page_lines(p)).unwrap_or_default(),
            }),
            contact: raw.contact.as_ref().map(|c| Contact {
                name: self.text(&c.name),
                email: c.email.as_ref().and_then(|e| self.email(e)),
                url: c.url.as_ref().and_then(|u| self.web_address(u)),
            }),
            licence: raw
                .licence
                .as_ref()
                .map(|l| Licence { name: self.text(&l.name), url: l.url.as_ref().and_then(|u| self.web_address(u)) }),
        }
    }

    /// An absolute http(s) address, as readers' links need it.
    fn web_address(&mut self, raw: &Located<String>) -> Option<String> {
        let url = http_url(raw.get());
        if url.is_none() {
            self.error(
                Code::SiteSetting,
                raw,
                format!("{:?} is not an absolute http(s) address", raw.get()),
                "write the whole address, starting with https://",
            );
        }
        url.map(String::from)
    }

    /// A calendar date written `YYYY-MM-DD`.
    fn date(&mut self, raw: &Located<String>) -> Option<jiff::civil::Date> {
        let parsed = raw.get().parse::<jiff::civil::Date>().ok().filter(|_| raw.get().len() == 10);
        if parsed.is_none() {
            self.error(
                Code::SiteSetting,
                raw,
                format!("{:?} is not a date written YYYY-MM-DD", raw.get()),
                "write the date the document states, e.g. 2025-03-31; leave it out if the document gives none",
            );
        }
        parsed
    }

    /// An e-mail address: one `@` with something on each side, and no spaces.
    fn email(&mut self, raw: &Located<String>) -> Option<String> {
        let text = raw.get();
        let ok = matches!(text.split_once('@'), Some((user, host)) if !user.is_empty() && host.contains('.') && !host.contains('@'))
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            self.error(
                Code::SiteSetting,
                raw,
                format!("{text:?} is not an e-mail address"),
                "write the address alone, e.g. keizai@city.example.lg.jp",
            );
        }
        ok.then(|| text.clone())
    }

    /// The first line of each page: 1, then rising.
    fn page_lines(&mut self, raw: &Located<Vec<u32>>) -> Vec<u32> {
        let lines = raw.get();
        let rising = lines.windows(2).all(|w| w[0] < w[1]);
        if lines.first() != Some(&1) || !rising {
            self.error(
                Code::SiteSetting,
                raw,
                "source.page_lines must start at 1 and rise: the line where each page of the source begins",
                "list the first line of every page of the text extraction, in order, e.g. [1, 526, 1109]",
            );
            return Vec::new();
        }
        lines.clone()
    }
}
