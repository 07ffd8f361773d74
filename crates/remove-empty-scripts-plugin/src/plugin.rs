//! The plugin: as each chunk emits a file (`chunkAsset`), notes the scripts of entries made only
//! of styles; removes them before any plugin processes the assets (stage 100, the default) or
//! after all of them (stage 200), with their source maps.

use std::{
  collections::HashSet,
  io::Write,
  sync::{Mutex, PoisonError},
};

use rspack_core::{
  ApplyContext, ChunkUkey, Compilation, CompilationChunkAsset, CompilationId,
  CompilationProcessAssets, DependencyId, ModuleGraph, ModuleIdentifier, Plugin, SourceType,
};
use rspack_error::Result;
use rspack_hook::{plugin, plugin_hook};

use crate::{
  options::{PLUGIN_NAME, RemoveEmptyScriptsConfig, Stage},
  rules::StyleRules,
};

/// Removes the scripts of entries made only of styles.
#[plugin]
#[derive(Debug)]
pub struct RemoveEmptyScriptsPlugin {
  config: RemoveEmptyScriptsConfig,
  /// The empty scripts found in a compilation, until they are removed: those of a compilation
  /// that failed before removing them never reach the next one.
  empty: Mutex<Noted>,
}

/// The empty scripts one compilation noted.
#[derive(Debug, Default)]
struct Noted {
  compilation: Option<CompilationId>,
  scripts: Vec<String>,
}

impl RemoveEmptyScriptsPlugin {
  /// The plugin with checked options.
  pub fn new(config: RemoveEmptyScriptsConfig) -> Self {
    Self::new_inner(config, Mutex::default())
  }

  /// Notes an empty script of `compilation`, forgetting what an earlier compilation noted.
  fn note(&self, compilation: CompilationId, filename: &str) {
    let mut noted = self.empty.lock().unwrap_or_else(PoisonError::into_inner);
    if noted.compilation != Some(compilation) {
      *noted = Noted {
        compilation: Some(compilation),
        scripts: Vec::new(),
      };
    }
    noted.scripts.push(filename.to_string());
  }

  /// Removes the scripts noted in this compilation (and, through Rspack, their source maps).
  fn remove_noted(&self, compilation: &mut Compilation) {
    let noted = std::mem::take(&mut *self.empty.lock().unwrap_or_else(PoisonError::into_inner));
    if noted.compilation != Some(compilation.id()) {
      return;
    }
    for filename in noted.scripts {
      compilation.delete_asset(&filename);
    }
  }
}

/// Prints a line as the peer's `verbose` does; a closed stdout (`rspack build | head`) is not an
/// error of the build.
fn print_verbose(line: std::fmt::Arguments<'_>) {
  let _ = writeln!(std::io::stdout(), "\n remove-empty-scripts  {line}");
}

/// Why a script of styles is kept, when the peer's rules alone would remove it.
#[derive(Debug, PartialEq, Eq)]
enum Keep {
  /// The chunk is the runtime chunk of another entry, which needs it to run.
  RuntimeOfAnotherEntry(String),
  /// The chunk holds the code of a module that is not a style, e.g. style-loader's.
  ModuleCode(String),
}

impl std::fmt::Display for Keep {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match self {
      Keep::RuntimeOfAnotherEntry(entry) => write!(f, "it holds the runtime of entry \"{entry}\""),
      Keep::ModuleCode(module) => write!(f, "it holds the code of {module}"),
    }
  }
}

/// The resources of the chunk's entry modules, as the peer gathers them: a module's own resource,
/// or for a module without one (a concatenated or a context module), those of the modules its
/// dependencies lead to, each dependency followed once.
fn entry_resources(compilation: &Compilation, chunk: &ChunkUkey) -> Vec<String> {
  let module_graph = compilation.get_module_graph();
  let chunk_graph = &compilation.build_chunk_graph_artifact.chunk_graph;
  let mut resources = Vec::new();
  let mut followed = HashSet::new();
  for module in chunk_graph.get_chunk_entry_modules(chunk) {
    collect_resources(module_graph, &module, &mut followed, &mut resources);
  }
  resources
}

