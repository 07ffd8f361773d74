//! `new CompressionPlugin(options)`: the options of compression-webpack-plugin 12.0.0, declared
//! once, and the config they turn into, with the peer's defaults.

use std::collections::HashMap;

use napi::{
  Either,
  bindgen_prelude::{Buffer, Promise},
};
use napi_derive::napi;
use rspack_native_js_callback::{JsCallback, Truthy};
use rspack_native_plugin_options::{Named, OptionsReader, PluginOptions};

use crate::{
  codec::{Algorithm, CodecOptions},
  rules::{AssetFilter, Rules},
};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "CompressionPlugin";

/// `(input) => Promise<Buffer>`: a function `algorithm`, which `@rspack-native/core` turns from the
/// peer's `(input, compressionOptions, callback)` into a function returning a promise.
pub type AlgorithmFn = JsCallback<Buffer, Promise<Buffer>>;
/// `(pathData) => string`: a function `filename`.
pub type FilenameFn = JsCallback<FilenameData, String>;
/// `(name) => boolean`: a function `deleteOriginalAssets`.
pub type DeleteFn = JsCallback<String, Truthy>;

/// What a function `filename` receives: the peer's `compilation.getPath(filename, { filename })`.
#[napi(object, object_from_js = false)]
pub struct FilenameData {
  /// The original asset's name.
  pub filename: String,
}

/// Options of the native `CompressionPlugin`: those of `compression-webpack-plugin` 12.0.0.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct CompressionPluginOptions {
  /// Only assets whose name matches (a string is a prefix). Default: every asset.
  #[napi(ts_type = "string | RegExp | Array<string | RegExp>")]
  pub test: Option<Rules>,
  /// Only assets whose name matches.
  #[napi(ts_type = "string | RegExp | Array<string | RegExp>")]
  pub include: Option<Rules>,
  /// Never assets whose name matches.
  #[napi(ts_type = "string | RegExp | Array<string | RegExp>")]
  pub exclude: Option<Rules>,
  /// The `zlib` algorithm, or a function `(input, compressionOptions, callback)` that compresses
  /// one asset and calls `callback(error, result)`. Default: `'gzip'`.
  #[napi(
    ts_type = "'gzip' | 'deflate' | 'deflateRaw' | 'brotliCompress' | ((input: Buffer, compressionOptions: any, callback: (error: Error | null | undefined, result: Buffer | Uint8Array | string) => void) => void)"
  )]
  pub algorithm: Option<Either<String, AlgorithmFn>>,
  /// The algorithm's options. Default: `{ level: 9 }`, or for brotli
  /// `{ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }` (merged with what is given). A
  /// function `algorithm` receives them as given (in JavaScript; Rust never reads them then).
  #[napi(
    ts_type = "{ level?: number; windowBits?: number; memLevel?: number; strategy?: number; chunkSize?: number; params?: Record<number, number> }"
  )]
  pub compression_options: Option<CompressionOptions>,
  /// Only assets of at least this many bytes. Default: `0`.
  pub threshold: Option<f64>,
  /// Only compressed files at most this fraction of the original's size. Default: `0.8`.
  pub min_ratio: Option<f64>,
  /// The compressed file's name: a template of `compilation.getPath` (`[path]`, `[base]`,
  /// `[name]`, `[ext]`, `[file]`, `[query]`, `[fragment]`) or a function. Default:
  /// `'[path][base].gz'`, or `'[path][base].br'` for brotli.
  #[napi(ts_type = "string | ((pathData: FilenameData) => string)")]
  pub filename: Option<Either<String, FilenameFn>>,
  /// Delete the originals of compressed assets: `true`, `'keep-source-map'` (and unlink their
  /// source maps), or a function of the name. Default: `false`.
  #[napi(ts_type = "boolean | 'keep-source-map' | ((name: string) => boolean)")]
  pub delete_original_assets: Option<Either<Either<bool, String>, DeleteFn>>,
}

/// `compressionOptions`: zlib's options, or brotli's `params`.
#[derive(PluginOptions)]
pub struct CompressionOptions {
  /// zlib's compression level.
  pub level: Option<i32>,
  /// zlib's window size, as a power of two.
  pub window_bits: Option<i32>,
  /// zlib's memory level.
  pub mem_level: Option<i32>,
  /// zlib's strategy.
  pub strategy: Option<i32>,
  /// Node's output chunk size: it does not change the output, so it is accepted and unused.
  pub chunk_size: Option<f64>,
  /// Brotli's parameters by `zlib.constants.BROTLI_PARAM_*` number.
  pub params: Option<HashMap<String, u32>>,
}

