//! A function's result read as the type a plugin needs, or told apart from it: the one place where
//! a result of the wrong type becomes a message, with the function's name.

use std::ptr;

use napi::{
  JsValue, Unknown, ValueType,
  bindgen_prelude::{FromNapiValue, JsObjectValue, Object, TypeName},
  check_status, sys,
};

/// The key of the object that `@rspack-native/core` returns in place of a result when the user's
/// function threw (`reportedToRust` in its callbacks.js); its value is the error's text, stack
/// included. Returned rather than thrown, so the text arrives whole on every binding: napi keeps
/// no reference to a thrown error in the WebAssembly binding, and rebuilds it from a string.
const THREW_KEY: &str = "__rspackNativeThrew";

/// What a function returned, read so that reading never fails: the call that got it can name the
/// function in the message (inside napi, the function is unknown).
pub(crate) enum Checked<T> {
  /// A `T`.
  Read(T),
  /// A value that is not a `T`.
  Wrong(WrongResult),
  /// No value: the function threw, with this text (`option "filter" threw: Error: …` and the
  /// stack).
  Threw(String),
}

/// A result that could not be read as the type the plugin needs.
pub(crate) struct WrongResult {
  /// What came back, in messages: `a number`, `null`, `an array`.
  returned: &'static str,
  /// Why napi could not read it (`Missing field `name``).
  reason: String,
}

impl<T: FromNapiValue> FromNapiValue for Checked<T> {
  unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
    if let Some(thrown) = unsafe { thrown(env, value) }? {
      return Ok(Checked::Threw(thrown));
    }
    match unsafe { T::from_napi_value(env, value) } {
      Ok(read) => Ok(Checked::Read(read)),
      Err(error) => {
        // Reading a field of `null` (for a `#[napi(object)]` struct) leaves a TypeError pending,
        // which Node would report as uncaught: the message made of this result replaces it.
        let mut exception = ptr::null_mut();
        check_status!(unsafe { sys::napi_get_and_clear_last_exception(env, &mut exception) })?;
        let value = unsafe { Unknown::from_napi_value(env, value) }?;
        Ok(Checked::Wrong(WrongResult {
          returned: returned(&value)?,
          reason: error.reason,
        }))
      }
    }
  }
}

/// The text of what the function threw, when `value` is the object that says so.
unsafe fn thrown(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Option<String>> {
  let value = unsafe { Unknown::from_napi_value(env, value) }?;
  if value.get_type()? != ValueType::Object {
    return Ok(None);
  }
  let object = unsafe { Object::from_napi_value(env, value.raw()) }?;
  if !object.has_own_property(THREW_KEY)? {
    return Ok(None);
  }
  object.get_named_property(THREW_KEY).map(Some)
}

impl WrongResult {
  /// The message for this result of `label` (`option "filename"`), whose owner needs a `T`:
  /// `CompressionPlugin: option "filename" must return a string, but returned a number`.
  pub(crate) fn message<T: TypeName>(&self, owner: &str, label: &str) -> String {
    match expected(T::type_name(), T::value_type()) {
      Some(expected) if expected != self.returned => format!(
        "{owner}: {label} must return {expected}, but returned {}",
        self.returned
      ),
      // The right kind of value, but not what the plugin reads (an object without a field).
      _ => format!(
        "{owner}: {label} returned {}, which cannot be used: {}",
        self.returned, self.reason
      ),
    }
  }
}

/// What a value is, in messages; `null`, arrays and promises told apart from objects.
fn returned(value: &Unknown<'_>) -> napi::Result<&'static str> {
  let value_type = value.get_type()?;
  Ok(if value_type != ValueType::Object {
    described(value_type)
  } else if value.is_array()? {
    "an array"
  } else if value.is_promise()? {
    "a promise"
  } else {
    "an object"
  })
}

/// What napi reads as the type named `type_name` of `value_type` (a [`TypeName`]), in messages;
/// `None` when that is not one kind of value (`Either`, or any value).
fn expected(type_name: &str, value_type: ValueType) -> Option<&'static str> {
  match type_name {
    "Promise" => Some("a promise"),
    // `Array`, and `Vec<T>`'s `Array<T>`.
    name if name.starts_with("Array") => Some("an array"),
    _ if value_type == ValueType::Unknown => None,
    _ => Some(described(value_type)),
  }
}

/// A JavaScript type, in messages.
fn described(value_type: ValueType) -> &'static str {
  match value_type {
    ValueType::Undefined => "undefined",
    ValueType::Null => "null",
    ValueType::Boolean => "a boolean",
    ValueType::Number => "a number",
    ValueType::String => "a string",
    ValueType::Symbol => "a symbol",
    ValueType::Object => "an object",
    ValueType::Function => "a function",
    ValueType::External => "an external value",
    ValueType::BigInt => "a bigint",
    ValueType::Unknown => "an unknown value",
  }
}

#[cfg(test)]
mod tests {
  use napi::bindgen_prelude::{Buffer, Promise};

  use super::*;

  /// A `#[napi(object)]` struct, as napi-derive describes it.
  struct Environment;

  impl TypeName for Environment {
    fn type_name() -> &'static str {
      "Environment"
    }

    fn value_type() -> ValueType {
      ValueType::Object
    }
  }

  fn wrong(returned: &'static str, reason: &str) -> WrongResult {
    WrongResult {
      returned,
      reason: reason.to_string(),
    }
  }

  #[test]
  fn another_kind_names_what_was_expected_and_what_came_back() {
    let message = wrong(
      "a number",
      "Failed to convert JavaScript value `Number 3 ` into rust type `String`",
    )
    .message::<String>("CompressionPlugin", "option \"filename\"");
    assert_eq!(
      message,
      "CompressionPlugin: option \"filename\" must return a string, but returned a number"
    );
  }

  #[test]
  fn null_undefined_arrays_and_promises_are_not_objects() {
    for returned in ["null", "undefined", "an array", "a promise"] {
      assert_eq!(
        wrong(returned, "").message::<Environment>("P", "option \"f\""),
        format!("P: option \"f\" must return an object, but returned {returned}")
      );
    }
  }

  #[test]
  fn the_right_kind_that_napi_cannot_read_gives_napi_reason() {
    assert_eq!(
      wrong("an object", "Missing field `watchRun`").message::<Environment>("P", "option \"f\""),
      "P: option \"f\" returned an object, which cannot be used: Missing field `watchRun`"
    );
  }

  #[test]
  fn expected_kinds_come_from_napi_type_names() {
    assert_eq!(
      expected(Promise::<Buffer>::type_name(), ValueType::Object),
      Some("a promise")
    );
    assert_eq!(
      expected(Vec::<String>::type_name(), ValueType::Object),
      Some("an array")
    );
    assert_eq!(
      expected(bool::type_name(), bool::value_type()),
      Some("a boolean")
    );
    assert_eq!(expected("Either", ValueType::Unknown), None);
  }
}
