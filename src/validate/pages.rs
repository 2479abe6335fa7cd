//! Free pages: reserved names, and a page missing in one of the site's languages.

use std::collections::BTreeMap;

use super::Validator;
use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::lang::Lang;
use crate::load::RawPage;
use crate::model::Page;

/// Names a free page may not take, because built pages use them.
const RESERVED_PAGE_NAMES: [&str; 8] =
    ["goals", "policies", "methodology", "activation-plans", "assets", "data", "search", "accessibility"];

impl Validator<'_> {
    pub(super) fn pages(&mut self, raw: &[RawPage], languages: &[Lang]) -> Vec<Page> {
        let mut pages: BTreeMap<&str, Page> = BTreeMap::new();
        for p in raw {
            if RESERVED_PAGE_NAMES.contains(&p.name.as_str()) {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::PageName,
                        Loc::file(&p.file),
                        format!("a page cannot be called {:?}", p.name),
                    )
                    .help(format!(
                        "these names are used by built pages: {}; rename the file",
                        RESERVED_PAGE_NAMES.join(", ")
                    )),
                );
                continue;
            }
            let page = pages.entry(&p.name).or_insert_with(|| Page { name: p.name.clone(), markdown: BTreeMap::new() });
            page.markdown.insert(p.lang, p.markdown.clone());
        }
        for page in pages.values() {
            for lang in languages.iter().filter(|l| !page.markdown.contains_key(l)) {
                if let Some(first) = raw.iter().find(|p| p.name == page.name) {
                    self.diagnostics.push(
                        Diagnostic::warning(
                            Code::PageName,
                            Loc::file(&first.file),
                            format!("the page {:?} has no {} version", page.name, lang),
                        )
                        .help(format!(
                            "add pages/{}.{}.md; until then the {} page shows the other language",
                            page.name, lang, lang
                        )),
                    );
                }
            }
        }
        pages.into_values().collect()
    }
}
