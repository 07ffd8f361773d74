//! A package's license type and license text, found by the peer's rules (its
//! `PluginLicenseTypeIdentifier` and `LicenseTextReader`).

use std::collections::HashMap;

use rspack_error::Result;
use serde_json::Value;

use rspack_native_js_json as js;

use crate::{
  diagnostics::Report,
  files::{self, Files},
  functions::Functions,
  licensed::LicenseId,
  options::LicenseConfig,
  package::Package,
};

/// Works out a package's license type and text, reporting what the peer reports.
pub struct LicenseReader<'a> {
  /// Where files are read.
  pub files: &'a Files,
  /// The data options.
  pub config: &'a LicenseConfig,
  /// The function options.
  pub functions: &'a Functions,
}

impl LicenseReader<'_> {
  /// The peer's `findLicenseIdentifier`.
  pub async fn license_type(&self, package: &Package, report: &mut Report) -> Result<LicenseId> {
    let name = package.name.as_str();
    if let Some(license) = override_for(&self.config.license_type_overrides, name) {
      return Ok(Some(Value::String(license.to_string())));
    }
    let license = package.package_json.get("license");
    if js::truthy(license) {
      return Ok(match license {
        Some(Value::String(text)) => Some(Value::String(text.clone())),
        Some(other) => other.get("type").cloned(),
        None => None,
      });
    }
    if let Some(Value::Array(licenses)) = package.package_json.get("licenses")
      && !licenses.is_empty()
    {
      if licenses.len() == 1 {
        return Ok(licenses[0].get("type").cloned());
      }
      let types: Vec<Value> = licenses
        .iter()
        .map(|entry| entry.get("type").cloned().unwrap_or(Value::Null))
        .collect();
      for preferred in &self.config.preferred_license_types {
        if types.iter().any(|t| t.as_str() == Some(preferred.as_str())) {
          return Ok(Some(Value::String(preferred.clone())));
        }
      }
      let resolved = self.functions.resolve_ambiguity(name, licenses).await?;
      report.warn(format!(
        "{name} specifies multiple licenses: {}. Automatically selected {}. Use the preferredLicenseTypes or the licenseTypeOverrides option to resolve this warning.",
        js::array_to_string(&types),
        js::to_string(resolved.as_ref()),
      ));
      return Ok(resolved);
    }
    report.warn(format!(
      "could not find any license type for {name} in its package.json"
    ));
    self.functions.missing_license_type(name).await
  }

  /// The peer's `readLicense`: overrides, `SEE LICENSE IN <file>`, a `LICENSE`-like file,
  /// the template directory, then `handleMissingLicenseText`.
  pub async fn license_text(
    &self,
    package: &Package,
    license: &LicenseId,
    report: &mut Report,
  ) -> Result<Option<Value>> {
    let name = package.name.as_str();
    let directory = package.directory.as_str();
    if let Some(text) = override_for(&self.config.license_text_overrides, name) {
      return Ok(Some(Value::String(text.to_string())));
    }
    if let Some(file) = override_for(&self.config.license_file_overrides, name) {
      return self.read_text(directory, file).await.map(Some);
    }
    let license_name = license.as_ref().and_then(Value::as_str).unwrap_or("");
    if license_name.starts_with("SEE LICENSE IN ") {
      // The peer takes the fourth word, then resolves it against the working directory: a
      // relative file name is never inside the package, so it finds no text (and says nothing).
      let file = license_name.split(' ').nth(3).unwrap_or("");
      if self.is_file_in_directory(file, directory).await {
        return self.read_text(directory, file).await.map(Some);
      }
      return Ok(Some(Value::Null));
    }
    for entry in self.files.read_dir_sorted(directory).await? {
      if is_license_file_name(&entry)
        && !self
          .files
          .is_directory(&files::join(directory, &entry))
          .await
      {
        return self.read_text(directory, &entry).await.map(Some);
      }
    }
    if let Some(templates) = self
      .config
      .license_template_dir
      .as_deref()
      .filter(|dir| !dir.is_empty())
    {
      let template = files::join(
        templates,
        &format!("{}.txt", js::to_string(license.as_ref())),
      );
      if self.is_file_in_directory(&template, templates).await {
        let text = self.files.read_text(&template).await?;
        return Ok(Some(Value::String(text.replace("\r\n", "\n"))));
      }
    }
    report.warn(format!(
      "could not find any license file for {name}. Use the licenseTextOverrides option to add the license text if desired."
    ));
    self.functions.missing_license_text(name, license).await
  }

  /// `<directory>/<file>` as text, `\r\n` turned into `\n`.
  async fn read_text(&self, directory: &str, file: &str) -> Result<Value> {
    let text = self.files.read_text(&files::join(directory, file)).await?;
    Ok(Value::String(text.replace("\r\n", "\n")))
  }

  /// The peer's `isFileInDirectory`: `file` resolved against the working directory is not a
  /// directory and starts with the resolved `directory`.
  async fn is_file_in_directory(&self, file: &str, directory: &str) -> bool {
    let file = self.files.resolve(file);
    !self.files.is_directory(&file).await && file.starts_with(&self.files.resolve(directory))
  }
}

/// A package's entry in an override option, used only when it is not empty (the peer tests
/// it for truthiness).
fn override_for<'a>(overrides: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
  overrides
    .get(name)
    .map(String::as_str)
    .filter(|value| !value.is_empty())
}

/// The peer's license file test, `/^licen[cs]e/i`: without the `u` flag, JavaScript ignores
/// case for ASCII letters only.
fn is_license_file_name(name: &str) -> bool {
  name.get(..7).is_some_and(|prefix| {
    prefix.eq_ignore_ascii_case("license") || prefix.eq_ignore_ascii_case("licence")
  })
}

#[cfg(test)]
mod tests {
  use super::is_license_file_name;

  #[test]
  fn license_file_names_are_a_case_insensitive_prefix() {
    for name in [
      "LICENSE",
      "licence",
      "License.md",
      "LICENSE-MIT",
      "LICENSES",
      "license-checker.js",
    ] {
      assert!(is_license_file_name(name), "{name}");
    }
    for name in ["COPYING", "MIT-LICENSE", "UNLICENSE", "LICENS", "lícense"] {
      assert!(!is_license_file_name(name), "{name}");
    }
  }
}
