//! The outline of a YAML document: where each mapping starts, which keys it has, and how to
//! name it (its `id`, or the path of keys that leads to it). Used to place a "missing field"
//! error where the mapping that lacks the field starts, rather than at its last key.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

/// A mapping found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mapping {
    /// Where it starts.
    pub line: u64,
    /// Its column, in characters.
    pub column: u64,
    /// How a person finds it: `the item with id "1-1-1-1.1"` or `policies[0].approaches[1]`.
    pub name: String,
}

/// The mapping that holds what is written at `line`:`column`: the one with a key on that line
/// at or before the column (the innermost, for flow mappings on one line), or else the last
/// mapping that starts before it (a missing field reported past the end of the file).
pub(super) fn mapping_at(text: &str, line: u64, column: u64) -> Option<Mapping> {
    let root: Spanned<Node> = serde_saphyr::from_str(text).ok()?;
    let mut found = Vec::new();
    collect(&root, "", &mut found);
    let at = (line, column);
    let holding_key = found
        .iter()
        .filter_map(|m| {
            m.keys.iter().filter(|k| k.0 == line && k.1 <= column).map(|k| (k.1, m)).max_by_key(|(c, _)| *c)
        })
        .max_by_key(|(c, _)| *c)
        .map(|(_, m)| m);
    let before = found.iter().filter(|m| (m.line, m.column) <= at).max_by_key(|m| (m.line, m.column));
    holding_key.or(before).map(|m| Mapping { line: m.line, column: m.column, name: m.name.clone() })
}

/// A mapping with the positions of its keys.
struct Found {
    line: u64,
    column: u64,
    keys: Vec<(u64, u64)>,
    name: String,
}

fn collect(node: &Spanned<Node>, path: &str, found: &mut Vec<Found>) {
    match &node.value {
        Node::Map(entries) => {
            let id = entries.iter().find(|(k, _)| k.value == "id").and_then(|(_, v)| match &v.value {
                Node::Scalar(id) => Some(id.clone()),
                _ => None,
            });
            let name = match (id, path.is_empty()) {
                (Some(id), _) => format!("the item with id {id:?}"),
                (None, true) => "the top level of the file".to_owned(),
                (None, false) => format!("the entry at {path}"),
            };
            found.push(Found {
                line: node.referenced.line(),
                column: node.referenced.column(),
                keys: entries.iter().map(|(k, _)| (k.referenced.line(), k.referenced.column())).collect(),
                name,
            });
            for (key, value) in entries {
                let path = if path.is_empty() { key.value.clone() } else { format!("{path}.{}", key.value) };
                collect(value, &path, found);
            }
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                collect(item, &format!("{path}[{i}]"), found);
            }
        }
        Node::Scalar(_) => {}
    }
}

/// Any YAML value, with the positions of mapping keys and values.
enum Node {
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
    Seq(Vec<Spanned<Node>>),
    Scalar(String),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Map(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Seq(items))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_owned()))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(v.to_string()))
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(String::new()))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(String::new()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOAL: &str = "id: '1'\npolicies:\n  - id: 1-1\n    approaches:\n      - description: x\n        measures: []\n  - title: y\n    z: 1\n";

    #[test]
    fn a_key_names_its_mapping_by_id_or_path() {
        let m = mapping_at(GOAL, 4, 5).unwrap();
        assert_eq!((m.line, m.column, m.name.as_str()), (3, 5, "the item with id \"1-1\""));
        let m = mapping_at(GOAL, 8, 5).unwrap();
        assert_eq!((m.line, m.column, m.name.as_str()), (7, 5, "the entry at policies[1]"));
        let m = mapping_at(GOAL, 8, 8).unwrap();
        assert_eq!(m.name, "the entry at policies[1]", "a value names the mapping of its key");
    }

    #[test]
    fn past_the_end_names_the_last_mapping() {
        let m = mapping_at(GOAL, 9, 1).unwrap();
        assert_eq!(m.name, "the entry at policies[1]");
    }
}
