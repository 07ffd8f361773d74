//! `builtin:strip-lines-loader`: blanks every line of a module that holds a marker (`@strip` by
//! default), and the plugin that makes the request resolve to it.

use std::sync::Arc;

use napi::bindgen_prelude::{Env, Unknown};
use napi_derive::napi;
use rspack_cacheable::{cacheable, cacheable_dyn};
use rspack_core::{
  ApplyContext, BoxLoader, Context, Loader, LoaderContext, ModuleFactoryCreateData,
  ModuleRuleUseLoader, NormalModuleFactoryResolveLoader, Plugin, Resolver, RunnerContext,
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};
use rspack_loader_runner::Identifier;
use rspack_native_builtin_loader::{LoaderRules, RuleRequest};
use rspack_native_plugin_options::{NativePlugin, OptionsReader, PluginOptions};

// ANCHOR: options
/// The request that selects the loader in a rule: `loader: 'builtin:strip-lines-loader'`.
pub const LOADER_NAME: &str = "builtin:strip-lines-loader";

/// The marker when a rule gives none.
pub const DEFAULT_MARKER: &str = "@strip";

/// Options of `builtin:strip-lines-loader`, declared once, as a plugin's are.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(Debug, Clone, PluginOptions)]
pub struct StripLinesLoaderOptions {
  /// The text that marks a line to blank. Default: `'@strip'`.
  pub marker: Option<String>,
}

/// The plugin that resolves the loader, for the binding. Users never name it:
/// `registerNativeLoader` in `@rspack-native/core` gives it to every compiler.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: "StripLinesLoaderPlugin",
  build: resolve,
  function_options: StripLinesLoaderOptions::function_options,
};

/// Builds the plugin from `{ rules: { [ident]: options } }`: the options of every rule that uses
/// the loader, by the ident Rspack gives the rule's loader. Runs on the JavaScript thread. A
/// rule's wrong options are kept as its message, which fails the modules the rule applies to.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let rules = LoaderRules::read(NATIVE_PLUGIN.name, options, |rule| {
    OptionsReader::new(LOADER_NAME, rule)?.read::<StripLinesLoaderOptions>(&[])
  })?;
  Ok(Box::new(StripLinesLoaderPlugin::new(rules)))
}
// ANCHOR_END: options

// ANCHOR: logic
/// `source` with every line that contains `marker` made empty. The line count stays the same,
/// so each remaining character keeps its line and column, and an input source map stays right.
pub fn strip_marked_lines(source: &str, marker: &str) -> String {
  source
    .split_inclusive('\n')
    .map(|line| {
      if !line.contains(marker) {
        line
      } else if line.ends_with("\r\n") {
        "\r\n"
      } else if line.ends_with('\n') {
        "\n"
      } else {
        ""
      }
    })
    .collect()
}

/// The marker of options that reached the loader only as JSON (an inline request such as
/// `builtin:strip-lines-loader?{"marker":"@dev"}`, or a function `use`).
pub fn marker_from_json(json: Option<&str>) -> Result<String> {
  let options: serde_json::Value = match json {
    Some(json) => serde_json::from_str(json)
      .map_err(|e| error!("{LOADER_NAME}: options are not valid JSON: {e}"))?,
    None => serde_json::Value::Null,
  };
  match options.get("marker") {
    None | Some(serde_json::Value::Null) => Ok(DEFAULT_MARKER.to_string()),
    Some(serde_json::Value::String(marker)) => Ok(marker.clone()),
    Some(other) => Err(error!(
      "{LOADER_NAME}: option \"marker\" must be a string, but got {other}"
    )),
  }
}
// ANCHOR_END: logic

// ANCHOR: loader
/// The loader with one rule's options. Modules keep their loaders and the persistent cache stores
/// modules, so the loader is `#[cacheable]`: every field must be cacheable, or skipped with
/// `#[cacheable(with = Skip)]` (and then empty in a loader restored from the cache).
#[cacheable]
#[derive(Debug)]
pub struct StripLinesLoader {
  /// The loader's request, which names the rule it comes from.
  id: Identifier,
  marker: String,
}

