//! `new AssetsManifestPlugin(options)` as JavaScript hands it over, checked and turned into an
//! [`AssetsManifestConfig`].

use napi::Either;
use napi_derive::napi;
use rspack_native_js_callback::JsCallback;
use rspack_native_js_json::{JsonFormat, number_to_string};
use rspack_native_js_regexp::JsRegExp;
use rspack_native_plugin_options::{
  JsFunction, JsonObject, Named, OptionsReader, OrFalse, PluginOptions,
};
use serde_json::{Map, Value};
use sugar_path::SugarPath;

use crate::{
  integrity::Algorithm,
  manifest::{EntrypointsConfig, FileExtension, ManifestRules, Merge},
};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "AssetsManifestPlugin";

/// Options of the native `AssetsManifestPlugin`: the options of `webpack-assets-manifest` 6.5.2,
/// declared once: the TypeScript interface, the keys, the checks and the function options all
/// come from this struct.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct AssetsManifestPluginOptions {
  /// Run the plugin. Default: `true`.
  pub enabled: Option<bool>,
  /// Entries the manifest starts with. Default: `{}`.
  #[napi(ts_type = "Record<string, unknown>")]
  pub assets: Option<JsonObject>,
  /// File name of the manifest, relative to `output.path` (or absolute). Default:
  /// `'assets-manifest.json'`.
  pub output: Option<String>,
  /// `JSON.stringify`'s `replacer`. Default: `null`.
  #[napi(
    ts_type = "Array<string | number> | ((this: any, key: string, value: unknown) => unknown) | null"
  )]
  pub replacer: Option<Either<Vec<Either<String, f64>>, JsFunction>>,
  /// `JSON.stringify`'s `space`. Default: `2`.
  #[napi(ts_type = "number | string")]
  pub space: Option<Either<f64, String>>,
  /// Also write the manifest to disk, outside the compiler's output file system; `'auto'` does
  /// when a dev server keeps the output in memory and the manifest is outside `output.path`.
  /// Default: `'auto'`.
  #[napi(ts_type = "boolean | 'auto'")]
  pub write_to_disk: Option<Either<bool, String>>,
  /// What a file's extension is; `false` or `null` for `path.extname`. Default:
  /// `/\.\w{2,4}\.(?:map|gz|br)$|\.\w+$/i`.
  #[napi(ts_type = "RegExp | false | null")]
  pub file_ext_regex: Option<OrFalse<JsRegExp>>,
  /// Sort the manifest's entries, or a comparator of keys. Default: `true`.
  #[napi(ts_type = "boolean | ((this: any, left: string, right: string) => number)")]
  pub sort_manifest: Option<Either<bool, JsFunction>>,
  /// Keep the entries of the manifest already on disk; `'customize'` passes them through
  /// `customize`. Default: `false`.
  #[napi(ts_type = "boolean | 'customize'")]
  pub merge: Option<Either<bool, String>>,
  /// Prefix of every value: a string, `true` for `output.publicPath`, or a function.
  /// Default: none.
  #[napi(ts_type = "string | boolean | null | ((filename: string, manifest: any) => string)")]
  pub public_path: Option<Either<Either<String, bool>, JsFunction>>,
  /// Key files made from a source file by its path relative to the context. Default: `false`.
  pub context_relative_keys: Option<bool>,
  /// Called with the manifest when the plugin is applied.
  #[napi(ts_type = "(manifest: any) => void")]
  pub apply: Option<JsFunction>,
  /// Changes or drops (`false`) each entry before it is added.
  #[napi(
    ts_type = "(entry: { key?: string; value?: unknown }, original: { key: string; value: unknown }, manifest: any, asset: any) => { key?: string; value?: unknown } | false | undefined | void"
  )]
  pub customize: Option<JsFunction>,
  /// Changes the whole manifest before it is written.
  #[napi(ts_type = "(assets: Record<string, unknown>, manifest: any) => unknown")]
  pub transform: Option<JsFunction>,
  /// Called with the manifest and the stats after the build.
  #[napi(ts_type = "(manifest: any, stats: import('@rspack/core').Stats) => Promise<void> | void")]
  pub done: Option<JsFunction>,
  /// Add each entrypoint's files, grouped by extension. Default: `false`.
  pub entrypoints: Option<bool>,
  /// The key of the entrypoints; `false` puts each at the top level. Default: `'entrypoints'`.
  #[napi(ts_type = "string | false")]
  pub entrypoints_key: Option<OrFalse<String>>,
  /// List an entrypoint's files by their manifest values. Default: `false`.
  pub entrypoints_use_assets: Option<bool>,
  /// Add each file's subresource integrity: values become `{ src, integrity }`. Default: `false`.
  pub integrity: Option<bool>,
  /// The hash algorithms of `integrity`. Default: `['sha256', 'sha384', 'sha512']`.
  pub integrity_hashes: Option<Vec<String>>,
  /// The asset info property the integrity is recorded in. Default: `'integrity'`.
  pub integrity_property_name: Option<String>,
  /// Data for your own functions.
  #[napi(ts_type = "Record<string, unknown>")]
  pub extra: Option<JsonObject>,
}

