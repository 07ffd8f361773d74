//! `LicensePlugin`: a native port of `license-webpack-plugin` 4.0.2.
//!
//! For each chunk it finds the npm packages of the chunk's modules, works out each package's
//! license type and text by the peer's rules, and writes the same license files, banners, warnings
//! and errors. Files are read through Rspack's input file system, each package once per build.
//! The peer's function options run in JavaScript, once per package or chunk, as the peer calls
//! them. Where this differs from the peer, it is on purpose and documented: each build starts
//! from nothing (the peer keeps packages of earlier watch builds), and the modules inside a
//! concatenated module count (the peer misses them on Rspack). Child compilations are scanned
//! unless `skipChildCompilers` is set, and share the root's records (see [`group`]).

mod diagnostics;
mod files;
mod functions;
mod group;
mod license;
mod licensed;
mod module_file;
mod options;
mod package;
mod plugin;
mod records;
mod render;

use functions::Functions;
use napi::bindgen_prelude::Unknown;
pub use options::{
  AdditionalModule, LicenseIdentifiedModule, LicensePluginOptions, LicensePluginStats,
};
use options::{GROUP_OPTION, LicenseConfig, PLUGIN_NAME};
pub use plugin::LicensePlugin;
use rspack_native_plugin_options::{NativePlugin, OptionsReader, PluginOptions, working_directory};

/// `LicensePlugin`, for the binding.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: PLUGIN_NAME,
  build: resolve,
  function_options: LicensePluginOptions::function_options,
};

/// Builds the plugin from the options given to `new LicensePlugin(options)`.
fn resolve(env: napi::Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let mut options: LicensePluginOptions = reader.read(&[GROUP_OPTION])?;
  let functions = Functions::take(&mut options);
  let (group, is_child) = group::Group::join(reader.get(GROUP_OPTION)?);
  Ok(Box::new(LicensePlugin::new(
    LicenseConfig::from(options),
    functions,
    group,
    is_child,
    working_directory(&env)?.into(),
  )))
}
