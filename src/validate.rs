//! Stage 2, validate: turn the "as written" content into the typed model, reporting every
//! problem (not only the first) with its location and a way to fix it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Loc};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::load::{RawContent, RawPage, Sourced};
use crate::model::{
    Action, ActivationPlan, Approach, BasicPolicy, Goal, Grading, Indicator, Levels, Measure, Note, Page, Policy,
    Project, Section, Site, SiteConfig, Text, Value,
};
use crate::raw::{
    GradingMethod, Located, RawAction, RawActivationPlan, RawGoal, RawIndicator, RawNote, RawSite, RawText, RawValue,
};

/// Validates loaded content. Returns the model when there is no error; every problem found,
/// errors and warnings, goes to `diagnostics` either way.
pub fn validate(raw: &RawContent, diagnostics: &mut Diagnostics) -> Option<Site> {
    let site_file = raw.site.as_ref()?;
    let mut v = Validator {
        file: Arc::clone(&site_file.file),
        diagnostics,
        english: true,
        years: Vec::new(),
        target_year: None,
        check_references: raw.unreadable_goals == 0,
    };
    let plan = &site_file.value.plan;
    // Years are taken as written even if site.yaml has errors, so that goal files are checked
    // against them rather than reported as all outside the plan.
    v.years = plan.years.get().iter().map(|&y| FiscalYear(y)).collect();
    v.target_year = plan.target_year.as_ref().map(|y| FiscalYear(*y.get()));
    v.english = site_file.value.languages.get().contains(&Lang::En);
    let config = v.site(&site_file.value, &raw.root);

    let basic_policies = raw.basic_policies.as_ref().map(|bp| {
        v.file = Arc::clone(&bp.file);
        let mut ids = IdRegistry::new("basic policy");
        bp.value
            .basic_policies
            .iter()
            .map(|p| {
                let id = v.id(&p.id, &mut ids);
                BasicPolicy { id, title: v.title(&p.title, &p.notes), notes: v.notes(&p.notes) }
            })
            .collect::<Vec<_>>()
    });

    let originals = v.index_actions(&raw.goals);
    let mut ids = SiteIds::default();
    let mut goals: Vec<Goal> =
        raw.goals.iter().map(|g| v.goal(g, basic_policies.as_deref(), &originals, &mut ids)).collect();
    let activation_plans: Vec<ActivationPlan> =
        raw.activation_plans.iter().map(|p| v.activation_plan(p, &ids.actions)).collect();
    link_activation_plans(&mut goals, &activation_plans);
    let pages = v.pages(&raw.pages, config.as_ref().map(|c| c.languages.as_slice()).unwrap_or(&[]));

    if v.diagnostics.has_errors() {
        return None;
    }
    Some(Site { config: config?, basic_policies: basic_policies.unwrap_or_default(), goals, activation_plans, pages })
}

/// Names a free page may not take, because built pages use them.
const RESERVED_PAGE_NAMES: [&str; 8] =
    ["goals", "policies", "methodology", "activation-plans", "assets", "data", "search", "accessibility"];

/// Ids seen so far, to report duplicates with the place of the first use.
struct IdRegistry {
    what: &'static str,
    seen: HashMap<String, Loc>,
}

impl IdRegistry {
    fn new(what: &'static str) -> Self {
        Self { what, seen: HashMap::new() }
    }
}

/// The id namespaces of a site.
struct SiteIds {
    goals: IdRegistry,
    policies: IdRegistry,
    actions: IdRegistry,
    indicators: IdRegistry,
}

impl Default for SiteIds {
    fn default() -> Self {
        Self {
            goals: IdRegistry::new("goal area"),
            policies: IdRegistry::new("policy"),
            actions: IdRegistry::new("action"),
            indicators: IdRegistry::new("indicator"),
        }
    }
}

/// An original action, as written, for re-listed copies to take their fields from.
struct Original<'a> {
    action: &'a RawAction,
    file: Arc<Path>,
}