impl StripLinesLoader {
  /// The loader of the request `id`, blanking the lines that contain `marker`.
  pub fn new(id: &str, marker: String) -> Self {
    Self {
      id: id.into(),
      marker,
    }
  }
}

#[cacheable_dyn]
#[async_trait::async_trait]
impl Loader<RunnerContext> for StripLinesLoader {
  fn identifier(&self) -> Identifier {
    self.id
  }

  async fn run(&self, loader_context: &mut LoaderContext<RunnerContext>) -> Result<()> {
    let Some(content) = loader_context.take_content() else {
      return Ok(());
    };
    let source = strip_marked_lines(&content.into_string_lossy(), &self.marker);
    // The map the loader before this one made, if any. Nothing moved, so it goes on unchanged;
    // a loader that moves text must make a new map instead.
    let source_map = loader_context.take_source_map();
    loader_context.finish_with((source, source_map));
    Ok(())
  }
}
// ANCHOR_END: loader

// ANCHOR: plugin
/// Resolves `builtin:strip-lines-loader` to [`StripLinesLoader`], with the options of the rule
/// that asks for it.
#[plugin]
#[derive(Debug)]
pub struct StripLinesLoaderPlugin {
  rules: LoaderRules<StripLinesLoaderOptions>,
}

impl StripLinesLoaderPlugin {
  /// The plugin for the rules of one compiler.
  pub fn new(rules: LoaderRules<StripLinesLoaderOptions>) -> Self {
    Self::new_inner(rules)
  }
}

impl Plugin for StripLinesLoaderPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.StripLinesLoaderPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .normal_module_factory_hooks
      .resolve_loader
      .tap(resolve_loader::new(self));
    Ok(())
  }
}

/// Stage -1: before the resolver of JavaScript loaders, which would look for a file by that name.
#[plugin_hook(NormalModuleFactoryResolveLoader for StripLinesLoaderPlugin, stage = -1)]
async fn resolve_loader(
  &self,
  _context: &Context,
  _resolver: &Resolver,
  loader: &ModuleRuleUseLoader,
  _data: &mut ModuleFactoryCreateData,
) -> Result<Option<BoxLoader>> {
  let Some(request) = self.rules.request(LOADER_NAME, loader) else {
    return Ok(None); // another loader
  };
  let marker = match request {
    RuleRequest::Rule(options) => options
      .marker
      .clone()
      .unwrap_or_else(|| DEFAULT_MARKER.to_string()),
    RuleRequest::Refused(message) => return Err(error!("{message}")),
    RuleRequest::Json(json) => marker_from_json(json)?,
  };
  if marker.is_empty() {
    return Err(error!("{LOADER_NAME}: option \"marker\" must not be empty"));
  }
  Ok(Some(Arc::new(StripLinesLoader::new(
    &loader.loader,
    marker,
  ))))
}
// ANCHOR_END: plugin

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn blanks_marked_lines_and_keeps_the_line_count() {
    let source = "a();\ndebug(); // @strip\r\nb();\nlast(); // @strip";
    assert_eq!(strip_marked_lines(source, "@strip"), "a();\n\r\nb();\n");
    assert_eq!(strip_marked_lines("", "@strip"), "");
    assert_eq!(strip_marked_lines("a\nb\n", "@strip"), "a\nb\n");
  }

  #[test]
  fn reads_the_marker_of_json_options() {
    assert_eq!(marker_from_json(None).unwrap(), "@strip");
    assert_eq!(marker_from_json(Some("{}")).unwrap(), "@strip");
    assert_eq!(
      marker_from_json(Some(r#"{"marker":"@dev"}"#)).unwrap(),
      "@dev"
    );
    let error = marker_from_json(Some(r#"{"marker":3}"#)).unwrap_err();
    assert_eq!(
      error.message,
      "builtin:strip-lines-loader: option \"marker\" must be a string, but got 3"
    );
    assert!(marker_from_json(Some("{")).is_err());
  }
}
