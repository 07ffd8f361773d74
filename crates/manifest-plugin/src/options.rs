//! `new ManifestPlugin(options)` as JavaScript hands it over, checked and turned into a
//! [`ManifestConfig`] plus the seed.

use std::sync::Mutex;

use napi::{
  JsValue as _,
  bindgen_prelude::{Env, FnArgs, Function, JsObjectValue, Null, Object, Unknown},
};
use napi_derive::napi;
use rspack_native_js_callback::JsCallback;
use rspack_native_js_regexp::JsRegExp;
use rspack_native_plugin_options::{
  JsFunction, JsType, OptionValue, OptionsReader, OrFalse, PluginOptions,
};

use crate::{
  js_object::{JsObject, JsValue},
  manifest::ManifestConfig,
};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "ManifestPlugin";

/// Options of the native `ManifestPlugin`: the options of `rspack-manifest-plugin` 5.2.2, declared
/// once: the TypeScript interface, the keys, the checks and the function options all come from
/// this struct.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct ManifestPluginOptions {
  /// Prefix for every key of the manifest. Default: `''`.
  pub base_path: Option<String>,
  /// File name of the manifest, relative to `output.path`. Default: `'manifest.json'`.
  pub file_name: Option<String>,
  /// Prefix for every value. Default: `output.publicPath` (`'auto'` counts as none).
  pub public_path: Option<String>,
  /// Removed from keys. Default: `/([a-f0-9]{16,32}\.?)/gi`.
  #[napi(ts_type = "RegExp | false")]
  pub remove_key_hash: Option<OrFalse<JsRegExp>>,
  /// Entries the manifest starts with. Like the peer's, this object keeps the entries of
  /// earlier builds in watch mode.
  #[napi(ts_type = "Record<string, unknown>")]
  pub seed: Option<Seed>,
  /// Extensions kept together with the one before them in keys. Default: `/^(gz|map)$/i`.
  #[napi(ts_type = "RegExp")]
  pub transform_extensions: Option<JsRegExp>,
  /// Key an entry's files by the entry name alone. Default: `false`.
  pub use_entry_keys: Option<bool>,
  /// Also write the manifest to disk while assets are processed (for dev servers that keep
  /// assets in memory). Default: `false`.
  pub write_to_file_emit: Option<bool>,
  /// Keeps the files it returns a truthy value for (`files.filter(filter)`).
  #[napi(ts_type = "(file: FileDescriptor, index: number, files: FileDescriptor[]) => unknown")]
  pub filter: Option<JsFunction>,
  /// Replaces each file with what it returns (`files.map(map)`), after `filter`.
  #[napi(
    ts_type = "(file: FileDescriptor, index: number, files: FileDescriptor[]) => FileDescriptor"
  )]
  pub map: Option<JsFunction>,
  /// Orders the files (`files.sort(sort)`), after `map`.
  #[napi(ts_type = "(a: FileDescriptor, b: FileDescriptor) => number")]
  pub sort: Option<JsFunction>,
  /// Makes the manifest from the seed, the files and each entrypoint's files. Default: every
  /// file's `path` under its `name`, added to the seed.
  #[napi(
    ts_type = "(seed: Record<string, unknown>, files: FileDescriptor[], entries: Record<string, string[]>, context: { compilation: import('@rspack/core').Compilation }) => unknown"
  )]
  pub generate: Option<JsFunction>,
  /// Turns the manifest into the file's text. Default: `JSON.stringify(manifest, null, 2)`.
  #[napi(ts_type = "(manifest: any) => string")]
  pub serialize: Option<JsFunction>,
}

/// The `seed` option: its enumerable entries, each value as `JSON.stringify(value, null, 2)`
/// writes it, so the manifest prints them exactly as JavaScript would. Entries whose value JSON
/// leaves out (functions, `undefined`) are left out.
pub struct Seed(JsObject);

impl OptionValue for Seed {
  const TYPE: JsType = JsType::Object;

