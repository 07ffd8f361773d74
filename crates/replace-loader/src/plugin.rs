//! Makes `builtin:replace-loader` resolve to [`ReplaceLoader`].

use std::{
  collections::HashMap,
  sync::{Arc, Mutex, PoisonError},
};

use rspack_core::{
  BoxLoader, Context, ModuleFactoryCreateData, ModuleRuleUseLoader,
  NormalModuleFactoryResolveLoader, Plugin, Resolver,
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};
use rspack_loader_runner::parse_resource;

use crate::{LOADER_NAME, loader::ReplaceLoader, options::parse_options};

/// The loaders made so far, by loader request and options.
type LoaderCache = Mutex<HashMap<(String, String), Arc<ReplaceLoader>>>;

/// Resolves `builtin:replace-loader` requests to the native loader.
#[plugin]
#[derive(Debug)]
pub struct ReplaceLoaderPlugin {
  /// Rspack resolves a rule's loaders for every module it applies to: the options are read and
  /// the patterns compiled once per rule, and every module of the rule shares that loader.
  loaders: LoaderCache,
}

impl ReplaceLoaderPlugin {
  /// The plugin; it has no options.
  pub fn new() -> Self {
    Self::new_inner(LoaderCache::default())
  }
}

impl Default for ReplaceLoaderPlugin {
  fn default() -> Self {
    Self::new()
  }
}

impl Plugin for ReplaceLoaderPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.ReplaceLoaderPlugin"
  }

  fn apply(&self, ctx: &mut rspack_core::ApplyContext<'_>) -> Result<()> {
    ctx
      .normal_module_factory_hooks
      .resolve_loader
      .tap(resolve_loader::new(self));
    Ok(())
  }
}

/// Runs before the JavaScript loader resolver, which would try to resolve the request as a file.
#[plugin_hook(NormalModuleFactoryResolveLoader for ReplaceLoaderPlugin, stage = -1)]
async fn resolve_loader(
  &self,
  _context: &Context,
  _resolver: &Resolver,
  loader: &ModuleRuleUseLoader,
  _data: &mut ModuleFactoryCreateData,
) -> Result<Option<BoxLoader>> {
  let request = loader.loader.as_str();
  if !parse_resource(request).is_some_and(|resource| resource.path == LOADER_NAME) {
    return Ok(None);
  }
  let options = loader.options.as_deref().unwrap_or("{}");
  let key = (request.to_owned(), options.to_owned());
  let mut loaders = self.loaders.lock().unwrap_or_else(PoisonError::into_inner);
  if let Some(cached) = loaders.get(&key) {
    return Ok(Some(cached.clone()));
  }
  let replacements = parse_options(options).map_err(|message| error!(message))?;
  let made = Arc::new(ReplaceLoader::new(request, replacements));
  loaders.insert(key, made.clone());
  Ok(Some(made))
}
