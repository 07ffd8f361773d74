//! The loader's options, declared once: `ReplaceLoaderOptions` is the TypeScript interface and the
//! reader; [`read_rule`] checks one rule's options and turns them into the replacements to apply.
//! `@rspack-native/core` hands them over as the rule's own objects (Rspack would pass a builtin
//! loader JSON, where a RegExp becomes `{}` and a function vanishes), with each function `replace`
//! wrapped to run `source.replace(search, replace)` on a whole module (see `ReplaceCall`).

use napi::{
  Either, JsValue,
  bindgen_prelude::{FromNapiValue, TypeName, Unknown, ValueType},
  sys,
};
use napi_derive::napi;
use rspack_cacheable::cacheable;
use rspack_native_js_callback::JsCallback;
use rspack_native_js_regexp::{JsRegExp, Search};
use rspack_native_plugin_options::{JsType, OptionValue, OptionsReader, PluginOptions};

/// The loader request, as written in `rspack.config.js`.
pub const LOADER_NAME: &str = "builtin:replace-loader";

/// Options of `builtin:replace-loader`: those of `string-replace-loader` 3.3.0.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct ReplaceLoaderOptions {
  /// What to replace: a string (its first occurrence, or a pattern when `flags` is set) or a
  /// RegExp (whose own flags apply).
  #[napi(ts_type = "string | RegExp")]
  pub search: Option<Either<String, JsRegExp>>,
  /// The replacement: a string with JavaScript's `$&`, `$1`…`$99`, `$<name>`, `$$`, `` $` ``
  /// and `$'`, or a function called once per match with `String.prototype.replace`'s arguments.
  #[napi(ts_type = "string | ((this: ReplaceContext, match: string, ...args: any[]) => string)")]
  pub replace: Option<Either<String, ReplaceFunction>>,
  /// Flags for a string `search`, which then becomes a RegExp. Ignored for a RegExp `search`.
  pub flags: Option<String>,
  /// Fail the module's build when nothing was replaced. Default: `false`.
  pub strict: Option<bool>,
  /// Several replacements, applied in order (the other options are then ignored).
  #[napi(ts_type = "Array<Omit<ReplaceLoaderOptions, 'multiple'>>")]
  pub multiple: Option<Vec<ReplaceLoaderOptions>>,
}

/// What a function `replace` sees as `this`: the fields of the loader context that tell the module.
#[napi(object, object_from_js = false)]
pub struct ReplaceContext {
  /// The module's resource: path, query and fragment.
  pub resource: String,
  /// The module's path.
  pub resource_path: String,
  /// The module's query, `?` included, or `''`.
  pub resource_query: String,
}

/// One function replacement for one module: `@rspack-native/core` runs
/// `source.replace(search, replace)` with the rule's own `search` and function, which is called
/// once per match with JavaScript's arguments and `this` set to `context`.
#[napi(object, object_from_js = false)]
pub struct ReplaceCall {
  /// The module's source so far.
  pub source: String,
  /// `this` for the user's function.
  pub context: ReplaceContext,
}

/// A function `replace`, as `@rspack-native/core` hands it over: it takes a [`ReplaceCall`] and
/// returns the module's new source, one call per module. `String(fn)` is the user's function's
/// source, which strict-mode messages print as the peer does.
#[derive(Debug, Clone)]
pub struct ReplaceFunction {
  /// Runs the replacement on one module.
  pub callback: JsCallback<ReplaceCall, String>,
  /// `String(fn)` of the user's function.
  pub display: String,
}

impl OptionValue for ReplaceFunction {
  const TYPE: JsType = JsType::Function;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let display = value.coerce_to_string()?.into_utf8()?.into_owned()?;
    Ok(Self {
      callback: reader.read_value(key, value)?,
      display,
    })
  }
}

/// One replacement, checked. Cacheable: Rspack's persistent cache stores it with the loader.
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
  /// A JavaScript function, applied in JavaScript by the loader's [`ReplaceFunction`] of the same
  /// index; its source text, for messages as the peer prints it.
  Function(String),
}

