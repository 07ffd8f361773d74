//! The loader's options, as `@rspack-native/core` serializes them: JSON, with each RegExp written
//! as `{ "$regexp": { "source": …, "flags": … } }` (Rspack hands builtin loaders their options
//! as JSON, where a RegExp would become `{}`).

use napi_derive::napi;
use rspack_cacheable::cacheable;
use rspack_native_js_regexp::{JsRegExp, Search};
use serde_json::{Map, Value};

use crate::LOADER_NAME;

/// Options of `builtin:replace-loader`: those of `string-replace-loader` 3.3.0.
///
/// This type is the source of the TypeScript interface; the loader reads the JSON Rspack passes.
#[napi(object, object_to_js = false)]
pub struct ReplaceLoaderOptions {
  /// What to replace: a string (its first occurrence, or a pattern when `flags` is set) or a
  /// RegExp (whose own flags apply).
  #[napi(ts_type = "string | RegExp")]
  pub search: Option<String>,
  /// The replacement: a string with JavaScript's `$&`, `$1`…`$99`, `$<name>`, `$$`, `` $` ``
  /// and `$'`, or a function called once per match with `String.prototype.replace`'s arguments.
  #[napi(ts_type = "string | ((match: string, ...args: any[]) => string)")]
  pub replace: Option<String>,
  /// Flags for a string `search`, which then becomes a RegExp. Ignored for a RegExp `search`.
  pub flags: Option<String>,
  /// Fail the module's build when nothing was replaced. Default: `false`.
  pub strict: Option<bool>,
  /// Several replacements, applied in order (the other options are then ignored).
  #[napi(ts_type = "Array<Omit<ReplaceLoaderOptions, 'multiple'>>")]
  pub multiple: Option<Vec<String>>,
}

/// One replacement, checked.
#[cacheable]
#[derive(Debug, Clone, PartialEq)]
pub struct Replacement {
  /// `search` as written: a string, or `/source/flags`.
  pub search_display: String,
  /// The pattern: a literal string, or a RegExp source and flags.
  pub pattern: Pattern,
  /// The replacement.
  pub replace: Replace,
  /// Fail when nothing changed.
  pub strict: bool,
}

/// What a match is replaced with.
#[cacheable]
#[derive(Debug, Clone, PartialEq)]
pub enum Replace {
  /// A replacement string with `$` patterns, applied in Rust.
  Text(String),
  /// A JavaScript function, applied in JavaScript (see `ReplaceLoaderPlugin`): its number among
  /// the compiler's replace functions, and its source text, for messages as the peer prints it.
  Function {
    /// The number `@rspack-native/core` gave the function.
    id: u32,
    /// `String(fn)`.
    display: String,
  },
}

impl std::fmt::Display for Replace {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      Replace::Text(text) => f.write_str(text),
      Replace::Function { display, .. } => f.write_str(display),
    }
  }
}

/// What a replacement searches for, in a form the persistent cache can store.
#[cacheable]
#[derive(Debug, Clone, PartialEq)]
pub enum Pattern {
  /// A string, replaced at its first occurrence.
  Literal(String),
  /// A regular expression.
  RegExp {
    /// `RegExp.prototype.source`.
    source: String,
    /// `RegExp.prototype.flags`.
    flags: String,
  },
}

impl Pattern {
  /// The compiled pattern.
  pub fn compile(&self) -> Result<Search, String> {
    match self {
      Pattern::Literal(text) => Ok(Search::Literal(text.clone())),
      Pattern::RegExp { source, flags } => JsRegExp::new(source, flags)
        .map(Search::RegExp)
        .map_err(|e| e.to_string()),
    }
  }
}

