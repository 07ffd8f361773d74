//! `new ManifestPlugin(options)` as JavaScript hands it over, checked and turned into a
//! [`ManifestConfig`] plus the seed.

use napi::bindgen_prelude::{Env, FnArgs, Function, JsObjectValue, Null, Object, Unknown};
use napi_derive::napi;
use rspack_native_plugin_options::{FunctionOptions, OptionsReader};

use crate::{
  js_object::{JsObject, JsValue},
  manifest::ManifestConfig,
};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "ManifestPlugin";

/// Options of the native `ManifestPlugin`: the data options of `rspack-manifest-plugin` 5.2.2.
///
/// This type is the source of the TypeScript interface; the values are read by [`resolve_options`]
/// so that every mistake gets a message naming the option.
#[napi(object, object_to_js = false)]
pub struct ManifestPluginOptions<'a> {
  /// Prefix for every key of the manifest. Default: `''`.
  pub base_path: Option<String>,
  /// File name of the manifest, relative to `output.path`. Default: `'manifest.json'`.
  pub file_name: Option<String>,
  /// Prefix for every value. Default: `output.publicPath` (`'auto'` counts as none).
  pub public_path: Option<String>,
  /// Removed from keys. Default: `/([a-f0-9]{16,32}\.?)/gi`.
  #[napi(ts_type = "RegExp | false")]
  pub remove_key_hash: Option<Unknown<'a>>,
  /// Entries the manifest starts with. Like the peer's, this object keeps the entries of
  /// earlier builds in watch mode.
  #[napi(ts_type = "Record<string, unknown>")]
  pub seed: Option<Object<'a>>,
  /// Extensions kept together with the one before them in keys. Default: `/^(gz|map)$/i`.
  #[napi(ts_type = "RegExp")]
  pub transform_extensions: Option<Unknown<'a>>,
  /// Key an entry's files by the entry name alone. Default: `false`.
  pub use_entry_keys: Option<bool>,
  /// Also write the manifest to disk while assets are processed (for dev servers that keep
  /// assets in memory). Default: `false`.
  pub write_to_file_emit: Option<bool>,
}

const KNOWN_OPTIONS: &[&str] = &[
  "basePath",
  "fileName",
  "publicPath",
  "removeKeyHash",
  "seed",
  "transformExtensions",
  "useEntryKeys",
  "writeToFileEmit",
];

const FUNCTION_OPTIONS: FunctionOptions<'static> = FunctionOptions {
  names: &["filter", "map", "sort", "generate", "serialize"],
  advice: "Use rspack-manifest-plugin for a manifest that needs JavaScript callbacks.",
};

/// The checked options: the configuration and the seed's entries, if a seed was given.
pub struct ResolvedOptions {
  /// Data options with defaults applied.
  pub config: ManifestConfig,
  /// The seed object's entries, in JavaScript's order.
  pub seed: Option<JsObject>,
}

/// Reads and checks the options passed to `new ManifestPlugin(options)`.
pub fn resolve_options(env: Env, options: Unknown<'_>) -> napi::Result<ResolvedOptions> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  reader.check_keys(KNOWN_OPTIONS, FUNCTION_OPTIONS)?;
  let defaults = ManifestConfig::default();
  let config = ManifestConfig {
    file_name: match reader.string("fileName")? {
      Some(name) if name.is_empty() => {
        return Err(reader.invalid("fileName", "must not be an empty string"));
      }
      Some(name) => name,
      None => defaults.file_name,
    },
    base_path: reader.string("basePath")?.unwrap_or(defaults.base_path),
    public_path: reader.string("publicPath")?,
    remove_key_hash: reader
      .regexp_or_false("removeKeyHash")?
      .unwrap_or(defaults.remove_key_hash),
    transform_extensions: reader
      .regexp("transformExtensions")?
      .unwrap_or(defaults.transform_extensions),
    use_entry_keys: reader.boolean("useEntryKeys")?.unwrap_or(false),
    write_to_file_emit: reader.boolean("writeToFileEmit")?.unwrap_or(false),
  };
  let seed = reader
    .object("seed")?
    .map(|seed| read_seed(env, &seed))
    .transpose()?;
  Ok(ResolvedOptions { config, seed })
}

/// The seed's enumerable entries, each value as `JSON.stringify(value, null, 2)` writes it, so
/// the manifest prints them exactly as JavaScript would. Entries whose value JSON leaves out
/// (functions, `undefined`) are left out.
fn read_seed(env: Env, seed: &Object<'_>) -> napi::Result<JsObject> {
  let json: Object = env.get_global()?.get_named_property("JSON")?;
  let stringify: Function<FnArgs<(Unknown, Null, u32)>, Option<String>> =
    json.get_named_property("stringify")?;
  let keys = seed.get_property_names()?;
  let mut object = JsObject::default();
  for index in 0..keys.get_array_length()? {
    let key: String = keys.get_element(index)?;
    let value: Unknown = seed.get_named_property(&key)?;
    if let Some(text) = stringify.call((value, Null, 2).into())? {
      object.set(key, JsValue::Json(text));
    }
  }
  Ok(object)
}
