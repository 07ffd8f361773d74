//! What a user's function returns, read as the JavaScript plugin would use it.

use napi::{
  JsValue, Unknown, ValueType,
  bindgen_prelude::{FromNapiValue, TypeName},
  sys,
};

/// The JavaScript truthiness of what a function returned (`if (test(x))`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Truthy(pub bool);

impl FromNapiValue for Truthy {
  unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
    let value = unsafe { Unknown::from_napi_value(env, value) }?;
    value.coerce_to_bool().map(Truthy)
  }
}

impl TypeName for Truthy {
  fn type_name() -> &'static str {
    "unknown"
  }

  fn value_type() -> ValueType {
    ValueType::Unknown
  }
}

/// What a function returned, as JSON; `None` for `undefined`.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned(pub Option<serde_json::Value>);

impl FromNapiValue for Returned {
  unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
    let unknown = unsafe { Unknown::from_napi_value(env, value) }?;
    if unknown.get_type()? == ValueType::Undefined {
      return Ok(Returned(None));
    }
    unsafe { serde_json::Value::from_napi_value(env, value) }.map(|value| Returned(Some(value)))
  }
}

impl TypeName for Returned {
  fn type_name() -> &'static str {
    "unknown"
  }

  fn value_type() -> ValueType {
    ValueType::Unknown
  }
}
