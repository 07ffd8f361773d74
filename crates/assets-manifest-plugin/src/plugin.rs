//! The plugin: records integrity and asset modules' keys at `PROCESS_ASSETS_STAGE_ANALYSE`,
//! makes and emits the manifest at `PROCESS_ASSETS_STAGE_REPORT`, as the peer does, and writes
//! it to disk after the emit when asked to.

use std::{
  collections::HashSet,
  path::{Path, PathBuf},
  sync::{Mutex, PoisonError},
};

use rayon::prelude::*;
use rspack_core::{
  ApplyContext, AssetInfo, ChunkGroupOrderKey, CodeGenerationDataFilename, Compilation,
  CompilationAsset, CompilationId, CompilationProcessAssets, CompilerAfterEmit, Filename, PathData,
  Plugin, PublicPath as OutputPublicPath, SourceType, get_chunk_group_children_by_orders,
  get_chunk_group_ordered_child_assets,
  rspack_sources::{RawStringSource, SourceExt},
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::{Release, release_on_close};
use rspack_native_js_json::truthy;
use rspack_native_node_path::basename;
use serde_json::{Map, Value};
use sugar_path::SugarPath;

use crate::{
  integrity::integrity,
  lock::DirectoryLock,
  manifest::{Manifest, ManifestRules, Merge},
  options::{
    AssetName, AssetsManifestConfig, EntrypointFiles, PLUGIN_NAME, PipelineInput, PublicPath,
    TextMaker, WriteToDisk,
  },
};

/// `PROCESS_ASSETS_STAGE_ANALYSE`: integrity and asset modules.
const STAGE_ANALYSE: i32 = 4000;
/// `PROCESS_ASSETS_STAGE_REPORT`: the manifest.
const STAGE_REPORT: i32 = 5000;
/// The name the peer marks its manifests with (`generatedBy`); each plugin leaves out the
/// manifests of the other, as two of the peer's instances do.
const PEER_NAME: &str = "WebpackAssetsManifest";

/// Writes the assets manifest.
#[plugin]
#[derive(Debug)]
pub struct AssetsManifestPlugin {
  config: AssetsManifestConfig,
  manifest: Mutex<Manifest>,
  /// The manifest to write to disk after a compilation's emit: its path and text.
  to_write: Mutex<Option<(CompilationId, PathBuf, String)>>,
}

impl AssetsManifestPlugin {
  /// The plugin with checked options.
  pub fn new(config: AssetsManifestConfig) -> Self {
    let manifest = Manifest {
      entries: config.initial_assets.clone(),
      ..Manifest::default()
    };
    Self::new_inner(config, Mutex::new(manifest), Mutex::default())
  }

  fn manifest(&self) -> std::sync::MutexGuard<'_, Manifest> {
    self.manifest.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// The rules of this build: the configured ones with the public path resolved.
  fn rules(&self, compilation: &Compilation) -> ManifestRules {
    let public_path = match &self.config.public_path {
      PublicPath::None => None,
      PublicPath::Given(prefix) => Some(prefix.clone()),
      PublicPath::Output => match &compilation.options.output.public_path {
        OutputPublicPath::Filename(filename) => filename
          .template()
          .filter(|t| !t.is_empty())
          .map(str::to_string),
        OutputPublicPath::Auto => None,
      },
    };
    ManifestRules {
      public_path,
      ..self.config.rules.clone()
    }
  }
}

/// The path data the peer renders the manifest's name with.
fn manifest_path_data() -> PathData<'static> {
  PathData {
    filename: Some("assets-manifest.json"),
    chunk_name: Some("assets-manifest"),
    chunk_id: Some(""),
    chunk_hash: Some(""),
    ..PathData::default()
  }
}

#[plugin_hook(CompilationProcessAssets for AssetsManifestPlugin, stage = STAGE_ANALYSE)]
async fn analyse(&self, compilation: &mut Compilation) -> Result<()> {
  if let (Some(algorithms), Some(property)) = (
    &self.config.integrity_hashes,
    &self.config.rules.integrity_property,
  ) {
    let computed: Vec<(String, String)> = compilation
      .assets()
      .par_iter()
      .filter(|(_, asset)| !truthy(asset.info.extras.get(property)))
      .filter_map(|(name, asset)| {
        let source = asset.get_source()?;
        let hashes = integrity(algorithms, &asset.info.content_hash, &source.buffer());
        Some((name.clone(), hashes))
      })
      .collect();
    for (name, hashes) in computed {
      if let Some(asset) = compilation.assets_mut().get_mut(&name) {
        asset
          .get_info_mut()
          .extras
          .insert(property.clone(), Value::String(hashes));
      }
    }
  }
  let keys = asset_module_keys(compilation, &self.config.rules);
  let mut manifest = self.manifest();
  for (key, file) in keys {
    manifest.asset_names.insert(key, file);
  }
  Ok(())
}

