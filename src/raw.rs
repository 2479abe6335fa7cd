//! The content "as written": the shapes of the YAML files, with the source location of every
//! value that validation may need to point at. Nothing here is checked beyond its YAML type;
//! [`crate::validate`] turns these into the typed model.
//!
//! Every struct a person writes denies unknown fields, so that a misspelt key is an error with
//! its location rather than a value silently ignored. The same types generate the JSON Schema
//! that editors use (`mieruka schema`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::lang::Lang;

/// A value together with where it was written.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Located<T>(pub serde_saphyr::Spanned<T>);

impl<T> Located<T> {
    /// The value.
    pub fn get(&self) -> &T {
        &self.0.value
    }

    /// Line and column (from 1) where the value was written.
    pub fn line_column(&self) -> (u64, u64) {
        let at = self.0.referenced;
        (at.line(), at.column())
    }
}

impl<T: JsonSchema> JsonSchema for Located<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A text in Japanese and, optionally, English.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    /// The Japanese text, exactly as printed in the source.
    pub ja: Located<String>,
    /// The English text. When missing, the English page shows the Japanese text with a note.
    #[serde(default)]
    pub en: Option<Located<String>>,
}

/// What kind of note a note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// A title or text is lost in the source.
    MissingText,
    /// Numbers or copies in the source disagree.
    Discrepancy,
    /// The source allows more than one reading; the note says which was chosen.
    Ambiguity,
    /// A cell is unreadable as printed.
    Garbled,
    /// Anything else worth telling readers.
    Remark,
}

impl NoteKind {
    /// The name as written in YAML (`missing_text`).
    pub fn key(self) -> &'static str {
        match self {
            NoteKind::MissingText => "missing_text",
            NoteKind::Discrepancy => "discrepancy",
            NoteKind::Ambiguity => "ambiguity",
            NoteKind::Garbled => "garbled",
            NoteKind::Remark => "remark",
        }
    }
}

/// A note about an item: where the source is lost, garbled or inconsistent.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNote {
    /// What kind of note.
    pub kind: Located<NoteKind>,
    /// The lines of the source text the note is about, such as "562-570".
    #[serde(default)]
    pub lines: Option<String>,
    /// The note as shown to readers.
    pub text: RawText,
}

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    /// The site's title.
    pub title: RawText,
    /// Who publishes the plan.
    pub organisation: RawText,
    /// The URL the site is published under, ending in `/`.
    pub base_url: Located<String>,
    /// The languages built.
    pub languages: Located<Vec<Lang>>,
    /// Where `/` leads.
    pub default_language: Located<Lang>,
    /// The plan's fiscal years.
    pub plan: RawPlan,
    /// What each level of the hierarchy is called.
    pub levels: RawLevels,
    /// How an indicator's status is decided.
    pub grading: RawGrading,
    /// A folder whose templates and files replace the built-in theme's, file by file.
    #[serde(default)]
    pub theme: Option<Located<String>>,
    /// The 全国地方公共団体コード (six digits, e.g. 131121 for Setagaya City), the first column
    /// of the data downloads.
    #[serde(default)]
    pub organisation_code: Option<Located<String>>,
    /// The results of the latest accessibility checks (a JSON file written by
    /// `.ci/browser-checks`), relative to the content folder; shown on the accessibility page.
    #[serde(default)]
    pub accessibility_results: Option<Located<String>>,
    /// The document the plan's figures come from, named in every page's footer.
    #[serde(default)]
    pub source: Option<RawSource>,
    /// Where readers can ask about the plan and its data.
    #[serde(default)]
    pub contact: Option<RawContact>,
    /// The terms under which the data may be reused.
    #[serde(default)]
    pub licence: Option<RawLicence>,
}

/// The source document. Write only what the document itself states; leave the rest out.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Its title, as printed.
    pub title: RawText,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<RawText>,
    /// When it was published, as `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<Located<String>>,
    /// Where it is published: an http(s) address.
    #[serde(default)]
    pub url: Option<Located<String>>,
    /// For a source read from a text extraction: the line where each of its pages begins, in
    /// order (the first is 1). Notes then cite lines in the YAML and pages on the site.
    #[serde(default)]
    pub page_lines: Option<Located<Vec<u32>>>,
}

