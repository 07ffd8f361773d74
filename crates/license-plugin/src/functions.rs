//! The peer's function options: the user's JavaScript functions, called directly with typed
//! arguments where the peer calls them (once per package or once per chunk, never once per
//! module), or the peer's defaults in Rust.

use napi::Either;
use rspack_error::{Result, error};
use rspack_native_js_callback::{JsCallback, Release, Returned, Truthy};
use serde_json::Value;

use crate::{
  licensed::{LicenseId, LicensedPackage},
  options::{
    AmbiguityFn, ChunkTest, JsonOrUndefined, LicenseIdentifiedModule, LicensePluginOptions,
    LicenseTest, PLUGIN_NAME, PackageFn, PackageLicenseFn, PackageTest, RenderBannerFn,
    RenderLicensesFn,
  },
};

impl From<&LicensedPackage> for LicenseIdentifiedModule {
  fn from(package: &LicensedPackage) -> Self {
    Self {
      license_text: or_undefined(&package.license_text),
      package_json: package.package_json.value.clone(),
      name: package.name.clone(),
      directory: package.directory.clone(),
      license_id: or_undefined(&package.license_id),
    }
  }
}

/// The user's function options (each `None` when not given), called where the peer calls them.
#[derive(Debug, Default)]
pub struct Functions {
  /// `licenseInclusionTest`.
  pub license_inclusion_test: Option<LicenseTest>,
  /// `unacceptableLicenseTest`.
  pub unacceptable_license_test: Option<LicenseTest>,
  /// `handleUnacceptableLicense`.
  pub handle_unacceptable_license: Option<PackageLicenseFn>,
  /// `handleMissingLicenseText`.
  pub handle_missing_license_text: Option<PackageLicenseFn>,
  /// `handleLicenseAmbiguity`.
  pub handle_license_ambiguity: Option<AmbiguityFn>,
  /// `handleMissingLicenseType`.
  pub handle_missing_license_type: Option<PackageFn>,
  /// `excludedPackageTest`.
  pub excluded_package_test: Option<PackageTest>,
  /// `chunkIncludeExcludeTest`, when it is a function.
  pub chunk_include_exclude_test: Option<ChunkTest>,
  /// `renderLicenses`.
  pub render_licenses: Option<RenderLicensesFn>,
  /// `renderBanner`.
  pub render_banner: Option<RenderBannerFn>,
}

impl Functions {
  /// The function options of `options`, taken out of it.
  pub fn take(options: &mut LicensePluginOptions) -> Self {
    Self {
      license_inclusion_test: options.license_inclusion_test.take(),
      unacceptable_license_test: options.unacceptable_license_test.take(),
      handle_unacceptable_license: options.handle_unacceptable_license.take(),
      handle_missing_license_text: options.handle_missing_license_text.take(),
      handle_license_ambiguity: options.handle_license_ambiguity.take(),
      handle_missing_license_type: options.handle_missing_license_type.take(),
      excluded_package_test: options.excluded_package_test.take(),
      chunk_include_exclude_test: match options.chunk_include_exclude_test.take() {
        Some(Either::B(test)) => Some(test),
        data => {
          options.chunk_include_exclude_test = data;
          None
        }
      },
      render_licenses: options.render_licenses.take(),
      render_banner: options.render_banner.take(),
    }
  }