/// The keys of asset modules' files, as the peer's `handleProcessAssetsAnalyse` finds them: the
/// module's file name in the file's directory (or its path relative to the context).
fn asset_module_keys(compilation: &Compilation, rules: &ManifestRules) -> Vec<(String, String)> {
  let module_graph = compilation.get_module_graph();
  let artifact = &compilation.build_chunk_graph_artifact;
  let context = Path::new(compilation.options.context.as_str());
  let mut keys = Vec::new();
  for (ukey, chunk) in artifact.chunk_by_ukey.iter() {
    for module in
      artifact
        .chunk_graph
        .get_chunk_modules_by_source_type(ukey, SourceType::Asset, module_graph)
    {
      let Some(normal) = module.as_normal_module() else {
        continue;
      };
      let Ok(result) = compilation
        .code_generation_results
        .try_get(&module.identifier(), Some(chunk.runtime()))
      else {
        continue;
      };
      let Some(filename) = result.data().get::<CodeGenerationDataFilename>() else {
        continue;
      };
      let request = normal.user_request();
      let relative = Path::new(request).relative(context);
      let key = rules.source_key(filename.filename(), request, &relative.to_string_lossy());
      keys.push((key, filename.filename().to_string()));
    }
  }
  keys
}

#[plugin_hook(CompilationProcessAssets for AssetsManifestPlugin, stage = STAGE_REPORT)]
async fn report(&self, compilation: &mut Compilation) -> Result<()> {
  let output_dir = compilation.options.output.path.as_std_path().to_path_buf();
  let output_path = Path::new(&self.config.output).absolutize_with(output_dir.as_path());
  let manifest_path = compilation
    .get_path(
      &Filename::from(output_path.to_string_lossy().into_owned()),
      manifest_path_data(),
    )
    .await?;
  let environment = self.config.environment.call(manifest_path.clone()).await?;
  let asset_template = if environment.in_dev_server {
    basename(&self.config.output).to_string()
  } else {
    output_path
      .relative(&output_dir)
      .to_string_lossy()
      .into_owned()
  };
  let asset_name = compilation
    .get_path(&Filename::from(asset_template), manifest_path_data())
    .await?;

  let rules = self.rules(compilation);
  let hot_updates = hot_updates(compilation);
  let entrypoints = match rules.entrypoints {
    Some(_) => entrypoint_files(compilation),
    None => Vec::new(),
  };
  // The lock of the manifest's directory is held from the read of the manifest there until the
  // new one is made.
  let lock = match rules.merge {
    Merge::Off => None,
    _ => Some(DirectoryLock::acquire(
      output_path.parent().unwrap_or(&output_dir),
    )?),
  };
  let existing = match lock {
    Some(_) => read_existing(&output_path)?,
    None => None,
  };
  record_keys(&mut self.manifest(), &rules, compilation, &hot_updates);
  let text = match &self.config.text_maker {
    TextMaker::Data => {
      let existing = existing
        .map(|text| parse_existing(&output_path, &text))
        .transpose()?;
      let mut manifest = self.manifest();
      if environment.watch_run {
        manifest.entries = Map::new();
      }
      add_files(
        &mut manifest,
        &rules,
        compilation,
        &hot_updates,
        &entrypoints,
      );
      if let Some(existing) = existing {
        manifest.merge_existing(&rules, existing);
      }
      manifest.to_json(&rules)
    }
    TextMaker::Pipeline(pipeline) => {
      let asset_names = self
        .manifest()
        .asset_names
        .iter()
        .map(|(key, file)| AssetName {
          key: key.clone(),
          file: file.clone(),
        })
        .collect();
      pipeline
        .call(PipelineInput {
          asset_names,
          entrypoints,
          existing,
        })
        .await?
    }
  };
  drop(lock);

  let mut info = AssetInfo::default();
  info
    .extras
    .insert("assetsManifest".into(), Value::Bool(true));
  info.extras.insert("generated".into(), Value::Bool(true));
  info.extras.insert(
    "generatedBy".into(),
    Value::Array(vec![Value::String(PEER_NAME.into())]),
  );
  let write = match self.config.write_to_disk {
    WriteToDisk::Always => true,
    WriteToDisk::Never => false,
    WriteToDisk::Auto => environment.write_to_disk,
  };
  if write {
    *self.to_write.lock().unwrap_or_else(PoisonError::into_inner) =
      Some((compilation.id(), PathBuf::from(manifest_path), text.clone()));
  }
  compilation.emit_asset(
    asset_name,
    CompilationAsset::new(Some(RawStringSource::from(text).boxed()), info),
  );
  Ok(())
}

