//! `RemoveEmptyScriptsPlugin`: a native port of `webpack-remove-empty-scripts` 1.1.1.
//!
//! An entry made only of styles (`entry: { style: './style.css' }`) still emits a script next to
//! its extracted CSS. This plugin removes that script, as the peer does on webpack (on Rspack the
//! peer does nothing). The peer's rules are in [`rules`], tested without Rspack; the plugin adds
//! one of its own: a script that holds another entry's runtime, or code of a module that is not
//! a style, is kept.

mod options;
mod plugin;
pub mod rules;

use napi::bindgen_prelude::{Env, Unknown};
use options::{PLUGIN_NAME, resolve_options};
pub use options::{RemoveEmptyScriptsConfig, RemoveEmptyScriptsPluginOptions, Stage};
pub use plugin::RemoveEmptyScriptsPlugin;
use rspack_native_plugin_options::{NativePlugin, PluginOptions};

/// `RemoveEmptyScriptsPlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: PLUGIN_NAME,
  build: resolve,
  function_options: RemoveEmptyScriptsPluginOptions::function_options,
};

/// Builds the plugin from the options given to `new RemoveEmptyScriptsPlugin(options)`.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  Ok(Box::new(RemoveEmptyScriptsPlugin::new(resolve_options(
    options,
  )?)))
}
