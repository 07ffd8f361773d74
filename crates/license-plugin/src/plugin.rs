//! The Rspack side: read each chunk's modules, record their packages, write the license files
//! and banners where and when the peer writes them.

use std::sync::Arc;

use rspack_core::{
  ApplyContext, Chunk, ChunkUkey, Compilation, CompilationAsset, CompilationParams,
  CompilationProcessAssets, CompilerThisCompilation, Filename, ModuleIdentifier, PathData,
  PathDataChunk, Plugin,
  rspack_sources::{ConcatSource, RawStringSource, SourceExt},
};
use rspack_error::{Diagnostic, Result};
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::release_on_close;
use rspack_paths::Utf8PathBuf;

use rspack_native_js_json as js;

use crate::{
  diagnostics::{Report, Severity},
  files::Files,
  functions::Functions,
  group::Group,
  license::LicenseReader,
  options::LicenseConfig,
  package::{PackageFinder, PackageScope},
  records::{Recorder, UNNAMED_CHUNK},
  render,
};

/// `PROCESS_ASSETS_STAGE_REPORT`, where the peer scans the chunks and writes per-chunk files.
const STAGE_REPORT: i32 = 5000;

/// Writes the licenses of the npm packages in a build, as `license-webpack-plugin` does.
#[plugin]
#[derive(Debug)]
pub struct LicensePlugin {
  config: LicenseConfig,
  functions: Functions,
  /// What the build records, shared with the plugins of the root's child compilers.
  group: Arc<Group>,
  /// Whether this plugin is a child compiler's.
  is_child: bool,
  /// Node's working directory when the plugin was made, which relative paths in the options
  /// are resolved against.
  working_dir: Utf8PathBuf,
}

impl LicensePlugin {
  /// A plugin with checked options, in the group of plugins made from the same options, for
  /// builds in `working_dir` (Node's `process.cwd()`).
  pub fn new(
    config: LicenseConfig,
    functions: Functions,
    group: Arc<Group>,
    is_child: bool,
    working_dir: Utf8PathBuf,
  ) -> Self {
    Self::new_inner(config, functions, group, is_child, working_dir)
  }

  /// Whether a chunk is scanned (`chunkIncludeExcludeTest`).
  async fn includes_chunk(&self, chunk: &Chunk) -> Result<bool> {
    match self.functions.chunk_included(chunk.name()).await? {
      Some(included) => Ok(included),
      None => Ok(self.config.chunk_filter.includes(chunk.name())),
    }
  }

  /// The license file's text for these packages, or `None` when there is nothing to write.
  async fn render_licenses(
    &self,
    packages: &[&crate::licensed::LicensedPackage],
  ) -> Result<String> {
    match self.functions.render_licenses(packages).await? {
      Some(text) => Ok(text),
      None => Ok(render::render_licenses(packages)),
    }
  }
}

/// The chunks in the order the peer meets them: `compilation.chunks`, which @rspack/core reads
/// from the same map in its own order. That order decides which of two packages with the same
/// name is listed, and which chunk's list wins when two chunks' license files have the same name.
fn chunks(compilation: &Compilation) -> Vec<(&ChunkUkey, &Chunk)> {
  compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .iter()
    .collect()
}

/// `compilation.getPath(outputFilename, { chunk })`, as @rspack/core fills the path data.
async fn chunk_path(compilation: &Compilation, template: &str, ukey: &ChunkUkey) -> Result<String> {
  let chunk = compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .expect_get(ukey);
  let data = PathData {
    chunk: Some(PathDataChunk {
      chunk_ukey: *ukey,
      compilation,
    }),
    chunk_name: chunk.name_for_filename_template(),
    chunk_hash: chunk.rendered_hash(
      &compilation.chunk_hashes_artifact,
      compilation.options.output.hash_digest_length,
    ),
    chunk_id: chunk.id().map(|id| id.as_str()),
    ..Default::default()
  };
  compilation
    .get_path(&Filename::from(template.to_string()), data)
    .await
}