/// What the JavaScript side knows of the compiler at a build: whether a dev server serves it,
/// whether `writeToDisk: 'auto'` writes this build's manifest, and whether a watch run started
/// the build.
#[napi(object, object_to_js = false)]
pub struct BuildEnvironment {
  /// The peer's `inDevServer()`: the manifest's asset is named by its base name alone.
  pub in_dev_server: bool,
  /// The peer's `shouldWriteToDisk()` for `'auto'`.
  pub write_to_disk: bool,
  /// A watch run started this build: the manifest starts empty, as the peer's `handleWatchRun`.
  pub watch_run: bool,
}

/// The option through which `@rspack-native/core` passes the function that tells the
/// [`BuildEnvironment`] of a build, given the manifest's absolute path. Internal: not in the
/// TypeScript interface.
const ENVIRONMENT_OPTION: &str = "__environment";

/// `environment(manifestPath)`.
pub type EnvironmentFn = JsCallback<String, BuildEnvironment>;

/// `writeToDisk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteToDisk {
  /// Always (`true`).
  Always,
  /// Never (`false`).
  Never,
  /// As the JavaScript side decides for a dev server (`'auto'`).
  Auto,
}

/// Where values' prefix comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicPath {
  /// No prefix.
  None,
  /// The given string.
  Given(String),
  /// `output.publicPath`, unless it is `'auto'` (`publicPath: true`).
  Output,
}

/// The checked options.
#[derive(Debug)]
pub struct AssetsManifestConfig {
  /// `enabled`.
  pub enabled: bool,
  /// `output`, normalized.
  pub output: String,
  /// `writeToDisk`.
  pub write_to_disk: WriteToDisk,
  /// `publicPath`.
  pub public_path: PublicPath,
  /// The algorithms of `integrity`, when on.
  pub integrity_hashes: Option<Vec<Algorithm>>,
  /// The rules of the manifest's content (`rules.public_path` is set at each build).
  pub rules: ManifestRules,
  /// `assets`.
  pub initial_assets: Map<String, Value>,
  /// The JavaScript side's view of each build.
  pub environment: EnvironmentFn,
  /// Who makes the manifest's text.
  pub text_maker: TextMaker,
}

/// Who makes the manifest's text from the files this plugin found.
#[derive(Debug)]
pub enum TextMaker {
  /// Rust, for data options.
  Data,
  /// JavaScript, when a function option is given: it runs the peer's rules with the user's
  /// functions, once per build.
  Pipeline(ManifestPipeline),
}

/// A key found for a file.
#[napi(object, object_from_js = false)]
pub struct AssetName {
  /// The key.
  pub key: String,
  /// The file.
  pub file: String,
}

/// An entrypoint's files, and those of the chunks it preloads and prefetches (hot updates
/// included: the peer leaves them out as it groups them).
#[napi(object, object_from_js = false)]
#[derive(Debug, Clone)]
pub struct EntrypointFiles {
  /// The entrypoint's name.
  pub name: String,
  /// Its chunks' files.
  pub assets: Vec<String>,
  /// The files of the chunks it preloads, if any.
  pub preload: Option<Vec<String>>,
  /// The files of the chunks it prefetches, if any.
  pub prefetch: Option<Vec<String>>,
}

/// What the JavaScript pipeline gets for a build: what the peer cannot find on Rspack.
#[napi(object, object_from_js = false)]
pub struct PipelineInput {
  /// Every key found for a file so far (the peer's `assetNames`, which no build empties), in the
  /// order they were found.
  pub asset_names: Vec<AssetName>,
  /// The entrypoints, when the `entrypoints` option is on.
  pub entrypoints: Vec<EntrypointFiles>,
  /// The text of the manifest on disk, when `merge` is on and there is one. The directory's lock
  /// is held until the pipeline returns.
  pub existing: Option<String>,
}

/// The option through which `@rspack-native/core` passes one JavaScript function that makes the
/// manifest's text with the user's function options, as the peer does. Internal: not in the
/// TypeScript interface.
const PIPELINE_OPTION: &str = "__pipeline";

/// `pipeline(input)`.
pub type ManifestPipeline = JsCallback<PipelineInput, String>;

