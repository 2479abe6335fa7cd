//! JSON Schemas of the content files, generated from the "as written" types, so that editors
//! complete field names and flag mistakes while typing (`# yaml-language-server: $schema=…`).

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use crate::raw::{RawActivationPlan, RawBasicPolicies, RawGoal, RawSite};

/// Every schema, as `(file name, pretty JSON)`.
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        ("site.schema.json", schema_for::<RawSite>()),
        ("basic-policies.schema.json", schema_for::<RawBasicPolicies>()),
        ("goal.schema.json", schema_for::<RawGoal>()),
        ("activation-plan.schema.json", schema_for::<RawActivationPlan>()),
    ]
}

fn schema_for<T: JsonSchema>() -> String {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}
