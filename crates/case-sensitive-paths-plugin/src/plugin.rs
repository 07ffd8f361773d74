//! The Rspack side: check each module's resource after it is resolved (or every file dependency
//! before emitting), with caches that live for one build, but for the directory listings that
//! the next build in watch mode starts from.

use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use rspack_core::{
  ApplyContext, Compilation, CompilationParams, CompilerDone, CompilerEmit, CompilerFailed,
  CompilerThisCompilation, ModuleFactoryCreateData, NormalModuleCreateData,
  NormalModuleFactoryAfterResolve, Plugin,
};
use rspack_error::{Diagnostic, Error, Result, error};
use rspack_fs::ReadableFileSystem;
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::release_on_close;
use rspack_paths::Utf8Path;
use serde_json::json;

use crate::{
  checker::{DirectoryLister, EarlierListings, Outcome, PathChecker},
  options::{Log, PLUGIN_NAME, ResolvedOptions},
  paths,
};

/// What every debug message starts with, as in the peer.
const LOG_PREFIX: &str = "[CaseSensitivePathsPlugin]";

/// Sends one debug message, the arguments of one `logger.log` call, to the user's logger, if
/// `debug` is on (only then is it made).
async fn log(log: Option<&Log>, args: impl FnOnce() -> Vec<serde_json::Value>) -> Result<()> {
  match log {
    Some(log) => log.call(args()).await.map(|_| ()),
    None => Ok(()),
  }
}

/// Lists directories through Rspack's input file system, as the peer reads them through the
/// compiler's `inputFileSystem`: in NFC, sorted by their bytes, as Node's `readdir` returns
/// them on Linux and macOS (libuv sorts them).
struct InputFsLister {
  fs: Arc<dyn ReadableFileSystem>,
  log: Option<Log>,
}

#[async_trait]
impl DirectoryLister for InputFsLister {
  async fn list(&self, dir: &str) -> Result<Option<Vec<String>>> {
    log(self.log.as_ref(), || {
      vec![json!(format!("{LOG_PREFIX} Reading directory")), json!(dir)]
    })
    .await?;
    match self.fs.read_dir(Utf8Path::new(dir)).await {
      Ok(mut entries) => {
        entries.sort_unstable();
        Ok(Some(entries.into_iter().map(paths::into_nfc).collect()))
      }
      Err(failure) => {
        let message = || {
          vec![
            json!(format!("{LOG_PREFIX} Failed to read directory")),
            json!(dir),
            json!(failure.to_string()),
          ]
        };
        log(self.log.as_ref(), message).await?;
        Ok(None)
      }
    }
  }
}

/// The peer's error for a path whose component `on_disk` is cased differently.
fn mismatch_error(path: &str, on_disk: &str) -> Error {
  error!("{LOG_PREFIX} `{path}` does not match the corresponding path on disk `{on_disk}`.")
}

/// Fails the build when a module's path is cased differently from the file on disk, as
/// `case-sensitive-paths-webpack-plugin` does.
#[plugin]
#[derive(Debug)]
pub struct CaseSensitivePathsPlugin {
  options: ResolvedOptions,
  /// Node's working directory when the plugin was made, which the peer lists first (it primes
  /// its cache with `path.resolve()`), as written: not in NFC.
  working_dir: String,
  /// The current build's checker; a new one for every build.
  checker: Mutex<Option<Arc<PathChecker<InputFsLister>>>>,
  /// The directory listings of the last build, which the next one (a rebuild in watch mode)
  /// starts from: a directory of 48,792 icons is listed once per watch session, not per rebuild.
  earlier: Mutex<EarlierListings>,
}

impl CaseSensitivePathsPlugin {
  /// A plugin with checked options, for builds in `working_dir` (Node's `process.cwd()`).
  pub fn new(options: ResolvedOptions, working_dir: String) -> Self {
    Self::new_inner(options, working_dir, Mutex::default(), Mutex::default())
  }

  /// The current build's checker (made when the build started).
  fn checker(&self) -> Result<Arc<PathChecker<InputFsLister>>> {
    self
      .checker
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .clone()
      .ok_or_else(|| error!("{PLUGIN_NAME}: a path was checked outside a build"))
  }

