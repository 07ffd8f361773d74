//! The rspack-native N-API addon: everything `@rspack/binding` exports, plus our plugins.
//!
//! This crate holds only registration glue: [`NATIVE_PLUGINS`] holds the `NATIVE_PLUGIN` of each
//! plugin crate in Cargo.toml, and `@rspack-native/core` calls `registerNativePlugin(name)` once
//! per JavaScript thread to make a plugin available to `experiments.createNativePlugin`.
//!
//! Registration is written out instead of using `rspack_binding_builder_macros`'s
//! `register_plugin!`: that proc-macro crate depends on `rspack_binding_builder`, so Cargo
//! compiled all of Rspack a second time for the host (`napi build` always passes `--target`).
#![allow(missing_docs)]

use napi_derive::napi;
use rspack_binding_builder::register_custom_plugin;
use rspack_native_plugin_options::NativePlugin;

/// Every plugin crate the binding depends on (see build.rs).
const NATIVE_PLUGINS: &[NativePlugin] = include!(concat!(env!("OUT_DIR"), "/native_plugins.rs"));

fn native_plugin(name: &str) -> napi::Result<&'static NativePlugin> {
  NATIVE_PLUGINS
    .iter()
    .find(|plugin| plugin.name == name)
    .ok_or_else(|| {
      napi::Error::from_reason(format!(
        "rspack-native: this binding has no native plugin named \"{name}\""
      ))
    })
}

/// Makes the plugin `name` available to `experiments.createNativePlugin` on this thread; an
/// error when it already is.
#[napi]
pub fn register_native_plugin(name: String) -> napi::Result<()> {
  let plugin = native_plugin(&name)?;
  register_custom_plugin(name.clone(), plugin.build).map_err(|()| {
    napi::Error::from_reason(format!(
      "rspack-native: the plugin \"{name}\" is already registered on this thread"
    ))
  })
}

/// The options of the plugin `name` that users give a JavaScript function: `@rspack-native/core`
/// wraps each such function so that what it throws names the option.
#[napi]
pub fn native_plugin_function_options(name: String) -> napi::Result<Vec<&'static str>> {
  Ok((native_plugin(&name)?.function_options)())
}
