//! The JSON Schemas in docs/schema/ are the ones the content types generate today.

use std::path::Path;

#[test]
fn committed_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema");
    for (name, json) in mieruka::schema::schemas() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(committed == json, "docs/schema/{name} is out of date: run `cargo run -- schema` and commit it");
    }
}

#[test]
fn goal_schema_describes_fields_and_rejects_unknown_ones() {
    let (_, goal) = mieruka::schema::schemas().into_iter().find(|(n, _)| *n == "goal.schema.json").unwrap();
    let schema: serde_json::Value = serde_json::from_str(&goal).unwrap();
    assert_eq!(schema["additionalProperties"], serde_json::json!(false));
    let action = &schema["definitions"]["RawAction"];
    assert_eq!(
        action["properties"]["relisted_from"]["description"],
        "The id of the original action this row re-lists (再掲)."
    );
    assert!(goal.contains("検討中"), "values document their words");
}