/// Reads and checks the options passed to `new AssetsManifestPlugin(options)`.
pub fn resolve_options(options: napi::Unknown<'_>) -> napi::Result<AssetsManifestConfig> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let options: AssetsManifestPluginOptions = reader.read(&[ENVIRONMENT_OPTION, PIPELINE_OPTION])?;
  let text_maker = match reader
    .given_functions::<AssetsManifestPluginOptions>()?
    .first()
  {
    None => TextMaker::Data,
    Some(name) => match reader.get::<ManifestPipeline>(PIPELINE_OPTION)? {
      Some(pipeline) => TextMaker::Pipeline(pipeline),
      None => {
        return Err(reader.invalid(
          name,
          "is a function, which only the AssetsManifestPlugin class of @rspack-native/core can run",
        ));
      }
    },
  };
  let environment: EnvironmentFn = reader.get(ENVIRONMENT_OPTION)?.ok_or_else(|| {
    reader.invalid(
      ENVIRONMENT_OPTION,
      "is missing: create the plugin with the AssetsManifestPlugin class of @rspack-native/core",
    )
  })?;
  let integrity_property = options
    .integrity_property_name
    .unwrap_or_else(|| "integrity".into());
  if integrity_property.is_empty() {
    return Err(reader.invalid("integrityPropertyName", "must not be an empty string"));
  }
  let integrity_hashes = match options.integrity_hashes {
    None => vec![Algorithm::Sha256, Algorithm::Sha384, Algorithm::Sha512],
    Some(names) => names
      .iter()
      .enumerate()
      .map(|(index, name)| {
        Algorithm::from_name(name).ok_or_else(|| {
          reader.invalid(
            &format!("integrityHashes[{index}]"),
            format!("is \"{name}\"; expected one of: {}", Algorithm::names()),
          )
        })
      })
      .collect::<napi::Result<_>>()?,
  };
  let integrity = options.integrity.unwrap_or(false);
  let rules = ManifestRules {
    file_extension: match options.file_ext_regex {
      None => FileExtension::Regex(
        JsRegExp::new(r"\.\w{2,4}\.(?:map|gz|br)$|\.\w+$", "i").expect("the default is valid"),
      ),
      Some(OrFalse::Value(regexp)) => FileExtension::Regex(regexp),
      Some(OrFalse::False) => FileExtension::Extname,
    },
    public_path: None,
    integrity_property: integrity.then_some(integrity_property),
    context_relative_keys: options.context_relative_keys.unwrap_or(false),
    merge: match bool_or_literal(&reader, "merge", options.merge, "customize")? {
      None | Some(Some(false)) => Merge::Off,
      Some(Some(true)) => Merge::On,
      Some(None) => Merge::Customize,
    },
    sort: !matches!(options.sort_manifest, Some(Either::A(false))),
    entrypoints: options
      .entrypoints
      .unwrap_or(false)
      .then(|| EntrypointsConfig {
        key: match options.entrypoints_key {
          None => Some("entrypoints".into()),
          Some(OrFalse::Value(key)) => Some(key),
          Some(OrFalse::False) => None,
        },
        use_assets: options.entrypoints_use_assets.unwrap_or(false),
      }),
    format: JsonFormat {
      properties: match options.replacer {
        Some(Either::A(keys)) => Some(JsonFormat::property_list(keys.into_iter().map(
          |key| match key {
            Either::A(text) => text,
            Either::B(number) => number_to_string(number),
          },
        ))),
        _ => None,
      },
      gap: match options.space {
        None => JsonFormat::spaces(2.0),
        Some(Either::A(space)) if space >= 0.0 && space.fract() == 0.0 => JsonFormat::spaces(space),
        Some(Either::A(space)) => {
          return Err(reader.invalid(
            "space",
            format!("must be a whole number of at least 0, but got {space}"),
          ));
        }
        Some(Either::B(text)) if text.is_empty() => {
          return Err(reader.invalid("space", "must not be an empty string"));
        }
        Some(Either::B(text)) => JsonFormat::indent_text(&text),
      },
    },
  };
  Ok(AssetsManifestConfig {
    enabled: options.enabled.unwrap_or(true),
    output: match options.output {
      Some(output) if output.is_empty() => {
        return Err(reader.invalid("output", "must not be an empty string"));
      }
      Some(output) => output.normalize().to_string_lossy().into_owned(),
      None => "assets-manifest.json".into(),
    },
    write_to_disk: match bool_or_literal(&reader, "writeToDisk", options.write_to_disk, "auto")? {
      None | Some(None) => WriteToDisk::Auto,
      Some(Some(true)) => WriteToDisk::Always,
      Some(Some(false)) => WriteToDisk::Never,
    },
    public_path: match options.public_path {
      None | Some(Either::A(Either::B(false))) => PublicPath::None,
      Some(Either::A(Either::A(text))) if text.is_empty() => PublicPath::None,
      Some(Either::A(Either::A(text))) => PublicPath::Given(text),
      Some(Either::A(Either::B(true))) => PublicPath::Output,
      // A function: the pipeline calls it.
      Some(Either::B(_)) => PublicPath::None,
    },
    integrity_hashes: integrity.then_some(integrity_hashes),
    rules,
    initial_assets: options
      .assets
      .map(|JsonObject(assets)| assets)
      .unwrap_or_default(),
    environment,
    text_maker,
  })
}

/// A `boolean | '<literal>'` option: `Some(Some(flag))` for a boolean, `Some(None)` for the
/// literal, `None` when absent; another string is an error naming the option.
fn bool_or_literal(
  reader: &OptionsReader<'_>,
  key: &str,
  value: Option<Either<bool, String>>,
  literal: &str,
) -> napi::Result<Option<Option<bool>>> {
  match value {
    None => Ok(None),
    Some(Either::A(flag)) => Ok(Some(Some(flag))),
    Some(Either::B(text)) if text == literal => Ok(Some(None)),
    Some(Either::B(text)) => Err(reader.invalid(
      key,
      format!("must be a boolean or \"{literal}\", but got \"{text}\""),
    )),
  }
}