/// Reads the loader's JSON options into the replacements to apply, in order.
pub fn parse_options(json: &str) -> Result<Vec<Replacement>, String> {
  let value: Value = serde_json::from_str(json)
    .map_err(|e| format!("{LOADER_NAME}: options are not valid JSON: {e}"))?;
  let object = as_object(&value, "options")?;
  match object.get("multiple") {
    None | Some(Value::Null) => Ok(vec![parse_one(object, "")?]),
    Some(Value::Array(items)) => items
      .iter()
      .enumerate()
      .map(|(index, item)| {
        let path = format!("multiple[{index}].");
        parse_one(
          as_object(item, &format!("option \"multiple[{index}]\""))?,
          &path,
        )
      })
      .collect(),
    Some(other) => Err(format!(
      "{LOADER_NAME}: option \"multiple\" must be an array, but got {}",
      describe(other)
    )),
  }
}

const KNOWN_OPTIONS: &[&str] = &["search", "replace", "flags", "strict"];

fn parse_one(object: &Map<String, Value>, path: &str) -> Result<Replacement, String> {
  let invalid =
    |key: &str, reason: String| format!("{LOADER_NAME}: option \"{path}{key}\" {reason}");
  for key in object.keys() {
    if !KNOWN_OPTIONS.contains(&key.as_str()) && !(path.is_empty() && key == "multiple") {
      return Err(format!(
        "{LOADER_NAME}: unknown option \"{path}{key}\"; expected one of: search, replace, flags, strict, multiple"
      ));
    }
  }
  let strict = match object.get("strict") {
    None | Some(Value::Null) => false,
    Some(Value::Bool(strict)) => *strict,
    Some(other) => {
      return Err(invalid(
        "strict",
        format!("must be a boolean, but got {}", describe(other)),
      ));
    }
  };
  let flags = match object.get("flags") {
    None | Some(Value::Null) => None,
    Some(Value::String(flags)) => Some(flags.clone()),
    Some(other) => {
      return Err(invalid(
        "flags",
        format!("must be a string, but got {}", describe(other)),
      ));
    }
  };
  let replace = match object.get("replace") {
    Some(Value::String(replace)) => Replace::Text(replace.clone()),
    Some(Value::Object(marker)) if marker.contains_key("$function") => {
      let function = &marker["$function"];
      let (Some(id), Some(display)) = (function["id"].as_u64(), function["display"].as_str())
      else {
        return Err(invalid(
          "replace",
          "is a malformed function reference".into(),
        ));
      };
      Replace::Function {
        id: id as u32,
        display: display.to_string(),
      }
    }
    None | Some(Value::Null) => return Err(invalid("replace", "is required: a string".into())),
    Some(other) => {
      return Err(invalid(
        "replace",
        format!("must be a string, but got {}", describe(other)),
      ));
    }
  };
  let (pattern, search_display) = match object.get("search") {
    Some(Value::String(search)) => match flags {
      Some(flags) => (
        Pattern::RegExp {
          source: search.clone(),
          flags,
        },
        search.clone(),
      ),
      None => (Pattern::Literal(search.clone()), search.clone()),
    },
    Some(Value::Object(marker)) if marker.contains_key("$regexp") => {
      let regexp = &marker["$regexp"];
      let (Some(source), Some(flags)) = (regexp["source"].as_str(), regexp["flags"].as_str())
      else {
        return Err(invalid("search", "is a malformed RegExp".into()));
      };
      (
        Pattern::RegExp {
          source: source.to_string(),
          flags: flags.to_string(),
        },
        format!("/{source}/{flags}"),
      )
    }
    None | Some(Value::Null) => {
      return Err(invalid(
        "search",
        "is required: a string or a RegExp".into(),
      ));
    }
    Some(other) => {
      return Err(invalid(
        "search",
        format!("must be a string or a RegExp, but got {}", describe(other)),
      ));
    }
  };
  pattern
    .compile()
    .map_err(|e| invalid("search", format!("is an {e}")))?;
  Ok(Replacement {
    search_display,
    pattern,
    replace,
    strict,
  })
}

