//! Lookups shared by the page builders and the search index.

use std::collections::HashMap;

use super::markdown::render_markdown;
use crate::lang::Lang;
use crate::model::{Action, Goal, Measure, Policy, Site};

/// Where every action is listed, for links to originals and from related plans.
pub(crate) struct SiteIndex<'a> {
    /// Action id → the policy and measure it is listed under.
    pub actions: HashMap<&'a str, (&'a Policy, &'a Measure, &'a Action)>,
    /// Policies in site order.
    pub policies: Vec<(&'a Goal, &'a Policy)>,
    /// The title of each free page in each language (its first heading), for the footer.
    pub page_titles: HashMap<(Lang, &'a str), String>,
}

impl<'a> SiteIndex<'a> {
    /// Indexes `site`.
    pub(crate) fn new(site: &'a Site) -> Self {
        let policies = site.goals.iter().flat_map(|g| g.policies.iter().map(move |p| (g, p))).collect();
        let mut actions = HashMap::new();
        for l in site.listings() {
            actions.entry(l.action.id.as_str()).or_insert((l.policy, l.measure, l.action));
        }
        let mut page_titles = HashMap::new();
        for page in &site.pages {
            for &lang in &site.config.languages {
                let markdown = page.markdown.get(&lang).or_else(|| page.markdown.values().next());
                let title = markdown.and_then(|m| render_markdown(m).title).unwrap_or_else(|| page.name.clone());
                page_titles.insert((lang, page.name.as_str()), title);
            }
        }
        Self { actions, policies, page_titles }
    }
}
