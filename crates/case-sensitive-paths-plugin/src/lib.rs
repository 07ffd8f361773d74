//! `CaseSensitivePathsPlugin`: a native port of `case-sensitive-paths-webpack-plugin` 2.4.0.
//!
//! On a file system that ignores case (macOS, Windows), `import './button.js'` finds
//! `Button.js`, and the build breaks only later, on Linux. This plugin fails such imports on every
//! system: after Rspack resolves a module, it compares each component of the module's path with
//! its directory's listing, read through Rspack's input file system, and reports the peer's
//! error. Listings are cached for one build and read again in the next. No JavaScript runs during
//! the build unless `debug` sends messages to the user's logger. The check itself is in the
//! `checker` module, tested without Rspack.

mod checker;
mod options;
mod paths;
mod plugin;

use napi::bindgen_prelude::Unknown;
pub use options::CaseSensitivePathsPluginOptions;
pub use plugin::CaseSensitivePathsPlugin;
use rspack_native_plugin_options::{NativePlugin, PluginOptions, working_directory};

/// `CaseSensitivePathsPlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: options::PLUGIN_NAME,
  build: resolve,
  function_options: CaseSensitivePathsPluginOptions::function_options,
};

/// Builds the plugin from the options given to `new CaseSensitivePathsPlugin(options)`.
fn resolve(env: napi::Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let options = options::resolve_options(options)?;
  let working_dir = working_directory(&env)?;
  Ok(Box::new(CaseSensitivePathsPlugin::new(
    options,
    working_dir,
  )))
}
