//! `builtin:replace-loader`: a native port of `string-replace-loader` 3.3.0.
//!
//! Replaces text in a module's source with JavaScript's `String.prototype.replace` semantics
//! (string or RegExp search, `$` patterns in the replacement), with no JavaScript run per module.
//! A function `replace` runs in JavaScript, one call per module, through the plugin.
//! [`ReplaceLoaderPlugin`] makes the `builtin:replace-loader` request resolve to it.

mod loader;
mod options;
mod plugin;

pub use loader::ReplaceLoader;
use napi::bindgen_prelude::{Env, Unknown};
pub use options::{Pattern, Replace, ReplaceLoaderOptions, Replacement, parse_options};
pub use plugin::ReplaceLoaderPlugin;
use rspack_native_plugin_options::OptionsReader;

/// The loader request, as written in `rspack.config.js`.
pub const LOADER_NAME: &str = "builtin:replace-loader";

/// Where `@rspack-native/core` passes the dispatcher of a compiler's function replacements.
const FUNCTIONS_OPTION: &str = "__replaceFunctions";

/// Builds the plugin that provides the loader; registered with the binding by
/// `registerReplaceLoaderPlugin()` (binding/src/lib.rs). Users give it no options.
pub fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let reader = OptionsReader::new(LOADER_NAME, options)?;
  reader.check_keys(&[], &[FUNCTIONS_OPTION])?;
  let functions = reader.internal_function(FUNCTIONS_OPTION)?;
  Ok(Box::new(ReplaceLoaderPlugin::new(functions)))
}
