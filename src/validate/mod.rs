//! Stage 2, validate: turn the "as written" content into the typed model, reporting every
//! problem (not only the first) with its location and a way to fix it.
//!
//! [`validate`] reads as the order of the work: the site settings, the basic policies, the goal
//! areas (one file per level below: `goals.rs`), the related plans, the free pages, then the
//! re-listed copies filled from their validated originals and the links from actions to plans.
//! The `impl Validator` blocks are spread over the child modules by level.

mod about;
mod agreement;
mod goals;
mod ids;
mod pages;
mod plans;
mod relisted;
mod site;

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::load::RawContent;
use crate::model::{BasicPolicy, Goal, LevelNames, Note, Site, Text};
use crate::raw::{Located, RawBasicPolicies, RawNote, RawText};
use ids::{IdRegistry, SiteIds};
use relisted::Copies;

/// Validates loaded content. Returns the model when there is no error; every problem found,
/// errors, warnings and source notes, goes to `diagnostics` either way.
pub(crate) fn validate(raw: &RawContent, diagnostics: &mut Diagnostics) -> Option<Site> {
    let site_file = raw.site.as_ref()?;
    let mut v = Validator::new(raw, diagnostics);
    let config = v.site(&site_file.value, &raw.root);
    let basic_policies = raw.basic_policies.as_ref().map(|bp| v.basic_policies(&bp.value, &bp.file));
    let mut ids = SiteIds::new(&v.names);
    let mut copies = Copies::index(&raw.goals);
    let mut goals: Vec<Goal> =
        raw.goals.iter().map(|g| v.goal(g, basic_policies.as_deref(), &mut copies, &mut ids)).collect();
    let activation_plans = raw.activation_plans.iter().map(|p| v.activation_plan(p, &ids.actions)).collect::<Vec<_>>();
    let pages = v.pages(&raw.pages, config.as_ref().map(|c| c.languages.as_slice()).unwrap_or(&[]));
    copies.fill(&mut goals);
    if !v.diagnostics.has_errors() {
        agreement::check(&goals, &v.names, v.diagnostics);
    }
    plans::link_activation_plans(&mut goals, &activation_plans);
    if v.diagnostics.has_errors() {
        return None;
    }
    Some(Site { config: config?, basic_policies: basic_policies.unwrap_or_default(), goals, activation_plans, pages })
}

/// The state of one validation: where problems go, and the settings later checks need.
struct Validator<'d> {
    /// The file being validated, for locations.
    file: Arc<Path>,
    diagnostics: &'d mut Diagnostics,
    /// Whether English is published (and so missing translations matter).
    english: bool,
    years: Vec<FiscalYear>,
    target_year: Option<FiscalYear>,
    /// The latest year with results; an actual for a later year is not graded.
    reporting_year: Option<FiscalYear>,
    /// Whether plan.years can be checked against: years in order, each a plausible fiscal year.
    /// When they cannot, site.yaml's error is the one reported, not one per value.
    years_usable: bool,
    /// Whether every goal file was read, so that a reference to a missing action is an error
    /// rather than a consequence of a file that could not be parsed.
    check_references: bool,
    /// Whether basic-policies.yaml, if there is one, was read, so that a goal area's basic
    /// policy can be looked up.
    check_basic_policies: bool,
    /// The item being validated (`indicator 1-1-1-1.1`), named at the start of each problem.
    item: Option<String>,
    /// What the site calls its levels, for messages.
    names: LevelNames,
}

impl<'d> Validator<'d> {
    /// Years and languages are taken as written even if site.yaml has errors, so that goal files
    /// are checked against them rather than reported as all outside the plan.
    fn new(raw: &RawContent, diagnostics: &'d mut Diagnostics) -> Self {
        let site = raw.site.as_ref().map(|s| (&s.file, &s.value));
        Validator {
            file: site.map_or_else(|| Arc::from(raw.root.as_path()), |(file, _)| Arc::clone(file)),
            diagnostics,
            english: site.is_some_and(|(_, s)| s.languages.get().contains(&Lang::En)),
            years: site.map(|(_, s)| s.plan.years.get().iter().map(|&y| FiscalYear(y)).collect()).unwrap_or_default(),
            target_year: site.and_then(|(_, s)| s.plan.target_year.as_ref().map(|y| FiscalYear(*y.get()))),
            reporting_year: site.map(|(_, s)| FiscalYear(*s.plan.reporting_year.get())),
            years_usable: site.is_some_and(|(_, s)| site::years_problem(s.plan.years.get()).is_none()),
            check_references: raw.unreadable_goals == 0,
            check_basic_policies: !raw.unreadable_basic_policies,
            item: None,
            names: site.map(|(_, s)| s.levels.names()).unwrap_or_default(),
        }
    }
}

