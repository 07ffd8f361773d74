//! `new RemoveEmptyScriptsPlugin(options)`: the options of webpack-remove-empty-scripts 1.1.1,
//! declared once, and the config they turn into, with the peer's defaults.

use napi::{Either, bindgen_prelude::Unknown};
use napi_derive::napi;
use rspack_native_js_regexp::JsRegExp;
use rspack_native_plugin_options::{OptionsReader, PluginOptions};

use crate::rules::{DEFAULT_EXTENSIONS, DEFAULT_REMOVE, StyleRules};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "RemoveEmptyScriptsPlugin";

/// `RemoveEmptyScriptsPlugin.STAGE_BEFORE_PROCESS_PLUGINS`: remove before any plugin processes
/// the assets (the default).
pub const STAGE_BEFORE_PROCESS_PLUGINS: u32 = 100;
/// `RemoveEmptyScriptsPlugin.STAGE_AFTER_PROCESS_PLUGINS`: remove after every plugin processed
/// the assets.
pub const STAGE_AFTER_PROCESS_PLUGINS: u32 = 200;

/// A pattern as `String.prototype.match` takes one: a string is the source of a RegExp.
type Pattern = Either<String, JsRegExp>;

/// Options of the native `RemoveEmptyScriptsPlugin`: those of `webpack-remove-empty-scripts`
/// 1.1.1.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct RemoveEmptyScriptsPluginOptions {
  /// Whether the plugin runs. Default: `true`.
  pub enabled: Option<bool>,
  /// Print each removed file. Default: `false`.
  pub verbose: Option<bool>,
  /// What a style file's resource matches: a RegExp, or extensions (with or without the dot).
  /// Default: `['css', 'scss', 'sass', 'less', 'styl']`.
  #[napi(ts_type = "RegExp | string[]")]
  pub extensions: Option<Either<JsRegExp, Vec<String>>>,
  /// Entry resources that do not count, such as a dev server's client (a string is a RegExp's
  /// source). Default: `[]`.
  #[napi(ts_type = "string | RegExp | Array<string | RegExp>")]
  pub ignore: Option<Either<Pattern, Vec<Pattern>>>,
  /// The files of an entry of styles that are removed. Default: `/\.(js|mjs)$/`.
  pub remove: Option<JsRegExp>,
  /// When: `RemoveEmptyScriptsPlugin.STAGE_BEFORE_PROCESS_PLUGINS` (100, the default: before any
  /// plugin processes the assets) or `STAGE_AFTER_PROCESS_PLUGINS` (200: after all of them).
  #[napi(ts_type = "100 | 200")]
  pub stage: Option<u32>,
}

/// When the empty scripts are removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
  /// Before any plugin processes the assets.
  BeforeProcessPlugins,
  /// After every plugin processed them.
  AfterProcessPlugins,
}

/// The checked options.
#[derive(Debug)]
pub struct RemoveEmptyScriptsConfig {
  /// `enabled`.
  pub enabled: bool,
  /// `verbose`.
  pub verbose: bool,
  /// `extensions`, `ignore` and `remove`.
  pub rules: StyleRules,
  /// `stage`.
  pub stage: Stage,
}

/// Reads and checks the options passed to `new RemoveEmptyScriptsPlugin(options)`.
pub fn resolve_options(options: Unknown<'_>) -> napi::Result<RemoveEmptyScriptsConfig> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let options: RemoveEmptyScriptsPluginOptions = reader.read(&[])?;
  let invalid =
    |key: &str, error: rspack_native_js_regexp::InvalidRegExp| reader.invalid(key, error);
  let extensions = match options.extensions {
    Some(Either::A(regexp)) => regexp,
    Some(Either::B(extensions)) => {
      StyleRules::extensions_regexp(&extensions).map_err(|error| invalid("extensions", error))?
    }
    None => {
      StyleRules::extensions_regexp(&DEFAULT_EXTENSIONS).expect("the default extensions compile")
    }
  };
  let ignore = match options.ignore {
    None => Vec::new(),
    Some(Either::A(one)) => vec![one],
    Some(Either::B(many)) => many,
  };
  let ignore = ignore
    .into_iter()
    .enumerate()
    .map(|(index, pattern)| match pattern {
      Either::A(source) => {
        JsRegExp::new(&source, "").map_err(|error| invalid(&format!("ignore[{index}]"), error))
      }
      Either::B(regexp) => Ok(regexp),
    })
    .collect::<napi::Result<_>>()?;
  let stage = match options.stage {
    None | Some(STAGE_BEFORE_PROCESS_PLUGINS) => Stage::BeforeProcessPlugins,
    Some(STAGE_AFTER_PROCESS_PLUGINS) => Stage::AfterProcessPlugins,
    Some(other) => {
      return Err(reader.invalid(
        "stage",
        format!(
          "must be {STAGE_BEFORE_PROCESS_PLUGINS} (RemoveEmptyScriptsPlugin.STAGE_BEFORE_PROCESS_PLUGINS) \
           or {STAGE_AFTER_PROCESS_PLUGINS} (RemoveEmptyScriptsPlugin.STAGE_AFTER_PROCESS_PLUGINS), but got {other}"
        ),
      ));
    }
  };
  Ok(RemoveEmptyScriptsConfig {
    enabled: options.enabled.unwrap_or(true),
    verbose: options.verbose.unwrap_or(false),
    rules: StyleRules {
      extensions,
      ignore,
      remove: match options.remove {
        Some(regexp) => regexp,
        None => JsRegExp::new(DEFAULT_REMOVE, "").expect("the default remove compiles"),
      },
    },
    stage,
  })
}
