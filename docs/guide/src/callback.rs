//! Calling a user's JavaScript function once per build: `ChunkReportPlugin` writes a report of
//! the build's chunks, whose text a `format(chunks, hash)` option may make.

use napi::bindgen_prelude::{Env, FnArgs, Unknown};
use napi_derive::napi;
use rspack_core::{
  ApplyContext, Compilation, CompilationAsset, CompilationProcessAssets, Plugin,
  rspack_sources::{RawStringSource, SourceExt},
};
use rspack_error::Result;
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::{JsCallback, release_on_close};
use rspack_native_plugin_options::{OptionsReader, PluginOptions};

/// The name errors start with.
pub const PLUGIN_NAME: &str = "ChunkReportPlugin";

// ANCHOR: options
/// A chunk, as `format` receives it (a `#[napi(object)]` struct is a plain JavaScript object).
#[napi(object, object_from_js = false)]
pub struct ChunkSummary {
  /// The chunk's name, if it has one.
  pub name: Option<String>,
  /// The files it emits, sorted.
  pub files: Vec<String>,
}

/// `format(chunks, hash)`: two arguments travel as `FnArgs<(A, B)>`.
pub type FormatFn = JsCallback<FnArgs<(Vec<ChunkSummary>, String)>, String>;

/// Options of `ChunkReportPlugin`.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct ChunkReportPluginOptions {
  /// Makes the report's text from the chunks and the build's hash, once per build. Default:
  /// one line per chunk.
  #[napi(ts_type = "(chunks: ChunkSummary[], hash: string) => string")]
  pub format: Option<FormatFn>,
}
// ANCHOR_END: options

/// Builds the plugin from `new ChunkReportPlugin(options)`, on the JavaScript thread.
pub fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let options: ChunkReportPluginOptions = OptionsReader::new(PLUGIN_NAME, options)?.read(&[])?;
  Ok(Box::new(ChunkReportPlugin::new(options.format)))
}

/// The report's default text: one line per chunk, `name: file, file`.
pub fn default_report(chunks: &[ChunkSummary]) -> String {
  chunks
    .iter()
    .map(|chunk| {
      let name = chunk.name.as_deref().unwrap_or("(unnamed)");
      format!("{name}: {}\n", chunk.files.join(", "))
    })
    .collect()
}

/// Writes `chunks.txt`.
#[plugin]
#[derive(Debug)]
pub struct ChunkReportPlugin {
  format: Option<FormatFn>,
}

impl ChunkReportPlugin {
  /// A plugin whose report `format` makes, if given.
  pub fn new(format: Option<FormatFn>) -> Self {
    Self::new_inner(format)
  }
}

// ANCHOR: call
#[plugin_hook(CompilationProcessAssets for ChunkReportPlugin, stage = Compilation::PROCESS_ASSETS_STAGE_AFTER_OPTIMIZE_HASH)]
async fn process_assets(&self, compilation: &mut Compilation) -> Result<()> {
  let mut chunks: Vec<ChunkSummary> = compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .values()
    .map(|chunk| {
      let mut files: Vec<String> = chunk.files().iter().cloned().collect();
      files.sort_unstable();
      ChunkSummary {
        name: chunk.name().map(str::to_string),
        files,
      }
    })
    .collect();
  chunks.sort_by(|a, b| a.files.cmp(&b.files));
  let text = match &self.format {
    // Everything the function needs, in one call; its error (with the JavaScript message and
    // stack) fails the build.
    Some(format) => {
      let hash = compilation.get_hash().unwrap_or_default().to_string();
      format.call((chunks, hash).into()).await?
    }
    None => default_report(&chunks),
  };
  compilation.emit_asset(
    "chunks.txt".to_string(),
    CompilationAsset::from(RawStringSource::from(text).boxed()),
  );
  Ok(())
}
// ANCHOR_END: call

// ANCHOR: release
impl Plugin for ChunkReportPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.ChunkReportPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .compilation_hooks
      .process_assets
      .tap(process_assets::new(self));
    // Users' closures often hold their compiler: a function kept from Rust would keep it alive.
    if let Some(format) = &self.format {
      release_on_close(ctx, vec![Box::new(format.clone())]);
    }
    Ok(())
  }
}
// ANCHOR_END: release

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn the_default_report_has_a_line_per_chunk() {
    let chunks = [
      ChunkSummary {
        name: Some("main".into()),
        files: vec!["main.css".into(), "main.js".into()],
      },
      ChunkSummary {
        name: None,
        files: vec!["412.js".into()],
      },
    ];
    assert_eq!(
      default_report(&chunks),
      "main: main.css, main.js\n(unnamed): 412.js\n"
    );
  }
}
