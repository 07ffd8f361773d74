//! Reads a plugin's or loader's options from JavaScript with errors a user can act on.
//!
//! Every message starts with the owner's name (`ManifestPlugin: …`) and names the option and
//! what was expected, so a bad `rspack.config.js` is fixed from the message alone.

use napi::{
  JsValue,
  bindgen_prelude::{
    FromNapiValue, JsObjectValue, JsValuesTupleIntoVec, Object, TypeName, Unknown, ValueType,
  },
};
use rspack_native_js_callback::JsCallback;
use rspack_native_js_regexp::JsRegExp;

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
      ValueType::Object if !is_array(&options)? => Some(options.coerce_to_object()?),
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

  /// The option's own keys, in JavaScript's order.
  pub fn keys(&self) -> napi::Result<Vec<String>> {
    match &self.object {
      Some(object) => own_keys(object),
      None => Ok(Vec::new()),
    }
  }

  /// An object option, read with the same checks; its errors name `key.<field>`.
  pub fn nested(&self, key: &str) -> napi::Result<Option<OptionsReader<'env>>> {
    Ok(
      self
        .object(key)?
        .map(|object| self.child(format!("{key}."), object)),
    )
  }

  /// An array option, each item an object read with the same checks; errors name `key[i].<field>`.
  pub fn object_array(&self, key: &str) -> napi::Result<Option<Vec<OptionsReader<'env>>>> {
    let Some(items) = self.array(key, "an array of objects")? else {
      return Ok(None);
    };
    items
      .into_iter()
      .enumerate()
      .map(|(index, item)| {
        if item.get_type()? != ValueType::Object || is_array(&item)? {
          return Err(self.type_error(&format!("{key}[{index}]"), "an object", &item));
        }
        Ok(self.child(format!("{key}[{index}]."), item.coerce_to_object()?))
      })
      .collect::<napi::Result<_>>()
      .map(Some)
  }

  /// An array of strings option.
  pub fn string_array(&self, key: &str) -> napi::Result<Option<Vec<String>>> {
    let Some(items) = self.array(key, "an array of strings")? else {
      return Ok(None);
    };
    items
      .into_iter()
      .enumerate()
      .map(|(index, item)| {
        if item.get_type()? != ValueType::String {
          return Err(self.type_error(&format!("{key}[{index}]"), "a string", &item));
        }
        unsafe { item.cast::<String>() }
      })
      .collect::<napi::Result<_>>()
      .map(Some)
  }

  /// An object option whose values are all strings, as `(key, value)` pairs in JavaScript's order.
  pub fn string_record(&self, key: &str) -> napi::Result<Option<Vec<(String, String)>>> {
    let Some(record) = self.nested(key)? else {
      return Ok(None);
    };
    let mut entries = Vec::new();
    for name in record.keys()? {
      if let Some(value) = record.string(&name)? {
        entries.push((name, value));
      }
    }
    Ok(Some(entries))
  }

  fn array(&self, key: &str, expected: &str) -> napi::Result<Option<Vec<Unknown<'env>>>> {
    let Some(value) = self.value(key)? else {
      return Ok(None);
    };
    if !is_array(&value)? {
      return Err(self.type_error(key, expected, &value));
    }
    let array = value.coerce_to_object()?;
    (0..array.get_array_length()?)
      .map(|index| array.get_element::<Unknown>(index))
      .collect::<napi::Result<_>>()
      .map(Some)
  }

  fn child(&self, path: String, object: Object<'env>) -> OptionsReader<'env> {
    OptionsReader {
      owner: self.owner,
      path: format!("{}{path}", self.path),
      object: Some(object),
    }
  }

  /// Rejects options this owner does not know. `internal` options (set by this project's
  /// JavaScript wrappers, not by users) are accepted but not listed in the message.
  pub fn check_keys(&self, known: &[&str], internal: &[&str]) -> napi::Result<()> {
    let Some(object) = &self.object else {
      return Ok(());
    };
    for key in own_keys(object)? {
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

  /// A string option.
  pub fn string(&self, key: &str) -> napi::Result<Option<String>> {
    self.typed(key, "a string")
  }

  /// A boolean option.
  pub fn boolean(&self, key: &str) -> napi::Result<Option<bool>> {
    self.typed(key, "a boolean")
  }

  /// A number option, as an unsigned 32-bit integer.
  pub fn unsigned(&self, key: &str) -> napi::Result<Option<u32>> {
    self.typed(key, "a number")
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
        return Err(self.type_error(key, "a RegExp or false", &value));
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
      return Err(self.type_error(key, "an object", &value));
    }
    Ok(Some(value.coerce_to_object()?))
  }

  /// Whether the option holds a function; an error if it holds anything else.
  pub fn is_function(&self, key: &str) -> napi::Result<bool> {
    Ok(self.function_value(key)?.is_some())
  }

  /// A function option, to be called during the build (see `rspack_native_js_callback`).
  /// Errors, and the callback's own errors, name the owner and the option.
  pub fn function<Args, Ret>(&self, key: &str) -> napi::Result<Option<JsCallback<Args, Ret>>>
  where
    Args: 'static + JsValuesTupleIntoVec,
    Ret: 'static + FromNapiValue,
  {
    let label = format!("option \"{}{key}\"", self.path);
    self
      .function_value(key)?
      .map(|value| JsCallback::from_js(self.owner, Some(label), value))
      .transpose()
  }

  /// A function that this project's JavaScript wrapper put under `key` (not a user option). It
  /// names the user's option in its own errors, so the callback's errors start with the owner
  /// only. `None` when absent; an error when not a function.
  pub fn internal_function<Args, Ret>(
    &self,
    key: &str,
  ) -> napi::Result<Option<JsCallback<Args, Ret>>>
  where
    Args: 'static + JsValuesTupleIntoVec,
    Ret: 'static + FromNapiValue,
  {
    self
      .function_value(key)?
      .map(|value| JsCallback::from_js(self.owner, None, value))
      .transpose()
  }

  /// The option's value if it is a function; an error if it holds anything else.
  fn function_value(&self, key: &str) -> napi::Result<Option<Unknown<'env>>> {
    match self.value(key)? {
      None => Ok(None),
      Some(value) if value.get_type()? == ValueType::Function => Ok(Some(value)),
      Some(value) => Err(self.type_error(key, "a function", &value)),
    }
  }

  /// An error about `key` that names the owner and the option.
  pub fn invalid(&self, key: &str, reason: impl std::fmt::Display) -> napi::Error {
    error(
      self.owner,
      format!("option \"{}{key}\" {reason}", self.path),
    )
  }

  fn typed<T: FromNapiValue + TypeName>(
    &self,
    key: &str,
    expected: &str,
  ) -> napi::Result<Option<T>> {
    let Some(value) = self.value(key)? else {
      return Ok(None);
    };
    if value.get_type()? != T::value_type() {
      return Err(self.type_error(key, expected, &value));
    }
    Ok(Some(unsafe { value.cast::<T>()? }))
  }

  fn to_regexp(&self, key: &str, value: Unknown<'env>, expected: &str) -> napi::Result<JsRegExp> {
    if value.get_type()? != ValueType::Object || !is_regexp(&value)? {
      return Err(self.type_error(key, expected, &value));
    }
    let object = value.coerce_to_object()?;
    let source: String = object.get_named_property("source")?;
    let flags: String = object.get_named_property("flags")?;
    JsRegExp::new(&source, &flags).map_err(|e| self.invalid(key, format!("is an {e}")))
  }

  fn type_error(&self, key: &str, expected: &str, actual: &Unknown<'_>) -> napi::Error {
    match describe(actual) {
      Ok(actual) => self.invalid(key, format!("must be {expected}, but got {actual}")),
      Err(error) => error,
    }
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

/// What a value is, for messages: `a string`, `an array`, `null`.
fn describe(value: &Unknown<'_>) -> napi::Result<&'static str> {
  let value_type = value.get_type()?;
  if value_type == ValueType::Object && is_array(value)? {
    return Ok("an array");
  }
  Ok(match value_type {
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
  })
}