  fn read(_reader: &OptionsReader<'_>, _key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let env = Env::from_raw(value.value().env);
    let seed = value.coerce_to_object()?;
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
    Ok(Seed(object))
  }
}

/// A file as `filter`, `map`, `sort` and `generate` receive it: the peer's `FileDescriptor`.
/// Rust sends `chunk` as the chunk's index in `compilation.chunks`; `@rspack-native/core`
/// puts the `Chunk` itself there (and leaves the key out for assets, as the peer does) before
/// any user function sees the file.
#[napi(object, object_from_js = false)]
pub struct FileDescriptor {
  /// The chunk that emits the file; absent for assets.
  #[napi(ts_type = "import('@rspack/core').Chunk")]
  pub chunk: Option<u32>,
  /// An asset (an asset module's file, a source map, another emitted file), not a chunk's file.
  pub is_asset: bool,
  /// A file that a chunk emits.
  pub is_chunk: bool,
  /// A file of a chunk that is only in initial chunk groups.
  pub is_initial: bool,
  /// An asset module's file, or a chunk's auxiliary file such as its source map.
  pub is_module_asset: bool,
  /// The manifest key.
  pub name: String,
  /// The manifest value.
  pub path: String,
}

/// The option through which `@rspack-native/core` passes one JavaScript function that runs all
/// of the user's function options, as the peer does, and returns the manifest's text: one call
/// per build, however many files and functions. Internal: not in the TypeScript interface.
const PIPELINE_OPTION: &str = "__pipeline";

/// `pipeline(files)`: filter, map, sort, generate and serialize in JavaScript.
pub type ManifestPipeline = JsCallback<Vec<FileDescriptor>, String>;

/// The checked options.
pub struct ResolvedOptions {
  /// Data options with defaults applied.
  pub config: ManifestConfig,
  /// How the manifest is made from the files.
  pub output: ManifestOutput,
}

/// How the plugin turns the files into the manifest's text.
#[derive(Debug)]
pub enum ManifestOutput {
  /// In Rust: every file added to the seed's entries (or to an empty object), as JSON. The
  /// seed keeps the entries of earlier builds, as the peer's does.
  Data { seed: Option<Mutex<JsObject>> },
  /// In JavaScript, for function options: the seed stays there, as the user's object.
  Pipeline(ManifestPipeline),
}

/// Reads and checks the options passed to `new ManifestPlugin(options)`.
pub fn resolve_options(options: Unknown<'_>) -> napi::Result<ResolvedOptions> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let options: ManifestPluginOptions = reader.read(&[PIPELINE_OPTION])?;
  let function_option = reader
    .given_functions::<ManifestPluginOptions>()?
    .first()
    .copied();
  let defaults = ManifestConfig::default();
  let config = ManifestConfig {
    file_name: match options.file_name {
      Some(name) if name.is_empty() => {
        return Err(reader.invalid("fileName", "must not be an empty string"));
      }
      Some(name) => name,
      None => defaults.file_name,
    },
    base_path: options.base_path.unwrap_or(defaults.base_path),
    public_path: options.public_path,
    remove_key_hash: match options.remove_key_hash {
      Some(OrFalse::False) => None,
      Some(OrFalse::Value(regexp)) => Some(regexp),
      None => defaults.remove_key_hash,
    },
    transform_extensions: options
      .transform_extensions
      .unwrap_or(defaults.transform_extensions),
    use_entry_keys: options.use_entry_keys.unwrap_or(false),
    write_to_file_emit: options.write_to_file_emit.unwrap_or(false),
  };
  let output = match function_option {
    None => ManifestOutput::Data {
      seed: options.seed.map(|Seed(seed)| Mutex::new(seed)),
    },
    Some(name) => match reader.get::<ManifestPipeline>(PIPELINE_OPTION)? {
      Some(pipeline) => ManifestOutput::Pipeline(pipeline),
      None => {
        return Err(reader.invalid(
          name,
          "is a function, which only the ManifestPlugin class of @rspack-native/core can run",
        ));
      }
    },
  };
  Ok(ResolvedOptions { config, output })
}
