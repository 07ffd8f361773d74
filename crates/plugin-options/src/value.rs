//! [`OptionValue`]: the types an option can hold, each read from JavaScript with its own check.

use std::{borrow::Cow, collections::HashMap};

use napi::{
  Either, Env, JsValue,
  bindgen_prelude::{
    FromNapiValue, Function, JsObjectValue, JsValuesTupleIntoVec, Object, TypeName, Unknown,
    ValueType,
  },
};
use rspack_native_js_callback::JsCallback;
use rspack_native_js_regexp::JsRegExp;

use crate::{
  describe::{is_plain_object, is_regexp},
  reader::OptionsReader,
};

/// The JavaScript type an option's value must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsType {
  /// A string.
  String,
  /// A boolean.
  Boolean,
  /// A number.
  Number,
  /// An object that is not an array or a function (a `RegExp` counts).
  Object,
  /// An array.
  Array,
  /// A function.
  Function,
  /// A `RegExp`.
  RegExp,
}

impl JsType {
  /// The type, in messages: `a string`.
  pub fn expected(self) -> &'static str {
    match self {
      JsType::String => "a string",
      JsType::Boolean => "a boolean",
      JsType::Number => "a number",
      JsType::Object => "an object",
      JsType::Array => "an array",
      JsType::Function => "a function",
      JsType::RegExp => "a RegExp",
    }
  }

  /// Whether `value` has this type.
  pub fn accepts(self, value: &Unknown<'_>) -> napi::Result<bool> {
    let value_type = value.get_type()?;
    Ok(match self {
      JsType::String => value_type == ValueType::String,
      JsType::Boolean => value_type == ValueType::Boolean,
      JsType::Number => value_type == ValueType::Number,
      JsType::Function => value_type == ValueType::Function,
      JsType::Object => is_plain_object(value)?,
      JsType::Array => value.is_array()?,
      JsType::RegExp => is_regexp(value)?,
    })
  }
}

/// A type an option can hold. Most implementations only say their [`JsType`] and how to read a
/// value; types made of others (`Vec<T>`, [`OrFalse`], `Either`) say what they accept.
pub trait OptionValue: Sized {
  /// The JavaScript type of the value.
  const TYPE: JsType;

  /// Whether users give this option a JavaScript function (exported to JavaScript, which wraps
  /// such functions so that what they throw names the option).
  const MAY_BE_FUNCTION: bool = matches!(Self::TYPE, JsType::Function);

  /// What the option must hold, in messages: `a string`, `a RegExp or false`.
  fn expected() -> Cow<'static, str> {
    Cow::Borrowed(Self::TYPE.expected())
  }

  /// Whether `value` has this option's type (the value may still be invalid).
  fn accepts(value: &Unknown<'_>) -> napi::Result<bool> {
    Self::TYPE.accepts(value)
  }

  /// Reads `value`, which [`Self::accepts`], found at `key` of `reader`.
  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self>;
}

impl<'env> OptionsReader<'env> {
  /// An option of type `T`; `None` when it is absent, `undefined` or `null`.
  pub fn get<T: OptionValue>(&self, key: &str) -> napi::Result<Option<T>> {
    self
      .value(key)?
      .map(|value| self.read_value(key, value))
      .transpose()
  }

  /// An option of type `T` that must be given.
  pub fn required<T: OptionValue>(&self, key: &str) -> napi::Result<T> {
    self
      .get(key)?
      .ok_or_else(|| self.invalid(key, format!("is required ({})", T::expected())))
  }

  /// `value`, found at `key` (which may be an array item, `key[2]`), read as a `T`.
  pub fn read_value<T: OptionValue>(&self, key: &str, value: Unknown<'env>) -> napi::Result<T> {
    if !T::accepts(&value)? {
      return Err(self.type_error(key, &T::expected(), &value));
    }
    T::read(self, key, value)
  }
}

/// Implements [`OptionValue`] for a type NAPI-RS reads from one JavaScript value type.
macro_rules! primitive_option {
  ($type:ty, $js_type:ident) => {
    impl OptionValue for $type {
      const TYPE: JsType = JsType::$js_type;

      fn read(_reader: &OptionsReader<'_>, _key: &str, value: Unknown<'_>) -> napi::Result<Self> {
        unsafe { value.cast::<$type>() }
      }
    }
  };
}

primitive_option!(String, String);
primitive_option!(bool, Boolean);
primitive_option!(u32, Number);
primitive_option!(i32, Number);
primitive_option!(f64, Number);

impl OptionValue for JsRegExp {
  const TYPE: JsType = JsType::RegExp;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let object = value.coerce_to_object()?;
    let source: String = object.get_named_property("source")?;
    let flags: String = object.get_named_property("flags")?;
    JsRegExp::new(&source, &flags).map_err(|e| reader.invalid(key, format!("is an {e}")))
  }
}

/// A function option that runs in JavaScript, where the plugin's JavaScript file calls it; Rust
/// only checks that the user gave a function.
#[derive(Debug, Clone, Copy)]
pub struct JsFunction;

