//! `new LicensePlugin(options)`: the options declared once ([`LicensePluginOptions`]) and the
//! data options they turn into ([`LicenseConfig`]); the function options go to `Functions`.

use std::collections::HashMap;

use napi::{Either, bindgen_prelude::FnArgs};
use napi_derive::napi;
use rspack_native_js_callback::{JsCallback, Returned, Truthy};
use rspack_native_plugin_options::PluginOptions;
use serde_json::Value;

/// The name errors start with.
pub const PLUGIN_NAME: &str = "LicensePlugin";

/// Options of the native `LicensePlugin`: the options of `license-webpack-plugin` 4.0.2, declared
/// once: the TypeScript interface, the keys, the checks and the function options all come from
/// this struct. Defaults are the peer's.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct LicensePluginOptions {
  /// Path of the license file(s), relative to `output.path`, with `[name]`, `[id]`, `[hash]`
  /// and the other placeholders of `compilation.getPath`. Default: `'[name].licenses.txt'`,
  /// or `'licenses.txt'` without `perChunkOutput`.
  pub output_filename: Option<String>,
  /// One license file per chunk (`true`, the default) or one for the whole build.
  pub per_chunk_output: Option<bool>,
  /// Puts a comment naming the license file at the top of each chunk's `.js` files. Default:
  /// `false`. Rspack's minimizer removes it unless told to keep `/*!` comments.
  pub add_banner: Option<bool>,
  /// For packages listing several licenses (the deprecated `licenses` array): the types to
  /// pick, most preferred first. Default: `[]`.
  pub preferred_license_types: Option<Vec<String>>,
  /// License type by package name, used instead of the package's own.
  pub license_type_overrides: Option<HashMap<String, String>>,
  /// License text by package name, used instead of the package's license file.
  pub license_text_overrides: Option<HashMap<String, String>>,
  /// License file by package name, relative to the package's directory.
  pub license_file_overrides: Option<HashMap<String, String>>,
  /// A directory of `<license type>.txt` texts for packages without a license file.
  pub license_template_dir: Option<String>,
  /// Only files under one of these directories count as packages. Default: every directory.
  pub modules_directories: Option<Vec<String>>,
  /// Leaves child compilations alone. Default: `false`.
  pub skip_child_compilers: Option<bool>,
  /// Whether the plugin's warnings and errors are added to the build. Default: both `true`.
  pub stats: Option<LicensePluginStats>,
  /// Packages added to the named chunks, as `{ name, directory }`.
  pub additional_chunk_modules: Option<HashMap<String, Vec<AdditionalModule>>>,
  /// Packages added to every chunk, as `{ name, directory }`.
  pub additional_modules: Option<Vec<AdditionalModule>>,
  /// Which chunks are scanned: chunk names to `include` and to `exclude` (which wins), or a
  /// function of the chunk's name. Default: every chunk.
  #[napi(
    ts_type = "{ include?: string[]; exclude?: string[] } | ((chunkName: string | undefined) => boolean)"
  )]
  pub chunk_include_exclude_test: Option<Either<ChunkFilter, ChunkTest>>,
  /// Whether a package is listed, by license type. Default: every package.
  #[napi(ts_type = "(licenseType: string) => boolean")]
  pub license_inclusion_test: Option<LicenseTest>,
  /// Whether a license type is an error. Default: none is.
  #[napi(ts_type = "(licenseType: string) => boolean")]
  pub unacceptable_license_test: Option<LicenseTest>,
  /// Called for each package whose license is unacceptable.
  #[napi(ts_type = "(packageName: string, licenseType: string) => void")]
  pub handle_unacceptable_license: Option<PackageLicenseFn>,
  /// The license text of a package that has none. Default: `null`.
  #[napi(ts_type = "(packageName: string, licenseType: string | null) => string | null")]
  pub handle_missing_license_text: Option<PackageLicenseFn>,
  /// The license type of a package that lists several. Default: the first one's.
  #[napi(ts_type = "(packageName: string, licenses: { type: string; url: string }[]) => string")]
  pub handle_license_ambiguity: Option<AmbiguityFn>,
  /// The license type of a package that has none. Default: `null`.
  #[napi(ts_type = "(packageName: string) => string | null")]
  pub handle_missing_license_type: Option<PackageFn>,
  /// Whether a package is left out. Default: none is.
  #[napi(ts_type = "(packageName: string) => boolean")]
  pub excluded_package_test: Option<PackageTest>,
  /// The license file's text. Default: each package's name, type and text, sorted by name.
  #[napi(ts_type = "(modules: LicenseIdentifiedModule[]) => string")]
  pub render_licenses: Option<RenderLicensesFn>,
  /// The banner's text. Default: `/*! License information is available at <file> */`.
  /// `modules` is always empty, as it is for the peer on webpack 5 and Rspack.
  #[napi(ts_type = "(filename: string, modules: LicenseIdentifiedModule[]) => string")]
  pub render_banner: Option<RenderBannerFn>,
}