/// What `deleteOriginalAssets` asks for.
#[derive(Debug)]
pub enum DeleteOriginals {
  /// Keep them (`false`).
  Keep,
  /// Delete them (`true`).
  Delete,
  /// Delete them and their `related.sourceMap` link (`'keep-source-map'`).
  DeleteKeepSourceMap,
  /// Delete those the function returns a truthy value for.
  Ask(DeleteFn),
}

/// What compresses an asset.
#[derive(Debug)]
pub enum Compressor {
  /// A built-in algorithm, with its options.
  BuiltIn(Algorithm, CodecOptions),
  /// The user's function, called once per asset.
  Function(AlgorithmFn),
}

/// The checked options.
#[derive(Debug)]
pub struct CompressionConfig {
  /// `test`, `include`, `exclude`.
  pub filter: AssetFilter,
  /// `algorithm` and `compressionOptions`.
  pub compressor: Compressor,
  /// `threshold`.
  pub threshold: f64,
  /// `minRatio`.
  pub min_ratio: f64,
  /// `filename`.
  pub filename: Either<String, FilenameFn>,
  /// `deleteOriginalAssets`.
  pub delete_originals: DeleteOriginals,
}

/// Reads and checks the options passed to `new CompressionPlugin(options)`.
pub fn resolve_options(
  options: napi::bindgen_prelude::Unknown<'_>,
) -> napi::Result<CompressionConfig> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let options: CompressionPluginOptions = reader.read(&[])?;
  let algorithm = match options.algorithm {
    None => Either::A(Algorithm::Gzip),
    Some(Either::A(name)) => Either::A(Algorithm::from_name(&name).ok_or_else(|| {
      reader.invalid(
        "algorithm",
        format!(
          "must be one of {} or a function, but got \"{name}\"",
          Algorithm::names()
        ),
      )
    })?),
    Some(Either::B(function)) => Either::B(function),
  };
  let default_filename = match algorithm {
    Either::A(Algorithm::BrotliCompress) => "[path][base].br",
    _ => "[path][base].gz",
  };
  let compressor = match algorithm {
    Either::A(algorithm) => Compressor::BuiltIn(
      algorithm,
      codec_options(&reader, options.compression_options)?,
    ),
    Either::B(function) => Compressor::Function(function),
  };
  let delete_originals = match options.delete_original_assets {
    None | Some(Either::A(Either::A(false))) => DeleteOriginals::Keep,
    Some(Either::A(Either::A(true))) => DeleteOriginals::Delete,
    Some(Either::A(Either::B(text))) if text == "keep-source-map" => {
      DeleteOriginals::DeleteKeepSourceMap
    }
    Some(Either::A(Either::B(text))) => {
      return Err(reader.invalid(
        "deleteOriginalAssets",
        format!("must be a boolean, \"keep-source-map\" or a function, but got \"{text}\""),
      ));
    }
    Some(Either::B(ask)) => DeleteOriginals::Ask(ask),
  };
  Ok(CompressionConfig {
    filter: AssetFilter {
      test: options.test,
      include: options.include,
      exclude: options.exclude,
    },
    compressor,
    threshold: options.threshold.unwrap_or(0.0),
    min_ratio: options.min_ratio.unwrap_or(0.8),
    filename: options
      .filename
      .unwrap_or_else(|| Either::A(default_filename.to_string())),
    delete_originals,
  })
}

/// The peer's defaults (`{ level: 9 }`, brotli quality 11) with the given options spread over
/// them: a brotli `params` object replaces the default one, as in the peer's object spread.
fn codec_options(
  reader: &OptionsReader<'_>,
  given: Option<CompressionOptions>,
) -> napi::Result<CodecOptions> {
  let defaults = CodecOptions::default();
  let Some(given) = given else {
    return Ok(defaults);
  };
  let brotli_params = match given.params {
    None => defaults.brotli_params,
    Some(params) => {
      let mut numbered = Vec::new();
      for (key, value) in params {
        let param = key.parse::<u32>().map_err(|_| {
          reader.invalid(
            &format!("compressionOptions.params.{key}"),
            "must be keyed by a zlib.constants.BROTLI_PARAM_* number",
          )
        })?;
        numbered.push((param, value));
      }
      numbered.sort_unstable();
      numbered
    }
  };
  Ok(CodecOptions {
    level: given.level.unwrap_or(defaults.level),
    window_bits: given.window_bits.unwrap_or(defaults.window_bits),
    mem_level: given.mem_level.unwrap_or(defaults.mem_level),
    strategy: given.strategy.unwrap_or(defaults.strategy),
    brotli_params,
  })
}