impl OptionValue for JsFunction {
  const TYPE: JsType = JsType::Function;

  fn read(_reader: &OptionsReader<'_>, _key: &str, _value: Unknown<'_>) -> napi::Result<Self> {
    Ok(JsFunction)
  }
}

/// A function option that Rust calls during the build. Its errors start with the owner; a result
/// of the wrong type names the option (`option "filename" must return a string, …`), and so does
/// what it throws, through `@rspack-native/core`, which wraps each function option.
impl<Args, Ret> OptionValue for JsCallback<Args, Ret>
where
  Args: 'static + JsValuesTupleIntoVec,
  Ret: 'static + FromNapiValue + TypeName,
{
  const TYPE: JsType = JsType::Function;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    JsCallback::from_js(reader.owner(), format!("option \"{key}\""), value)
  }
}

/// An option that holds a `T` or `false` (`RegExp | false`), which turns the feature off.
#[derive(Debug, Clone)]
pub enum OrFalse<T> {
  /// `false`.
  False,
  /// A value.
  Value(T),
}

impl<T: OptionValue> OptionValue for OrFalse<T> {
  const TYPE: JsType = T::TYPE;
  const MAY_BE_FUNCTION: bool = T::MAY_BE_FUNCTION;

  fn expected() -> Cow<'static, str> {
    Cow::Owned(format!("{} or false", T::expected()))
  }

  fn accepts(value: &Unknown<'_>) -> napi::Result<bool> {
    Ok(
      value.get_type()? == ValueType::Boolean && !unsafe { value.cast::<bool>()? }
        || T::accepts(value)?,
    )
  }

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    if value.get_type()? == ValueType::Boolean {
      return Ok(OrFalse::False);
    }
    T::read(reader, key, value).map(OrFalse::Value)
  }
}

/// An option of one of two types (`string | RegExp`), tried in order.
impl<A: OptionValue, B: OptionValue> OptionValue for Either<A, B> {
  const TYPE: JsType = A::TYPE;
  const MAY_BE_FUNCTION: bool = A::MAY_BE_FUNCTION || B::MAY_BE_FUNCTION;

  fn expected() -> Cow<'static, str> {
    Cow::Owned(format!("{} or {}", A::expected(), B::expected()))
  }

  fn accepts(value: &Unknown<'_>) -> napi::Result<bool> {
    Ok(A::accepts(value)? || B::accepts(value)?)
  }

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    if A::accepts(&value)? {
      A::read(reader, key, value).map(Either::A)
    } else {
      B::read(reader, key, value).map(Either::B)
    }
  }
}

/// An array option; its items' messages name `key[index]`.
impl<T: OptionValue> OptionValue for Vec<T> {
  const TYPE: JsType = JsType::Array;
  const MAY_BE_FUNCTION: bool = T::MAY_BE_FUNCTION;

  fn expected() -> Cow<'static, str> {
    Cow::Owned(format!("an array of {}", plural(&T::expected())))
  }

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let array = value.coerce_to_object()?;
    (0..array.get_array_length()?)
      .map(|index| reader.read_value(&format!("{key}[{index}]"), array.get_element(index)?))
      .collect()
  }
}

/// An object option whose values are all `T` (`Record<string, T>`); its values' messages name
/// `key.<name>`. Entries that are `undefined` or `null` are left out.
impl<T: OptionValue> OptionValue for HashMap<String, T> {
  const TYPE: JsType = JsType::Object;
  const MAY_BE_FUNCTION: bool = T::MAY_BE_FUNCTION;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let record = reader.nested_object(key, value)?;
    let mut entries = HashMap::new();
    for name in record.keys()? {
      if let Some(value) = record.get(&name)? {
        entries.insert(name, value);
      }
    }
    Ok(entries)
  }
}

/// `a string` → `strings`, `an object` → `objects`: the items of an array, in messages.
fn plural(expected: &str) -> String {
  let noun = expected
    .strip_prefix("an ")
    .or_else(|| expected.strip_prefix("a "))
    .unwrap_or(expected);
  format!("{noun}s")
}

/// An object option kept as data (`Record<string, unknown>`): what `JSON.stringify` writes of
/// it, so functions and `undefined` are left out and key order is JavaScript's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JsonObject(pub serde_json::Map<String, serde_json::Value>);

impl OptionValue for JsonObject {
  const TYPE: JsType = JsType::Object;

  fn read(reader: &OptionsReader<'_>, key: &str, value: Unknown<'_>) -> napi::Result<Self> {
    let env = Env::from_raw(value.value().env);
    let json: Object = env.get_global()?.get_named_property("JSON")?;
    let stringify: Function<Unknown, Option<String>> = json.get_named_property("stringify")?;
    let text = stringify.call(value)?.unwrap_or_default();
    match serde_json::from_str(&text) {
      Ok(serde_json::Value::Object(object)) => Ok(JsonObject(object)),
      _ => Err(reader.invalid(key, "must be an object that JSON.stringify can write")),
    }
  }
}