  /// Every function, to be released when the compiler closes.
  pub fn callbacks(&self) -> Vec<Box<dyn Release>> {
    fn boxed<T: Release + Clone + 'static>(callback: &Option<T>) -> Option<Box<dyn Release>> {
      callback
        .as_ref()
        .map(|callback| Box::new(callback.clone()) as Box<dyn Release>)
    }
    [
      boxed(&self.license_inclusion_test),
      boxed(&self.unacceptable_license_test),
      boxed(&self.handle_unacceptable_license),
      boxed(&self.handle_missing_license_text),
      boxed(&self.handle_license_ambiguity),
      boxed(&self.handle_missing_license_type),
      boxed(&self.excluded_package_test),
      boxed(&self.chunk_include_exclude_test),
      boxed(&self.render_licenses),
      boxed(&self.render_banner),
    ]
    .into_iter()
    .flatten()
    .collect()
  }

  /// `excludedPackageTest(packageName)`; default `false`.
  pub async fn excluded_package(&self, name: &str) -> Result<bool> {
    test(&self.excluded_package_test, name.to_string(), false).await
  }

  /// `licenseInclusionTest(licenseType)`; default `true`.
  pub async fn license_included(&self, license: &LicenseId) -> Result<bool> {
    test(&self.license_inclusion_test, or_undefined(license), true).await
  }

  /// `unacceptableLicenseTest(licenseType)`; default `false`.
  pub async fn license_unacceptable(&self, license: &LicenseId) -> Result<bool> {
    test(
      &self.unacceptable_license_test,
      or_undefined(license),
      false,
    )
    .await
  }

  /// `handleUnacceptableLicense(packageName, licenseType)`; default: nothing.
  pub async fn handle_unacceptable_license(&self, name: &str, license: &LicenseId) -> Result<()> {
    if let Some(handle) = &self.handle_unacceptable_license {
      handle
        .call((name.to_string(), or_undefined(license)).into())
        .await?;
    }
    Ok(())
  }

  /// `handleLicenseAmbiguity(packageName, licenses)`; default: the first entry's `type`.
  pub async fn resolve_ambiguity(&self, name: &str, licenses: &[Value]) -> Result<LicenseId> {
    match &self.handle_license_ambiguity {
      Some(handle) => Ok(
        handle
          .call((name.to_string(), licenses.to_vec()).into())
          .await?
          .0,
      ),
      None => Ok(licenses[0].get("type").cloned()),
    }
  }

  /// `handleMissingLicenseType(packageName)`; default `null`.
  pub async fn missing_license_type(&self, name: &str) -> Result<LicenseId> {
    match &self.handle_missing_license_type {
      Some(handle) => Ok(handle.call(name.to_string()).await?.0),
      None => Ok(Some(Value::Null)),
    }
  }

  /// `handleMissingLicenseText(packageName, licenseType)`; default `null`.
  pub async fn missing_license_text(
    &self,
    name: &str,
    license: &LicenseId,
  ) -> Result<Option<Value>> {
    match &self.handle_missing_license_text {
      Some(handle) => Ok(
        handle
          .call((name.to_string(), or_undefined(license)).into())
          .await?
          .0,
      ),
      None => Ok(Some(Value::Null)),
    }
  }

  /// `chunkIncludeExcludeTest(chunkName)` when it is a function; `None` when it is not.
  pub async fn chunk_included(&self, chunk_name: Option<&str>) -> Result<Option<bool>> {
    let Some(test) = &self.chunk_include_exclude_test else {
      return Ok(None);
    };
    let name = match chunk_name {
      Some(name) => Either::A(name.to_string()),
      None => Either::B(()),
    };
    Ok(Some(test.call(name).await?.0))
  }

  /// `renderLicenses(modules)`; `None` when the user did not give it.
  pub async fn render_licenses(&self, packages: &[&LicensedPackage]) -> Result<Option<String>> {
    let Some(render) = &self.render_licenses else {
      return Ok(None);
    };
    let modules = packages.iter().map(|package| (*package).into()).collect();
    rendered_text("renderLicenses", render.call(modules).await?).map(Some)
  }

  /// `renderBanner(filename, modules)`; `None` when the user did not give it. `modules` is
  /// always empty, as the peer's is on webpack 5 and Rspack (its docs say so).
  pub async fn render_banner(&self, filename: &str) -> Result<Option<String>> {
    let Some(render) = &self.render_banner else {
      return Ok(None);
    };
    let text = render
      .call((filename.to_string(), Vec::new()).into())
      .await?;
    rendered_text("renderBanner", text).map(Some)
  }
}

/// Calls a test function, or answers `default` without one.
async fn test<Args: 'static + napi::bindgen_prelude::JsValuesTupleIntoVec>(
  test: &Option<JsCallback<Args, Truthy>>,
  args: Args,
  default: bool,
) -> Result<bool> {
  match test {
    Some(test) => Ok(test.call(args).await?.0),
    None => Ok(default),
  }
}

/// A value for a function: `undefined` for `None`.
fn or_undefined(value: &Option<Value>) -> JsonOrUndefined {
  match value {
    Some(value) => Either::A(value.clone()),
    None => Either::B(()),
  }
}

/// A renderer's result: a string, or nothing to write (`null`, `undefined`, `''`).
fn rendered_text(option: &str, value: Returned) -> Result<String> {
  match value.0 {
    None | Some(Value::Null) => Ok(String::new()),
    Some(Value::String(text)) => Ok(text),
    Some(other) => {
      let returned = match other {
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Array(_) => "an array",
        _ => "an object",
      };
      Err(error!(
        "{PLUGIN_NAME}: option \"{option}\" must return a string, null or undefined, but returned {returned}"
      ))
    }
  }
}
