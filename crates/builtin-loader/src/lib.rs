//! What every native `builtin:` loader needs from the plugin that resolves it: the options of the
//! rules that use the loader, read once when the compiler is created, and which of them a loader
//! request names.
//!
//! `@rspack-native/core` gives each compiler the loader's plugin (`registerNativeLoader`), with
//! `{ rules: { [ident]: options } }`: each rule's own options object, by the ident Rspack gives
//! the rule's loader (`ruleSet[1].rules[0].use[0]`). Rspack then asks for the loader as
//! `builtin:<name>??<ident>`. Options that are not in a rule reach the loader only as JSON: those
//! of a function `use` from Rspack, those of an inline request from its query
//! (`builtin:<name>?{"key":"value"}!./file`).

use std::collections::HashMap;

use napi::{
  JsValue, Unknown,
  bindgen_prelude::{JsObjectValue, Object},
};
use rspack_core::ModuleRuleUseLoader;
use rspack_loader_runner::parse_resource;
use rspack_native_plugin_options::OptionsReader;

/// The key of the loader plugin's one option.
const RULES_OPTION: &str = "rules";

/// The options of each rule that uses one native loader, by the rule's loader ident. A rule whose
/// options are wrong keeps the message: it fails the modules the rule applies to, as a JavaScript
/// loader's option error does, not the compiler.
#[derive(Debug)]
pub struct LoaderRules<T> {
  rules: HashMap<String, Result<T, String>>,
}

/// What a request for the loader refers to.
#[derive(Debug, PartialEq)]
pub enum RuleRequest<'a, T> {
  /// A rule's options, read when the compiler was created.
  Rule(&'a T),
  /// A rule whose options were refused: the message, which names the loader and the option.
  Refused(&'a str),
  /// Options that reached the loader only as JSON; `None` when it was given none.
  Json(Option<&'a str>),
}

impl<T> LoaderRules<T> {
  /// Reads the loader plugin's options, `{ rules }`, with `read_rule` for each rule's options.
  /// `owner` (the plugin's name) starts the message of a wrong key. Call on the JavaScript
  /// thread, from the plugin's resolver.
  pub fn read(
    owner: &'static str,
    options: Unknown<'_>,
    mut read_rule: impl FnMut(Unknown<'_>) -> napi::Result<T>,
  ) -> napi::Result<Self> {
    let reader = OptionsReader::new(owner, options)?;
    reader.check_keys(&[RULES_OPTION], &[])?;
    let mut rules = HashMap::new();
    if let Some(value) = reader.value(RULES_OPTION)? {
      let object: Object = value.coerce_to_object()?;
      let idents = object.get_property_names()?;
      for index in 0..idents.get_array_length()? {
        let ident: String = idents.get_element(index)?;
        let rule = read_rule(object.get_named_property(&ident)?).map_err(|error| error.reason);
        rules.insert(ident, rule);
      }
    }
    Ok(Self { rules })
  }

  /// The rules whose options were read without error.
  pub fn iter(&self) -> impl Iterator<Item = &T> {
    self.rules.values().flatten()
  }

  /// What `loader` refers to when it requests the loader named `name` (`builtin:x-loader`);
  /// `None` when it requests another loader.
  pub fn request<'a>(
    &'a self,
    name: &str,
    loader: &'a ModuleRuleUseLoader,
  ) -> Option<RuleRequest<'a, T>> {
    let resource = parse_resource(&loader.loader).filter(|resource| resource.path == name)?;
    let query = resource.query.as_deref();
    // Rspack names a rule's loader with options `<loader>??<ident>`.
    let ident = query.and_then(|query| query.strip_prefix("??"));
    Some(match ident.and_then(|ident| self.rules.get(ident)) {
      Some(Ok(rule)) => RuleRequest::Rule(rule),
      Some(Err(message)) => RuleRequest::Refused(message),
      // Rspack's JSON of options from a function `use`, or an inline request's own query
      // (`builtin:x-loader?{"a":1}!./file`), which Rspack leaves in the request.
      None => {
        // The query as written in the request (`resource.query` is a copy of it).
        let inline = query
          .and_then(|query| {
            let raw = loader.loader.get(name.len()..name.len() + query.len());
            raw.filter(|raw| *raw == query)
          })
          .filter(|query| !query.starts_with("??"))
          .and_then(|query| query.strip_prefix('?'))
          .filter(|json| !json.is_empty());
        RuleRequest::Json(loader.options.as_deref().or(inline))
      }
    })
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn rules() -> LoaderRules<&'static str> {
    LoaderRules {
      rules: HashMap::from([
        ("ruleSet[1].rules[0].use[0]".to_string(), Ok("first")),
        (
          "ruleSet[1].rules[1].use[0]".to_string(),
          Err("refused".to_string()),
        ),
      ]),
    }
  }

  fn loader(request: &str, options: Option<&str>) -> ModuleRuleUseLoader {
    ModuleRuleUseLoader {
      loader: request.to_string(),
      options: options.map(str::to_string),
      cache: true,
      options_cache_key: String::new(),
      filter: None,
    }
  }

  #[test]
  fn finds_the_rule_a_request_names() {
    let rules = rules();
    let first = loader("builtin:x-loader??ruleSet[1].rules[0].use[0]", None);
    assert_eq!(
      rules.request("builtin:x-loader", &first),
      Some(RuleRequest::Rule(&"first"))
    );
    let refused = loader("builtin:x-loader??ruleSet[1].rules[1].use[0]", None);
    assert_eq!(
      rules.request("builtin:x-loader", &refused),
      Some(RuleRequest::Refused("refused"))
    );
    assert_eq!(rules.iter().collect::<Vec<_>>(), [&"first"]);
  }

  #[test]
  fn options_not_in_a_rule_come_as_json() {
    let rules = rules();
    let inline = loader("builtin:x-loader", Some("{\"a\":1}"));
    assert_eq!(
      rules.request("builtin:x-loader", &inline),
      Some(RuleRequest::Json(Some("{\"a\":1}")))
    );
    assert_eq!(
      rules.request("builtin:x-loader", &loader("builtin:x-loader", None)),
      Some(RuleRequest::Json(None))
    );
    let query = loader("builtin:x-loader?{\"a\":2}", None);
    assert_eq!(
      rules.request("builtin:x-loader", &query),
      Some(RuleRequest::Json(Some("{\"a\":2}")))
    );
    let unknown_ident = loader("builtin:x-loader??ruleSet[9].rules[0].use[0]", None);
    assert_eq!(
      rules.request("builtin:x-loader", &unknown_ident),
      Some(RuleRequest::Json(None))
    );
  }

  #[test]
  fn leaves_other_loaders_alone() {
    let rules = rules();
    let other = loader("builtin:swc-loader??ruleSet[1].rules[0].use[0]", None);
    assert_eq!(rules.request("builtin:x-loader", &other), None);
  }
}
