//! `AssetsManifestPlugin`: a native port of `webpack-assets-manifest` 6.5.2.
//!
//! Writes a JSON manifest of the emitted files (`assets-manifest.json`): each file under the
//! keys the peer gives it (the chunk's name and the file's extension, the source file's name
//! for an asset module), optionally with each entrypoint's files and each file's subresource
//! integrity. On Rspack the peer fails on asset modules and on integrity; this port works there.
//! The peer's rules are in [`manifest`] and [`integrity`], tested without Rspack.

pub mod integrity;
mod lock;
pub mod manifest;
mod options;
mod plugin;

use napi::bindgen_prelude::{Env, Unknown};
use options::resolve_options;
pub use options::{AssetsManifestConfig, AssetsManifestPluginOptions, PLUGIN_NAME};
pub use plugin::AssetsManifestPlugin;
use rspack_native_plugin_options::{NativePlugin, PluginOptions};

/// `AssetsManifestPlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: PLUGIN_NAME,
  build: resolve,
  function_options: AssetsManifestPluginOptions::function_options,
};

/// Builds the plugin from the options given to `new AssetsManifestPlugin(options)`.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  Ok(Box::new(AssetsManifestPlugin::new(resolve_options(
    options,
  )?)))
}