  /// Takes the current build's checker, so that its caches are freed, but for its listings,
  /// kept for the next build.
  fn end_build(&self) -> Option<Arc<PathChecker<InputFsLister>>> {
    let checker = self
      .checker
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .take()?;
    *self.earlier.lock().unwrap_or_else(PoisonError::into_inner) = checker.take_listings();
    Some(checker)
  }

  /// Checks `path`: an error naming the entry on disk when its case differs.
  async fn check(&self, path: &str) -> Result<Option<Error>> {
    if !paths::is_checkable(path) {
      return Ok(None);
    }
    Ok(match self.checker()?.check(path).await? {
      Outcome::Mismatch { on_disk } => Some(mismatch_error(path, &on_disk)),
      Outcome::Matches | Outcome::NotFound => None,
    })
  }
}

#[plugin_hook(CompilerThisCompilation for CaseSensitivePathsPlugin)]
async fn start_build(
  &self,
  compilation: &mut Compilation,
  _params: &mut CompilationParams,
) -> Result<()> {
  let lister = InputFsLister {
    fs: Arc::clone(&compilation.input_filesystem),
    log: self.options.log.clone(),
  };
  let mut earlier =
    std::mem::take(&mut *self.earlier.lock().unwrap_or_else(PoisonError::into_inner));
  // Only a rebuild in watch mode knows what changed since the build before (what its watcher
  // saw); any other build, such as a second `compiler.run()`, reads everything again.
  if compilation.is_rebuild {
    let changed = compilation.modified_files.iter();
    earlier.forget_around(
      changed
        .chain(&compilation.removed_files)
        .map(|path| path.to_string_lossy()),
    );
  } else {
    earlier = EarlierListings::default();
  }
  let checker = PathChecker::starting_from(lister, self.working_dir.clone(), earlier);
  *self.checker.lock().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(checker));
  Ok(())
}

#[plugin_hook(NormalModuleFactoryAfterResolve for CaseSensitivePathsPlugin)]
async fn check_resolved_module(
  &self,
  _data: &mut ModuleFactoryCreateData,
  create_data: &mut NormalModuleCreateData,
) -> Result<Option<bool>> {
  let path = paths::resource_path(create_data.resource_resolve_data.resource());
  match self.check(&path).await? {
    Some(mismatch) => Err(mismatch),
    None => Ok(None),
  }
}

#[plugin_hook(CompilerEmit for CaseSensitivePathsPlugin)]
async fn check_file_dependencies(&self, compilation: &mut Compilation) -> Result<()> {
  let mut files: Vec<String> = compilation
    .file_dependencies()
    .0
    .map(|file| file.to_string_lossy().into_owned())
    .collect();
  files.sort_unstable();
  files.dedup();
  for file in files {
    if let Some(mismatch) = self.check(&file).await? {
      compilation.push_diagnostic(Diagnostic::from(mismatch));
    }
  }
  Ok(())
}

#[plugin_hook(CompilerDone for CaseSensitivePathsPlugin)]
async fn finish_build(&self, _compilation: &Compilation) -> Result<()> {
  if let Some(checker) = self.end_build() {
    let message = || {
      vec![
        json!(format!("{LOG_PREFIX} Total filesystem reads:")),
        json!(checker.lookups()),
      ]
    };
    log(self.options.log.as_ref(), message).await?;
  }
  Ok(())
}

/// A build that failed logs nothing, as the peer, but ends its checker all the same.
#[plugin_hook(CompilerFailed for CaseSensitivePathsPlugin)]
async fn fail_build(&self, _compilation: &Compilation) -> Result<()> {
  self.end_build();
  Ok(())
}

impl Plugin for CaseSensitivePathsPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.CaseSensitivePathsPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    let compiler = &mut ctx.compiler_hooks;
    compiler.this_compilation.tap(start_build::new(self));
    compiler.done.tap(finish_build::new(self));
    compiler.failed.tap(fail_build::new(self));
    if self.options.use_before_emit_hook {
      compiler.emit.tap(check_file_dependencies::new(self));
    } else {
      ctx
        .normal_module_factory_hooks
        .after_resolve
        .tap(check_resolved_module::new(self));
    }
    if let Some(log) = &self.options.log {
      release_on_close(ctx, vec![Box::new(log.clone())]);
    }
    Ok(())
  }
}