/// The `stats` option.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct LicensePluginStats {
  /// Add the plugin's warnings to the build. Default: `true`.
  pub warnings: Option<bool>,
  /// Add the plugin's errors to the build. Default: `true`.
  pub errors: Option<bool>,
}

/// A package named by the user instead of found in the build.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(Debug, Clone, PluginOptions)]
pub struct AdditionalModule {
  /// The name it is listed under.
  pub name: String,
  /// Its directory, which holds its `package.json`.
  pub directory: String,
}

/// A value as a function receives it: JSON, or `undefined` (a license type, a license text).
pub type JsonOrUndefined = Either<Value, ()>;

/// `(licenseType) => boolean`.
pub type LicenseTest = JsCallback<JsonOrUndefined, Truthy>;
/// `(packageName) => boolean`.
pub type PackageTest = JsCallback<String, Truthy>;
/// `(chunkName) => boolean`.
pub type ChunkTest = JsCallback<Either<String, ()>, Truthy>;
/// `(packageName, licenseType) => …`.
pub type PackageLicenseFn = JsCallback<FnArgs<(String, JsonOrUndefined)>, Returned>;
/// `(packageName, licenses) => licenseType`.
pub type AmbiguityFn = JsCallback<FnArgs<(String, Vec<Value>)>, Returned>;
/// `(packageName) => licenseType`.
pub type PackageFn = JsCallback<String, Returned>;
/// `(modules) => string`.
pub type RenderLicensesFn = JsCallback<Vec<LicenseIdentifiedModule>, Returned>;
/// `(filename, modules) => string`.
pub type RenderBannerFn = JsCallback<FnArgs<(String, Vec<LicenseIdentifiedModule>)>, Returned>;

/// What a package looks like to custom renderers (`renderLicenses`, `renderBanner`): the peer's
/// `LicenseIdentifiedModule`, with all its keys, in the peer's order.
#[napi(object, object_from_js = false)]
pub struct LicenseIdentifiedModule {
  /// Its license text.
  #[napi(ts_type = "string | null | undefined")]
  pub license_text: JsonOrUndefined,
  /// Its `package.json`.
  #[napi(ts_type = "Record<string, any>")]
  pub package_json: Value,
  /// Its name.
  pub name: String,
  /// Its directory.
  pub directory: String,
  /// Its license type.
  #[napi(ts_type = "string | null | undefined")]
  pub license_id: JsonOrUndefined,
}

/// Which chunks are scanned: the data form of `chunkIncludeExcludeTest`.
#[derive(Debug, Default, Clone, PluginOptions)]
pub struct ChunkFilter {
  /// Only these chunk names, if set.
  pub include: Option<Vec<String>>,
  /// Never these chunk names.
  pub exclude: Option<Vec<String>>,
}

impl ChunkFilter {
  /// The peer's `ChunkIncludeExcludeTester`: `exclude` wins over `include`; names compare exactly.
  pub fn includes(&self, chunk_name: Option<&str>) -> bool {
    let listed = |names: &Option<Vec<String>>| {
      names
        .as_ref()
        .map(|names| chunk_name.is_some_and(|name| names.iter().any(|n| n == name)))
    };
    listed(&self.exclude) != Some(true) && listed(&self.include) != Some(false)
  }
}

