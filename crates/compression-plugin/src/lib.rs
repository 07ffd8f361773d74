//! `CompressionPlugin`: a native port of `compression-webpack-plugin` 12.0.0.
//!
//! For every emitted asset its options select, it writes a compressed copy (gzip, deflate, raw
//! deflate or brotli) next to it, with the peer's names, asset info, thresholds and deletion of
//! originals. Compression runs natively straight from Rspack's sources (zlib-rs, Google's brotli),
//! on every core (rayon), with no copy of the bytes to JavaScript. The codecs are in [`codec`], the
//! name matching in [`rules`], both tested without Rspack.

pub mod codec;
mod options;
mod plugin;
pub mod rules;

use napi::bindgen_prelude::{Env, Unknown};
use options::PLUGIN_NAME;
pub use options::{CompressionOptions, CompressionPluginOptions, FilenameData};
pub use plugin::CompressionPlugin;
use rspack_native_plugin_options::{NativePlugin, PluginOptions};

/// `CompressionPlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: PLUGIN_NAME,
  build: resolve,
  function_options: CompressionPluginOptions::function_options,
};

/// Builds the plugin from the options given to `new CompressionPlugin(options)`.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  Ok(Box::new(CompressionPlugin::new(options::resolve_options(
    options,
  )?)))
}
