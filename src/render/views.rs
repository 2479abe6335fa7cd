//! The contract between the code and the templates: flat, already-localised view structs, which
//! is all a template receives (as `view`, with `page` for the frame and `labels` for the theme's
//! words). Templates only lay these out; every choice of language, number format and fallback
//! is made before. Theme authors read this file (docs/theme.md explains how to use it); a field
//! renamed here breaks their templates, so treat it as a public interface.

use serde::Serialize;

use super::language::Run;

/// A text in the page's language, or the Japanese text marked as such with a note that the
/// translation is pending.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LText {
    /// The text shown.
    pub text: String,
    /// Set when the text is not in the page's language: its language code.
    pub lang: Option<&'static str>,
    /// Set when the translation is pending: the note to show.
    pub pending: Option<String>,
    /// Whether the source lost the text: `text` then says so, in the page's language.
    pub lost: bool,
    /// When the text mixes scripts, its runs, each Japanese one marked with its language.
    pub runs: Option<Vec<Run>>,
}

/// A link.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    /// Where it goes, relative to the page.
    pub href: String,
    /// Its text.
    pub title: String,
}

/// A breadcrumb: a link, or the current page when `href` is empty.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Crumb {
    /// Where it goes; `None` for the current page.
    pub href: Option<String>,
    /// Its text.
    pub title: String,
}

/// The same page in a language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate {
    /// The language code.
    pub lang: &'static str,
    /// The language's own name.
    pub name: &'static str,
    /// Link relative to the page.
    pub href: String,
    /// Absolute URL, for `hreflang` links.
    pub absolute: String,
}

/// What every page has: its place, its language and the site's frame.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageMeta {
    /// The page's language code.
    pub lang: &'static str,
    /// The site's title in that language.
    pub site_title: String,
    /// Who publishes.
    pub organisation: String,
    /// The page's title.
    pub title: String,
    /// The meta description.
    pub description: String,
    /// The page's absolute URL.
    pub canonical: String,
    /// The relative path from the page to the site root (`../../`).
    pub root: String,
    /// The link to the home page of the page's language.
    pub home: String,
    /// The page in every language.
    pub alternates: Vec<Alternate>,
    /// The page in the other languages, for the language switch.
    pub switch: Vec<Alternate>,
    /// The site's main navigation.
    pub nav: Vec<Link>,
    /// The trail from home to the page.
    pub breadcrumbs: Vec<Crumb>,
    /// Links in the footer.
    pub footer_links: Vec<Link>,
    /// The reporting year, localised.
    pub reporting_year: String,
    /// What the footer says about the data.
    pub about: AboutView,
    /// On the pages of a past edition: the banner that says so and links to the latest.
    pub edition: Option<EditionBanner>,
}

/// The banner on every page of a past edition.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionBanner {
    /// "This is the FY2024 edition, kept as it was published."
    pub text: String,
    /// The same page in the latest edition (or its home page, if the page is gone).
    pub href: String,
    /// The link's text.
    pub link: String,
}

/// Where the data comes from, whom to ask and how it may be reused: each part is empty when
/// site.yaml does not say.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AboutView {
    /// The source document's title.
    pub source: Option<LText>,
    /// Where it is published.
    pub source_href: Option<String>,
    /// Who published it.
    pub publisher: Option<LText>,
    /// When, localised.
    pub published: Option<String>,
    /// Whom to ask.
    pub contact: Option<LText>,
    /// How: a `mailto:` or web address.
    pub contact_href: Option<String>,
    /// The licence's name.
    pub licence: Option<LText>,
    /// Its text.
    pub licence_href: Option<String>,
    /// When the pages were built, localised.
    pub built: Option<String>,
}

/// A status, with its label and icon.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusView {
    /// Stable key (`on_track`).
    pub key: &'static str,
    /// Localised label.
    pub label: String,
    /// A symbol that tells statuses apart without colour.
    pub icon: &'static str,
}

/// A row of a status roll-up.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CountRow {
    /// The status.
    pub status: StatusView,
    /// How many indicators are in it.
    pub count: usize,
}

/// A roll-up chart with its data table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RollupView {
    /// The figure's caption.
    pub caption: String,
    /// The chart, as inline SVG.
    pub chart: String,
    /// The data table's caption.
    pub table_caption: String,
    /// Column heading for statuses.
    pub status_heading: String,
    /// Column heading for counts.
    pub count_heading: String,
    /// One row per status.
    pub rows: Vec<CountRow>,
}