impl Validator<'_> {
    fn at<T>(&self, value: &Located<T>) -> Loc {
        let (line, column) = value.line_column();
        Loc { file: Arc::clone(&self.file), line, column }
    }

    fn error<T>(&mut self, code: Code, at: &Located<T>, message: impl Into<String>, help: impl Into<String>) {
        let loc = self.at(at);
        let message = self.about(message.into());
        self.diagnostics.push(Diagnostic::error(code, loc, message).help(help));
    }

    /// `message` about the item being validated: `indicator 1-1-1-1.1: message`.
    fn about(&self, message: String) -> String {
        match &self.item {
            Some(item) => format!("{item}: {message}"),
            None => message,
        }
    }

    /// Validates what `f` validates as part of `item`, which its problems then name.
    fn within<R>(&mut self, item: String, f: impl FnOnce(&mut Self) -> R) -> R {
        let outer = self.item.replace(item);
        let result = f(self);
        self.item = outer;
        result
    }

    fn basic_policies(&mut self, raw: &RawBasicPolicies, file: &Arc<Path>) -> Vec<BasicPolicy> {
        self.file = Arc::clone(file);
        let mut ids = IdRegistry::new(self.names.basic_policy.clone());
        raw.basic_policies
            .iter()
            .map(|p| {
                let id = self.id(&p.id, &mut ids);
                self.within(format!("{} {id}", self.names.basic_policy), |v| BasicPolicy {
                    title: v.title(&p.title, &p.notes),
                    notes: v.notes(&p.notes),
                    id,
                })
            })
            .collect()
    }

    /// A text; a missing English translation is a warning. An empty text is allowed here
    /// (the source may print nothing); titles are held to more by [`Validator::title`].
    /// A text in both languages. A text with an empty `ja` is lost in the source (its English
    /// is empty too, and nothing is missing); one with `ja` and no `en` is still to translate.
    fn text(&mut self, raw: &RawText) -> Text {
        let en = raw.en.as_ref().map(|e| e.get().clone()).filter(|e| !e.trim().is_empty());
        if raw.ja.get().trim().is_empty() {
            self.diagnostics.count_lost_text();
        }
        if self.english && en.is_none() && !raw.ja.get().trim().is_empty() {
            let loc = self.at(&raw.ja);
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::MissingTranslation,
                    loc,
                    self.about(format!("English translation missing for {:?}", raw.ja.get())),
                )
                .help("add en: with the English text; until then the English page shows the Japanese text"),
            );
        }
        Text { ja: raw.ja.get().clone(), en }
    }

    /// A title: it may be empty only where a `missing_text` note says the source lost it.
    fn title(&mut self, raw: &RawText, notes: &[RawNote]) -> Text {
        let lost = notes.iter().any(|n| *n.kind.get() == crate::raw::NoteKind::MissingText);
        if raw.ja.get().trim().is_empty() && !lost {
            self.error(
                Code::EmptyText,
                &raw.ja,
                "the title is empty",
                "write the title as printed; where the source lost it, add a note of kind missing_text that says so",
            );
        }
        self.text(raw)
    }

    fn notes(&mut self, raw: &[RawNote]) -> Vec<Note> {
        raw.iter()
            .map(|n| {
                let text = self.text(&n.text);
                let lines = n.lines.as_ref().map(|l| format!(" (source lines {l})")).unwrap_or_default();
                let loc = self.at(&n.kind);
                let kind = n.kind.get().key();
                let body = text.en.as_deref().unwrap_or(&text.ja);
                let note = self.about(format!("{kind}{lines}: {body}"));
                self.diagnostics.push(Diagnostic::note(loc, note));
                Note { kind: *n.kind.get(), lines: n.lines.clone(), text }
            })
            .collect()
    }
}
