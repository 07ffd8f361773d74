//! The peer's default renderers.

use rspack_native_js_json as js;

use crate::licensed::LicensedPackage;

/// The default `renderLicenses`: packages by name (UTF-16 order, as JavaScript compares strings),
/// each as its name, license type and text on their own lines, separated by blank lines.
pub fn render_licenses(packages: &[&LicensedPackage]) -> String {
  let mut sorted = packages.to_vec();
  sorted.sort_by(|left, right| compare_utf16(&left.name, &right.name));
  let mut text = String::new();
  for package in sorted {
    text.push_str(&package.name);
    if js::truthy(package.license_id.as_ref()) {
      text.push('\n');
      text.push_str(&js::to_string(package.license_id.as_ref()));
    }
    if js::truthy(package.license_text.as_ref()) {
      text.push('\n');
      text.push_str(&js::to_string(package.license_text.as_ref()));
    }
    text.push_str("\n\n");
  }
  format!("{}\n", js::trim(&text))
}

/// The default `renderBanner`.
pub fn render_banner(filename: &str) -> String {
  format!("/*! License information is available at {filename} */")
}

/// `left < right` as JavaScript compares strings: by UTF-16 code units.
fn compare_utf16(left: &str, right: &str) -> std::cmp::Ordering {
  left.encode_utf16().cmp(right.encode_utf16())
}