/// A note, localised.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NoteView {
    /// `missing_text`, `discrepancy` …
    pub kind: &'static str,
    /// The note.
    pub text: LText,
}

/// An item's notes: those shown next to it, because they change what a number means, and
/// those that explain how the source was read, collapsed under "About the source".
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct NotesView {
    /// Shown next to the item.
    pub shown: Vec<NoteView>,
    /// Collapsed under "About the source".
    pub about_source: Vec<NoteView>,
}

/// A link whose text may be in another language.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TextLink {
    /// Where it goes.
    pub href: String,
    /// Its text.
    pub title: LText,
}

/// An item in a list of what is behind: a link with its code and a short note.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ItemLink {
    /// Where it goes.
    pub href: String,
    /// Its level and number, or its code (`1-1 ①`).
    pub code: String,
    /// Its title in the page's language (or the Japanese, marked as such).
    pub title: LText,
    /// A short note, such as the number behind.
    pub note: Option<String>,
}

/// What a page says first: how its indicators are doing, in a sentence written from the
/// numbers, the city's own words if it has any, and what is behind.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnswerView {
    /// The sentence, such as "Of the 11 indicators of this policy, 3 have reached their target …";
    /// none on a site without indicators.
    pub sentence: Option<String>,
    /// The city's own words (`summary` in the content).
    pub summary: Option<LText>,
    /// Heading of the list of what is behind.
    pub behind_heading: String,
    /// What is behind, linked.
    pub behind: Vec<ItemLink>,
    /// How the counts are counted, in one sentence; none where nothing is counted.
    pub counting: Option<String>,
    /// What changed since the previous year, linked to the page of changes; none where
    /// nothing is counted.
    pub changes: Option<ChangesLine>,
}

/// What changed since the previous year, in a sentence (or why nothing can be compared yet),
/// with a link to the page of changes.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesLine {
    /// The sentence: "Since FY2024: 3 improved, 1 worsened, 10 unchanged."
    pub sentence: String,
    /// Link to the page of changes; none when there is no earlier year.
    pub href: Option<String>,
    /// The link's text.
    pub link: String,
}

/// How an indicator's status moved since the previous year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeView {
    /// A stable key for CSS: `improved`, `worsened`, `unchanged`, `new`, `ungraded`.
    pub key: &'static str,
    /// The change in words.
    pub label: String,
    /// A symbol (▲▼＝＋×), always shown with the label and hidden from screen readers.
    pub icon: &'static str,
    /// The previous year's status: "FY2024: Behind".
    pub was: String,
}

/// A card on the home or a goal-area page: a goal area or a policy with its statuses.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CardView {
    /// Link to its page.
    pub href: String,
    /// Its level and number (`Goal area 1`) or code (`1-1`).
    pub label: String,
    /// The title in the page's language (or the Japanese, marked as such).
    pub title: LText,
    /// Whether the source lost its title.
    pub missing: bool,
    /// Its non-empty status counts.
    pub counts: Vec<CountRow>,
    /// How it is doing, in a sentence.
    pub sentence: Option<String>,
}

/// The goal areas of one basic policy on the home page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupView {
    /// `Basic policy 1`, if the goal areas have one.
    pub label: Option<String>,
    /// The basic policy's title.
    pub title: Option<LText>,
    /// Whether the source lost its title.
    pub missing: bool,
    /// The basic policy's source notes, shown under its title.
    pub notes: NotesView,
    /// The goal areas.
    pub goals: Vec<CardView>,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HomeView {
    /// How the plan is doing, and which goal areas have something behind.
    pub answer: AnswerView,
    /// Heading of the plan's roll-up.
    pub overview_heading: String,
    /// The plan's roll-up.
    pub rollup: Option<RollupView>,
    /// Goal areas grouped by basic policy.
    pub groups: Vec<GroupView>,
    /// Related plans.
    pub activation_plans: Vec<TextLink>,
    /// Why the related plans are here.
    pub activation_plans_intro: String,
    /// The sanitised HTML of `pages/home.LANG.md`, if any.
    pub intro: Option<String>,
}

