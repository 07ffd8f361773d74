//! `new ManifestPlugin(options)` as JavaScript hands it over, checked and turned into a
//! [`ManifestConfig`] plus the seed.

use std::sync::Mutex;

use napi::bindgen_prelude::{Env, FnArgs, Function, JsObjectValue, Null, Object, Unknown};
use napi_derive::napi;
use rspack_native_js_callback::JsCallback;
use rspack_native_plugin_options::OptionsReader;

use crate::{
  js_object::{JsObject, JsValue},
  manifest::ManifestConfig,
};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "ManifestPlugin";

/// Options of the native `ManifestPlugin`: the options of `rspack-manifest-plugin` 5.2.2.
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
  /// Keeps the files it returns a truthy value for (`files.filter(filter)`).
  #[napi(ts_type = "(file: FileDescriptor, index: number, files: FileDescriptor[]) => unknown")]
  pub filter: Option<Unknown<'a>>,
  /// Replaces each file with what it returns (`files.map(map)`), after `filter`.
  #[napi(
    ts_type = "(file: FileDescriptor, index: number, files: FileDescriptor[]) => FileDescriptor"
  )]
  pub map: Option<Unknown<'a>>,
  /// Orders the files (`files.sort(sort)`), after `map`.
  #[napi(ts_type = "(a: FileDescriptor, b: FileDescriptor) => number")]
  pub sort: Option<Unknown<'a>>,
  /// Makes the manifest from the seed, the files and each entrypoint's files. Default: every
  /// file's `path` under its `name`, added to the seed.
  #[napi(
    ts_type = "(seed: Record<string, unknown>, files: FileDescriptor[], entries: Record<string, string[]>, context: { compilation: import('@rspack/core').Compilation }) => unknown"
  )]
  pub generate: Option<Unknown<'a>>,
  /// Turns the manifest into the file's text. Default: `JSON.stringify(manifest, null, 2)`.
  #[napi(ts_type = "(manifest: any) => string")]
  pub serialize: Option<Unknown<'a>>,
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

/// The user's function options, which run in JavaScript through [`PIPELINE_OPTION`].
const FUNCTION_OPTIONS: &[&str] = &["filter", "map", "sort", "generate", "serialize"];

/// The data options, read in Rust.
const DATA_OPTIONS: &[&str] = &[
  "basePath",
  "fileName",
  "publicPath",
  "removeKeyHash",
  "seed",
  "transformExtensions",
  "useEntryKeys",
  "writeToFileEmit",
];

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
pub fn resolve_options(env: Env, options: Unknown<'_>) -> napi::Result<ResolvedOptions> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  reader.check_keys(
    &[DATA_OPTIONS, FUNCTION_OPTIONS].concat(),
    &[PIPELINE_OPTION],
  )?;
  // Each must be a function if given; the first one named decides how the manifest is made.
  let mut function_option = None;
  for name in FUNCTION_OPTIONS {
    if reader.is_function(name)? {
      function_option.get_or_insert(*name);
    }
  }
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
  let seed = reader.object("seed")?;
  let output = match function_option {
    None => ManifestOutput::Data {
      seed: seed
        .map(|seed| read_seed(env, &seed).map(Mutex::new))
        .transpose()?,
    },
    Some(name) => match reader.internal_function(PIPELINE_OPTION)? {
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
