//! A whole declaration: [`PluginOptions`] (what `#[derive(PluginOptions)]` implements), reading
//! it, and [`NativePlugin`], which hands a plugin and its declaration to the binding.

use napi::bindgen_prelude::ValueType;

use crate::reader::OptionsReader;

/// A plugin's or loader's options, read from JavaScript: implemented by `#[derive(PluginOptions)]`.
pub trait PluginOptions: Sized {
  /// The option keys, in declaration order (the order messages list them in).
  const KEYS: &'static [&'static str];

  /// The options users may give a JavaScript function.
  fn function_options() -> Vec<&'static str>;

  /// Reads every option from `reader`, whose keys are already checked.
  fn from_reader(reader: &OptionsReader<'_>) -> napi::Result<Self>;
}

/// What a plugin crate gives the binding: `pub const NATIVE_PLUGIN: NativePlugin` in its
/// `lib.rs`. The binding lists every plugin crate it depends on (binding/build.rs).
pub struct NativePlugin {
  /// The name `experiments.createNativePlugin` knows the plugin by.
  pub name: &'static str,
  /// Builds the plugin from the options JavaScript passes, on the JavaScript thread.
  pub build: for<'a> fn(napi::Env, napi::Unknown<'a>) -> napi::Result<rspack_core::BoxPlugin>,
  /// Its options that users give a JavaScript function: `<Options as PluginOptions>::function_options`.
  pub function_options: fn() -> Vec<&'static str>,
}

impl OptionsReader<'_> {
  /// Reads the options `T` declares. `internal` options (set by this project's JavaScript
  /// wrappers, not by users) are accepted but not listed in messages; read them with [`Self::get`].
  pub fn read<T: PluginOptions>(&self, internal: &[&str]) -> napi::Result<T> {
    self.check_keys(T::KEYS, internal)?;
    T::from_reader(self)
  }

  /// The options of `T` that the user gave a function, in declaration order.
  pub fn given_functions<T: PluginOptions>(&self) -> napi::Result<Vec<&'static str>> {
    let mut given = Vec::new();
    for name in T::function_options() {
      if let Some(value) = self.value(name)?
        && value.get_type()? == ValueType::Function
      {
        given.push(name);
      }
    }
    Ok(given)
  }
}