/// A contact point for readers.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawContact {
    /// Who to contact, such as the department in charge.
    pub name: RawText,
    /// An e-mail address.
    #[serde(default)]
    pub email: Option<Located<String>>,
    /// An http(s) address of a contact page or form.
    #[serde(default)]
    pub url: Option<Located<String>>,
}

/// The terms of reuse of the data.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    /// Its name, such as `CC BY 4.0` or 政府標準利用規約（第2.0版）.
    pub name: RawText,
    /// An http(s) address of its text.
    #[serde(default)]
    pub url: Option<Located<String>>,
}

/// The results of the automated accessibility checks, as `.ci/browser-checks` writes them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct AccessibilityResults {
    /// The day of the run, `YYYY-MM-DD`.
    pub checked_at: String,
    /// How many pages were checked.
    pub pages: u64,
    /// axe-core's results.
    pub axe: AxeResults,
    /// The HTML validator's results.
    pub html: HtmlResults,
    /// The link check's results.
    pub links: LinkResults,
    /// The browser used.
    pub browser: String,
}

/// axe-core's results.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct AxeResults {
    /// axe-core's version.
    pub version: String,
    /// The rule sets run.
    pub rules: String,
    /// Violations found.
    pub violations: u64,
    /// Violations per rule.
    #[serde(default)]
    pub by_rule: Vec<AxeRule>,
}

/// Violations of one axe rule.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct AxeRule {
    /// The rule's id.
    pub id: String,
    /// Its impact.
    pub impact: String,
    /// How many elements violate it.
    pub count: u64,
}

/// The HTML validator's results.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct HtmlResults {
    /// The validator.
    pub validator: String,
    /// Errors found.
    pub errors: u64,
}

/// The link check's results.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct LinkResults {
    /// Links checked.
    pub checked: u64,
    /// Broken links found.
    pub broken: u64,
}

/// The plan's fiscal years.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPlan {
    /// The plan's years, as the Gregorian year each fiscal year starts in.
    pub years: Located<Vec<u16>>,
    /// The long-term target year.
    #[serde(default)]
    pub target_year: Option<Located<u16>>,
    /// The latest year with results.
    pub reporting_year: Located<u16>,
}

/// The names of the levels of the hierarchy.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevels {
    /// 基本的方針. A plan without basic policies may leave it out (it then reads as the
    /// goal area's name, and is never shown).
    #[serde(default)]
    pub basic_policy: Option<RawText>,
    /// 目指す姿.
    pub goal_area: RawText,
    /// 方針 / 施策 (codes such as 1-1).
    pub policy: RawText,
    /// 施策名. A plan whose actions sit straight under policies may leave it out (it then
    /// reads as the policy's name).
    #[serde(default)]
    pub measure: Option<RawText>,
    /// The numbered rows ①②③.
    pub action: RawText,
    /// 行動指標.
    pub indicator: RawText,
}

impl RawLevels {
    /// The names of the levels as written, for messages; a level left out reads as the one it
    /// stands in for, as on the site.
    pub fn names(&self) -> crate::model::LevelNames {
        let word =
            |t: &RawText| crate::model::LevelNames::message_word(t.en.as_ref().map(|e| e.get().as_str()), t.ja.get());
        crate::model::LevelNames {
            basic_policy: word(self.basic_policy.as_ref().unwrap_or(&self.goal_area)),
            goal_area: word(&self.goal_area),
            policy: word(&self.policy),
            measure: word(self.measure.as_ref().unwrap_or(&self.policy)),
            action: word(&self.action),
            indicator: word(&self.indicator),
        }
    }
}

/// How statuses are decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GradingMethod {
    /// Achieved at `achieved_at`; on track when the actual so far meets the target so far.
    Pace,
    /// Achieved at `achieved_at`; on track from `on_track_at`.
    Bands,
}

/// The grading rule.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGrading {
    /// `pace` or `bands`.
    pub method: Located<GradingMethod>,
    /// The achievement rate (percent) from which an indicator counts as achieved.
    pub achieved_at: Located<f64>,
    /// With `bands`: the lowest achievement rate (percent) that counts as on track.
    #[serde(default)]
    pub on_track_at: Option<Located<f64>>,
}

