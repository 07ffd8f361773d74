//! The loader: applies the replacements to a module's source.

use std::sync::OnceLock;

use rspack_cacheable::{cacheable, cacheable_dyn, with::Skip};
use rspack_core::{Loader, LoaderContext, RunnerContext};
use rspack_error::{Result, error};
use rspack_loader_runner::Identifier;
use rspack_native_js_regexp::Search;

use crate::options::{
  LOADER_NAME, Replace, ReplaceCall, ReplaceContext, ReplaceFunction, Replacement, Rule,
};

/// `builtin:replace-loader` with one rule's options. Cacheable, so Rspack's persistent cache can
/// store modules built with it.
#[cacheable]
#[derive(Debug)]
pub struct ReplaceLoader {
  id: Identifier,
  replacements: Vec<Replacement>,
  /// The patterns, compiled once per loader rather than once per module.
  #[cacheable(with = Skip)]
  compiled: OnceLock<Vec<Search>>,
  /// Runs the rule's function replacements in JavaScript, index for index with `replacements`;
  /// empty in a loader restored from the persistent cache, which Rspack never runs.
  #[cacheable(with = Skip)]
  functions: Vec<Option<ReplaceFunction>>,
}

impl ReplaceLoader {
  /// A loader for the loader request `id` (which names the rule it comes from).
  pub fn new(id: &str, rule: Rule) -> Self {
    Self {
      id: id.into(),
      replacements: rule.replacements,
      compiled: OnceLock::new(),
      functions: rule.functions,
    }
  }

  fn searches(&self) -> &[Search] {
    self.compiled.get_or_init(|| {
      self
        .replacements
        .iter()
        .map(|replacement| {
          replacement
            .pattern
            .compile()
            .expect("patterns were checked when the options were read")
        })
        .collect()
    })
  }
}

#[cacheable_dyn]
#[async_trait::async_trait]
impl Loader<RunnerContext> for ReplaceLoader {
  fn identifier(&self) -> Identifier {
    self.id
  }

  async fn run(&self, loader_context: &mut LoaderContext<RunnerContext>) -> Result<()> {
    let Some(content) = loader_context.take_content() else {
      return Ok(());
    };
    let mut source = content.into_string_lossy();
    for (index, (replacement, search)) in self.replacements.iter().zip(self.searches()).enumerate()
    {
      let replaced = match &replacement.replace {
        Replace::Text(text) => search.replace(&source, text),
        // One call into JavaScript per module and function, which calls the function per match.
        Replace::Function(_) => {
          let Some(Some(function)) = self.functions.get(index) else {
            return Err(error!(
              "{}: a function \"replace\" cannot run in a loader restored from the persistent cache",
              LOADER_NAME
            ));
          };
          let context = ReplaceContext {
            resource: loader_context.resource().to_string(),
            resource_path: loader_context
              .resource_path()
              .map(|path| path.to_string())
              .unwrap_or_default(),
            resource_query: loader_context
              .resource_query()
              .unwrap_or_default()
              .to_string(),
          };
          function
            .callback
            .call(ReplaceCall {
              source: source.clone(),
              context,
            })
            .await?
        }
      };
      if replacement.strict && replaced == source {
        // The message string-replace-loader gives.
        return Err(error!(
          "Replace failed (strict mode) : {} → {}",
          replacement.search_display, replacement.replace
        ));
      }
      source = replaced;
    }
    // Like the peer, the input source map is passed on as it is.
    let source_map = loader_context.take_source_map();
    loader_context.finish_with((source, source_map));
    Ok(())
  }
}