/// The data options, with the peer's defaults applied.
#[derive(Debug)]
pub struct LicenseConfig {
  /// `outputFilename`.
  pub output_filename: String,
  /// `perChunkOutput`.
  pub per_chunk_output: bool,
  /// `addBanner`.
  pub add_banner: bool,
  /// `preferredLicenseTypes`.
  pub preferred_license_types: Vec<String>,
  /// `licenseTypeOverrides`.
  pub license_type_overrides: HashMap<String, String>,
  /// `licenseTextOverrides`.
  pub license_text_overrides: HashMap<String, String>,
  /// `licenseFileOverrides`.
  pub license_file_overrides: HashMap<String, String>,
  /// `licenseTemplateDir`.
  pub license_template_dir: Option<String>,
  /// `modulesDirectories`.
  pub modules_directories: Option<Vec<String>>,
  /// `skipChildCompilers`.
  pub skip_child_compilers: bool,
  /// `stats.warnings`.
  pub warnings: bool,
  /// `stats.errors`.
  pub errors: bool,
  /// `additionalChunkModules`.
  pub additional_chunk_modules: HashMap<String, Vec<AdditionalModule>>,
  /// `additionalModules`.
  pub additional_modules: Vec<AdditionalModule>,
  /// `chunkIncludeExcludeTest` in its data form (the function form is in [`Functions`]).
  pub chunk_filter: ChunkFilter,
}

/// The id `@rspack-native/core` gives each resolution of a plugin's options; the plugins Rspack
/// makes for child compilers from the same resolved options have the same one. Internal.
pub const GROUP_OPTION: &str = "__group";

impl From<LicensePluginOptions> for LicenseConfig {
  /// The data options, with the peer's defaults (take the functions out first).
  fn from(options: LicensePluginOptions) -> Self {
    let per_chunk_output = options.per_chunk_output.unwrap_or(true);
    let stats = options.stats.unwrap_or(LicensePluginStats {
      warnings: None,
      errors: None,
    });
    LicenseConfig {
      output_filename: options
        .output_filename
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| {
          if per_chunk_output {
            "[name].licenses.txt".to_string()
          } else {
            "licenses.txt".to_string()
          }
        }),
      per_chunk_output,
      add_banner: options.add_banner.unwrap_or(false),
      preferred_license_types: options.preferred_license_types.unwrap_or_default(),
      license_type_overrides: options.license_type_overrides.unwrap_or_default(),
      license_text_overrides: options.license_text_overrides.unwrap_or_default(),
      license_file_overrides: options.license_file_overrides.unwrap_or_default(),
      license_template_dir: options.license_template_dir,
      modules_directories: options.modules_directories,
      skip_child_compilers: options.skip_child_compilers.unwrap_or(false),
      warnings: stats.warnings.unwrap_or(true),
      errors: stats.errors.unwrap_or(true),
      additional_chunk_modules: options.additional_chunk_modules.unwrap_or_default(),
      additional_modules: options.additional_modules.unwrap_or_default(),
      chunk_filter: match options.chunk_include_exclude_test {
        Some(Either::A(filter)) => filter,
        _ => ChunkFilter::default(),
      },
    }
  }
}

#[cfg(test)]
mod tests {
  use super::ChunkFilter;

  fn names(names: &[&str]) -> Option<Vec<String>> {
    Some(names.iter().map(|name| name.to_string()).collect())
  }

  #[test]
  fn exclude_wins_over_include() {
    let filter = ChunkFilter {
      include: names(&["main", "admin"]),
      exclude: names(&["admin"]),
    };
    assert!(filter.includes(Some("main")));
    assert!(!filter.includes(Some("admin")));
    assert!(!filter.includes(Some("other")));
    assert!(!filter.includes(None));
    assert!(ChunkFilter::default().includes(None));
    let exclude_only = ChunkFilter {
      include: None,
      exclude: names(&["admin"]),
    };
    assert!(exclude_only.includes(None));
    assert!(exclude_only.includes(Some("main")));
  }
}
