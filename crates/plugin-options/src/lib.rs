//! Reads a plugin's or loader's options from JavaScript with errors a user can act on.
//!
//! Every message starts with the owner's name (`ManifestPlugin: …`) and names the option and
//! what was expected, so a bad `rspack.config.js` is fixed from the message alone.

use napi::{
  JsValue,
  bindgen_prelude::{FromNapiValue, JsObjectValue, Object, TypeName, Unknown, ValueType},
};
use rspack_native_js_regexp::JsRegExp;

/// A JavaScript options object, checked against the options its owner knows.
pub struct OptionsReader<'env> {
  owner: &'static str,
  object: Option<Object<'env>>,
}

/// An option that holds a function, which a native plugin cannot call.
pub struct FunctionOptions<'a> {
  /// The names of the options that may only hold functions.
  pub names: &'a [&'a str],
  /// What to use instead, appended to the error.
  pub advice: &'a str,
}

impl<'env> OptionsReader<'env> {
  /// Accepts `undefined` (no options) or a plain object; anything else is an error.
  pub fn new(owner: &'static str, options: Unknown<'env>) -> napi::Result<Self> {
    let object = match options.get_type()? {
      ValueType::Undefined | ValueType::Null => None,
      ValueType::Object if !is_array(&options)? => Some(options.coerce_to_object()?),
      other => {
        return Err(error(
          owner,
          format!("options must be an object, but got {}", describe(other)),
        ));
      }
    };
    Ok(Self { owner, object })
  }

  /// Rejects options this owner does not know, and options given as functions.
  pub fn check_keys(&self, known: &[&str], functions: FunctionOptions<'_>) -> napi::Result<()> {
    let Some(object) = &self.object else {
      return Ok(());
    };
    for key in own_keys(object)? {
      let value: Unknown = object.get_named_property(&key)?;
      let value_type = value.get_type()?;
      let is_unset = matches!(value_type, ValueType::Undefined | ValueType::Null);
      if is_unset && functions.names.contains(&key.as_str()) {
        // The peer's defaults for its function options are `null`.
        continue;
      }
      if value_type == ValueType::Function {
        let reason = if functions.names.contains(&key.as_str()) {
          format!(
            "option \"{key}\" is a function; function options ({}) are not supported natively. {}",
            functions.names.join(", "),
            functions.advice
          )
        } else {
          format!("option \"{key}\" must not be a function")
        };
        return Err(error(self.owner, reason));
      }
      if !known.contains(&key.as_str()) {
        let reason = if functions.names.contains(&key.as_str()) {
          format!(
            "option \"{key}\" is not supported natively. {}",
            functions.advice
          )
        } else {
          format!(
            "unknown option \"{key}\"; expected one of: {}",
            known.join(", ")
          )
        };
        return Err(error(self.owner, reason));
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

  /// A string option.
  pub fn string(&self, key: &str) -> napi::Result<Option<String>> {
    self.typed(key, "a string")
  }

  /// A boolean option.
  pub fn boolean(&self, key: &str) -> napi::Result<Option<bool>> {
    self.typed(key, "a boolean")
  }

  /// A `RegExp` option.
  pub fn regexp(&self, key: &str) -> napi::Result<Option<JsRegExp>> {
    self
      .value(key)?
      .map(|value| self.to_regexp(key, value, "a RegExp"))
      .transpose()
  }

  /// An option that holds a `RegExp` or `false` (`Some(None)`).
  pub fn regexp_or_false(&self, key: &str) -> napi::Result<Option<Option<JsRegExp>>> {
    let Some(value) = self.value(key)? else {
      return Ok(None);
    };
    if value.get_type()? == ValueType::Boolean {
      if unsafe { value.cast::<bool>()? } {
        return Err(self.type_error(key, "a RegExp or false", ValueType::Boolean));
      }
      return Ok(Some(None));
    }
    self
      .to_regexp(key, value, "a RegExp or false")
      .map(|regexp| Some(Some(regexp)))
  }

  /// A plain object option.
  pub fn object(&self, key: &str) -> napi::Result<Option<Object<'env>>> {
    let Some(value) = self.value(key)? else {
      return Ok(None);
    };
    if value.get_type()? != ValueType::Object || is_array(&value)? {
      return Err(self.type_error(key, "an object", value.get_type()?));
    }
    Ok(Some(value.coerce_to_object()?))
  }

  /// An error about `key` that names the owner and the option.
  pub fn invalid(&self, key: &str, reason: impl std::fmt::Display) -> napi::Error {
    error(self.owner, format!("option \"{key}\" {reason}"))
  }

  fn typed<T: FromNapiValue + TypeName>(
    &self,
    key: &str,
    expected: &str,
  ) -> napi::Result<Option<T>> {
    let Some(value) = self.value(key)? else {
      return Ok(None);
    };
    let actual = value.get_type()?;
    if actual != T::value_type() {
      return Err(self.type_error(key, expected, actual));
    }
    Ok(Some(unsafe { value.cast::<T>()? }))
  }

  fn to_regexp(&self, key: &str, value: Unknown<'env>, expected: &str) -> napi::Result<JsRegExp> {
    let actual = value.get_type()?;
    if actual != ValueType::Object || !is_regexp(&value)? {
      return Err(self.type_error(key, expected, actual));
    }
    let object = value.coerce_to_object()?;
    let source: String = object.get_named_property("source")?;
    let flags: String = object.get_named_property("flags")?;
    JsRegExp::new(&source, &flags).map_err(|e| self.invalid(key, format!("is an {e}")))
  }

  fn type_error(&self, key: &str, expected: &str, actual: ValueType) -> napi::Error {
    self.invalid(
      key,
      format!("must be {expected}, but got {}", describe(actual)),
    )
  }
}

/// An error whose message starts with the owner's name.
pub fn error(owner: &str, reason: impl std::fmt::Display) -> napi::Error {
  napi::Error::new(napi::Status::InvalidArg, format!("{owner}: {reason}"))
}

fn own_keys(object: &Object<'_>) -> napi::Result<Vec<String>> {
  let names = object.get_property_names()?;
  let length = names.get_array_length()?;
  (0..length)
    .map(|index| names.get_element::<String>(index))
    .collect()
}

fn is_array(value: &Unknown<'_>) -> napi::Result<bool> {
  value.is_array()
}

fn is_regexp(value: &Unknown<'_>) -> napi::Result<bool> {
  let env = napi::Env::from_raw(value.value().env);
  let global = env.get_global()?;
  let constructor: napi::bindgen_prelude::Function<'_, Unknown<'_>, Unknown<'_>> =
    global.get_named_property("RegExp")?;
  value.instanceof(constructor)
}

fn describe(value_type: ValueType) -> &'static str {
  match value_type {
    ValueType::Undefined => "undefined",
    ValueType::Null => "null",
    ValueType::Boolean => "a boolean",
    ValueType::Number => "a number",
    ValueType::String => "a string",
    ValueType::Symbol => "a symbol",
    ValueType::Object => "an object",
    ValueType::Function => "a function",
    ValueType::External => "an external",
    ValueType::BigInt => "a bigint",
    _ => "an unknown value",
  }
}