fn as_object<'a>(value: &'a Value, what: &str) -> Result<&'a Map<String, Value>, String> {
  value.as_object().ok_or_else(|| {
    format!(
      "{LOADER_NAME}: {what} must be an object, but got {}",
      describe(value)
    )
  })
}

fn describe(value: &Value) -> &'static str {
  match value {
    Value::Null => "null",
    Value::Bool(_) => "a boolean",
    Value::Number(_) => "a number",
    Value::String(_) => "a string",
    Value::Array(_) => "an array",
    Value::Object(_) => "an object",
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn string_search_is_literal_unless_flags_are_given() {
    let rules = parse_options(r#"{"search":"a.b","replace":"x"}"#).unwrap();
    assert_eq!(rules[0].pattern, Pattern::Literal("a.b".into()));
    let rules = parse_options(r#"{"search":"a.b","replace":"x","flags":"g"}"#).unwrap();
    assert_eq!(
      rules[0].pattern,
      Pattern::RegExp {
        source: "a.b".into(),
        flags: "g".into()
      }
    );
    assert_eq!(rules[0].search_display, "a.b");
  }

  #[test]
  fn a_function_replace_keeps_its_number_and_source() {
    let rules = parse_options(
      r#"{"search":"a","replace":{"$function":{"id":3,"display":"(m) => m.toUpperCase()"}}}"#,
    )
    .unwrap();
    assert_eq!(
      rules[0].replace,
      Replace::Function {
        id: 3,
        display: "(m) => m.toUpperCase()".into()
      }
    );
    assert_eq!(rules[0].replace.to_string(), "(m) => m.toUpperCase()");
  }

  #[test]
  fn regexp_search_keeps_its_own_flags_and_ignores_flags() {
    let rules = parse_options(
      r#"{"search":{"$regexp":{"source":"a","flags":"gi"}},"replace":"x","flags":"m"}"#,
    )
    .unwrap();
    assert_eq!(
      rules[0].pattern,
      Pattern::RegExp {
        source: "a".into(),
        flags: "gi".into()
      }
    );
    assert_eq!(rules[0].search_display, "/a/gi");
  }

  #[test]
  fn multiple_keeps_order() {
    let rules = parse_options(
      r#"{"multiple":[{"search":"a","replace":"b"},{"search":"b","replace":"c","strict":true}]}"#,
    )
    .unwrap();
    assert_eq!(rules.len(), 2);
    assert!(rules[1].strict);
  }

  #[test]
  fn errors_name_the_loader_and_the_option() {
    let cases = [
      (
        r#"{"search":1,"replace":"x"}"#,
        "option \"search\" must be a string or a RegExp, but got a number",
      ),
      (r#"{"replace":"x"}"#, "option \"search\" is required"),
      (r#"{"search":"a"}"#, "option \"replace\" is required"),
      (
        r#"{"search":"a","replace":{"$function":true}}"#,
        "option \"replace\" is a malformed function reference",
      ),
      (
        r#"{"search":"(","flags":"g","replace":"x"}"#,
        "option \"search\" is an invalid regular expression /(/g",
      ),
      (
        r#"{"search":"a","replace":"x","flags":"q"}"#,
        "unknown flag 'q'",
      ),
      (
        r#"{"search":"a","replace":"x","strict":"yes"}"#,
        "option \"strict\" must be a boolean",
      ),
      (
        r#"{"search":"a","replace":"x","serch":1}"#,
        "unknown option \"serch\"",
      ),
      (
        r#"{"multiple":[{"search":"a"}]}"#,
        "option \"multiple[0].replace\" is required",
      ),
      (r#"{"multiple":{}}"#, "option \"multiple\" must be an array"),
      ("[]", "options must be an object, but got an array"),
    ];
    for (json, expected) in cases {
      let error = parse_options(json).unwrap_err();
      assert!(error.starts_with("builtin:replace-loader: "), "{error}");
      assert!(
        error.to_lowercase().contains(&expected.to_lowercase()),
        "{json}: {error}"
      );
    }
  }
}
