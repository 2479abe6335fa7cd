//! Contradictions found by the tool: indicators that should print the same numbers — a
//! re-listed copy and its original, or indicators of the same name — but disagree on their
//! unit, total, a target or an actual, with no note of kind `discrepancy` on either to say so.
//! Each is a warning at the indicator that departs, naming the other.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fiscal::FiscalYear;
use crate::lang::Lang;
use crate::model::{Goal, Indicator, LevelNames, NoteKind, Policy, Value};
use crate::number::format_number;

/// How many differences a message lists before it says how many more there are.
const SHOWN: usize = 3;

/// Warns about every unexplained disagreement among the indicators of `goals` (with re-listed
/// copies filled in).
pub(super) fn check(goals: &[Goal], names: &LevelNames, diagnostics: &mut Diagnostics) {
    let actions: HashMap<&str, &crate::model::Action> =
        goals.iter().flat_map(|g| &g.policies).flat_map(Policy::actions).map(|a| (a.id.as_str(), a)).collect();
    let mut pairs: Vec<(&Indicator, &Indicator)> = Vec::new();
    // A re-listed copy that prints its own indicators, against its original's, one by one.
    for copy in actions.values() {
        let Some(original) = copy.relisted_from.as_deref().and_then(|id| actions.get(id)) else { continue };
        pairs.extend(copy.indicators.iter().zip(&original.indicators).filter(|(c, o)| c.id != o.id));
    }
    // Indicators of the same name, each against the first of that name in site order.
    let mut first: BTreeMap<&str, &Indicator> = BTreeMap::new();
    for indicator in goals.iter().flat_map(|g| &g.policies).flat_map(Policy::actions).flat_map(|a| &a.indicators) {
        let name = indicator.name.ja.trim();
        if name.is_empty() {
            continue;
        }
        match first.get(name) {
            Some(earlier) if earlier.id != indicator.id => pairs.push((indicator, earlier)),
            Some(_) => {}
            None => {
                first.insert(name, indicator);
            }
        }
    }
    pairs.sort_by(|a, b| (&a.0.loc, &a.1.id).cmp(&(&b.0.loc, &b.1.id)));
    pairs.dedup_by(|a, b| a.0.id == b.0.id && a.1.id == b.1.id);
    for (this, other) in pairs {
        let explained = [this, other].iter().any(|i| i.notes.iter().any(|n| n.kind == NoteKind::Discrepancy));
        let mut differences = differences(this, other);
        if explained || differences.is_empty() {
            continue;
        }
        if differences.len() > SHOWN {
            let more = differences.len() - SHOWN;
            differences.truncate(SHOWN);
            differences.push(format!("{more} more values differ"));
        }
        diagnostics.push(
            Diagnostic::warning(
                Code::Disagreement,
                this.loc.clone(),
                format!(
                    "{indicator} {} and {indicator} {} ({}) should print the same numbers, but {}",
                    this.id,
                    other.id,
                    other.loc,
                    differences.join("; "),
                    indicator = names.indicator,
                ),
            )
            .help("keep both as the source prints them, and add a note of kind discrepancy to one of them that says how they differ (or correct the one that departs from the source)"),
        );
    }
}

/// How `this` differs from `other`, in words: "the FY2024 actual is 0 here and 30,375 there".
fn differences(this: &Indicator, other: &Indicator) -> Vec<String> {
    let mut found = Vec::new();
    if this.unit.ja.trim() != other.unit.ja.trim() {
        found.push(format!("the unit is {:?} here and {:?} there", this.unit.ja, other.unit.ja));
    }
    let number = |v: Option<&Value>| v.and_then(Value::number);
    if number(this.total.as_ref()) != number(other.total.as_ref()) {
        found.push(format!(
            "the total is {} here and {} there",
            shown(this.total.as_ref()),
            shown(other.total.as_ref())
        ));
    }
    for (what, mine, theirs) in [("target", &this.targets, &other.targets), ("actual", &this.actuals, &other.actuals)] {
        let years: std::collections::BTreeSet<&FiscalYear> = mine.keys().chain(theirs.keys()).collect();
        for year in years {
            let (a, b) = (mine.get(year), theirs.get(year));
            if number(a) != number(b) {
                found.push(format!("the {} {what} is {} here and {} there", year.label(Lang::En), shown(a), shown(b)));
            }
        }
    }
    found
}

/// A value for a message: its number with separators, else the cell as printed, else "none".
fn shown(value: Option<&Value>) -> String {
    match value {
        None => "none".to_owned(),
        Some(v) => v.number().map_or_else(|| v.as_printed(), format_number),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Loc;
    use crate::model::{IndicatorKind, Note, Text};

    fn indicator(id: &str, name: &str, actual: f64) -> Indicator {
        Indicator {
            id: id.to_owned(),
            loc: Loc::file(&std::sync::Arc::from(std::path::Path::new("goals/01.yaml"))),
            name: Text { ja: name.to_owned(), en: None },
            unit: Text { ja: "人".to_owned(), en: None },
            kind: IndicatorKind::Count,
            total: Some(Value::Number(100.0)),
            targets: BTreeMap::new(),
            actuals: BTreeMap::from([(FiscalYear(2024), Value::Number(actual))]),
            printed_rate: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn a_disagreement_names_both_values_and_a_discrepancy_note_explains_it() {
        let (a, b) = (indicator("1-1-1-1.1", "参加人数", 0.0), indicator("2-1-1-1.1", "参加人数", 30375.0));
        let found = differences(&b, &a);
        assert_eq!(found, ["the FY2024 actual is 30,375 here and 0 there"]);
        assert!(differences(&a, &indicator("3-1-1-1.1", "参加人数", 0.0)).is_empty());
        let mut noted = a.clone();
        noted.notes.push(Note {
            kind: NoteKind::Discrepancy,
            lines: None,
            text: Text { ja: "原典のとおり".to_owned(), en: None },
        });
        assert!([&b, &noted].iter().any(|i| i.notes.iter().any(|n| n.kind == NoteKind::Discrepancy)));
    }
}
