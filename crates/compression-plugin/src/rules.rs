//! Which assets are compressed: `test`, `include` and `exclude`, matched as webpack's
//! `ModuleFilenameHelpers.matchObject` matches them (a string is a prefix, a RegExp a search).

use napi::{
  JsValue,
  bindgen_prelude::{JsObjectValue, Unknown},
};
use rspack_native_js_regexp::JsRegExp;
use rspack_native_plugin_options::{JsType, OptionValue, OptionsReader};

/// One condition on an asset's name.
#[derive(Debug, Clone)]
pub enum Rule {
  /// The name starts with this text.
  Prefix(String),
  /// The name contains a match.
  Pattern(JsRegExp),
}

impl Rule {
  fn matches(&self, name: &str) -> bool {
    match self {
      Rule::Prefix(prefix) => name.starts_with(prefix.as_str()),
      Rule::Pattern(regexp) => regexp.test(name),
    }
  }
}

/// A `test`, `include` or `exclude` option: one rule or several, any of which may match.
#[derive(Debug, Clone, Default)]
pub struct Rules(pub Vec<Rule>);

impl Rules {
  /// webpack's `matchPart`: an empty string matches every name.
  fn matches(&self, name: &str) -> bool {
    self.0.iter().any(|rule| rule.matches(name))
  }
}

impl OptionValue for Rules {
  const TYPE: JsType = JsType::String;

  fn expected() -> std::borrow::Cow<'static, str> {
    "a string, a RegExp or an array of them".into()
  }

  fn accepts(value: &Unknown<'_>) -> napi::Result<bool> {
    Ok(JsType::String.accepts(value)? || JsType::RegExp.accepts(value)? || value.is_array()?)
  }

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let rule = |key: &str, value: Unknown<'_>| -> napi::Result<Rule> {
      if JsType::String.accepts(&value)? {
        Ok(Rule::Prefix(reader.read_value(key, value)?))
      } else if JsType::RegExp.accepts(&value)? {
        Ok(Rule::Pattern(reader.read_value(key, value)?))
      } else {
        Err(reader.type_error(key, "a string or a RegExp", &value))
      }
    };
    if !value.is_array()? {
      return Ok(Rules(vec![rule(key, value)?]));
    }
    let array = value.coerce_to_object()?;
    let mut rules = Vec::new();
    for index in 0..array.get_array_length()? {
      rules.push(rule(&format!("{key}[{index}]"), array.get_element(index)?)?);
    }
    Ok(Rules(rules))
  }
}

/// `test`, `include` and `exclude` together.
#[derive(Debug, Clone, Default)]
pub struct AssetFilter {
  /// Only names that match.
  pub test: Option<Rules>,
  /// Only names that match.
  pub include: Option<Rules>,
  /// Never names that match.
  pub exclude: Option<Rules>,
}

impl AssetFilter {
  /// `ModuleFilenameHelpers.matchObject(options, name)`.
  pub fn matches(&self, name: &str) -> bool {
    let fails = |rules: &Option<Rules>| rules.as_ref().is_some_and(|rules| !rules.matches(name));
    !fails(&self.test)
      && !fails(&self.include)
      && !self
        .exclude
        .as_ref()
        .is_some_and(|rules| rules.matches(name))
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn rules(rules: Vec<Rule>) -> Option<Rules> {
    Some(Rules(rules))
  }

  #[test]
  fn strings_are_prefixes_and_regexps_search() {
    let js = Rule::Pattern(JsRegExp::new(r"\.js$", "").unwrap());
    let filter = AssetFilter {
      test: rules(vec![js.clone(), Rule::Prefix("css/".into())]),
      include: None,
      exclude: rules(vec![Rule::Prefix("js/vendor".into())]),
    };
    assert!(filter.matches("js/main.js"));
    assert!(filter.matches("css/main.css"));
    assert!(!filter.matches("js/vendor.js"));
    assert!(!filter.matches("main.css"));
    assert!(AssetFilter::default().matches("anything"));
    let include = AssetFilter {
      include: rules(vec![Rule::Prefix(String::new())]),
      ..AssetFilter::default()
    };
    assert!(
      include.matches("anything"),
      "an empty string matches every name"
    );
  }
}
