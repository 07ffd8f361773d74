//! `builtin:replace-loader`: a native port of `string-replace-loader` 3.3.0.
//!
//! Replaces text in a module's source with JavaScript's `String.prototype.replace` semantics
//! (string or RegExp search, `$` patterns in the replacement), with no JavaScript run per module.
//! A function `replace` runs in JavaScript, one call per module. [`ReplaceLoaderPlugin`] makes the
//! `builtin:replace-loader` request resolve to it; `@rspack-native/core` gives it to every
//! compiler whose rules use the loader, with those rules' options.

mod loader;
mod options;
mod plugin;

pub use loader::ReplaceLoader;
use napi::bindgen_prelude::{Env, JsObjectValue, Object, Unknown};
pub use options::{
  Pattern, Replace, ReplaceCall, ReplaceContext, ReplaceFunction, ReplaceLoaderOptions, Replacement,
};
pub use plugin::ReplaceLoaderPlugin;
use rspack_native_builtin_loader::LoaderRules;
use rspack_native_plugin_options::{NativePlugin, PluginOptions};

/// The plugin that resolves the loader, for the binding. `@rspack-native/core` gives it to
/// every compiler (packages/core/src/rspack-binding.cjs); users never name it.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: "ReplaceLoaderPlugin",
  build: resolve,
  function_options: ReplaceLoaderOptions::function_options,
};

/// Builds the plugin that provides the loader, from the options `@rspack-native/core` passes:
/// `{ rules: { [ident]: options } }`. A rule's bad options fail the modules it applies to, as
/// the peer's do, not the compiler. Options that only come as JSON (a function `use` makes them
/// while modules are built) are read through `JSON.parse`.
fn resolve(env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let rules = LoaderRules::read(NATIVE_PLUGIN.name, options, options::read_rule)?;
  let json: Object = env.get_global()?.get_named_property("JSON")?;
  let parse_json = plugin::ParseJson::from_js(
    NATIVE_PLUGIN.name,
    "JSON.parse",
    json.get_named_property("parse")?,
  )?;
  Ok(Box::new(ReplaceLoaderPlugin::new(rules, parse_json)))
}
