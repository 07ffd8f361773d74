//! The rspack-native N-API addon: everything `@rspack/binding` exports, plus our plugins.
//!
//! This crate holds only registration glue: each `register<Name>()` below is called by
//! `@rspack-native/core` once per JavaScript thread, and makes `<Name>` available to
//! `experiments.createNativePlugin`.
//!
//! These functions are written out instead of using `rspack_binding_builder_macros`'s
//! `register_plugin!`: that proc-macro crate depends on `rspack_binding_builder`, so Cargo
//! compiled all of Rspack a second time for the host (`napi build` always passes `--target`).
#![allow(missing_docs)]

use napi_derive::napi;
use rspack_binding_builder::{CustomPluginBuilder, register_custom_plugin};

/// Registers the plugin `name`, built from its JavaScript options by `builder`.
fn register(name: &str, builder: CustomPluginBuilder) -> napi::Result<()> {
  register_custom_plugin(name.to_owned(), builder).map_err(|()| {
    napi::Error::from_reason(format!(
      "rspack-native: the plugin \"{name}\" is already registered on this thread"
    ))
  })
}

/// Registers `ManifestPlugin` (crates/manifest-plugin).
#[napi(js_name = "registerManifestPlugin")]
pub fn register_manifest_plugin() -> napi::Result<()> {
  register("ManifestPlugin", rspack_native_manifest_plugin::resolve)
}

/// Registers `LicensePlugin` (crates/license-plugin).
#[napi(js_name = "registerLicensePlugin")]
pub fn register_license_plugin() -> napi::Result<()> {
  register("LicensePlugin", rspack_native_license_plugin::resolve)
}

/// Registers `CaseSensitivePathsPlugin` (crates/case-sensitive-paths-plugin).
#[napi(js_name = "registerCaseSensitivePathsPlugin")]
pub fn register_case_sensitive_paths_plugin() -> napi::Result<()> {
  register(
    "CaseSensitivePathsPlugin",
    rspack_native_case_sensitive_paths_plugin::resolve,
  )
}

/// Registers `ReplaceLoaderPlugin` (crates/replace-loader).
#[napi(js_name = "registerReplaceLoaderPlugin")]
pub fn register_replace_loader_plugin() -> napi::Result<()> {
  register("ReplaceLoaderPlugin", rspack_native_replace_loader::resolve)
}