/// The files whose packages a chunk lists, in the order the plugin looks at them: its modules'
/// resources in the order of `chunkGraph.getChunkModulesIterable(chunk)`, the call the peer makes
/// (for a concatenated module, its root's and its inner modules'), then the module identifiers
/// the peer reads from the stats of `stats_chunks`. Unlike the peer on Rspack, whose
/// stats hide the modules inside a concatenated module, inner modules count: a production build
/// lists the same packages as a development one.
fn chunk_files(
  compilation: &Compilation,
  ukey: &ChunkUkey,
  stats_chunks: &[ChunkUkey],
) -> Vec<String> {
  let module_graph = compilation.get_module_graph();
  let chunk_graph = &compilation.build_chunk_graph_artifact.chunk_graph;
  // What `getChunkModulesIterable` gives, in its order (Rspack's `get_chunk_modules` iterates
  // this set).
  let chunk_modules = |ukey: &ChunkUkey| -> Vec<ModuleIdentifier> {
    chunk_graph
      .get_chunk_modules_identifier(ukey)
      .iter()
      .copied()
      .collect()
  };
  // The modules of a chunk as the stats list them, sorted by identifier.
  let sorted_modules = |ukey: &ChunkUkey| {
    let mut modules = chunk_modules(ukey);
    modules.sort_unstable();
    modules
  };
  let resource = |id: &ModuleIdentifier| {
    module_graph
      .module_by_identifier(id)
      .and_then(|module| module.as_normal_module())
      .map(|module| module.resource_resolved_data().resource().to_string())
  };
  let inner_modules = |id: &ModuleIdentifier| -> Vec<ModuleIdentifier> {
    module_graph
      .module_by_identifier(id)
      .and_then(|module| module.as_concatenated_module())
      .map(|module| module.get_modules().iter().map(|inner| inner.id).collect())
      .unwrap_or_default()
  };

  let mut files = Vec::new();
  for id in chunk_modules(ukey) {
    files.extend(resource(&id));
    for inner in inner_modules(&id) {
      files.extend(resource(&inner));
    }
  }
  for stats_chunk in stats_chunks {
    for id in sorted_modules(stats_chunk) {
      files.push(id.to_string());
      files.extend(inner_modules(&id).iter().map(|inner| inner.to_string()));
    }
  }
  files
}

/// Scans the chunks, writes one license file per chunk (`perChunkOutput`), and reports.
#[plugin_hook(CompilationProcessAssets for LicensePlugin, stage = STAGE_REPORT)]
async fn scan_chunks(&self, compilation: &mut Compilation) -> Result<()> {
  let files = Files::new(
    Arc::clone(&compilation.input_filesystem),
    self.working_dir.clone(),
  );
  let scope = PackageScope {
    build_root: compilation.options.context.as_str().to_string(),
    modules_directories: self.config.modules_directories.clone(),
  };
  let reader = LicenseReader {
    files: &files,
    config: &self.config,
    functions: &self.functions,
  };
  let mut recorder = Recorder::new(
    PackageFinder::new(&files, &scope),
    reader,
    self.group.take(),
    Report::new(self.config.warnings, self.config.errors),
  );

  let chunks = chunks(compilation);
  let unnamed: Vec<ChunkUkey> = chunks
    .iter()
    .filter(|(_, chunk)| chunk.name().is_none())
    .map(|(ukey, _)| **ukey)
    .collect();
  // The peer reads a chunk's stats by its name: a chunk without a name gets the stats of every
  // chunk without a name. They all share one list, so those are read for the first one only.
  let mut unnamed_stats_read = false;
  let mut license_files = Vec::new();
  for (ukey, chunk) in chunks {
    if !self.includes_chunk(chunk).await? {
      continue;
    }
    let key = chunk.name().unwrap_or(UNNAMED_CHUNK);
    let stats_chunks: &[ChunkUkey] = if chunk.name().is_some() {
      std::slice::from_ref(ukey)
    } else if unnamed_stats_read {
      &[]
    } else {
      unnamed_stats_read = true;
      &unnamed
    };
    for file in chunk_files(compilation, ukey, stats_chunks) {
      if let Some(file) = crate::module_file::module_file(&file) {
        recorder.add_file(key, file).await?;
      }
    }
    for module in self
      .config
      .additional_chunk_modules
      .get(key)
      .into_iter()
      .flatten()
      .chain(&self.config.additional_modules)
    {
      recorder.add_additional(key, module).await?;
    }
    if self.config.per_chunk_output {
      license_files.push((*ukey, key.to_string()));
    }
  }
  let (state, report) = recorder.finish();

  for (ukey, key) in license_files {
    let text = self.render_licenses(&state.records.chunk(&key)).await?;
    if !js::trim(&text).is_empty() {
      let filename = chunk_path(compilation, &self.config.output_filename, &ukey).await?;
      emit(compilation, filename, text);
    }
  }
  // Titled "Error", warnings too: the peer pushes strings, which Rspack turns into `Error`s, so
  // the stats of both show `code: "Error"`.
  compilation.extend_diagnostics(report.messages.into_iter().map(|(severity, message)| {
    match severity {
      Severity::Warning => Diagnostic::warn("Error".to_string(), message),
      Severity::Error => Diagnostic::error("Error".to_string(), message),
    }
  }));
  self.group.put(state);
  Ok(())
}