/// A goal area's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GoalView {
    /// `Goal area 1`.
    pub label: String,
    /// The title in the page's language (or the Japanese, marked as such).
    pub title: LText,
    /// Whether the source lost its title.
    pub missing: bool,
    /// `Basic policy 1`.
    pub basic_policy_label: Option<String>,
    /// The basic policy's title.
    pub basic_policy: Option<LText>,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
    /// How it is doing and what is behind.
    pub answer: AnswerView,
    /// Its roll-up.
    pub rollup: Option<RollupView>,
    /// Heading of the policy list.
    pub policies_heading: String,
    /// This goal area's data as CSV.
    pub data: Option<DownloadView>,
    /// Its policies.
    pub policies: Vec<CardView>,
}

/// An entry of a policy page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    /// The measure's anchor.
    pub anchor: String,
    /// The measure's title.
    pub title: LText,
    /// Its non-empty status counts.
    pub counts: Vec<CountRow>,
}

/// A policy's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PolicyView {
    /// Its code.
    pub id: String,
    /// The title in the page's language (or the Japanese, marked as such).
    pub title: LText,
    /// Whether the source lost its title.
    pub missing: bool,
    /// `Goal area 1`.
    pub goal_label: String,
    /// Link to the goal area.
    pub goal_href: String,
    /// The goal area's title.
    pub goal_title: LText,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
    /// How it is doing and what is behind.
    pub answer: AnswerView,
    /// Its roll-up.
    pub rollup: Option<RollupView>,
    /// Its measures, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// Its approaches.
    pub approaches: Vec<ApproachView>,
    /// What a measure is called (`levels.measure` in site.yaml).
    pub measure_label: String,
    /// What an action is called (`levels.action`), shown before each action's number.
    pub action_label: String,
    /// What an output indicator is called (`levels.indicator`), the heading of each action's indicators.
    pub indicator_label: String,
    /// Name of the previous/next navigation.
    pub pager_label: String,
    /// The previous policy.
    pub previous: Option<Link>,
    /// The next policy.
    pub next: Option<Link>,
}

/// A group of measures.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ApproachView {
    /// Its description.
    pub description: Option<LText>,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
    /// Its measures.
    pub measures: Vec<MeasureView>,
}

/// A measure.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MeasureView {
    /// Its anchor.
    pub anchor: String,
    /// The title in the page's language (or the Japanese, marked as such).
    pub title: Option<LText>,
    /// Printed only as 検討中.
    pub under_consideration: bool,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
    /// Its actions.
    pub actions: Vec<ActionView>,
}

/// A text for a fiscal year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct YearText {
    /// The year, localised.
    pub year: String,
    /// The text.
    pub text: LText,
}

/// An action.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActionView {
    /// Its anchor (its id).
    pub anchor: String,
    /// ①.
    pub number: String,
    /// What the collapsed action shows after its number: the project name, or else the start
    /// of its description.
    pub headline: LText,
    /// The non-empty status counts of its indicators, shown on the collapsed action.
    pub counts: Vec<CountRow>,
    /// Whether it has anything to show under its heading; an action that is only a name (a
    /// project without description or indicators) is shown as its heading alone, not
    /// collapsed.
    pub has_body: bool,
    /// Link to the original, for a re-listed copy.
    pub relisted: Option<Link>,
    /// 実施計画事業.
    pub implementation_plan: bool,
    /// 重点PJ.
    pub priority: bool,
    /// 事業内容.
    pub description: Option<LText>,
    /// The roadmaps.
    pub roadmaps: Vec<Vec<YearText>>,
    /// The indicators.
    pub indicators: Vec<IndicatorView>,
    /// What was done.
    pub done: Vec<YearText>,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
    /// Related plans that name it.
    pub activation_plans: Vec<TextLink>,
}

/// A row of an indicator's data table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TableRow {
    /// Row heading.
    pub label: String,
    /// Cells, one per column.
    pub cells: Vec<LText>,
}

/// An indicator with its chart and data table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorView {
    /// Its anchor.
    pub anchor: String,
    /// ①② for sub-items; empty for a single indicator.
    pub number: String,
    /// The name in the page's language (or the Japanese, marked as such).
    pub name: LText,
    /// Its unit.
    pub unit: LText,
    /// Count or level, explained.
    pub kind: String,
    /// Whether its chart draws cumulative figures (a count).
    pub cumulative: bool,
    /// Its status.
    pub status: StatusView,
    /// The achievement rate, formatted: the one rate shown.
    pub rate: String,
    /// Set when the source prints another rate: a sentence with both.
    pub rate_note: Option<String>,
    /// The change since the previous year, when there is one.
    pub change: Option<ChangeView>,
    /// The chart, as inline SVG.
    pub chart: String,
    /// The table's caption.
    pub table_caption: String,
    /// The (hidden) heading of the row-heading column.
    pub year_heading: String,
    /// Column headings: the years and the total.
    pub columns: Vec<String>,
    /// Targets and actuals.
    pub rows: Vec<TableRow>,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
}

