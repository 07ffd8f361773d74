//! The JavaScript semantics that ports of JavaScript plugins apply to JSON values (a
//! `package.json` field, an asset info flag): truthiness, `String(value)`,
//! `String.prototype.trim` and `JSON.stringify`.

mod stringify;

use serde_json::Value;
pub use stringify::{
  JsonFormat, array_index, compare_utf16, js_order, json_string, number_to_string, stringify,
};

/// JavaScript truthiness of a JSON value (`undefined` is `None`).
pub fn truthy(value: Option<&Value>) -> bool {
  match value {
    None | Some(Value::Null) => false,
    Some(Value::Bool(value)) => *value,
    Some(Value::Number(number)) => number.as_f64().is_some_and(|n| n != 0.0 && !n.is_nan()),
    Some(Value::String(text)) => !text.is_empty(),
    Some(Value::Array(_) | Value::Object(_)) => true,
  }
}

/// `String(value)` of a JSON value (`undefined` is `None`), as template literals print it.
pub fn to_string(value: Option<&Value>) -> String {
  match value {
    None => "undefined".to_string(),
    Some(Value::Null) => "null".to_string(),
    Some(Value::String(text)) => text.clone(),
    Some(Value::Array(items)) => array_to_string(items),
    Some(Value::Object(_)) => "[object Object]".to_string(),
    Some(Value::Number(number)) => number_to_string(number.as_f64().unwrap_or(0.0)),
    Some(other) => other.to_string(),
  }
}

/// `Array.prototype.toString`: the items joined with `,`, `null` and `undefined` as empty.
pub fn array_to_string(items: &[Value]) -> String {
  items
    .iter()
    .map(|item| match item {
      Value::Null => String::new(),
      item => to_string(Some(item)),
    })
    .collect::<Vec<_>>()
    .join(",")
}

/// `String.prototype.trim`: strips what JavaScript counts as white space and line terminators,
/// which differs from `str::trim` (U+FEFF is stripped, U+0085 is not).
pub fn trim(text: &str) -> &str {
  text.trim_matches(is_js_whitespace)
}

fn is_js_whitespace(c: char) -> bool {
  matches!(
    c,
    '\u{9}' | '\u{a}' | '\u{b}' | '\u{c}' | '\u{d}' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
      ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
  )
}

#[cfg(test)]
mod tests {
  use serde_json::json;

  use super::*;

  #[test]
  fn truthiness_follows_javascript() {
    assert!(!truthy(None));
    assert!(!truthy(Some(&json!(null))));
    assert!(!truthy(Some(&json!(""))));
    assert!(!truthy(Some(&json!(0))));
    assert!(truthy(Some(&json!("MIT"))));
    assert!(truthy(Some(&json!([]))));
    assert!(truthy(Some(&json!({}))));
  }

  #[test]
  fn strings_follow_javascript() {
    assert_eq!(to_string(None), "undefined");
    assert_eq!(to_string(Some(&json!(null))), "null");
    assert_eq!(
      to_string(Some(&json!({ "type": "MIT" }))),
      "[object Object]"
    );
    assert_eq!(
      array_to_string(&[json!("MIT"), json!(null), json!("ISC")]),
      "MIT,,ISC"
    );
    assert_eq!(to_string(Some(&json!(2))), "2");
  }

  #[test]
  fn trim_strips_bom_but_not_next_line() {
    assert_eq!(trim("\u{feff} a \n"), "a");
    assert_eq!(trim("\u{85}a"), "\u{85}a");
  }
}
