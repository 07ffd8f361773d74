//! Makes `builtin:replace-loader` resolve to [`ReplaceLoader`].

use std::{
  collections::HashMap,
  sync::{Arc, Mutex, PoisonError},
};

use napi_derive::napi;
use rspack_core::{
  BoxLoader, Context, ModuleFactoryCreateData, ModuleRuleUseLoader,
  NormalModuleFactoryResolveLoader, Plugin, Resolver,
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};
use rspack_loader_runner::parse_resource;
use rspack_native_js_callback::{JsCallback, release_on_close};

use crate::{LOADER_NAME, loader::ReplaceLoader, options::parse_options};

/// One function replacement for one module, as `@rspack-native/core`'s dispatcher receives it:
/// it runs `source.replace(search, replace)` with the rule's own `search` and function, which
/// is called once per match with JavaScript's arguments, `this` being `{ resource,
/// resourcePath, resourceQuery }`. Internal.
#[napi(object, object_from_js = false)]
pub struct ReplaceCall {
  /// The number `@rspack-native/core` gave the rule's function.
  pub id: u32,
  /// The module's source so far.
  pub source: String,
  /// The module's resource: path, query and fragment.
  pub resource: String,
  /// The module's path.
  pub resource_path: String,
  /// The module's query, `?` included, or `''`.
  pub resource_query: String,
}

/// `dispatch(call) → source`: the function replacements of every rule of one compiler.
pub type ReplaceFunctions = JsCallback<ReplaceCall, String>;

/// The loaders made so far, by loader request and options.
type LoaderCache = Mutex<HashMap<(String, String), Arc<ReplaceLoader>>>;

/// Resolves `builtin:replace-loader` requests to the native loader.
#[plugin]
#[derive(Debug)]
pub struct ReplaceLoaderPlugin {
  /// Rspack resolves a rule's loaders for every module it applies to: the options are read and
  /// the patterns compiled once per rule, and every module of the rule shares that loader.
  loaders: LoaderCache,
  /// Runs the function replacements; `None` when the compiler's rules have none.
  functions: Option<ReplaceFunctions>,
}

impl ReplaceLoaderPlugin {
  /// The plugin, with `@rspack-native/core`'s dispatcher for function replacements, if any.
  pub fn new(functions: Option<ReplaceFunctions>) -> Self {
    Self::new_inner(LoaderCache::default(), functions)
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
    if let Some(functions) = &self.functions {
      release_on_close(ctx, vec![Box::new(functions.clone())]);
    }
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
  let made = Arc::new(ReplaceLoader::new(
    request,
    replacements,
    self.functions.clone(),
  ));
  loaders.insert(key, made.clone());
  Ok(Some(made))
}
