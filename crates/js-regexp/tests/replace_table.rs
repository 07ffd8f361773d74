//! The replacement engine against a table of results printed by Node
//! (`generate-replace-table.mjs` beside this file made `replace-table.json`).

use rspack_native_js_regexp::{JsRegExp, Search};
use serde_json::Value;

#[test]
fn matches_string_prototype_replace() {
  let table: Value =
    serde_json::from_str(include_str!("replace-table.json")).expect("the table is JSON");
  let text = table["text"].as_str().expect("text");
  let cases = table["cases"].as_array().expect("cases");
  assert!(cases.len() > 30);
  for case in cases {
    let search = match &case["search"] {
      Value::String(literal) => Search::Literal(literal.clone()),
      pattern => Search::RegExp(
        JsRegExp::new(
          pattern["source"].as_str().expect("source"),
          pattern["flags"].as_str().expect("flags"),
        )
        .expect("the pattern compiles"),
      ),
    };
    let replace = case["replace"].as_str().expect("replace");
    assert_eq!(
      search.replace(text, replace),
      case["expected"].as_str().expect("expected"),
      "{search:?} → {replace:?}"
    );
  }
}
