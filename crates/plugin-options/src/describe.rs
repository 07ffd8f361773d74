//! What a JavaScript value is, for checks and for messages, and the messages themselves.

use napi::{
  JsValue,
  bindgen_prelude::{Function, JsObjectValue, Unknown, ValueType},
};

/// Whether `value` is an object that is not an array or a function (a `RegExp` counts).
pub(crate) fn is_plain_object(value: &Unknown<'_>) -> napi::Result<bool> {
  Ok(value.get_type()? == ValueType::Object && !value.is_array()?)
}

/// Whether `value` is a `RegExp` of this realm.
pub(crate) fn is_regexp(value: &Unknown<'_>) -> napi::Result<bool> {
  if value.get_type()? != ValueType::Object {
    return Ok(false);
  }
  let env = napi::Env::from_raw(value.value().env);
  let constructor: Function<'_, Unknown<'_>, Unknown<'_>> =
    env.get_global()?.get_named_property("RegExp")?;
  value.instanceof(constructor)
}

/// What a value is, for messages: `a string`, `an array`, `null`; a boolean by its value, since
/// an option that takes `false` may refuse `true`.
pub(crate) fn describe(value: &Unknown<'_>) -> napi::Result<&'static str> {
  let value_type = value.get_type()?;
  if value_type == ValueType::Object && value.is_array()? {
    return Ok("an array");
  }
  Ok(match value_type {
    ValueType::Undefined => "undefined",
    ValueType::Null => "null",
    // SAFETY: the value is a boolean.
    ValueType::Boolean if unsafe { value.cast::<bool>()? } => "true",
    ValueType::Boolean => "false",
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

/// An error whose message starts with the owner's name.
pub fn error(owner: &str, reason: impl std::fmt::Display) -> napi::Error {
  napi::Error::new(napi::Status::InvalidArg, format!("{owner}: {reason}"))
}
