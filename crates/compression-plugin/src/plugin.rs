//! The plugin: at `PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER`, compresses every asset the options
//! select, in parallel, and emits the compressed files with the peer's asset info.

use std::{
  collections::HashMap,
  sync::{Mutex, PoisonError},
};

use napi::{Either, bindgen_prelude::Buffer};
use rayon::prelude::*;
use rspack_core::{
  ApplyContext, AssetInfo, Compilation, CompilationAsset, CompilationProcessAssets, Filename,
  PathData, Plugin,
  rspack_sources::{RawBufferSource, SourceExt},
};
use rspack_error::{Diagnostic, Result};
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::{Release, release_on_close};

use crate::{
  codec,
  options::{CompressionConfig, Compressor, DeleteOriginals, FilenameData, PLUGIN_NAME},
};

/// `Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER` of Rspack's JavaScript API (and webpack's),
/// where the peer compresses; Rspack's Rust crate has no constant for it.
const PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER: i32 = 3000;

/// The asset info flag the peer sets on compressed files, and skips assets that carry.
const COMPRESSED: &str = "compressed";

/// What the last build compressed, by asset name: the hash of the bytes and what compression
/// made of them. A rebuild reuses it for an asset whose bytes did not change, as the peer does
/// with `compilation.getCache` (keyed by name and content; the options are the plugin's own).
type Cache = HashMap<String, (u64, Vec<u8>)>;

/// Compresses the build's assets.
#[plugin]
#[derive(Debug)]
pub struct CompressionPlugin {
  config: CompressionConfig,
  cache: Mutex<Cache>,
}

impl CompressionPlugin {
  /// The plugin with checked options.
  pub fn new(config: CompressionConfig) -> Self {
    Self::new_inner(config, Mutex::default())
  }

  /// The compressed file's name, from `filename`.
  async fn filename(&self, compilation: &Compilation, name: &str) -> Result<String> {
    match &self.config.filename {
      Either::A(template) => {
        let filename = Filename::from(template.clone());
        compilation
          .get_path(&filename, PathData::default().filename(name))
          .await
      }
      Either::B(function) => {
        function
          .call(FilenameData {
            filename: name.to_string(),
          })
          .await
      }
    }
  }

  /// Every candidate compressed, from the cache where its bytes did not change since the last
  /// build; the cache then holds this build's results.
  async fn compress_cached(
    &self,
    candidates: &[Candidate],
  ) -> Vec<std::result::Result<Vec<u8>, String>> {
    let hashes: Vec<u64> = candidates
      .iter()
      .map(|candidate| xxhash_rust::xxh64::xxh64(&candidate.bytes, 0))
      .collect();
    let mut previous =
      std::mem::take(&mut *self.cache.lock().unwrap_or_else(PoisonError::into_inner));
    let mut results: Vec<Option<std::result::Result<Vec<u8>, String>>> = candidates
      .iter()
      .zip(&hashes)
      .map(|(candidate, hash)| match previous.remove(&candidate.name) {
        Some((cached_hash, output)) if cached_hash == *hash => Some(Ok(output)),
        _ => None,
      })
      .collect();
    let missing: Vec<usize> = (0..results.len())
      .filter(|&index| results[index].is_none())
      .collect();
    let to_compress: Vec<&Candidate> = missing.iter().map(|&index| &candidates[index]).collect();
    let fresh = compress_all(&self.config.compressor, &to_compress).await;
    for (index, result) in missing.into_iter().zip(fresh) {
      results[index] = Some(result);
    }
    let results: Vec<_> = results.into_iter().flatten().collect();
    let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
    for ((candidate, hash), result) in candidates.iter().zip(hashes).zip(&results) {
      if let Ok(output) = result {
        cache.insert(candidate.name.clone(), (hash, output.clone()));
      }
    }
    results
  }
}

