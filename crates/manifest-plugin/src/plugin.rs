//! The Rspack side: read the compilation's chunks and assets, emit `manifest.json`.

use std::{
  collections::HashSet,
  sync::{LazyLock, Mutex, PoisonError},
};

use rspack_core::{
  ApplyContext, Compilation, CompilationAsset, CompilationProcessAssets, Plugin, PublicPath,
  rspack_sources::{RawStringSource, SourceExt},
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};

use rspack_native_js_callback::release_on_close;
use rspack_native_node_path as posix_path;

use crate::{
  js_object::JsObject,
  manifest::{self, BuildFiles, ChunkFiles, FileKind, ManifestConfig, ManifestFile, StatsAsset},
  options::{FileDescriptor, ManifestOutput, PLUGIN_NAME},
};

/// Absolute paths of every manifest a `ManifestPlugin` in this process writes. Like the peer,
/// a manifest never lists another manifest.
static MANIFEST_FILES: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Default::default);

/// Writes a manifest of the build's files, as `rspack-manifest-plugin` does.
#[plugin]
#[derive(Debug)]
pub struct ManifestPlugin {
  config: ManifestConfig,
  output: ManifestOutput,
}

impl ManifestPlugin {
  /// A plugin with checked options.
  pub fn new(config: ManifestConfig, output: ManifestOutput) -> Self {
    Self::new_inner(config, output)
  }

  /// The manifest's text.
  async fn render(&self, mut files: Vec<ManifestFile>) -> Result<String> {
    match &self.output {
      ManifestOutput::Data { seed } => {
        manifest::standardize_paths(&mut files);
        Ok(render_data(seed.as_ref(), files))
      }
      ManifestOutput::Pipeline(pipeline) => {
        pipeline
          .call(files.into_iter().map(descriptor).collect())
          .await
      }
    }
  }
}

/// The manifest as the peer's default `generate` and `serialize` make it.
fn render_data(seed: Option<&Mutex<JsObject>>, files: Vec<ManifestFile>) -> String {
  let Some(seed) = seed else {
    let mut manifest = JsObject::default();
    manifest::add_to_manifest(&mut manifest, files);
    return manifest.to_pretty_json();
  };
  let mut seed = seed.lock().unwrap_or_else(PoisonError::into_inner);
  manifest::add_to_manifest(&mut seed, files);
  seed.to_pretty_json()
}

/// The file as the pipeline receives it (see [`FileDescriptor`]).
fn descriptor(file: ManifestFile) -> FileDescriptor {
  let (chunk, is_initial, is_module_asset) = match file.kind {
    FileKind::Chunk { index, is_initial } => (Some(index as u32), is_initial, false),
    FileKind::Asset { is_module_asset } => (None, false, is_module_asset),
  };
  FileDescriptor {
    chunk,
    is_asset: chunk.is_none(),
    is_chunk: chunk.is_some(),
    is_initial,
    is_module_asset,
    name: file.name,
    path: file.path,
  }
}

/// Runs last (stage `i32::MAX`, where the peer's `Infinity` lands), once every other plugin has
/// added its assets.
#[plugin_hook(CompilationProcessAssets for ManifestPlugin, stage = i32::MAX)]
async fn process_assets(&self, compilation: &mut Compilation) -> Result<()> {
  let output_path = compilation.options.output.path.as_str().to_string();
  let manifest_path = posix_path::resolve(&output_path, &self.config.file_name);
  let asset_name = posix_path::relative(&output_path, &manifest_path);
  let build = BuildFiles {
    chunks: chunk_files(compilation),
    assets: stats_assets(compilation),
    public_path: stats_public_path(compilation).await?,
    output_path,
  };
  let files = {
    let manifests = MANIFEST_FILES
      .lock()
      .unwrap_or_else(PoisonError::into_inner);
    manifest::manifest_files(&self.config, &build, |path| manifests.contains(path))
  };
  let output = self.render(files).await?;

  if self.config.write_to_file_emit {
    write_manifest(&manifest_path, &output)?;
  }
  compilation.emit_asset(
    asset_name,
    CompilationAsset::new(
      Some(RawStringSource::from(output).boxed()),
      Default::default(),
    ),
  );
  Ok(())
}

impl Plugin for ManifestPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.ManifestPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    let output_path = ctx.compiler_options.output.path.as_str();
    MANIFEST_FILES
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .insert(posix_path::resolve(output_path, &self.config.file_name));
    ctx
      .compilation_hooks
      .process_assets
      .tap(process_assets::new(self));
    if let ManifestOutput::Pipeline(pipeline) = &self.output {
      release_on_close(ctx, vec![Box::new(pipeline.clone())]);
    }
    Ok(())
  }
}

/// Chunks in the order `compilation.chunks` lists them, files sorted as the binding sorts them.
fn chunk_files(compilation: &Compilation) -> Vec<ChunkFiles> {
  compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .values()
    .map(|chunk| {
      let mut files: Vec<String> = chunk.files().iter().cloned().collect();
      files.sort_unstable();
      ChunkFiles {
        name: chunk.name().map(str::to_string),
        is_initial: chunk
          .is_only_initial(&compilation.build_chunk_graph_artifact.chunk_group_by_ukey),
        files,
        auxiliary_files: chunk.auxiliary_files().iter().cloned().collect(),
      }
    })
    .collect()
}

/// `stats.toJson({ assets: true }).assets`: assets with a source, less those another asset
/// names as related (its source map), biggest first.
fn stats_assets(compilation: &Compilation) -> Vec<StatsAsset> {
  let assets = compilation.assets();
  let related: HashSet<&String> = assets
    .values()
    .filter_map(|asset| asset.info.related.source_map.as_ref())
    .collect();
  let chunk_files: HashSet<&String> = compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .values()
    .flat_map(|chunk| chunk.files())
    .collect();
  let mut listed: Vec<StatsAsset> = assets
    .iter()
    .filter(|(name, _)| !related.contains(name))
    .filter_map(|(name, asset)| {
      let source = asset.get_source()?;
      Some(StatsAsset {
        name: name.clone(),
        size: source.size() as f64,
        source_filename: asset.info.source_filename.clone(),
        in_chunk: chunk_files.contains(name),
      })
    })
    .collect();
  manifest::sort_like_stats(&mut listed);
  listed
}

/// `stats.publicPath`: `output.publicPath` rendered with the compilation hash, or `auto`.
async fn stats_public_path(compilation: &Compilation) -> Result<String> {
  match &compilation.options.output.public_path {
    PublicPath::Auto => Ok("auto".to_string()),
    PublicPath::Filename(template) => compilation.get_path(template, Default::default()).await,
  }
}

fn write_manifest(path: &str, content: &str) -> Result<()> {
  let directory = posix_path::dirname(path);
  std::fs::create_dir_all(&directory)
    .and_then(|()| std::fs::write(path, content))
    .map_err(|e| error!("{PLUGIN_NAME}: cannot write {path} (writeToFileEmit): {e}"))
}
