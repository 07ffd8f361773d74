//! Makes `builtin:replace-loader` requests resolve to [`ReplaceLoader`].

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
use rspack_native_builtin_loader::{LoaderRules, RuleRequest};
use rspack_native_js_callback::{JsCallback, Release, release_on_close};

use crate::{
  loader::ReplaceLoader,
  options::{JsonRule, LOADER_NAME, Rule},
};

/// JavaScript's `JSON.parse`, which reads options that came as JSON into a [`JsonRule`].
pub type ParseJson = JsCallback<String, JsonRule>;

/// A loader's key: its request and, for options that came as JSON, that JSON.
type LoaderKey = (String, Option<String>);

/// What each rule that uses the loader made of its options: its replacements, or the message
/// that fails the modules the rule applies to.
pub type Rules = LoaderRules<Rule>;

/// Resolves `builtin:replace-loader` requests to the native loader. `@rspack-native/core` gives
/// every compiler whose rules use the loader one of these, with each rule's options read (see
/// packages/core/src/rspack-binding.cjs).
#[plugin]
#[derive(Debug)]
pub struct ReplaceLoaderPlugin {
  /// The rules, read when the compiler was created.
  rules: Rules,
  /// Reads options that only came as JSON.
  parse_json: ParseJson,
  /// The loader of each request: Rspack resolves a rule's loaders for every module it applies
  /// to, and every module of a rule shares one loader, whose patterns are compiled once.
  loaders: Mutex<HashMap<LoaderKey, Arc<ReplaceLoader>>>,
}

impl ReplaceLoaderPlugin {
  /// The plugin for the rules of one compiler.
  pub fn new(rules: Rules, parse_json: ParseJson) -> Self {
    Self::new_inner(rules, parse_json, Mutex::default())
  }

  fn loaders(&self) -> std::sync::MutexGuard<'_, HashMap<LoaderKey, Arc<ReplaceLoader>>> {
    self.loaders.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// The rule of options that came as JSON (`None`: no options).
  async fn rule_from_json(&self, json: Option<&str>) -> Result<Rule> {
    let Some(json) = json else {
      return Err(error!(
        "{LOADER_NAME}: option \"search\" is required (a string or a RegExp)"
      ));
    };
    let parsed = self
      .parse_json
      .call(json.to_string())
      .await
      .map_err(|e| error!("{LOADER_NAME}: options are not valid JSON ({json}): {e}"))?;
    parsed.0.map_err(|message| {
      error!(
        "{message} (these options reached the loader as JSON, where a RegExp becomes {{}} and a \
         function is left out, as options from a function \"use\" do: give them in the rule itself)"
      )
    })
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
    let functions: Vec<Box<dyn Release>> = self
      .rules
      .iter()
      .flat_map(|rule| rule.functions.iter().flatten())
      .map(|function| Box::new(function.callback.clone()) as Box<dyn Release>)
      .chain([Box::new(self.parse_json.clone()) as Box<dyn Release>])
      .collect();
    release_on_close(ctx, functions);
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
  let Some(request) = self.rules.request(LOADER_NAME, loader) else {
    return Ok(None);
  };
  let key = match request {
    RuleRequest::Json(json) => (loader.loader.clone(), json.map(str::to_string)),
    RuleRequest::Rule(_) | RuleRequest::Refused(_) => (loader.loader.clone(), None),
  };
  if let Some(made) = self.loaders().get(&key) {
    return Ok(Some(made.clone()));
  }
  let rule = match request {
    RuleRequest::Rule(rule) => rule.clone(),
    RuleRequest::Refused(message) => return Err(error!("{message}")),
    RuleRequest::Json(json) => self.rule_from_json(json).await?,
  };
  let made = Arc::new(ReplaceLoader::new(&loader.loader, rule));
  self.loaders().insert(key, made.clone());
  Ok(Some(made))
}
