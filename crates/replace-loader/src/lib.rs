//! `builtin:replace-loader`: a native port of `string-replace-loader` 3.3.0.
//!
//! Replaces text in a module's source with JavaScript's `String.prototype.replace` semantics
//! (string or RegExp search, `$` patterns in the replacement), with no JavaScript run per module.
//! [`ReplaceLoaderPlugin`] makes the `builtin:replace-loader` request resolve to it.

mod loader;
mod options;
mod plugin;

pub use loader::ReplaceLoader;
use napi::bindgen_prelude::{Env, Unknown};
pub use options::{Pattern, ReplaceLoaderOptions, Replacement, parse_options};
pub use plugin::ReplaceLoaderPlugin;

/// The loader request, as written in `rspack.config.js`.
pub const LOADER_NAME: &str = "builtin:replace-loader";

/// Builds the plugin that provides the loader; registered with the binding by
/// `registerReplaceLoaderPlugin()` (binding/src/lib.rs). It takes no options.
pub fn resolve(_env: Env, _options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  Ok(Box::new(ReplaceLoaderPlugin::new()))
}