impl std::fmt::Display for Replace {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      Replace::Text(text) | Replace::Function(text) => f.write_str(text),
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

/// One rule's replacements, in order, with the functions that apply the function replacements
/// (`None` for a text replacement), index for index.
#[derive(Debug, Clone, Default)]
pub struct Rule {
  /// The replacements.
  pub replacements: Vec<Replacement>,
  /// Their functions.
  pub functions: Vec<Option<ReplaceFunction>>,
}

/// One rule's options that reached the plugin as JSON (from a function `use`, made while modules
/// are built), parsed by JavaScript's `JSON.parse` and read as [`read_rule`] reads the rule's own
/// object; `Err` holds the message.
pub struct JsonRule(pub std::result::Result<Rule, String>);

impl FromNapiValue for JsonRule {
  unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
    let value = unsafe { Unknown::from_napi_value(env, value) }?;
    Ok(JsonRule(read_rule(value).map_err(|error| error.reason)))
  }
}

impl TypeName for JsonRule {
  fn type_name() -> &'static str {
    "object"
  }

  fn value_type() -> ValueType {
    ValueType::Object
  }
}

/// Reads and checks one rule's options (`undefined` for none).
pub fn read_rule(options: Unknown<'_>) -> napi::Result<Rule> {
  let reader = OptionsReader::new(LOADER_NAME, options)?;
  let mut options: ReplaceLoaderOptions = reader.read(&[])?;
  let mut rule = Rule::default();
  match options.multiple.take() {
    None => add_replacement(&mut rule, &reader, "", options)?,
    Some(items) => {
      for (index, item) in items.into_iter().enumerate() {
        let path = format!("multiple[{index}].");
        if item.multiple.is_some() {
          return Err(reader.invalid(
            &format!("{path}multiple"),
            "is not allowed inside \"multiple\"",
          ));
        }
        add_replacement(&mut rule, &reader, &path, item)?;
      }
    }
  }
  Ok(rule)
}

/// Checks one replacement (at `path`: `''` or `multiple[2].`) and adds it to `rule`.
fn add_replacement(
  rule: &mut Rule,
  reader: &OptionsReader<'_>,
  path: &str,
  options: ReplaceLoaderOptions,
) -> napi::Result<()> {
  let ReplaceLoaderOptions {
    search,
    replace,
    flags,
    strict,
    ..
  } = options;
  let (pattern, search_display) = match search {
    Some(Either::A(search)) => match flags {
      Some(flags) => {
        let pattern = Pattern::RegExp {
          source: search.clone(),
          flags,
        };
        pattern
          .compile()
          .map_err(|e| reader.invalid(&format!("{path}search"), format!("is an {e}")))?;
        (pattern, search)
      }
      None => (Pattern::Literal(search.clone()), search),
    },
    Some(Either::B(regexp)) => (
      Pattern::RegExp {
        source: regexp.source().to_string(),
        flags: regexp.flags().to_string(),
      },
      format!("/{}/{}", regexp.source(), regexp.flags()),
    ),
    None => {
      return Err(reader.invalid(
        &format!("{path}search"),
        "is required (a string or a RegExp)",
      ));
    }
  };
  let (replace, function) = match replace {
    Some(Either::A(text)) => (Replace::Text(text), None),
    Some(Either::B(function)) => (Replace::Function(function.display.clone()), Some(function)),
    None => {
      return Err(reader.invalid(
        &format!("{path}replace"),
        "is required (a string or a function)",
      ));
    }
  };
  rule.replacements.push(Replacement {
    search_display,
    pattern,
    replace,
    strict: strict.unwrap_or(false),
  });
  rule.functions.push(function);
  Ok(())
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn patterns_compile_as_javascript_would() {
    assert!(matches!(
      Pattern::Literal("a.b".into()).compile(),
      Ok(Search::Literal(_))
    ));
    for (source, flags, message) in [
      ("(", "g", "invalid regular expression /(/g"),
      ("a", "q", "unknown flag 'q'"),
    ] {
      let pattern = Pattern::RegExp {
        source: source.into(),
        flags: flags.into(),
      };
      assert!(pattern.compile().unwrap_err().contains(message));
    }
  }

  #[test]
  fn a_function_replace_prints_its_source() {
    assert_eq!(
      Replace::Function("(m) => m.toUpperCase()".into()).to_string(),
      "(m) => m.toUpperCase()"
    );
    assert_eq!(Replace::Text("$1".into()).to_string(), "$1");
  }
}
