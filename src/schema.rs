//! JSON Schemas of the content files, generated from the "as written" types, so that editors
//! complete field names and flag mistakes while typing (`# yaml-language-server: $schema=…`).

use std::path::Path;

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::diagnostics::{Code, Diagnostic, Loc};
use crate::raw::{RawActivationPlan, RawBasicPolicies, RawGoal, RawSite};

/// Writes every schema into the folder `dir`, creating it if needed.
pub fn write(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir)
        .and_then(|()| schemas().into_iter().try_for_each(|(name, json)| std::fs::write(dir.join(name), json)))
        .map_err(|err| Diagnostic::error(Code::Write, Loc::path(dir), format!("cannot write the JSON Schemas: {err}")))
}

/// Every schema, as `(file name, pretty JSON)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("site.schema.json", schema_for::<RawSite>()),
        ("basic-policies.schema.json", schema_for::<RawBasicPolicies>()),
        ("goal.schema.json", schema_for::<RawGoal>()),
        ("activation-plan.schema.json", schema_for::<RawActivationPlan>()),
    ]
}

#[expect(clippy::expect_used, reason = "a schema is a JSON value in memory: serialising it cannot fail")]
fn schema_for<T: JsonSchema>() -> String {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    let mut json = serde_json::to_string_pretty(&schema).expect("a JSON value serialises");
    json.push('\n');
    json
}