fn collect_resources(
  module_graph: &ModuleGraph,
  module: &ModuleIdentifier,
  followed: &mut HashSet<DependencyId>,
  resources: &mut Vec<String>,
) {
  let Some(module) = module_graph.module_by_identifier(module) else {
    return;
  };
  if let Some(normal) = module.as_normal_module() {
    let resource = normal.resource_resolved_data().resource();
    if !resources.iter().any(|known| known == resource) {
      resources.push(resource.to_string());
    }
    return;
  }
  for dependency in module.get_dependency_ids() {
    if !followed.insert(*dependency) {
      continue;
    }
    let next = module_graph
      .module_identifier_by_dependency_id(dependency)
      .or_else(|| module_graph.get_parent_module(dependency))
      .copied();
    if let Some(next) = next {
      collect_resources(module_graph, &next, followed, resources);
    }
  }
}

/// Whether the chunk's script must stay although its entry is made of styles: it is another
/// entry's runtime chunk, or it holds the code of a module that is neither a style nor ignored.
fn must_keep(compilation: &Compilation, chunk: &ChunkUkey, rules: &StyleRules) -> Option<Keep> {
  let artifact = &compilation.build_chunk_graph_artifact;
  for (name, entrypoint) in compilation.entrypoints() {
    let group = artifact.chunk_group_by_ukey.expect_get(entrypoint);
    if group.get_entrypoint_chunk() != *chunk
      && group.get_runtime_chunk(&artifact.chunk_group_by_ukey) == *chunk
    {
      return Some(Keep::RuntimeOfAnotherEntry(name.clone()));
    }
  }
  let module_graph = compilation.get_module_graph();
  artifact
    .chunk_graph
    .get_chunk_modules_by_source_type(chunk, SourceType::JavaScript, module_graph)
    .into_iter()
    .find(|module| {
      !module.as_normal_module().is_some_and(|normal| {
        let resource = normal.resource_resolved_data().resource();
        rules.is_style(resource) || rules.ignores(resource)
      })
    })
    .map(|module| Keep::ModuleCode(module.identifier().to_string()))
}

#[plugin_hook(CompilationChunkAsset for RemoveEmptyScriptsPlugin)]
async fn chunk_asset(
  &self,
  compilation: &Compilation,
  chunk: &ChunkUkey,
  filename: &str,
) -> Result<()> {
  let rules = &self.config.rules;
  if !rules.may_remove(filename) {
    return Ok(());
  }
  let resources = entry_resources(compilation, chunk);
  if !rules.only_styles(resources.iter().map(String::as_str)) {
    return Ok(());
  }
  let output = compilation.options.output.path.join(filename);
  match must_keep(compilation, chunk, rules) {
    Some(reason) => {
      if self.config.verbose {
        print_verbose(format_args!("keep {output}: {reason}"));
      }
    }
    None => {
      if self.config.verbose {
        print_verbose(format_args!("remove {output}"));
      }
      self.note(compilation.id(), filename);
    }
  }
  Ok(())
}

#[plugin_hook(CompilationProcessAssets for RemoveEmptyScriptsPlugin, stage = i32::MIN)]
async fn remove_before_process_plugins(&self, compilation: &mut Compilation) -> Result<()> {
  self.remove_noted(compilation);
  Ok(())
}

#[plugin_hook(CompilationProcessAssets for RemoveEmptyScriptsPlugin, stage = i32::MAX)]
async fn remove_after_process_plugins(&self, compilation: &mut Compilation) -> Result<()> {
  self.remove_noted(compilation);
  Ok(())
}

impl Plugin for RemoveEmptyScriptsPlugin {
  fn name(&self) -> &'static str {
    PLUGIN_NAME
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    if !self.config.enabled {
      return Ok(());
    }
    ctx
      .compilation_hooks
      .chunk_asset
      .tap(chunk_asset::new(self));
    let remove = &mut ctx.compilation_hooks.process_assets;
    match self.config.stage {
      Stage::BeforeProcessPlugins => remove.tap(remove_before_process_plugins::new(self)),
      Stage::AfterProcessPlugins => remove.tap(remove_after_process_plugins::new(self)),
    }
    Ok(())
  }
}
