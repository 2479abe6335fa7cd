//! The search index: one entry per goal area, policy, measure and action in every language,
//! searched by `assets/search.js` in the reader's browser. Matching is by substring after
//! folding (Unicode NFKC, case, katakana to hiragana, hyphens and spaces left out, simple English
//! endings), which finds Japanese words inside running text (商店街, せたがやPay) without a word
//! segmenter, "startup" in "start-up" and セタガヤ where the text says せたがや; each entry
//! carries the statuses of its indicators, shown with the result; the index is built by `mieruka build`
//! with nothing else to install, and works on any static host.

use serde::Serialize;

use std::collections::BTreeMap;

use super::OutputFile;
use super::localise::Localiser;
use super::paths;
use super::site_index::SiteIndex;
use crate::compute::{Progress, StatusCounts, measure_key};
use crate::lang::Lang;
use crate::model::{Site, Text};

/// One searchable item.
#[derive(Debug, Serialize)]
struct Entry {
    /// Language code.
    l: &'static str,
    /// Path from the site root, with the anchor.
    u: String,
    /// Title.
    t: String,
    /// Text searched and quoted.
    x: String,
    /// The statuses of its indicators, in words (empty for a related plan).
    s: String,
}

/// Builds `search-index.json` for every language of the site.
#[expect(clippy::expect_used, reason = "plain structs serialised to memory: this cannot fail")]
pub(crate) fn search_index(
    site: &Site,
    index: &SiteIndex<'_>,
    progress: &Progress,
    words: &BTreeMap<Lang, BTreeMap<String, String>>,
) -> OutputFile {
    let mut entries = Vec::new();
    let empty = BTreeMap::new();
    for &lang in &site.config.languages {
        let text = |t: &Text| t.get(lang).unwrap_or(&t.ja).to_owned();
        let localiser = Localiser { lang, labels: words.get(&lang).unwrap_or(&empty), page_lines: &[] };
        let statuses = |counts: Option<&StatusCounts>| localiser.counts_text(&counts.copied().unwrap_or_default());
        for goal in &site.goals {
            entries.push(Entry {
                l: lang.code(),
                u: paths::goal(lang, &goal.id),
                t: format!("{} {}", text(&site.config.levels.goal_area), goal.id),
                x: [Some(&goal.title), goal.summary.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(text)
                    .collect::<Vec<_>>()
                    .join(" "),
                s: statuses(progress.current.counts.goals.get(&goal.id)),
            });
        }
        for (_, policy) in &index.policies {
            let page = paths::policy(lang, &policy.id);
            let descriptions: Vec<String> = policy
                .summary
                .iter()
                .chain(policy.approaches.iter().filter_map(|a| a.description.as_ref()))
                .map(text)
                .collect();
            entries.push(Entry {
                l: lang.code(),
                u: page.clone(),
                t: format!("{} {}", policy.id, text(&policy.title)).trim_end().to_owned(),
                x: descriptions.join(" "),
                s: statuses(progress.current.counts.policies.get(&policy.id)),
            });
            for (ai, approach) in policy.approaches.iter().enumerate() {
                for (mi, measure) in approach.measures.iter().enumerate() {
                    if let Some(title) = &measure.title {
                        entries.push(Entry {
                            l: lang.code(),
                            u: format!("{page}#m-{}-{}-{}", policy.id, ai + 1, mi + 1),
                            t: format!("{} {}", policy.id, text(title)),
                            x: String::new(),
                            s: statuses(progress.current.counts.measures.get(&measure_key(&policy.id, ai, mi))),
                        });
                    }
                    for action in &measure.actions {
                        let mut parts: Vec<String> = action.description.iter().map(text).collect();
                        parts.extend(action.indicators.iter().map(|i| text(&i.name)));
                        parts.extend(action.done.values().map(text));
                        parts.extend(action.roadmaps.iter().flat_map(|r| r.values()).map(text));
                        let name = measure.action_name(action).map(text).unwrap_or_default();
                        entries.push(Entry {
                            l: lang.code(),
                            u: format!("{page}#{}", action.id),
                            t: format!("{} {name}", action.id),
                            x: parts.join(" "),
                            s: localiser.counts_text(&progress.action_counts(action)),
                        });
                    }
                }
            }
        }
        for plan in &site.activation_plans {
            entries.push(Entry {
                l: lang.code(),
                u: paths::activation_plan(lang, &plan.name),
                t: text(&plan.title),
                x: text(&plan.aim),
                s: String::new(),
            });
        }
    }
    let mut bytes = serde_json::to_vec(&entries).expect("the search index serialises");
    bytes.push(b'\n');
    OutputFile { path: "search-index.json".to_owned(), bytes }
}