/// The page of what changed since the previous year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangesView {
    /// What the page says first: the whole plan's changes, or that there is no earlier year.
    pub intro: String,
    /// Whether there is an earlier year to compare with.
    pub compared: bool,
    /// Column headings: indicator, the previous year, the reporting year, the change.
    pub columns: Vec<String>,
    /// Per goal area, the indicators whose status changed.
    pub groups: Vec<ChangeGroup>,
    /// Said when no status changed.
    pub none: String,
}

/// The indicators of one goal area whose status changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangeGroup {
    /// Its level and number: `Goal area 1`.
    pub label: String,
    /// Link to its page.
    pub href: String,
    /// Its title.
    pub title: LText,
    /// Its changes in a sentence.
    pub sentence: String,
    /// Each indicator listed under it whose status changed, in page order.
    pub items: Vec<ChangedItem>,
}

/// One indicator whose status changed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ChangedItem {
    /// Link to the indicator on its policy page.
    pub href: String,
    /// Its code: `1-1 ① ②`.
    pub code: String,
    /// Its name.
    pub title: LText,
    /// The previous year's status.
    pub was: StatusView,
    /// The reporting year's status.
    pub now: StatusView,
    /// The change.
    pub change: ChangeView,
}

/// The list of past editions.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct EditionsView {
    /// What the page is for.
    pub intro: String,
    /// Each past edition, newest first.
    pub editions: Vec<Link>,
}

/// The methodology page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MethodologyView {
    /// The rule, in paragraphs.
    pub rule: Vec<String>,
    /// The statuses.
    pub statuses: Vec<StatusView>,
}

/// A free page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageView {
    /// Its sanitised HTML.
    pub html: String,
    /// The language of the content, when it is not the page's.
    pub content_lang: Option<&'static str>,
    /// The note shown when the content is in another language.
    pub fallback: Option<String>,
}

/// A project of a related plan.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ProjectView {
    /// The name in the page's language (or the Japanese, marked as such).
    pub name: LText,
    /// Links to the plan's actions.
    pub actions: Vec<Link>,
}

/// A section of a related plan.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionView {
    /// Its heading.
    pub heading: LText,
    /// Its paragraph.
    pub text: Option<LText>,
    /// Its projects.
    pub projects: Vec<ProjectView>,
}

/// A related plan's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ActivationPlanView {
    /// The title in the page's language (or the Japanese, marked as such).
    pub title: LText,
    /// Whose plan.
    pub municipality: LText,
    /// The period, localised.
    pub period: String,
    /// Its aim.
    pub aim: LText,
    /// Picture captions.
    pub captions: Vec<LText>,
    /// Its sections.
    pub sections: Vec<SectionView>,
    /// The item's source notes, shown with it.
    pub notes: NotesView,
}

/// The search page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchView {
    /// Path from the page to the folder of the search index (ending in `/`).
    pub index_href: String,
    /// Path from the page to the script.
    pub script_href: String,
}

/// A file offered for download.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DownloadView {
    /// Link.
    pub href: String,
    /// What it is.
    pub title: String,
    /// Format and encoding.
    pub format: String,
    /// Size, such as `1.2 MB`.
    pub size: String,
}

/// A column of the data table.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ColumnView {
    /// The column's name, as in the header row of the files.
    pub name: &'static str,
    /// What it holds, in the page's language, with the site's names of its levels.
    pub description: LText,
}

/// The downloads page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DataView {
    /// The whole plan.
    pub files: Vec<DownloadView>,
    /// The columns.
    pub columns: Vec<ColumnView>,
    /// How to read the files: how to get a page's counts from the rows, how to open them in Excel.
    pub reading: Vec<LText>,
}

/// The accessibility statement.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AccessibilityView {
    /// The results of the latest checks, if any.
    pub results: Option<crate::model::AccessibilityResults>,
}
