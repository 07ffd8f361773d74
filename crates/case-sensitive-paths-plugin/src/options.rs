//! `new CaseSensitivePathsPlugin(options)` as JavaScript hands it over, checked.

use napi::bindgen_prelude::{Object, Undefined, Unknown};
use napi_derive::napi;
use rspack_native_js_callback::JsCallback;
use rspack_native_plugin_options::OptionsReader;

/// The name errors start with.
pub const PLUGIN_NAME: &str = "CaseSensitivePathsPlugin";

/// Options of the native `CaseSensitivePathsPlugin`: the options of
/// `case-sensitive-paths-webpack-plugin` 2.4.0.
///
/// This type is the source of the TypeScript interface; the values are read by
/// [`resolve_options`] so that every mistake gets a message naming the option.
#[napi(object, object_to_js = false)]
pub struct CaseSensitivePathsPluginOptions<'a> {
  /// Log each directory read and, after each build, the number of directory lookups.
  /// Default: `false`.
  pub debug: Option<bool>,
  /// Check the build's file dependencies just before assets are emitted, reporting wrong case
  /// as compilation errors, instead of checking each module as it is resolved (which fails that
  /// module's import). Default: `false`.
  pub use_before_emit_hook: Option<bool>,
  /// Where `debug` writes. Default: `console` (also for `false`, `null` and other falsy values).
  #[napi(ts_type = "{ log(...args: unknown[]): void }")]
  pub logger: Option<Object<'a>>,
}

/// The option through which `@rspack-native/core` passes a function that calls `logger.log`
/// with the arguments of one message, sent as a JSON array. Internal: not in the TypeScript
/// interface.
const LOG_OPTION: &str = "__log";

/// `log(JSON of the arguments)`: one debug message to the user's logger.
pub type Log = JsCallback<String, Undefined>;

/// The checked options.
#[derive(Debug)]
pub struct ResolvedOptions {
  /// Check file dependencies at `emit` instead of modules after resolving.
  pub use_before_emit_hook: bool,
  /// Where debug messages go; `None` without `debug`.
  pub log: Option<Log>,
}

/// Reads and checks the options passed to `new CaseSensitivePathsPlugin(options)`.
pub fn resolve_options(options: Unknown<'_>) -> napi::Result<ResolvedOptions> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  reader.check_keys(&["debug", "useBeforeEmitHook", "logger"], &[LOG_OPTION])?;
  let debug = reader.boolean("debug")?.unwrap_or(false);
  let use_before_emit_hook = reader.boolean("useBeforeEmitHook")?.unwrap_or(false);
  // The peer calls `logger.log` only with `debug`, so only then must it be a function.
  if let Some(logger) = reader.nested("logger")?
    && debug
    && !logger.is_function("log")?
  {
    return Err(reader.invalid("logger.log", "must be a function"));
  }
  let log = match (debug, reader.internal_function(LOG_OPTION)?) {
    (false, _) => None,
    (true, Some(log)) => Some(log),
    (true, None) => {
      return Err(reader.invalid(
        "debug",
        "needs the logger that the CaseSensitivePathsPlugin class of @rspack-native/core passes",
      ));
    }
  };
  Ok(ResolvedOptions {
    use_before_emit_hook,
    log,
  })
}
