//! `JSON.stringify(value, replacer, space)` for a value without functions: JavaScript's property
//! order, number format, property-list replacer and indentation.

use std::cmp::Ordering;

use serde_json::{Map, Value};

/// How to write JSON, as the `replacer` (an array) and `space` arguments of `JSON.stringify`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonFormat {
  /// The property list of an array `replacer`: only these keys, in this order, at every level.
  pub properties: Option<Vec<String>>,
  /// The indent of one level (`space`); empty for one line.
  pub gap: String,
}

impl JsonFormat {
  /// The indent `JSON.stringify` makes of a number `space`: that many spaces, at most 10.
  pub fn spaces(space: f64) -> String {
    " ".repeat(space.clamp(0.0, 10.0) as usize)
  }

  /// The indent `JSON.stringify` makes of a string `space`: its first 10 characters.
  pub fn indent_text(space: &str) -> String {
    String::from_utf16_lossy(&space.encode_utf16().take(10).collect::<Vec<_>>())
  }

  /// The property list `JSON.stringify` makes of an array `replacer`'s keys: each once.
  pub fn property_list(keys: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    for key in keys {
      if !list.contains(&key) {
        list.push(key);
      }
    }
    list
  }
}

/// `JSON.stringify(value, replacer, space)` with `format` standing for the last two arguments.
pub fn stringify(value: &Value, format: &JsonFormat) -> String {
  let mut out = String::new();
  write_value(&mut out, value, format, "");
  out
}

fn write_value(out: &mut String, value: &Value, format: &JsonFormat, indent: &str) {
  match value {
    Value::Null => out.push_str("null"),
    Value::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
    Value::Number(number) => out.push_str(&number_to_string(number.as_f64().unwrap_or(0.0))),
    Value::String(text) => out.push_str(&json_string(text)),
    Value::Array(items) => {
      let items: Vec<&Value> = items.iter().collect();
      write_list(out, '[', ']', &items, format, indent, |out, item, inner| {
        write_value(out, item, format, inner)
      })
    }
    Value::Object(object) => {
      let keys: Vec<&String> = match &format.properties {
        Some(list) => list
          .iter()
          .filter(|key| object.contains_key(*key))
          .collect(),
        None => js_order(object),
      };
      let separator = if format.gap.is_empty() { ":" } else { ": " };
      write_list(out, '{', '}', &keys, format, indent, |out, key, inner| {
        out.push_str(&json_string(key));
        out.push_str(separator);
        write_value(out, &object[key.as_str()], format, inner);
      })
    }
  }
}

/// Writes `items` between `open` and `close`, one per line when there is an indent.
fn write_list<T>(
  out: &mut String,
  open: char,
  close: char,
  items: &[T],
  format: &JsonFormat,
  indent: &str,
  mut write_item: impl FnMut(&mut String, &T, &str),
) {
  out.push(open);
  if !items.is_empty() {
    let inner = format!("{indent}{}", format.gap);
    for (index, item) in items.iter().enumerate() {
      if index > 0 {
        out.push(',');
      }
      if !format.gap.is_empty() {
        out.push('\n');
        out.push_str(&inner);
      }
      write_item(out, item, &inner);
    }
    if !format.gap.is_empty() {
      out.push('\n');
      out.push_str(indent);
    }
  }
  out.push(close);
}

/// An object's keys in JavaScript's enumeration order: array-index keys (`"0"`, `"17"`) first in
/// numeric order, then the others in insertion order.
pub fn js_order(object: &Map<String, Value>) -> Vec<&String> {
  let mut keys: Vec<&String> = object.keys().collect();
  keys.sort_by(|a, b| match (array_index(a), array_index(b)) {
    (Some(a), Some(b)) => a.cmp(&b),
    (Some(_), None) => Ordering::Less,
    (None, Some(_)) => Ordering::Greater,
    (None, None) => Ordering::Equal,
  });
  keys
}

/// The index of an array-index key: a canonical decimal below 2^32 - 1.
pub fn array_index(key: &str) -> Option<u32> {
  let canonical = key == "0" || (!key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()));
  if !canonical || key.is_empty() {
    return None;
  }
  key.parse::<u32>().ok().filter(|index| *index != u32::MAX)
}

/// A string literal as `JSON.stringify` writes it.
pub fn json_string(text: &str) -> String {
  serde_json::to_string(text).expect("a string always serializes")
}

/// `String(number)`: JavaScript's shortest round-trip format (`1`, `0.1`, `1e+21`).
pub fn number_to_string(number: f64) -> String {
  ryu_js::Buffer::new().format(number).to_string()
}

/// How JavaScript compares two strings (`<`, `Array.prototype.sort`): by UTF-16 code units.
pub fn compare_utf16(a: &str, b: &str) -> Ordering {
  a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
  use serde_json::json;

  use super::*;

  fn pretty() -> JsonFormat {
    JsonFormat {
      properties: None,
      gap: "  ".into(),
    }
  }

  #[test]
  fn indents_like_json_stringify() {
    let value = json!({ "b": [1, { "c": [] }], "a": {}, "s": "q\"\n" });
    assert_eq!(
      stringify(&value, &pretty()),
      "{\n  \"b\": [\n    1,\n    {\n      \"c\": []\n    }\n  ],\n  \"a\": {},\n  \"s\": \"q\\\"\\n\"\n}"
    );
    assert_eq!(
      stringify(&value, &JsonFormat::default()),
      r#"{"b":[1,{"c":[]}],"a":{},"s":"q\"\n"}"#
    );
  }

  #[test]
  fn array_index_keys_come_first_in_numeric_order() {
    let value = json!({ "x": 1, "10": 2, "2": 3, "01": 4, "4294967295": 5, "4294967294": 6 });
    assert_eq!(
      stringify(&value, &JsonFormat::default()),
      r#"{"2":3,"10":2,"4294967294":6,"x":1,"01":4,"4294967295":5}"#
    );
  }

  #[test]
  fn a_property_list_keeps_its_keys_in_its_order_at_every_level() {
    let format = JsonFormat {
      properties: Some(JsonFormat::property_list(
        ["b", "a", "b", "z"].map(String::from),
      )),
      gap: String::new(),
    };
    let value = json!({ "a": { "b": 1, "c": 2 }, "b": [{ "a": 1, "c": 3 }], "c": 3 });
    assert_eq!(stringify(&value, &format), r#"{"b":[{"a":1}],"a":{"b":1}}"#);
  }

  #[test]
  fn numbers_and_indents_follow_javascript() {
    assert_eq!(
      stringify(&json!([1.0, 0.1, 1e21, -0.0]), &JsonFormat::default()),
      "[1,0.1,1e+21,0]"
    );
    assert_eq!(JsonFormat::spaces(12.0), " ".repeat(10));
    assert_eq!(JsonFormat::spaces(2.7), "  ");
    assert_eq!(JsonFormat::indent_text("\t---------x"), "\t---------");
  }

  #[test]
  fn strings_compare_by_utf16_code_units() {
    assert_eq!(compare_utf16("a,b", "a.b"), Ordering::Less);
    // U+FF5E sorts after U+1F600 in UTF-16 (a surrogate pair starts with 0xD83D), not in UTF-8.
    assert_eq!(compare_utf16("\u{ff5e}", "\u{1f600}"), Ordering::Greater);
  }
}
