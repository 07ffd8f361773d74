//! Makes `builtin:replace-loader` resolve to [`ReplaceLoader`].

use std::sync::Arc;

use rspack_core::{
  BoxLoader, Context, ModuleFactoryCreateData, ModuleRuleUseLoader,
  NormalModuleFactoryResolveLoader, Plugin, Resolver,
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};

use crate::{LOADER_NAME, loader::ReplaceLoader, options::parse_options};

/// Resolves `builtin:replace-loader` requests to the native loader.
#[plugin]
#[derive(Debug, Default)]
pub struct ReplaceLoaderPlugin;

impl ReplaceLoaderPlugin {
  /// The plugin; it has no options.
  pub fn new() -> Self {
    Self::new_inner()
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
  let name = request.split(['?', '#']).next().unwrap_or(request);
  if name != LOADER_NAME {
    return Ok(None);
  }
  let options = loader.options.as_deref().unwrap_or("{}");
  let replacements = parse_options(options).map_err(|message| error!(message))?;
  Ok(Some(Arc::new(ReplaceLoader::new(request, replacements))))
}
