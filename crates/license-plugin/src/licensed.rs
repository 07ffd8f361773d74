//! A package as the plugin writes about it: the peer's `LicenseIdentifiedModule`.

use std::sync::Arc;

use serde_json::Value;

use crate::package::PackageJson;

/// A license type as JavaScript holds it: `None` is `undefined`, `Some(Value::Null)` is `null`.
/// `package.json` may hold any JSON there, and the peer prints whatever it finds.
pub type LicenseId = Option<Value>;

/// A package with what the plugin writes about it (the peer's `LicenseIdentifiedModule`).
#[derive(Debug)]
pub struct LicensedPackage {
  /// Its `package.json` name, or the name an additional module was given.
  pub name: String,
  /// Its directory.
  pub directory: String,
  /// Its `package.json`.
  pub package_json: Arc<PackageJson>,
  /// Its license type.
  pub license_id: LicenseId,
  /// Its license text (`null` when none was found).
  pub license_text: Option<Value>,
}
