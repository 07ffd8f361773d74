//! `new CaseSensitivePathsPlugin(options)` as JavaScript hands it over, checked.

use napi::bindgen_prelude::{Undefined, Unknown, ValueType};
use napi_derive::napi;
use rspack_native_js_callback::JsCallback;
use rspack_native_plugin_options::{JsType, OptionValue, OptionsReader, PluginOptions};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "CaseSensitivePathsPlugin";

/// Options of the native `CaseSensitivePathsPlugin`: the options of
/// `case-sensitive-paths-webpack-plugin` 2.4.0, declared once: the TypeScript interface, the
/// keys and the checks all come from this struct.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct CaseSensitivePathsPluginOptions {
  /// Log each directory read and, after each build, the number of directory lookups.
  /// Default: `false`.
  pub debug: Option<bool>,
  /// Check the build's file dependencies just before assets are emitted, reporting wrong case
  /// as compilation errors, instead of checking each module as it is resolved (which fails that
  /// module's import). Default: `false`.
  pub use_before_emit_hook: Option<bool>,
  /// Where `debug` writes. Default: `console` (also for `false`, `null` and other falsy values).
  #[napi(ts_type = "{ log(...args: unknown[]): void }")]
  pub logger: Option<Logger>,
}

/// The `logger` option: an object whose `log` method `debug` messages go to (called from
/// JavaScript, through [`LOG_OPTION`]).
pub struct Logger {
  /// Whether it has a `log` method.
  has_log: bool,
}

impl OptionValue for Logger {
  const TYPE: JsType = JsType::Object;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let logger = reader.nested_object(key, value)?;
    let has_log =
      logger.value("log")?.map(|log| log.get_type()).transpose()? == Some(ValueType::Function);
    Ok(Logger { has_log })
  }
}

/// The option through which `@rspack-native/core` passes a function that calls `logger.log`
/// with the arguments of one message. Internal: not in the TypeScript interface.
const LOG_OPTION: &str = "__log";

/// `log(args)`: one debug message to the user's logger, `logger.log(...args)`.
pub type Log = JsCallback<Vec<serde_json::Value>, Undefined>;

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
  let options: CaseSensitivePathsPluginOptions = reader.read(&[LOG_OPTION])?;
  let debug = options.debug.unwrap_or(false);
  // The peer calls `logger.log` only with `debug`, so only then must it be a function.
  if debug && options.logger.is_some_and(|logger| !logger.has_log) {
    return Err(reader.invalid("logger.log", "must be a function"));
  }
  let log = match (debug, reader.get::<Log>(LOG_OPTION)?) {
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
    use_before_emit_hook: options.use_before_emit_hook.unwrap_or(false),
    log,
  })
}
