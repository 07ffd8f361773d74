//! `ManifestPlugin`: a native port of `rspack-manifest-plugin` 5.2.2.
//!
//! It writes the same `manifest.json` as the JavaScript plugin (the `webpack-manifest-plugin`
//! format). With data options only, no JavaScript runs during the build; the function options
//! (`filter`, `map`, `sort`, `generate`, `serialize`) run in one JavaScript call per build,
//! made from `processAssets`. The logic that turns a build's files into a manifest lives in
//! [`manifest`] and is tested without Rspack.

mod js_object;
pub mod manifest;
mod options;
mod plugin;

use napi::bindgen_prelude::{Env, Unknown};
pub use options::{FileDescriptor, ManifestPluginOptions};
pub use plugin::ManifestPlugin;
use rspack_native_plugin_options::{NativePlugin, PluginOptions};

/// `ManifestPlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: options::PLUGIN_NAME,
  build: resolve,
  function_options: ManifestPluginOptions::function_options,
};

/// Builds the plugin from the options given to `new ManifestPlugin(options)`.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let options = options::resolve_options(options)?;
  Ok(Box::new(ManifestPlugin::new(
    options.config,
    options.output,
  )))
}