struct Validator<'d> {
    /// The file being validated, for locations.
    file: Arc<Path>,
    diagnostics: &'d mut Diagnostics,
    /// Whether English is published (and so missing translations matter).
    english: bool,
    years: Vec<FiscalYear>,
    target_year: Option<FiscalYear>,
    /// Whether every goal file was read, so that a reference to a missing action is an error
    /// rather than a consequence of a file that could not be parsed.
    check_references: bool,
}

impl Validator<'_> {
    fn at<T>(&self, value: &Located<T>) -> Loc {
        let (line, column) = value.line_column();
        Loc { file: Arc::clone(&self.file), line, column }
    }

    fn error<T>(&mut self, code: Code, at: &Located<T>, message: impl Into<String>, help: impl Into<String>) {
        let loc = self.at(at);
        self.diagnostics.push(Diagnostic::error(code, loc, message).help(help));
    }

    fn site(&mut self, raw: &RawSite, root: &Path) -> Option<SiteConfig> {
        let errors_before = self.diagnostics.errors();
        let base_url = raw.base_url.get().clone();
        if !base_url.ends_with('/') || !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            self.error(
                Code::SiteSetting,
                &raw.base_url,
                format!("base_url {base_url:?} must be an absolute http(s) URL ending in /"),
                "write the address the site is published under, e.g. https://www.city.example.lg.jp/plan/",
            );
        }
        let languages = raw.languages.get().clone();
        if languages.is_empty() {
            self.error(
                Code::SiteSetting,
                &raw.languages,
                "languages is empty",
                "list at least one language, e.g. [ja, en]",
            );
        }
        let mut seen_languages = languages.clone();
        seen_languages.sort();
        seen_languages.dedup();
        if seen_languages.len() != languages.len() {
            self.error(Code::SiteSetting, &raw.languages, "a language is listed twice", "list each language once");
        }
        let default_language = *raw.default_language.get();
        if !languages.contains(&default_language) {
            self.error(
                Code::SiteSetting,
                &raw.default_language,
                format!("default_language {default_language} is not one of the site's languages"),
                "choose one of the languages listed under languages",
            );
        }

        let years: Vec<FiscalYear> = raw.plan.years.get().iter().map(|&y| FiscalYear(y)).collect();
        if years.is_empty() || years.windows(2).any(|w| w[0] >= w[1]) {
            self.error(
                Code::SiteSetting,
                &raw.plan.years,
                "plan.years must list at least one fiscal year, in ascending order, each once",
                "write the Gregorian year each fiscal year starts in, e.g. [2024, 2025, 2026, 2027]",
            );
        }
        let reporting_year = FiscalYear(*raw.plan.reporting_year.get());
        if !years.contains(&reporting_year) {
            self.error(
                Code::SiteSetting,
                &raw.plan.reporting_year,
                format!("reporting_year {reporting_year} is not one of plan.years"),
                "set it to the latest plan year with results",
            );
        }
        let target_year = raw.plan.target_year.as_ref().map(|y| FiscalYear(*y.get()));
        if let (Some(target), Some(last), Some(at)) = (target_year, years.last(), &raw.plan.target_year)
            && target <= *last
        {
            self.error(
                Code::SiteSetting,
                at,
                format!("target_year {target} must come after the last plan year {last}"),
                "the target year is the long-term year after the plan (e.g. 2031); leave it out if there is none",
            );
        }

        let grading = self.grading(raw);
        let theme = raw.theme.as_ref().and_then(|t| {
            let path = root.join(t.get());
            if path.is_dir() {
                Some(path)
            } else {
                self.error(
                    Code::SiteSetting,
                    t,
                    format!("the theme folder {} does not exist", path.display()),
                    "give a folder relative to the content folder, or leave theme out to use the built-in theme",
                );
                None
            }
        });
        let organisation_code = raw.organisation_code.as_ref().map(|code| {
            if code.get().len() != 6 || !code.get().chars().all(|c| c.is_ascii_digit()) {
                self.error(
                    Code::SiteSetting, code,
                    format!("organisation_code {:?} is not a six-digit code", code.get()),
                    "write the 全国地方公共団体コード with its check digit, in quotes, e.g. \"131121\" for Setagaya City",
                );
            }
            code.get().clone()
        });
        let accessibility = raw.accessibility_results.as_ref().and_then(|path| self.accessibility(root, path));
        let config = SiteConfig {
            title: self.text(&raw.title),
            organisation: self.text(&raw.organisation),
            base_url,
            languages,
            default_language,
            years,
            target_year,
            reporting_year,
            levels: Levels {
                basic_policy: self.text(&raw.levels.basic_policy),
                goal_area: self.text(&raw.levels.goal_area),
                policy: self.text(&raw.levels.policy),
                measure: self.text(&raw.levels.measure),
                action: self.text(&raw.levels.action),
                indicator: self.text(&raw.levels.indicator),
            },
            grading,
            theme,
            organisation_code,
            accessibility,
        };
        (self.diagnostics.errors() == errors_before).then_some(config)
    }

    /// Reads the accessibility check results named in site.yaml.
    fn accessibility(&mut self, root: &Path, path: &Located<String>) -> Option<crate::model::AccessibilityResults> {
        let file = root.join(path.get());
        let parsed = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()));
        match parsed {
            Ok(results) => Some(results),
            Err(err) => {
                self.error(
                    Code::Unreadable,
                    path,
                    format!("cannot read the accessibility results {}: {err}", file.display()),
                    "run `bash .ci/browser-checks` to write them, or remove accessibility_results",
                );
                None
            }
        }
    }

    fn grading(&mut self, raw: &RawSite) -> Grading {
        let g = &raw.grading;
        let achieved_at = *g.achieved_at.get();
        if !(achieved_at > 0.0 && achieved_at.is_finite()) {
            self.error(
                Code::SiteSetting,
                &g.achieved_at,
                "achieved_at must be a positive percentage",
                "write e.g. 100",
            );
        }
        let method = *g.method.get();
        let on_track_at = g.on_track_at.as_ref().map(|o| *o.get());
        match (method, &g.on_track_at) {
            (GradingMethod::Bands, None) => self.error(
                Code::SiteSetting,
                &g.method,
                "the bands method needs on_track_at",
                "add on_track_at: the lowest achievement rate (percent) that counts as on track, e.g. 60",
            ),
            (GradingMethod::Bands, Some(at)) if !(0.0..achieved_at).contains(at.get()) => self.error(
                Code::SiteSetting,
                at,
                "on_track_at must be at least 0 and below achieved_at",
                "e.g. achieved_at: 100 and on_track_at: 60",
            ),
            (GradingMethod::Pace, Some(at)) => self.error(
                Code::SiteSetting,
                at,
                "on_track_at is used only with method: bands",
                "remove it, or set method: bands",
            ),
            _ => {}
        }
        Grading { method, achieved_at, on_track_at }
    }

    /// A text; a missing English translation is a warning. An empty text is allowed here
    /// (the source may print nothing); titles are held to more by [`Validator::title`].
    fn text(&mut self, raw: &RawText) -> Text {
        let en = raw.en.as_ref().map(|e| e.get().clone()).filter(|e| !e.trim().is_empty());
        if self.english && en.is_none() && !raw.ja.get().trim().is_empty() {
            let loc = self.at(&raw.ja);
            self.diagnostics.push(
                Diagnostic::warning(
                    Code::MissingTranslation,
                    loc,
                    format!("English translation missing for {:?}", raw.ja.get()),
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
                self.diagnostics.push(Diagnostic::note(loc, format!("{kind}{lines}: {body}")));
                Note { kind: *n.kind.get(), lines: n.lines.clone(), text }
            })
            .collect()
    }

    /// Checks an id's spelling and uniqueness.
    fn id(&mut self, raw: &Located<String>, registry: &mut IdRegistry) -> String {
        let id = raw.get().clone();
        let loc = self.at(raw);
        let what = registry.what;
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::InvalidId,
                    loc.clone(),
                    format!("{what} id {id:?} may use only ASCII letters, digits, -, _ and ."),
                )
                .help("ids appear in URLs and file names; e.g. 1-1 or 1-1-3-1"),
            );
        }
        if let Some(first) = registry.seen.get(&id) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    loc,
                    format!("duplicate {what} id {id:?}; it is first used at {first}"),
                )
                .help("every id must be unique in the site: give this one another id"),
            );
        } else {
            registry.seen.insert(id.clone(), loc);
        }
        id
    }

    /// Every action as written, by id, so re-listed copies can find their original.
    fn index_actions<'a>(&self, goals: &'a [Sourced<RawGoal>]) -> HashMap<&'a str, Original<'a>> {
        let mut index = HashMap::new();
        for g in goals {
            for a in
                g.value.policies.iter().flat_map(|p| &p.approaches).flat_map(|a| &a.measures).flat_map(|m| &m.actions)
            {
                index.entry(a.id.get().as_str()).or_insert(Original { action: a, file: Arc::clone(&g.file) });
            }
        }
        index
    }

    fn goal(
        &mut self,
        raw: &Sourced<RawGoal>,
        basic_policies: Option<&[BasicPolicy]>,
        originals: &HashMap<&str, Original<'_>>,
        ids: &mut SiteIds,
    ) -> Goal {
        self.file = Arc::clone(&raw.file);
        let g = &raw.value;
        let id = self.id(&g.id, &mut ids.goals);
        let basic_policy = g.basic_policy.as_ref().and_then(|bp| {
            let found = basic_policies.and_then(|list| list.iter().position(|p| &p.id == bp.get()));
            if found.is_none() {
                let help = match basic_policies {
                    Some(list) => format!(
                        "use one of the ids in basic-policies.yaml: {}",
                        list.iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    None => "create basic-policies.yaml with this basic policy, or leave basic_policy out".to_owned(),
                };
                self.error(Code::DanglingReference, bp, format!("basic policy {:?} does not exist", bp.get()), help);
            }
            found
        });
        Goal {
            id,
            basic_policy,
            title: self.title(&g.title, &g.notes),
            notes: self.notes(&g.notes),
            policies: g
                .policies
                .iter()
                .map(|p| Policy {
                    id: self.id(&p.id, &mut ids.policies),
                    title: self.title(&p.title, &p.notes),
                    notes: self.notes(&p.notes),
                    approaches: p
                        .approaches
                        .iter()
                        .map(|a| Approach {
                            description: a.description.as_ref().map(|d| self.text(d)),
                            notes: self.notes(&a.notes),
                            measures: a.measures.iter().map(|m| self.measure(m, originals, ids)).collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn measure(
        &mut self,
        raw: &crate::raw::RawMeasure,
        originals: &HashMap<&str, Original<'_>>,
        ids: &mut SiteIds,
    ) -> Measure {
        let under_consideration = raw.under_consideration.as_ref().is_some_and(|u| *u.get());
        match (&raw.under_consideration, raw.actions.is_empty()) {
            (Some(at), false) if under_consideration => self.error(
                Code::MeasureActions,
                at,
                "a measure under consideration cannot have actions",
                "remove under_consideration: true, or move the actions to another measure",
            ),
            (_, true) if !under_consideration => self.error(
                Code::MeasureActions,
                &raw.title.ja,
                format!("the measure {:?} has no actions", raw.title.ja.get()),
                "add its actions, or set under_consideration: true where the source prints 検討中",
            ),
            _ => {}
        }
        Measure {
            title: self.title(&raw.title, &raw.notes),
            under_consideration,
            notes: self.notes(&raw.notes),
            actions: raw.actions.iter().map(|a| self.action(a, originals, ids)).collect(),
        }
    }

    fn action(&mut self, raw: &RawAction, originals: &HashMap<&str, Original<'_>>, ids: &mut SiteIds) -> Action {
        let id = self.id(&raw.id, &mut ids.actions);
        let original = raw.relisted_from.as_ref().and_then(|from| self.original(raw, from, originals));
        let description = match (&raw.description, original) {
            (Some(d), _) => self.text(d),
            (None, Some(o)) => o.action.description.as_ref().map(plain_text).unwrap_or_default(),
            (None, None) => {
                if raw.relisted_from.is_none() {
                    self.error(
                        Code::EmptyText,
                        &raw.id,
                        format!("the action {id:?} has no description"),
                        "add description: with the 事業内容 as printed",
                    );
                }
                Text::default()
            }
        };
        // Fields left out of a copy come from its original, read in the original's file.
        let from_original = |field: fn(&RawAction) -> bool| original.filter(|o| field(o.action));
        let indicators = match (&raw.indicators, from_original(|a| a.indicators.is_some())) {
            (Some(list), _) => self.indicators(list, ids),
            (None, Some(o)) => self.in_file(&o.file, |v| {
                let mut scratch = SiteIds::default();
                v.quietly(|v| v.indicators(o.action.indicators.as_deref().unwrap_or_default(), &mut scratch))
            }),
            (None, None) => Vec::new(),
        };
        let pick = |copy: Option<bool>, orig: fn(&RawAction) -> Option<bool>| {
            copy.or_else(|| original.and_then(|o| orig(o.action))).unwrap_or(false)
        };
        Action {
            id,
            no: *raw.no.get(),
            project: match (&raw.project, original) {
                (Some(p), _) => Some(self.text(p)),
                (None, Some(o)) => o.action.project.as_ref().map(plain_text),
                (None, None) => None,
            },
            relisted_from: raw.relisted_from.as_ref().map(|r| r.get().clone()),
            implementation_plan: pick(raw.implementation_plan, |a| a.implementation_plan),
            priority: pick(raw.priority, |a| a.priority),
            description,
            roadmaps: match (&raw.roadmaps, original) {
                (Some(r), _) => r.iter().map(|m| self.yearly_texts(m)).collect(),
                (None, Some(o)) => o
                    .action
                    .roadmaps
                    .iter()
                    .flatten()
                    .map(|m| m.iter().map(|(y, t)| (FiscalYear(*y), plain_text(t))).collect())
                    .collect(),
                (None, None) => Vec::new(),
            },
            indicators,
            done: match (&raw.done, original) {
                (Some(d), _) => self.yearly_texts(d),
                (None, Some(o)) => {
                    o.action.done.iter().flatten().map(|(y, t)| (FiscalYear(*y), plain_text(t))).collect()
                }
                (None, None) => BTreeMap::new(),
            },
            notes: self.notes(&raw.notes),
            activation_plans: Vec::new(),
        }
    }

    /// Finds the original a copy re-lists, reporting a dangling or chained reference.
    fn original<'o>(
        &mut self,
        raw: &RawAction,
        from: &Located<String>,
        originals: &'o HashMap<&str, Original<'o>>,
    ) -> Option<&'o Original<'o>> {
        let target = from.get();
        if target == raw.id.get() {
            self.error(
                Code::Relisting,
                from,
                "an action cannot re-list itself",
                "set relisted_from to the id of the original action",
            );
            return None;
        }
        match originals.get(target.as_str()) {
            None if !self.check_references => None,
            None => {
                self.error(
                    Code::DanglingReference,
                    from,
                    format!("relisted_from points at {target:?}, but no action has that id"),
                    "use the id of the original action (e.g. 1-1-2-1); search the goals folder for it",
                );
                None
            }
            Some(o) if o.action.relisted_from.is_some() => {
                self.error(
                    Code::Relisting,
                    from,
                    format!("relisted_from points at {target:?}, which is itself a re-listed copy"),
                    format!(
                        "point at the original action instead: {:?}",
                        o.action.relisted_from.as_ref().map(|r| r.get()).unwrap_or(target)
                    ),
                );
                None
            }
            Some(o) => Some(o),
        }
    }

    /// Runs `f` with locations taken in `file`.
    fn in_file<R>(&mut self, file: &Arc<Path>, f: impl FnOnce(&mut Self) -> R) -> R {
        let saved = std::mem::replace(&mut self.file, Arc::clone(file));
        let result = f(self);
        self.file = saved;
        result
    }

    /// Runs `f` without keeping what it reports (for data that is reported where it is written).
    fn quietly<R>(&mut self, f: impl FnOnce(&mut Validator<'_>) -> R) -> R {
        let mut scratch = Diagnostics::default();
        let mut quiet = Validator {
            file: Arc::clone(&self.file),
            diagnostics: &mut scratch,
            english: self.english,
            years: self.years.clone(),
            target_year: self.target_year,
            check_references: self.check_references,
        };
        f(&mut quiet)
    }

    fn yearly_texts(&mut self, raw: &BTreeMap<u16, RawText>) -> BTreeMap<FiscalYear, Text> {
        raw.iter()
            .map(|(&year, text)| {
                let year = FiscalYear(year);
                if !self.is_plan_year(year) {
                    let loc = self.at(&text.ja);
                    self.diagnostics.push(self.year_outside_plan(loc, year));
                }
                (year, self.text(text))
            })
            .collect()
    }

    fn is_plan_year(&self, year: FiscalYear) -> bool {
        self.years.contains(&year) || self.target_year == Some(year)
    }

    fn year_outside_plan(&self, loc: Loc, year: FiscalYear) -> Diagnostic {
        let years: Vec<String> = self.years.iter().chain(&self.target_year).map(|y| y.to_string()).collect();
        Diagnostic::error(Code::YearOutsidePlan, loc, format!("fiscal year {year} is outside the plan"))
            .help(format!(
                "use one of the years in site.yaml (plan.years and target_year): {}; a fiscal year is written as the year it starts, e.g. 2024 for 令和6年度",
                years.join(", ")
            ))
    }

    fn indicators(&mut self, raw: &[RawIndicator], ids: &mut SiteIds) -> Vec<Indicator> {
        raw.iter()
            .map(|i| Indicator {
                id: self.id(&i.id, &mut ids.indicators),
                name: self.title(&i.name, &i.notes),
                unit: self.text(&i.unit),
                kind: i.kind,
                total: i.total.as_ref().map(|t| self.value(t)),
                targets: self.yearly_values(&i.targets),
                actuals: self.yearly_values(&i.actuals),
                printed_rate: i
                    .printed_rate
                    .iter()
                    .map(|(&year, value)| {
                        let year = FiscalYear(year);
                        if !self.is_plan_year(year) {
                            let loc = self.at(value);
                            self.diagnostics.push(self.year_outside_plan(loc, year));
                        }
                        (year, (self.value(value), self.at(value)))
                    })
                    .collect(),
                notes: self.notes(&i.notes),
            })
            .collect()
    }

    fn yearly_values(&mut self, raw: &BTreeMap<u16, Located<RawValue>>) -> BTreeMap<FiscalYear, Value> {
        raw.iter()
            .map(|(&year, value)| {
                let year = FiscalYear(year);
                if !self.is_plan_year(year) {
                    let loc = self.at(value);
                    self.diagnostics.push(self.year_outside_plan(loc, year));
                }
                (year, self.value(value))
            })
            .collect()
    }

    fn value(&mut self, raw: &Located<RawValue>) -> Value {
        let check_number = |v: &mut Self, n: f64| {
            if n < 0.0 || !n.is_finite() {
                v.error(
                    Code::NotANumber, raw,
                    format!("{n} is negative; targets, actuals and rates cannot be"),
                    "write the number as printed; where the source prints a minus, keep it in {value, printed} and add a note",
                );
            }
        };
        match raw.get() {
            RawValue::Number(n) => {
                check_number(self, *n);
                Value::Number(*n)
            }
            RawValue::Printed { value, printed } => {
                if let Some(n) = value {
                    check_number(self, *n);
                }
                Value::Printed { value: *value, printed: printed.clone() }
            }
            RawValue::Word(word) => match word.as_str() {
                "ー" | "-" | "－" | "―" => Value::Absent { printed: word.clone() },
                "検討中" => Value::UnderConsideration,
                other => {
                    let hint = if other.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
                        format!(
                            "write numbers without thousands separators or units (e.g. 16000, not \"16,000\"); for a cell that prints more than a number use {{value: <number>, printed: {other:?}}}"
                        )
                    } else {
                        "write a number, \"ー\" (no value that year) or \"検討中\" (under consideration)".to_owned()
                    };
                    self.error(Code::NotANumber, raw, format!("{other:?} is not a number"), hint);
                    Value::Absent { printed: other.to_owned() }
                }
            },
        }
    }

    fn activation_plan(&mut self, raw: &Sourced<RawActivationPlan>, actions: &IdRegistry) -> ActivationPlan {
        self.file = Arc::clone(&raw.file);
        let p = &raw.value;
        let (from, to) = (FiscalYear(*p.period.from.get()), FiscalYear(*p.period.to.get()));
        if from > to {
            self.error(
                Code::Period,
                &p.period.to,
                "the period ends before it starts",
                "write period: {from: 2024, to: 2026}",
            );
        }
        ActivationPlan {
            name: raw.stem.clone(),
            municipality: self.text(&p.municipality),
            title: self.text(&p.title),
            period: (from, to),
            aim: self.text(&p.aim),
            captions: p.captions.iter().map(|c| self.text(c)).collect(),
            sections: p
                .sections
                .iter()
                .map(|s| Section {
                    heading: self.text(&s.heading),
                    text: s.text.as_ref().map(|t| self.text(t)),
                    projects: s
                        .projects
                        .iter()
                        .map(|pr| Project {
                            name: self.text(&pr.name),
                            actions: pr
                                .actions
                                .iter()
                                .map(|a| {
                                    if self.check_references && !actions.seen.contains_key(a.get()) {
                                        self.error(
                                            Code::DanglingReference,
                                            a,
                                            format!("no action has the id {:?}", a.get()),
                                            "use the id of an action in goals/*.yaml, e.g. 1-1-1-1",
                                        );
                                    }
                                    a.get().clone()
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            notes: self.notes(&p.notes),
        }
    }

    fn pages(&mut self, raw: &[RawPage], languages: &[Lang]) -> Vec<Page> {
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

/// A text as written, without checks (for fields a copy takes from its original, which are
/// checked where they are written).
fn plain_text(raw: &RawText) -> Text {
    Text { ja: raw.ja.get().clone(), en: raw.en.as_ref().map(|e| e.get().clone()).filter(|e| !e.trim().is_empty()) }
}

/// Records on each action the related plans that name it.
fn link_activation_plans(goals: &mut [Goal], plans: &[ActivationPlan]) {
    let mut by_action: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, plan) in plans.iter().enumerate() {
        for id in plan.sections.iter().flat_map(|s| &s.projects).flat_map(|p| &p.actions) {
            let list = by_action.entry(id.as_str()).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
    }
    for action in goals
        .iter_mut()
        .flat_map(|g| &mut g.policies)
        .flat_map(|p| &mut p.approaches)
        .flat_map(|a| &mut a.measures)
        .flat_map(|m| &mut m.actions)
    {
        let key = action.relisted_from.as_deref().unwrap_or(&action.id);
        if let Some(list) = by_action.get(key) {
            action.activation_plans = list.clone();
        }
    }
}
