//! State across builds. A plugin object lives as long as its compiler: every build of a watch
//! session runs the same object's hooks. State of one build is kept per compilation and dropped
//! when the build ends. `ModuleCountPlugin` writes, for each build, how many modules it has and
//! how many of them it built.

use std::{
  collections::HashMap,
  sync::{
    Mutex, PoisonError,
    atomic::{AtomicU32, Ordering},
  },
};

use rspack_core::{
  ApplyContext, BoxModule, Compilation, CompilationAsset, CompilationId, CompilationProcessAssets,
  CompilationSucceedModule, CompilerFailed, CompilerId, Plugin,
  rspack_sources::{RawStringSource, SourceExt},
};
use rspack_error::Result;
use rspack_hook::{plugin, plugin_hook};

// ANCHOR: per-build
/// State of each build in progress, by compilation: the next build of a watch session runs on
/// the same plugin object, and a build that stopped with an error must not leave its state to it.
#[derive(Debug)]
pub struct PerBuild<T> {
  states: Mutex<HashMap<CompilationId, T>>,
}

impl<T: Default> PerBuild<T> {
  /// Runs `change` on the state of the build `id` (a default state if it has none yet).
  pub fn update<R>(&self, id: CompilationId, change: impl FnOnce(&mut T) -> R) -> R {
    let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
    change(states.entry(id).or_default())
  }

  /// Removes the state of the build `id` and returns it (a default state if it had none).
  pub fn take(&self, id: CompilationId) -> T {
    let mut states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
    states.remove(&id).unwrap_or_default()
  }
}

impl<T> Default for PerBuild<T> {
  fn default() -> Self {
    Self {
      states: Mutex::default(),
    }
  }
}
// ANCHOR_END: per-build

// ANCHOR: plugin
/// Writes `modules.json`: the build's number (per compiler), its modules, and how many of them
/// were built by this build rather than kept from the last one or restored from the cache.
#[plugin]
#[derive(Debug)]
pub struct ModuleCountPlugin {
  /// Per compiler: counts the builds of a watch session.
  builds: AtomicU32,
  /// Per build: the modules built so far.
  built: PerBuild<u32>,
}

impl ModuleCountPlugin {
  /// A new plugin.
  pub fn new() -> Self {
    Self::new_inner(AtomicU32::new(0), PerBuild::default())
  }
}

impl Default for ModuleCountPlugin {
  fn default() -> Self {
    Self::new()
  }
}

/// Runs for each module this build built (a loader ran, the module was parsed). A module that
/// did not change since the last build of the session, or that came from the persistent cache,
/// is not built, and this hook does not run for it.
#[plugin_hook(CompilationSucceedModule for ModuleCountPlugin)]
async fn succeed_module(
  &self,
  _compiler_id: CompilerId,
  compilation_id: CompilationId,
  _module: &mut BoxModule,
) -> Result<()> {
  self.built.update(compilation_id, |built| *built += 1);
  Ok(())
}

#[plugin_hook(CompilationProcessAssets for ModuleCountPlugin, stage = Compilation::PROCESS_ASSETS_STAGE_ADDITIONAL)]
async fn process_assets(&self, compilation: &mut Compilation) -> Result<()> {
  let build = self.builds.fetch_add(1, Ordering::Relaxed) + 1;
  let built = self.built.take(compilation.id());
  // What the build is made of comes from its module graph, which holds every module, built
  // or not.
  let modules = compilation.get_module_graph().modules().count();
  let text = format!("{{\"build\":{build},\"modules\":{modules},\"built\":{built}}}\n");
  compilation.emit_asset(
    "modules.json".to_string(),
    CompilationAsset::from(RawStringSource::from(text).boxed()),
  );
  Ok(())
}

/// A build that stopped with an error never reached `process_assets`: drop its state here.
#[plugin_hook(CompilerFailed for ModuleCountPlugin)]
async fn failed(&self, compilation: &Compilation) -> Result<()> {
  self.built.take(compilation.id());
  Ok(())
}

impl Plugin for ModuleCountPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.ModuleCountPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .compilation_hooks
      .succeed_module
      .tap(succeed_module::new(self));
    ctx
      .compilation_hooks
      .process_assets
      .tap(process_assets::new(self));
    ctx.compiler_hooks.failed.tap(failed::new(self));
    Ok(())
  }
}
// ANCHOR_END: plugin

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn keeps_each_build_apart_and_forgets_a_build_once_taken() {
    let per_build = PerBuild::<u32>::default();
    let (one, two) = (CompilationId(1), CompilationId(2));
    per_build.update(one, |count| *count += 1);
    per_build.update(one, |count| *count += 1);
    per_build.update(two, |count| *count += 5);
    assert_eq!(per_build.take(one), 2);
    assert_eq!(per_build.take(one), 0);
    assert_eq!(per_build.take(two), 5);
  }
}
