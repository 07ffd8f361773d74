//! A plugin's or loader's options, declared once in Rust and read from JavaScript with errors a
//! user can act on.
//!
//! A plugin declares its options as one struct, which is both the source of the TypeScript
//! interface (`#[napi(object, object_from_js = false, object_to_js = false)]`) and
//! `#[derive(PluginOptions)]`. From it come the known keys, the checks of every value and the
//! list of options that users give a function (which the binding exports to JavaScript).
//! Checks that involve several options, and defaults, belong in the plugin's `TryFrom` from this
//! struct into its config. Every message starts with the owner's name (`ManifestPlugin: …`) and
//! names the option and what was expected, so a bad `rspack.config.js` is fixed from the message
//! alone.

mod describe;
mod named;
mod options;
mod process;
mod reader;
mod value;

pub use describe::error;
pub use named::Named;
pub use options::{NativePlugin, PluginOptions};
pub use process::working_directory;
pub use reader::OptionsReader;
pub use rspack_native_plugin_options_derive::PluginOptions;
pub use value::{JsFunction, JsType, JsonObject, OptionValue, OrFalse};
