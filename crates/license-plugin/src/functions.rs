//! The peer's function options: its defaults in Rust, or the user's JavaScript functions through
//! one dispatcher that `@rspack-native/core` makes (packages/core/src/license.js). Each is called
//! where the peer calls it: once per package or once per chunk, never once per module.

use std::collections::HashSet;

use napi_derive::napi;
use rspack_error::{Result, error};
use rspack_native_js_callback::JsCallback;
use serde_json::{Map, Value, json};

use crate::{
  license::{LicenseId, LicensedPackage},
  options::PLUGIN_NAME,
};

/// One call of a user's function: which option, and its arguments as a JSON object (a missing
/// key is `undefined`). `packageJson` fields travel as their file's text.
#[napi(object, object_from_js = false)]
pub struct LicenseFunctionCall {
  /// The option's name, e.g. `licenseInclusionTest`.
  pub option: String,
  /// The arguments, as JSON.
  pub args: String,
}

/// `dispatch(call) → JSON of { value }`: runs the user's function options of one plugin.
pub type LicenseDispatcher = JsCallback<LicenseFunctionCall, String>;

/// The function options a plugin has: the user's, through the dispatcher, or the peer's defaults.
#[derive(Debug, Default)]
pub struct Functions {
  dispatcher: Option<LicenseDispatcher>,
  given: HashSet<String>,
}

impl Functions {
  /// The user's functions named in `given`, run by `dispatcher`.
  pub fn new(dispatcher: LicenseDispatcher, given: HashSet<String>) -> Self {
    Self {
      dispatcher: Some(dispatcher),
      given,
    }
  }

  /// The dispatcher, to be released when the compiler closes.
  pub fn dispatcher(&self) -> Option<&LicenseDispatcher> {
    self.dispatcher.as_ref()
  }

  /// Calls the user's `option` with `args`; `None` when the user did not give it. The result is
  /// the returned value, `None` for `undefined`.
  async fn call(&self, option: &str, args: Value) -> Result<Option<Option<Value>>> {
    let Some(dispatcher) = self
      .dispatcher
      .as_ref()
      .filter(|_| self.given.contains(option))
    else {
      return Ok(None);
    };
    let call = LicenseFunctionCall {
      option: option.to_string(),
      args: args.to_string(),
    };
    let result = dispatcher.call(call).await?;
    let mut result: Map<String, Value> = serde_json::from_str(&result).map_err(|e| {
      error!("{PLUGIN_NAME}: option \"{option}\" returned a value that is not JSON: {e}")
    })?;
    Ok(Some(result.remove("value")))
  }

  /// `excludedPackageTest(packageName)`; default `false`.
  pub async fn excluded_package(&self, name: &str) -> Result<bool> {
    let result = self
      .call("excludedPackageTest", json!({ "packageName": name }))
      .await?;
    Ok(result.is_some_and(|value| crate::js::truthy(value.as_ref())))
  }

  /// `licenseInclusionTest(licenseType)`; default `true`.
  pub async fn license_included(&self, license: &LicenseId) -> Result<bool> {
    let result = self
      .call("licenseInclusionTest", license_args(None, license))
      .await?;
    Ok(result.is_none_or(|value| crate::js::truthy(value.as_ref())))
  }

  /// `unacceptableLicenseTest(licenseType)`; default `false`.
  pub async fn license_unacceptable(&self, license: &LicenseId) -> Result<bool> {
    let result = self
      .call("unacceptableLicenseTest", license_args(None, license))
      .await?;
    Ok(result.is_some_and(|value| crate::js::truthy(value.as_ref())))
  }

  /// `handleUnacceptableLicense(packageName, licenseType)`; default: nothing.
  pub async fn handle_unacceptable_license(&self, name: &str, license: &LicenseId) -> Result<()> {
    self
      .call(
        "handleUnacceptableLicense",
        license_args(Some(name), license),
      )
      .await?;
    Ok(())
  }

  /// `handleLicenseAmbiguity(packageName, licenses)`; default: the first entry's `type`.
  pub async fn resolve_ambiguity(&self, name: &str, licenses: &[Value]) -> Result<LicenseId> {
    let args = json!({ "packageName": name, "licenses": licenses });
    match self.call("handleLicenseAmbiguity", args).await? {
      Some(value) => Ok(value),
      None => Ok(licenses[0].get("type").cloned()),
    }
  }

  /// `handleMissingLicenseType(packageName)`; default `null`.
  pub async fn missing_license_type(&self, name: &str) -> Result<LicenseId> {
    let args = json!({ "packageName": name });
    match self.call("handleMissingLicenseType", args).await? {
      Some(value) => Ok(value),
      None => Ok(Some(Value::Null)),
    }
  }

  /// `handleMissingLicenseText(packageName, licenseType)`; default `null`.
  pub async fn missing_license_text(
    &self,
    name: &str,
    license: &LicenseId,
  ) -> Result<Option<Value>> {
    let result = self
      .call(
        "handleMissingLicenseText",
        license_args(Some(name), license),
      )
      .await?;
    Ok(result.map_or(Some(Value::Null), |value| value))
  }

  /// `chunkIncludeExcludeTest(chunkName)` when it is a function; `None` when it is not.
  pub async fn chunk_included(&self, chunk_name: Option<&str>) -> Result<Option<bool>> {
    let args = match chunk_name {
      Some(name) => json!({ "chunkName": name }),
      None => json!({}),
    };
    let result = self.call("chunkIncludeExcludeTest", args).await?;
    Ok(result.map(|value| crate::js::truthy(value.as_ref())))
  }

  /// `renderLicenses(modules)`; `None` when the user did not give it.
  pub async fn render_licenses(&self, packages: &[&LicensedPackage]) -> Result<Option<String>> {
    let args = json!({ "modules": packages.iter().map(|p| p.to_json()).collect::<Vec<_>>() });
    self
      .call("renderLicenses", args)
      .await?
      .map(|value| rendered_text("renderLicenses", value))
      .transpose()
  }

  /// `renderBanner(filename, modules)`; `None` when the user did not give it. `modules` is
  /// always empty, as the peer's is on webpack 5 and Rspack (its docs say so).
  pub async fn render_banner(&self, filename: &str) -> Result<Option<String>> {
    let args = json!({ "filename": filename, "modules": [] });
    self
      .call("renderBanner", args)
      .await?
      .map(|value| rendered_text("renderBanner", value))
      .transpose()
  }
}

/// `{ packageName?, licenseType }`, with `licenseType` left out when it is `undefined`.
fn license_args(name: Option<&str>, license: &LicenseId) -> Value {
  let mut args = Map::new();
  if let Some(name) = name {
    args.insert("packageName".into(), Value::String(name.to_string()));
  }
  if let Some(license) = license {
    args.insert("licenseType".into(), license.clone());
  }
  Value::Object(args)
}

/// A renderer's result: a string, or nothing to write (`null`, `undefined`, `''`).
fn rendered_text(option: &str, value: Option<Value>) -> Result<String> {
  match value {
    None | Some(Value::Null) => Ok(String::new()),
    Some(Value::String(text)) => Ok(text),
    Some(_) => Err(error!(
      "{PLUGIN_NAME}: option \"{option}\" must return a string"
    )),
  }
}