/// `content/basic-policies.yaml`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBasicPolicies {
    /// The basic policies, in order.
    pub basic_policies: Vec<RawBasicPolicy>,
}

/// A basic policy.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBasicPolicy {
    /// Unique id, referenced by goal areas.
    pub id: Located<String>,
    /// As printed.
    pub title: RawText,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

/// `content/goals/NN.yaml`: a goal area with everything under it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGoal {
    /// Unique id; also the page's URL.
    pub id: Located<String>,
    /// The id of its basic policy.
    #[serde(default)]
    pub basic_policy: Option<Located<String>>,
    /// As printed.
    pub title: RawText,
    /// The city's own words on how the goal area is doing, shown under the sentence the site
    /// writes from the numbers. Leave it out unless the plan has such a text.
    #[serde(default)]
    pub summary: Option<RawText>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Its policies, in order.
    pub policies: Vec<RawPolicy>,
}

impl RawGoal {
    /// Every action of the goal area as written, in order: policies → approaches → measures →
    /// actions, with actions written straight under a policy or an approach in their place.
    pub fn actions(&self) -> impl Iterator<Item = &RawAction> {
        self.policies.iter().flat_map(RawPolicy::actions)
    }
}

impl RawPolicy {
    /// Every action of the policy as written, in order, wherever it is written: in measures of
    /// approaches, straight under an approach, or straight under the policy.
    pub fn actions(&self) -> impl Iterator<Item = &RawAction> {
        let in_approaches = self
            .approaches
            .iter()
            .flatten()
            .flat_map(|a| a.measures.iter().flatten().flat_map(|m| &m.actions).chain(a.actions.iter().flatten()));
        in_approaches.chain(self.actions.iter().flatten())
    }
}

/// A policy (方針, code such as 1-1).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    /// The code, such as `1-1`; unique in the site.
    pub id: Located<String>,
    /// As printed.
    pub title: RawText,
    /// The city's own words on how the policy is doing, shown under the sentence the site
    /// writes from the numbers. Leave it out unless the plan has such a text.
    #[serde(default)]
    pub summary: Option<RawText>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Groups of measures, each with the description printed beside it. A plan without such
    /// groups gives `actions` instead.
    #[serde(default)]
    pub approaches: Option<Vec<RawApproach>>,
    /// Its actions, for a plan whose policies have no approaches or measures; give either
    /// this or `approaches`.
    #[serde(default)]
    pub actions: Option<Vec<RawAction>>,
}

/// A group of measures with a short description; action numbers start again in each.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawApproach {
    /// The description printed beside the group.
    #[serde(default)]
    pub description: Option<RawText>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Its measures, in order. An approach without measures gives `actions` instead.
    #[serde(default)]
    pub measures: Option<Vec<RawMeasure>>,
    /// Its actions, for an approach without measures; give either this or `measures`.
    #[serde(default)]
    pub actions: Option<Vec<RawAction>>,
}

/// A measure (施策名).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeasure {
    /// The name as printed.
    pub title: RawText,
    /// The source prints only 検討中 (under consideration).
    #[serde(default)]
    pub under_consideration: Option<Located<bool>>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
    /// Its numbered actions.
    #[serde(default)]
    pub actions: Vec<RawAction>,
}

/// A numbered action (①②③…). On a re-listed copy every field but `id` and `no` may be left
/// out and is then taken from the original.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAction {
    /// Unique, stable id such as `1-1-3-1`.
    pub id: Located<String>,
    /// The printed number (① is 1).
    pub no: Located<u32>,
    /// The project name printed in the row.
    #[serde(default)]
    pub project: Option<RawText>,
    /// The id of the original action this row re-lists (再掲).
    #[serde(default)]
    pub relisted_from: Option<Located<String>>,
    /// Part of the city's implementation plan (実施計画事業).
    #[serde(default)]
    pub implementation_plan: Option<bool>,
    /// A priority project (重点PJ).
    #[serde(default)]
    pub priority: Option<bool>,
    /// 事業内容.
    #[serde(default)]
    pub description: Option<RawText>,
    /// The roadmaps, each a map from fiscal year to its text.
    #[serde(default)]
    pub roadmaps: Option<Vec<BTreeMap<u16, RawText>>>,
    /// The output indicators.
    #[serde(default)]
    pub indicators: Option<Vec<RawIndicator>>,
    /// What was done, per fiscal year.
    #[serde(default)]
    pub done: Option<BTreeMap<u16, RawText>>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

