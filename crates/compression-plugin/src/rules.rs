//! Which assets are compressed: `test`, `include` and `exclude`, matched as webpack's
//! `ModuleFilenameHelpers.matchObject` matches them (a string is a prefix, a RegExp a search).

use napi::{Either, JsValue, bindgen_prelude::Unknown};
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

impl From<Either<String, JsRegExp>> for Rule {
  fn from(rule: Either<String, JsRegExp>) -> Self {
    match rule {
      Either::A(prefix) => Rule::Prefix(prefix),
      Either::B(pattern) => Rule::Pattern(pattern),
    }
  }
}

/// One rule (`string | RegExp`), or an array of them, read as those types read themselves.
impl OptionValue for Rules {
  const TYPE: JsType = JsType::Array;

  fn expected() -> std::borrow::Cow<'static, str> {
    "a string, a RegExp or an array of them".into()
  }

  fn accepts(value: &Unknown<'_>) -> napi::Result<bool> {
    Ok(value.is_array()? || Either::<String, JsRegExp>::accepts(value)?)
  }

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let rules = if value.is_array()? {
      Vec::<Either<String, JsRegExp>>::read(reader, key, value)?
    } else {
      vec![reader.read_value(key, value)?]
    };
    Ok(Rules(rules.into_iter().map(Rule::from).collect()))
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
