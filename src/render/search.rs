//! The search index: one entry per goal area, policy, measure, action and related plan in every
//! language, searched by `assets/search.js` in the reader's browser. It is built by
//! `mieruka build` with nothing else to install, and works on any static host.
//!
//! # Matching
//!
//! A query finds the entries whose title and text contain every word of it, by substring after
//! folding both ([`index::fold`]: Unicode NFKC, lower case, katakana as hiragana, white space and
//! hyphens left out; a query word also loses its plain English ending). This finds Japanese words
//! inside running text (商店街, せたがやPay) without a word segmenter, "startup" in "start-up"
//! and セタガヤ where the text says せたがや. Each entry carries the statuses of its indicators,
//! shown with the result.
//!
//! # Files, so that a query loads only what it needs
//!
//! One file holding every entry grows with the site (52 MB for a plan 100 times the shipped
//! one) and was downloaded whole on the first query. Instead the index is written as small files
//! under `search-index/` ([`index`] writes them):
//!
//! - `d/<n>.json`, the documents: entries `n × per` to `n × per + per − 1`, in order (every
//!   entry of the first language, then of the next), each with its language, address, title,
//!   whole text (so that results are checked exactly) and statuses; `per` is chosen so that a
//!   file holds about 4 KB;
//! - the postings: for every run of one, two and three adjacent characters of an entry's folded
//!   title and text (its keys), the entries that contain it. A query word of one or two
//!   characters needs its own postings, a longer word those of its runs of three. The postings
//!   are sharded by a stable hash (FNV-1a of the key's UTF-8) into `p/<h>.json`, as many files
//!   as make about 4 KB each; a key whose postings alone are larger (such as "ing" on a large
//!   site) has a file of its own, `k/<i>.json`, so that no query pays for a large list it does
//!   not need, nor finds a shard made large by a list that landed in it;
//! - `meta.json`: the version of the folding, the languages with their number of entries, the
//!   number of shards, the number of entries per document file, and the keys with a file of
//!   their own (the `i`th is `k/<i>.json`).
//!
//! A posting list is written per language (entries counted from the language's first), each as
//! the shorter of: the gaps between entries in base-32 digits, most significant first, 32 added
//! to each digit but a number's last, in the URL-safe base-64 alphabet; or `~` then a bitmap,
//! six entries a digit. A word common in English is then a bitmap of the English entries and a
//! short list of the Japanese ones.
//!
//! The browser folds the query, fetches `meta.json` and the postings of its words' keys,
//! intersects them to the candidates, orders these (the reader's language first, then as the
//! site orders them), and fetches the document files of the first 20 candidates only, checking
//! each (its runs of three being there does not make the word be there), until 20 results are
//! shown; "More results" goes on from there. The status counts the results when every candidate
//! has been checked, and otherwise says "up to" the results shown plus the candidates left.
//! Fetched files are kept for the next query.
//!
//! Why this shape:
//!
//! - Runs of characters rather than words, because Japanese has no spaces to split words at.
//! - Runs of three for longer words rather than pairs: pairs are common, so a query such as
//!   "startup" or "Setagaya Pay" had several times more candidates than results with pairs
//!   alone, every one of them a document to fetch and check (193 KB instead of 52 KB on the
//!   shipped plan); with runs of three almost every candidate is a result, so the count is
//!   nearly exact and a page needs about 20 entries' documents. Pairs and single characters
//!   stay for words that short (農業, 区).
//! - Files of about 4 KB rather than larger ones, because a query fetches one file a key
//!   whatever its size: a one-word query on the shipped plan transfers 20–70 KB, and on a plan
//!   100 times larger 20–150 KB (docs/performance.md, "Search at scale"), where the old single
//!   file was 0.5 MB and 52 MB.
//! - The index is larger than the old single file (1.3 MB instead of 0.5 MB on the shipped
//!   plan, 80 MB instead of 52 MB at 100 times), but a reader fetches only what a query needs,
//!   and every file is small enough for any static host.

mod index;

use serde::Serialize;

use std::collections::BTreeMap;

use super::OutputFile;
use super::localise::Localiser;
use super::paths;
use super::site_index::SiteIndex;
use crate::compute::{Progress, StatusCounts, measure_key};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;
use crate::model::{Site, Text};

/// The folder of the index, from the root of an edition.
pub(crate) const FOLDER: &str = "search-index/";

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

/// Writes the search index of every language of the site into [`FOLDER`], handing each file
/// to `sink`.
pub(crate) fn search_index<S>(
    site: &Site,
    index: &SiteIndex<'_>,
    progress: &Progress,
    words: &BTreeMap<Lang, BTreeMap<String, String>>,
    sink: &S,
) -> Result<(), Diagnostic>
where
    S: Fn(OutputFile) -> Result<(), Diagnostic> + Sync,
{
    let mut entries = Vec::new();
    let mut languages = Vec::new();
    let empty = BTreeMap::new();
    for &lang in &site.config.languages {
        let first = entries.len();
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
        languages.push((lang.code(), entries.len() - first));
    }
    index::write(&entries, &languages, sink)
}