/// A build of the root compiler starts from nothing (the peer keeps what earlier builds found).
#[plugin_hook(CompilerThisCompilation for LicensePlugin)]
async fn start_build(
  &self,
  _compilation: &mut Compilation,
  _params: &mut CompilationParams,
) -> Result<()> {
  self.group.take();
  Ok(())
}

/// Writes the one license file of the build (without `perChunkOutput`), right after the scan:
/// every package of the root compilation and its child compilations.
#[plugin_hook(CompilationProcessAssets for LicensePlugin, stage = STAGE_REPORT + 1)]
async fn write_combined_file(&self, compilation: &mut Compilation) -> Result<()> {
  let state = self.group.take();
  let text = self.render_licenses(&state.records.all()).await?;
  self.group.put(state);
  if !text.is_empty() {
    let filename = compilation
      .get_path(
        &Filename::from(self.config.output_filename.clone()),
        PathData::default(),
      )
      .await?;
    emit(compilation, filename, text);
  }
  Ok(())
}

/// Puts the banner at the top of each included chunk's `.js` files (`addBanner`), before the
/// minimizer runs, as the peer does.
#[plugin_hook(CompilationProcessAssets for LicensePlugin, stage = Compilation::PROCESS_ASSETS_STAGE_ADDITIONS)]
async fn add_banners(&self, compilation: &mut Compilation) -> Result<()> {
  let mut banners = Vec::new();
  for (ukey, chunk) in chunks(compilation) {
    if !self.includes_chunk(chunk).await? {
      continue;
    }
    let filename = chunk_path(compilation, &self.config.output_filename, ukey).await?;
    let banner = match self.functions.render_banner(&filename).await? {
      Some(text) => text,
      None => render::render_banner(&filename),
    };
    if js::trim(&banner).is_empty() {
      continue;
    }
    let mut js_files: Vec<String> = chunk
      .files()
      .iter()
      .filter(|file| file.ends_with(".js"))
      .cloned()
      .collect();
    js_files.sort_unstable();
    banners.push((banner, js_files));
  }
  for (banner, js_files) in banners {
    for file in js_files {
      if !compilation.assets().contains_key(&file) {
        continue;
      }
      compilation.update_asset(&file, |source, info| {
        let source = ConcatSource::new([RawStringSource::from(banner.clone()).boxed(), source]);
        Ok((source.boxed(), info))
      })?;
    }
  }
  Ok(())
}

/// `compilation.assets[filename] = new RawSource(text)`: a file already there (another chunk's
/// with the same name) is replaced silently, as the peer's assignment does.
fn emit(compilation: &mut Compilation, filename: String, text: String) {
  compilation.assets_mut().insert(
    filename,
    CompilationAsset::new(
      Some(RawStringSource::from(text).boxed()),
      Default::default(),
    ),
  );
}

impl Plugin for LicensePlugin {
  fn name(&self) -> &'static str {
    "rspack-native.LicensePlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    if self.is_child && self.config.skip_child_compilers {
      return Ok(());
    }
    if !self.is_child {
      ctx
        .compiler_hooks
        .this_compilation
        .tap(start_build::new(self));
    }
    let hooks = &mut ctx.compilation_hooks.process_assets;
    hooks.tap(scan_chunks::new(self));
    if !self.config.per_chunk_output && !self.is_child {
      hooks.tap(write_combined_file::new(self));
    }
    if self.config.add_banner {
      hooks.tap(add_banners::new(self));
    }
    release_on_close(ctx, self.functions.callbacks());
    Ok(())
  }
}