/// The text of the manifest already at `path`, for `merge`; `None` when there is none.
fn read_existing(path: &Path) -> Result<Option<String>> {
  match std::fs::read_to_string(path) {
    Ok(text) => Ok(Some(text)),
    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
    Err(e) => Err(error!(
      "{PLUGIN_NAME}: cannot read {} to merge it: {e}",
      path.display()
    )),
  }
}

/// The entries of the manifest `text` read from `path`.
fn parse_existing(path: &Path, text: &str) -> Result<Map<String, Value>> {
  match serde_json::from_str(text) {
    Ok(Value::Object(existing)) => Ok(existing),
    Ok(_) => Err(error!(
      "{PLUGIN_NAME}: {} is not a JSON object, so it cannot be merged (option \"merge\")",
      path.display()
    )),
    Err(e) => Err(error!(
      "{PLUGIN_NAME}: {} is not valid JSON, so it cannot be merged (option \"merge\"): {e}",
      path.display()
    )),
  }
}

/// The hot-update files.
fn hot_updates(compilation: &Compilation) -> HashSet<String> {
  compilation
    .assets()
    .iter()
    .filter(|(_, asset)| asset.info.hot_module_replacement == Some(true))
    .map(|(name, _)| name.clone())
    .collect()
}

/// Records the keys the peer finds in the stats, as its `processStatsAssets` and
/// `processAssetsByChunkName` do.
fn record_keys(
  manifest: &mut Manifest,
  rules: &ManifestRules,
  compilation: &Compilation,
  hot_updates: &HashSet<String>,
) {
  let assets = compilation.assets();
  // The stats' assets with a source file (asset modules, copied files): the largest first, then
  // by name, without the source maps that an asset links to.
  let linked_maps: HashSet<&str> = assets
    .values()
    .filter_map(|asset| asset.info.related.source_map.as_deref())
    .collect();
  let mut sourced: Vec<(&String, usize, &str)> = assets
    .iter()
    .filter(|(name, _)| !linked_maps.contains(name.as_str()))
    .filter_map(|(name, asset)| {
      let source_filename = asset.info.source_filename.as_deref()?;
      let size = asset.get_source().map_or(0, |source| source.size());
      Some((name, size, source_filename))
    })
    .collect();
  sourced.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
  for (name, _, source_filename) in sourced {
    let key = rules.source_key(name, source_filename, source_filename);
    manifest.asset_names.insert(key, name.clone());
  }

  // The stats' `assetsByChunkName`: a named chunk's files (Rspack lists no auxiliary files
  // there), each under the chunk's name and the file's extension.
  let chunk_by_ukey = &compilation.build_chunk_graph_artifact.chunk_by_ukey;
  let mut named: Vec<(&str, Vec<&String>)> = chunk_by_ukey
    .values()
    .filter_map(|chunk| Some((chunk.name()?, chunk.files().iter().collect())))
    .collect();
  named.sort_by(|a, b| a.0.cmp(b.0));
  for (chunk_name, mut files) in named {
    files.sort();
    for file in files
      .into_iter()
      .filter(|file| !hot_updates.contains(*file))
    {
      let key = format!("{chunk_name}{}", rules.extension(file));
      manifest.asset_names.insert(key, file.clone());
    }
  }
}