/// Compresses every candidate: a built-in algorithm on rayon's pool, all at once (compression is
/// all CPU, and each asset stands alone); a function with all calls in flight at once, as the
/// peer's `Promise.all`.
async fn compress_all(
  compressor: &Compressor,
  candidates: &[&Candidate],
) -> Vec<std::result::Result<Vec<u8>, String>> {
  match compressor {
    Compressor::BuiltIn(algorithm, options) => candidates
      .par_iter()
      .map(|candidate| codec::compress(*algorithm, options, &candidate.bytes))
      .collect(),
    Compressor::Function(function) => {
      let calls = candidates.iter().map(|candidate| async {
        let promise = function
          .call(Buffer::from(candidate.bytes.clone()))
          .await
          .map_err(|error| error.to_string())?;
        let output = promise
          .await
          .map_err(|error| format!("option \"algorithm\" failed: {}", error.reason))?;
        Ok(output.to_vec())
      });
      futures::future::join_all(calls).await
    }
  }
}

/// An asset selected for compression.
struct Candidate {
  /// Its name.
  name: String,
  /// Its info.
  info: AssetInfo,
  /// Its content.
  bytes: Vec<u8>,
}

#[plugin_hook(CompilationProcessAssets for CompressionPlugin, stage = PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER)]
async fn process_assets(&self, compilation: &mut Compilation) -> Result<()> {
  let config = &self.config;
  let mut candidates = Vec::new();
  for (name, asset) in compilation.assets() {
    let Some(source) = asset.get_source() else {
      continue;
    };
    let info = asset.get_info();
    if rspack_native_js_json::truthy(info.extras.get(COMPRESSED)) || !config.filter.matches(name) {
      continue;
    }
    let bytes = source.buffer().into_owned();
    // As the peer: `buffer.length < threshold` is left alone.
    if (bytes.len() as f64) < config.threshold {
      continue;
    }
    candidates.push(Candidate {
      name: name.clone(),
      info: info.clone(),
      bytes,
    });
  }
  let compressed = self.compress_cached(&candidates).await;
  for (candidate, compressed) in candidates.into_iter().zip(compressed) {
    let compressed = match compressed {
      Ok(compressed) => compressed,
      // As the peer: the asset stays uncompressed and the build reports the error.
      Err(message) => {
        compilation.push_diagnostic(Diagnostic::error(
          PLUGIN_NAME.to_string(),
          format!(
            "{PLUGIN_NAME}: compressing {} failed: {message}",
            candidate.name
          ),
        ));
        continue;
      }
    };
    if compressed.len() as f64 / candidate.bytes.len() as f64 > config.min_ratio {
      continue;
    }
    let filename = self.filename(compilation, &candidate.name).await?;
    let mut info = AssetInfo::default();
    info.extras.insert(COMPRESSED.to_string(), true.into());
    if candidate.info.immutable == Some(true)
      && matches!(&config.filename, Either::A(template) if ["[name]", "[base]", "[file]"].iter().any(|part| template.contains(part)))
    {
      info.immutable = Some(true);
    }
    let delete = match &config.delete_originals {
      DeleteOriginals::Keep => false,
      DeleteOriginals::Delete => true,
      DeleteOriginals::DeleteKeepSourceMap => {
        compilation.update_asset(&candidate.name, |source, mut info| {
          info.related.source_map = None;
          Ok((source, info))
        })?;
        true
      }
      DeleteOriginals::Ask(ask) => ask.call(candidate.name.clone()).await?.0,
    };
    if delete {
      compilation.delete_asset(&candidate.name);
    }
    compilation.emit_asset(
      filename,
      CompilationAsset::new(Some(RawBufferSource::from(compressed).boxed()), info),
    );
  }
  Ok(())
}

impl Plugin for CompressionPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.CompressionPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .compilation_hooks
      .process_assets
      .tap(process_assets::new(self));
    let mut callbacks: Vec<Box<dyn Release>> = Vec::new();
    if let Compressor::Function(function) = &self.config.compressor {
      callbacks.push(Box::new(function.clone()));
    }
    if let Either::B(function) = &self.config.filename {
      callbacks.push(Box::new(function.clone()));
    }
    if let DeleteOriginals::Ask(ask) = &self.config.delete_originals {
      callbacks.push(Box::new(ask.clone()));
    }
    release_on_close(ctx, callbacks);
    Ok(())
  }
}
