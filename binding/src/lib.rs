//! The rspack-native N-API addon: everything `@rspack/binding` exports, plus our plugins.
//!
//! This crate holds only registration glue: each `register_plugin!` below exposes
//! `register<Name>()` to JavaScript, which `@rspack-native/core` calls once per thread.
#![allow(missing_docs)]

extern crate rspack_binding_builder;

use napi_derive::napi;
use rspack_binding_builder_macros::register_plugin;

register_plugin!("ManifestPlugin", rspack_native_manifest_plugin::resolve);
register_plugin!("ReplaceLoaderPlugin", rspack_native_replace_loader::resolve);
