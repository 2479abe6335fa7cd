//! The validated model: what the content means, with every reference resolved and every value
//! checked. Built by [`crate::validate`] from the "as written" types of [`crate::raw`].

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::Loc;
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
pub use crate::raw::{AccessibilityResults, GradingMethod, IndicatorKind, NoteKind};

/// A text in Japanese and, when translated, English.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Text {
    /// Japanese, as printed in the source.
    pub ja: String,
    /// English, if translated.
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang`, or `None` when that language is missing.
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => Some(&self.ja),
            Lang::En => self.en.as_deref(),
        }
    }
}

/// A note about an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// What kind of note.
    pub kind: NoteKind,
    /// The source lines it is about.
    pub lines: Option<String>,
    /// The note as shown to readers.
    pub text: Text,
}

/// A target, actual or printed rate.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number.
    Number(f64),
    /// No value that year; `printed` is the dash as printed (ー or -).
    Absent {
        /// The character printed.
        printed: String,
    },
    /// Under consideration (検討中).
    UnderConsideration,
    /// A cell that prints more than a number.
    Printed {
        /// The number, if any.
        value: Option<f64>,
        /// The cell as printed.
        printed: String,
    },
}

impl Value {
    /// The cell as the source prints it: the number without separators, ー, 検討中, or the
    /// printed text.
    pub fn as_printed(&self) -> String {
        match self {
            Value::Number(n) => n.to_string(),
            Value::Absent { printed } | Value::Printed { printed, .. } => printed.clone(),
            Value::UnderConsideration => "検討中".to_owned(),
        }
    }

    /// The number, if the value has one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Printed { value, .. } => *value,
            Value::Absent { .. } | Value::UnderConsideration => None,
        }
    }
}

/// The whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Settings from site.yaml.
    pub config: SiteConfig,
    /// The basic policies (may be empty).
    pub basic_policies: Vec<BasicPolicy>,
    /// The goal areas, in file-name order.
    pub goals: Vec<Goal>,
    /// Related plans published as pages.
    pub activation_plans: Vec<ActivationPlan>,
    /// Free pages.
    pub pages: Vec<Page>,
}

impl Site {
    /// Every action, with the goal area and policy it is listed under.
    pub fn actions(&self) -> impl Iterator<Item = (&Goal, &Policy, &Action)> {
        self.listings().map(|l| (l.goal, l.policy, l.action))
    }

    /// Whether any action has an indicator: a plan without any has no statuses to show.
    pub fn has_indicators(&self) -> bool {
        self.actions().any(|(_, _, a)| !a.indicators.is_empty())
    }

    /// Every action with everything it is listed under, in site order.
    pub fn listings(&self) -> impl Iterator<Item = Listing<'_>> {
        self.goals.iter().flat_map(|goal| {
            goal.policies.iter().flat_map(move |policy| {
                policy.approaches.iter().flat_map(|a| &a.measures).flat_map(move |measure| {
                    measure.actions.iter().map(move |action| Listing { goal, policy, measure, action })
                })
            })
        })
    }
}

/// Where an action is listed.
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    /// Its goal area.
    pub goal: &'a Goal,
    /// Its policy.
    pub policy: &'a Policy,
    /// Its measure.
    pub measure: &'a Measure,
    /// The action.
    pub action: &'a Action,
}

/// The counts of a site's content, as documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Basic policies.
    pub basic_policies: usize,
    /// Goal areas.
    pub goals: usize,
    /// Policies.
    pub policies: usize,
    /// Approaches (groups of measures with a description).
    pub approaches: usize,
    /// Measures.
    pub measures: usize,
    /// Of which under consideration.
    pub measures_under_consideration: usize,
    /// Numbered action rows, re-listed copies included.
    pub actions: usize,
    /// Of which re-listed copies.
    pub relisted_actions: usize,
    /// Indicators of original actions.
    pub indicators: usize,
    /// Indicators shown, re-listed copies included.
    pub indicators_shown: usize,
    /// Related plans.
    pub activation_plans: usize,
}

impl Tally {
    /// Counts `site`.
    pub fn of(site: &Site) -> Tally {
        let mut t = Tally {
            basic_policies: site.basic_policies.len(),
            goals: site.goals.len(),
            activation_plans: site.activation_plans.len(),
            ..Tally::default()
        };
        for policy in site.goals.iter().flat_map(|g| &g.policies) {
            t.policies += 1;
            t.approaches += policy.approaches.len();
            for measure in policy.approaches.iter().flat_map(|a| &a.measures) {
                t.measures += 1;
                t.measures_under_consideration += usize::from(measure.under_consideration);
            }
        }
        for (_, _, action) in site.actions() {
            t.actions += 1;
            t.indicators_shown += action.indicators.len();
            if action.relisted_from.is_some() {
                t.relisted_actions += 1;
            } else {
                t.indicators += action.indicators.len();
            }
        }
        t
    }
}

/// Settings from site.yaml.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site's title.
    pub title: Text,
    /// Who publishes the plan.
    pub organisation: Text,
    /// Where the site is published, ending in `/`.
    pub base_url: String,
    /// The languages built.
    pub languages: Vec<Lang>,
    /// Where `/` leads.
    pub default_language: Lang,
    /// The plan's fiscal years, ascending.
    pub years: Vec<FiscalYear>,
    /// The long-term target year.
    pub target_year: Option<FiscalYear>,
    /// The latest year with results.
    pub reporting_year: FiscalYear,
    /// What the levels are called.
    pub levels: Levels,
    /// How statuses are decided.
    pub grading: Grading,
    /// A theme folder overriding the built-in theme.
    pub theme: Option<PathBuf>,
    /// The 全国地方公共団体コード, if given.
    pub organisation_code: Option<String>,
    /// The results of the latest accessibility checks, if any.
    pub accessibility: Option<AccessibilityResults>,
    /// The source document, contact point and licence, for every page's footer.
    pub about: About,
}

impl SiteConfig {
    /// The plan's years followed by the target year: the columns of a target table.
    pub fn all_years(&self) -> Vec<FiscalYear> {
        self.years.iter().copied().chain(self.target_year).collect()
    }
}

/// What each level of the hierarchy is called.
#[derive(Debug, Clone)]
pub struct Levels {
    /// 基本的方針.
    pub basic_policy: Text,
    /// 目指す姿.
    pub goal_area: Text,
    /// 方針.
    pub policy: Text,
    /// 施策.
    pub measure: Text,
    /// The numbered rows.
    pub action: Text,
    /// 行動指標.
    pub indicator: Text,
}

/// What the levels are called in messages (which are in English): `levels` in site.yaml, in
/// English where given, first letter in lower case (`policy 1-1: …`, `no project has the id …`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelNames {
    /// The basic-policy level.
    pub basic_policy: String,
    /// The goal-area level.
    pub goal_area: String,
    /// The policy level.
    pub policy: String,
    /// The measure level.
    pub measure: String,
    /// The action level.
    pub action: String,
    /// The indicator level.
    pub indicator: String,
}

impl Default for LevelNames {
    /// The names of a plan that has not named its levels (site.yaml unreadable).
    fn default() -> Self {
        let names = ["basic policy", "goal area", "policy", "measure", "action", "indicator"];
        let [basic_policy, goal_area, policy, measure, action, indicator] = names.map(str::to_owned);
        Self { basic_policy, goal_area, policy, measure, action, indicator }
    }
}

impl LevelNames {
    /// A level's name for a message: the English text if given, else the Japanese, with its
    /// first letter in lower case.
    pub fn message_word(en: Option<&str>, ja: &str) -> String {
        let word = en.filter(|e| !e.trim().is_empty()).unwrap_or(ja);
        let mut chars = word.chars();
        chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
    }
}

impl From<&Levels> for LevelNames {
    fn from(levels: &Levels) -> Self {
        let word = |t: &Text| LevelNames::message_word(t.en.as_deref(), &t.ja);
        Self {
            basic_policy: word(&levels.basic_policy),
            goal_area: word(&levels.goal_area),
            policy: word(&levels.policy),
            measure: word(&levels.measure),
            action: word(&levels.action),
            indicator: word(&levels.indicator),
        }
    }
}

/// The grading rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grading {
    /// The method.
    pub method: GradingMethod,
    /// Percent from which an indicator is achieved.
    pub achieved_at: f64,
    /// With bands: percent from which an indicator is on track.
    pub on_track_at: Option<f64>,
}

/// What the footer says about the data; every part is optional, and left out says nothing.
#[derive(Debug, Clone, Default)]
pub struct About {
    /// The source document.
    pub source: Option<Source>,
    /// Where readers can ask.
    pub contact: Option<Contact>,
    /// The terms of reuse.
    pub licence: Option<Licence>,
}

impl About {
    /// The first line of each page of the source's text extraction; empty when not given.
    pub fn page_lines(&self) -> &[u32] {
        self.source.as_ref().map_or(&[], |s| s.page_lines.as_slice())
    }
}

/// The source document.
#[derive(Debug, Clone)]
pub struct Source {
    /// Its title.
    pub title: Text,
    /// Who published it.
    pub publisher: Option<Text>,
    /// When.
    pub published: Option<jiff::civil::Date>,
    /// Where.
    pub url: Option<String>,
    /// The line of the source's text extraction where each page begins.
    pub page_lines: Vec<u32>,
}

/// A contact point.
#[derive(Debug, Clone)]
pub struct Contact {
    /// Who.
    pub name: Text,
    /// An e-mail address.
    pub email: Option<String>,
    /// A contact page.
    pub url: Option<String>,
}

/// The terms of reuse.
#[derive(Debug, Clone)]
pub struct Licence {
    /// Its name.
    pub name: Text,
    /// Its text.
    pub url: Option<String>,
}

/// A basic policy.
#[derive(Debug, Clone)]
pub struct BasicPolicy {
    /// Unique in the site; it names the item's page, anchor and download rows.
    pub id: String,
    /// The title as the source prints it.
    pub title: Text,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
}

/// A goal area.
#[derive(Debug, Clone)]
pub struct Goal {
    /// Unique in the site; it names the item's page, anchor and download rows.
    pub id: String,
    /// Index into [`Site::basic_policies`].
    pub basic_policy: Option<usize>,
    /// The title as the source prints it.
    pub title: Text,
    /// The city's own words on how it is doing.
    pub summary: Option<Text>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
    /// Its policies.
    pub policies: Vec<Policy>,
}

impl Goal {
    /// Every action of the goal area, in order.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.policies.iter().flat_map(Policy::actions)
    }

    /// Every action of the goal area, in order, to change.
    pub(crate) fn actions_mut(&mut self) -> impl Iterator<Item = &mut Action> {
        self.policies
            .iter_mut()
            .flat_map(|p| &mut p.approaches)
            .flat_map(|a| &mut a.measures)
            .flat_map(|m| &mut m.actions)
    }
}

/// A policy.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Its code, such as `1-1`.
    pub id: String,
    /// The title as the source prints it.
    pub title: Text,
    /// The city's own words on how it is doing.
    pub summary: Option<Text>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
    /// Its groups of measures.
    pub approaches: Vec<Approach>,
}

impl Policy {
    /// Every action of the policy, in order.
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.approaches.iter().flat_map(|a| &a.measures).flat_map(|m| &m.actions)
    }
}

/// A group of measures with its description.
#[derive(Debug, Clone)]
pub struct Approach {
    /// The description printed beside it.
    pub description: Option<Text>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
    /// Its measures.
    pub measures: Vec<Measure>,
}

/// A measure.
#[derive(Debug, Clone)]
pub struct Measure {
    /// The name as the source prints it; none where the plan groups actions without measures
    /// (`actions` written straight under a policy or an approach).
    pub title: Option<Text>,
    /// The source prints only 検討中.
    pub under_consideration: bool,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
    /// Its actions.
    pub actions: Vec<Action>,
}

impl Measure {
    /// What an action of this measure is called in links and downloads: its project, else the
    /// measure's title, else its description.
    pub fn action_name<'a>(&'a self, action: &'a Action) -> Option<&'a Text> {
        action.project.as_ref().or(self.title.as_ref()).or(action.description.as_ref())
    }
}

/// A numbered action, with the fields of its original filled in when it is a re-listed copy.
#[derive(Debug, Clone)]
pub struct Action {
    /// Unique in the site; it names the item's page, anchor and download rows.
    pub id: String,
    /// The printed number.
    pub no: u32,
    /// The project name.
    pub project: Option<Text>,
    /// The id of the original, when this is a re-listed copy.
    pub relisted_from: Option<String>,
    /// 実施計画事業.
    pub implementation_plan: bool,
    /// 重点PJ.
    pub priority: bool,
    /// 事業内容; none for an action whose project name says all the plan says.
    pub description: Option<Text>,
    /// The roadmaps.
    pub roadmaps: Vec<BTreeMap<FiscalYear, Text>>,
    /// The output indicators.
    pub indicators: Vec<Indicator>,
    /// What was done, per year.
    pub done: BTreeMap<FiscalYear, Text>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
    /// Indexes into [`Site::activation_plans`] of the plans that name this action.
    pub activation_plans: Vec<usize>,
}

/// An output indicator.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Unique in the site; it names the item's page, anchor and download rows.
    pub id: String,
    /// Where its id is written.
    pub loc: Loc,
    /// The name as the source prints it.
    pub name: Text,
    /// The unit of its values as printed (件, 人, ％ …).
    pub unit: Text,
    /// Count or level.
    pub kind: IndicatorKind,
    /// The four-year total.
    pub total: Option<Value>,
    /// Targets per year.
    pub targets: BTreeMap<FiscalYear, Value>,
    /// Actuals per year.
    pub actuals: BTreeMap<FiscalYear, Value>,
    /// Achievement rates as printed, per year, with where they were written.
    pub printed_rate: BTreeMap<FiscalYear, (Value, Loc)>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
}

/// A related plan.
#[derive(Debug, Clone)]
pub struct ActivationPlan {
    /// Its name, from the file name; also its URL.
    pub name: String,
    /// Whose plan.
    pub municipality: Text,
    /// The title as the source prints it.
    pub title: Text,
    /// First and last fiscal year.
    pub period: (FiscalYear, FiscalYear),
    /// Its aim.
    pub aim: Text,
    /// Picture captions.
    pub captions: Vec<Text>,
    /// Its sections.
    pub sections: Vec<Section>,
    /// What editors recorded about the source for this item (docs/source-notes.md lists them).
    pub notes: Vec<Note>,
}

/// A section of a related plan.
#[derive(Debug, Clone)]
pub struct Section {
    /// Its heading.
    pub heading: Text,
    /// Its paragraph.
    pub text: Option<Text>,
    /// Its projects.
    pub projects: Vec<Project>,
}

/// A project of a related plan.
#[derive(Debug, Clone)]
pub struct Project {
    /// The name as the source prints it.
    pub name: Text,
    /// Ids of the actions of the plan that are the same programme.
    pub actions: Vec<String>,
}

/// A free page, in every language it is written in.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its name, also its URL.
    pub name: String,
    /// The Markdown source per language.
    pub markdown: BTreeMap<Lang, String>,
}
