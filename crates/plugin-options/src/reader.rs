//! [`OptionsReader`]: one JavaScript options object, read with messages that name the option.
//! The typed reads are in `value` (one value) and `options` (a whole declaration).

use napi::{
  JsValue,
  bindgen_prelude::{JsObjectValue, Object, Unknown, ValueType},
};

use crate::describe::{describe, error, is_plain_object};

/// A JavaScript options object, checked against the options its owner knows.
pub struct OptionsReader<'env> {
  owner: &'static str,
  /// Where this object sits in the options (`stats.`, `additionalModules[0].`); empty at the top.
  path: String,
  object: Option<Object<'env>>,
}

impl<'env> OptionsReader<'env> {
  /// Accepts `undefined` (no options) or a plain object; anything else is an error.
  pub fn new(owner: &'static str, options: Unknown<'env>) -> napi::Result<Self> {
    let object = match options.get_type()? {
      ValueType::Undefined | ValueType::Null => None,
      _ if is_plain_object(&options)? => Some(options.coerce_to_object()?),
      _ => {
        return Err(error(
          owner,
          format!("options must be an object, but got {}", describe(&options)?),
        ));
      }
    };
    Ok(Self {
      owner,
      path: String::new(),
      object,
    })
  }

  /// The owner's name, which every message starts with.
  pub fn owner(&self) -> &'static str {
    self.owner
  }

  /// The object's own keys, in JavaScript's order.
  pub fn keys(&self) -> napi::Result<Vec<String>> {
    let Some(object) = &self.object else {
      return Ok(Vec::new());
    };
    let names = object.get_property_names()?;
    (0..names.get_array_length()?)
      .map(|index| names.get_element::<String>(index))
      .collect()
  }

  /// Rejects options this owner does not know; `internal` ones are accepted but not listed.
  pub fn check_keys(&self, known: &[&str], internal: &[&str]) -> napi::Result<()> {
    for key in self.keys()? {
      if !known.contains(&key.as_str()) && !internal.contains(&key.as_str()) {
        let expected = if known.is_empty() {
          "it takes no options".to_string()
        } else {
          format!("expected one of: {}", known.join(", "))
        };
        return Err(error(
          self.owner,
          format!("unknown option \"{}{key}\"; {expected}", self.path),
        ));
      }
    }
    Ok(())
  }

  /// The option's value, or `None` when it is absent, `undefined` or `null`.
  pub fn value(&self, key: &str) -> napi::Result<Option<Unknown<'env>>> {
    let Some(object) = &self.object else {
      return Ok(None);
    };
    let value: Unknown = object.get_named_property(key)?;
    Ok(match value.get_type()? {
      ValueType::Undefined | ValueType::Null => None,
      _ => Some(value),
    })
  }

  /// A reader of the object `value` found at `key`: its messages name `key.<field>`.
  pub fn nested_object(&self, key: &str, value: Unknown<'env>) -> napi::Result<Self> {
    Ok(OptionsReader {
      owner: self.owner,
      path: format!("{}{key}.", self.path),
      object: Some(value.coerce_to_object()?),
    })
  }

  /// What the user calls the option `key`, in messages: `option "stats.warnings"`.
  pub fn label(&self, key: &str) -> String {
    format!("option \"{}{key}\"", self.path)
  }

  /// An error about `key` that names the owner and the option.
  pub fn invalid(&self, key: &str, reason: impl std::fmt::Display) -> napi::Error {
    error(self.owner, format!("{} {reason}", self.label(key)))
  }

  /// An error for a value of the wrong type at `key`.
  pub fn type_error(&self, key: &str, expected: &str, actual: &Unknown<'_>) -> napi::Error {
    match describe(actual) {
      Ok(actual) => self.invalid(key, format!("must be {expected}, but got {actual}")),
      Err(error) => error,
    }
  }
}
