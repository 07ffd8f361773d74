//! A JSON object that keeps JavaScript's property order, serialized as
//! `JSON.stringify(object, null, 2)` would.

use rspack_native_js_json::{array_index, json_string};

/// A property value: a file path, or JSON text taken verbatim from a `seed`.
#[derive(Debug, Clone, PartialEq)]
pub enum JsValue {
  /// A string, escaped on output.
  String(String),
  /// Pretty-printed JSON (two-space indent) of a value at the top level.
  Json(String),
}

/// A plain JavaScript object with string keys.
///
/// JavaScript orders own properties by kind: array-index keys (`"0"`, `"17"`) first in numeric
/// order, then every other key in insertion order. Assigning to an existing key keeps its place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsObject {
  entries: Vec<(String, JsValue)>,
}

impl JsObject {
  /// `object[key] = value`.
  pub fn set(&mut self, key: String, value: JsValue) {
    match self
      .entries
      .iter_mut()
      .find(|(existing, _)| *existing == key)
    {
      Some((_, slot)) => *slot = value,
      None => self.entries.push((key, value)),
    }
  }

  /// The properties in JavaScript's enumeration order.
  pub fn entries(&self) -> Vec<(&str, &JsValue)> {
    let mut indexed: Vec<(u32, &str, &JsValue)> = Vec::new();
    let mut named = Vec::new();
    for (key, value) in &self.entries {
      match array_index(key) {
        Some(index) => indexed.push((index, key, value)),
        None => named.push((key.as_str(), value)),
      }
    }
    indexed.sort_by_key(|(index, ..)| *index);
    indexed
      .into_iter()
      .map(|(_, key, value)| (key, value))
      .chain(named)
      .collect()
  }

  /// `JSON.stringify(object, null, 2)`.
  pub fn to_pretty_json(&self) -> String {
    let entries = self.entries();
    if entries.is_empty() {
      return "{}".to_string();
    }
    let body = entries
      .into_iter()
      .map(|(key, value)| {
        let value = match value {
          JsValue::String(text) => json_string(text),
          JsValue::Json(json) => json.replace('\n', "\n  "),
        };
        format!("  {}: {value}", json_string(key))
      })
      .collect::<Vec<_>>()
      .join(",\n");
    format!("{{\n{body}\n}}")
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn string(text: &str) -> JsValue {
    JsValue::String(text.to_string())
  }

  #[test]
  fn empty_object() {
    assert_eq!(JsObject::default().to_pretty_json(), "{}");
  }

  #[test]
  fn keeps_insertion_order_and_place_on_reassignment() {
    let mut object = JsObject::default();
    object.set("b".into(), string("1"));
    object.set("a".into(), string("2"));
    object.set("b".into(), string("3"));
    assert_eq!(
      object.to_pretty_json(),
      "{\n  \"b\": \"3\",\n  \"a\": \"2\"\n}"
    );
  }

  #[test]
  fn array_index_keys_come_first_in_numeric_order() {
    let mut object = JsObject::default();
    for key in ["x", "10", "2", "01", "4294967295", "4294967294"] {
      object.set(key.into(), string(""));
    }
    let keys: Vec<_> = object.entries().into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["2", "10", "4294967294", "x", "01", "4294967295"]);
  }

  #[test]
  fn escapes_like_json_stringify_and_indents_nested_json() {
    let mut object = JsObject::default();
    object.set("q\"\n\u{1}".into(), string("\\"));
    object.set(
      "seed".into(),
      JsValue::Json("{\n  \"a\": [\n    1\n  ]\n}".into()),
    );
    assert_eq!(
      object.to_pretty_json(),
      "{\n  \"q\\\"\\n\\u0001\": \"\\\\\",\n  \"seed\": {\n    \"a\": [\n      1\n    ]\n  }\n}"
    );
  }
}