/// Whether an indicator's yearly numbers add up or state a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Yearly amounts that add up to the four-year total.
    #[default]
    Count,
    /// A level to keep or reach, such as a rate or a cumulative number.
    Level,
}

/// An output indicator (行動指標).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    /// Unique, stable id such as `1-1-3-1.2`.
    pub id: Located<String>,
    /// As printed, without the ①②③ of a sub-item.
    pub name: RawText,
    /// As printed (件, 回, 人, ％ …).
    pub unit: RawText,
    /// `count` (default) or `level`.
    #[serde(default)]
    pub kind: IndicatorKind,
    /// 合計: the total over the plan's years.
    #[serde(default)]
    pub total: Option<Located<RawValue>>,
    /// 目標値 per fiscal year.
    #[serde(default)]
    pub targets: BTreeMap<u16, Located<RawValue>>,
    /// 実績値 per fiscal year.
    #[serde(default)]
    pub actuals: BTreeMap<u16, Located<RawValue>>,
    /// 達成率 as printed, in percent, per fiscal year.
    #[serde(default)]
    pub printed_rate: BTreeMap<u16, Located<RawValue>>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

/// A target, actual or rate as written: a number, "ー", "検討中", or `{value, printed}`.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// A plain number.
    Number(f64),
    /// A string: "ー", "-" or "検討中" are valid; anything else is reported by validation.
    Word(String),
    /// A number whose cell prints more than the number.
    Printed {
        /// The number, if the cell holds one.
        value: Option<f64>,
        /// The cell as printed.
        printed: String,
    },
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawValueVisitor)
    }
}

struct RawValueVisitor;

impl<'de> Visitor<'de> for RawValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a number, "ー", "検討中" or {value: <number>, printed: "<text as printed>"}"#)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::Word(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut value = None;
        let mut printed = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => value = Some(map.next_value::<f64>()?),
                "printed" => printed = Some(map.next_value::<String>()?),
                other => return Err(de::Error::unknown_field(other, &["value", "printed"])),
            }
        }
        let printed = printed.ok_or_else(|| de::Error::missing_field("printed"))?;
        Ok(RawValue::Printed { value, printed })
    }
}

impl JsonSchema for RawValue {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number as printed (no separators, no unit), \"ー\" or \"-\" (no value), \"検討中\" (under consideration), or {value, printed} for a cell that prints more than a number.",
            "oneOf": [
                { "type": "number", "minimum": 0 },
                { "enum": ["ー", "-", "検討中"] },
                {
                    "type": "object",
                    "properties": {
                        "value": { "type": "number", "minimum": 0 },
                        "printed": { "type": "string" }
                    },
                    "required": ["printed"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// `content/activation-plans/NAME.yaml`: a related plan published as a page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawActivationPlan {
    /// Whose plan it is.
    pub municipality: RawText,
    /// The plan's name as printed.
    pub title: RawText,
    /// The plan period.
    pub period: RawPeriod,
    /// The plan's aim as printed.
    pub aim: RawText,
    /// Captions of the plan's pictures.
    #[serde(default)]
    pub captions: Vec<RawText>,
    /// The sections (1)–(3).
    pub sections: Vec<RawSection>,
    /// Notes about it.
    #[serde(default)]
    pub notes: Vec<RawNote>,
}

/// A span of fiscal years.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPeriod {
    /// The first fiscal year.
    pub from: Located<u16>,
    /// The last fiscal year.
    pub to: Located<u16>,
}

/// A section of an activation plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// The heading as printed.
    pub heading: RawText,
    /// The paragraph under it.
    #[serde(default)]
    pub text: Option<RawText>,
    /// The projects named in it.
    #[serde(default)]
    pub projects: Vec<RawProject>,
}

/// A project named in an activation plan.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProject {
    /// The project's name.
    pub name: RawText,
    /// The ids of the plan's actions that are the same programme.
    #[serde(default)]
    pub actions: Vec<Located<String>>,
}