/// Adds this build's files and entrypoints to `manifest`, as the peer's
/// `handleProcessAssetsReport` does without `customize`.
fn add_files(
  manifest: &mut Manifest,
  rules: &ManifestRules,
  compilation: &Compilation,
  hot_updates: &HashSet<String>,
  entrypoints: &[EntrypointFiles],
) {
  let keys_by_file = manifest.keys_by_file();
  for (name, asset) in compilation.assets() {
    if hot_updates.contains(name) || truthy(asset.info.extras.get("assetsManifest")) {
      continue;
    }
    let integrity = rules
      .integrity_property
      .as_ref()
      .and_then(|property| asset.info.extras.get(property))
      .filter(|value| !value.is_null());
    match keys_by_file.get(name) {
      Some(keys) => {
        for key in keys {
          manifest.add_file(rules, key, name, integrity);
        }
      }
      None => {
        let key = rules.fallback_key(name, asset.info.source_filename.as_deref());
        manifest.add_file(rules, &key, name, integrity);
      }
    }
  }

  if let Some(config) = &rules.entrypoints {
    let group = |files: &[String]| {
      let files: Vec<String> = files
        .iter()
        .filter(|file| !hot_updates.contains(*file))
        .cloned()
        .collect();
      Value::Object(Manifest::group_by_extension(rules, &files, |file| {
        manifest.entrypoint_value(rules, &keys_by_file, file)
      }))
    };
    let mut section = Map::new();
    for entrypoint in entrypoints {
      let mut value = Map::new();
      value.insert("assets".into(), group(&entrypoint.assets));
      if let Some(files) = &entrypoint.preload {
        value.insert("preload".into(), group(files));
      }
      if let Some(files) = &entrypoint.prefetch {
        value.insert("prefetch".into(), group(files));
      }
      section.insert(entrypoint.name.clone(), Value::Object(value));
    }
    manifest.add_entrypoints(config.key.as_deref(), section);
  }
}

/// Each entrypoint's files, and the files of the chunks it preloads and prefetches, as the
/// stats' `namedChunkGroups[name].childAssets` list them (empty lists left out).
fn entrypoint_files(compilation: &Compilation) -> Vec<EntrypointFiles> {
  let artifact = &compilation.build_chunk_graph_artifact;
  let module_graph = compilation.get_module_graph();
  let mut entrypoints = Vec::new();
  for (name, ukey) in compilation.entrypoints() {
    let Some(entrypoint) = artifact.chunk_group_by_ukey.get(ukey) else {
      continue;
    };
    let children = get_chunk_group_children_by_orders(
      entrypoint,
      &artifact.chunk_group_by_ukey,
      &artifact.chunk_graph,
      module_graph,
    );
    let child_files = |order: ChunkGroupOrderKey| {
      let files = get_chunk_group_ordered_child_assets(
        &children,
        &order,
        &artifact.chunk_group_by_ukey,
        &artifact.chunk_by_ukey,
      );
      (!files.is_empty()).then(|| files.into_iter().map(str::to_string).collect())
    };
    entrypoints.push(EntrypointFiles {
      name: name.clone(),
      assets: entrypoint.get_files(&artifact.chunk_by_ukey),
      preload: child_files(ChunkGroupOrderKey::Preload),
      prefetch: child_files(ChunkGroupOrderKey::Prefetch),
    });
  }
  entrypoints
}

#[plugin_hook(CompilerAfterEmit for AssetsManifestPlugin)]
async fn write_to_disk(&self, compilation: &mut Compilation) -> Result<()> {
  let pending = self
    .to_write
    .lock()
    .unwrap_or_else(PoisonError::into_inner)
    .take();
  let Some((id, path, text)) = pending else {
    return Ok(());
  };
  if id != compilation.id() {
    return Ok(());
  }
  let directory = path.parent().unwrap_or(Path::new("."));
  let _lock = DirectoryLock::acquire(directory)?;
  std::fs::write(&path, text).map_err(|e| {
    error!(
      "{PLUGIN_NAME}: cannot write {} (option \"writeToDisk\"): {e}",
      path.display()
    )
  })
}

impl Plugin for AssetsManifestPlugin {
  fn name(&self) -> &'static str {
    PLUGIN_NAME
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    if !self.config.enabled {
      return Ok(());
    }
    let process_assets = &mut ctx.compilation_hooks.process_assets;
    process_assets.tap(analyse::new(self));
    process_assets.tap(report::new(self));
    ctx.compiler_hooks.after_emit.tap(write_to_disk::new(self));
    let mut callbacks: Vec<Box<dyn Release>> = vec![Box::new(self.config.environment.clone())];
    if let TextMaker::Pipeline(pipeline) = &self.config.text_maker {
      callbacks.push(Box::new(pipeline.clone()));
    }
    release_on_close(ctx, callbacks);
    Ok(())
  }
}
