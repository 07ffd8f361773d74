//! `new LicensePlugin(options)` as JavaScript hands it over, checked and turned into a
//! [`LicenseConfig`] and the [`Functions`] to call.

use std::collections::{HashMap, HashSet};

use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use rspack_native_plugin_options::OptionsReader;

use crate::functions::Functions;

/// The name errors start with.
pub const PLUGIN_NAME: &str = "LicensePlugin";

/// Options of the native `LicensePlugin`: the options of `license-webpack-plugin` 4.0.2, with
/// its defaults. This type is the source of the TypeScript interface; the values are read by
/// [`resolve_options`] so that every mistake gets a message naming the option.
#[napi(object, object_to_js = false)]
pub struct LicensePluginOptions<'a> {
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
  pub chunk_include_exclude_test: Option<Unknown<'a>>,
  /// Whether a package is listed, by license type. Default: every package.
  #[napi(ts_type = "(licenseType: string) => boolean")]
  pub license_inclusion_test: Option<Unknown<'a>>,
  /// Whether a license type is an error. Default: none is.
  #[napi(ts_type = "(licenseType: string) => boolean")]
  pub unacceptable_license_test: Option<Unknown<'a>>,
  /// Called for each package whose license is unacceptable.
  #[napi(ts_type = "(packageName: string, licenseType: string) => void")]
  pub handle_unacceptable_license: Option<Unknown<'a>>,
  /// The license text of a package that has none. Default: `null`.
  #[napi(ts_type = "(packageName: string, licenseType: string | null) => string | null")]
  pub handle_missing_license_text: Option<Unknown<'a>>,
  /// The license type of a package that lists several. Default: the first one's.
  #[napi(ts_type = "(packageName: string, licenses: { type: string; url: string }[]) => string")]
  pub handle_license_ambiguity: Option<Unknown<'a>>,
  /// The license type of a package that has none. Default: `null`.
  #[napi(ts_type = "(packageName: string) => string | null")]
  pub handle_missing_license_type: Option<Unknown<'a>>,
  /// Whether a package is left out. Default: none is.
  #[napi(ts_type = "(packageName: string) => boolean")]
  pub excluded_package_test: Option<Unknown<'a>>,
  /// The license file's text. Default: each package's name, type and text, sorted by name.
  #[napi(ts_type = "(modules: LicenseIdentifiedModule[]) => string")]
  pub render_licenses: Option<Unknown<'a>>,
  /// The banner's text. Default: `/*! License information is available at <file> */`.
  /// `modules` is always empty, as it is for the peer on webpack 5 and Rspack.
  #[napi(ts_type = "(filename: string, modules: LicenseIdentifiedModule[]) => string")]
  pub render_banner: Option<Unknown<'a>>,
}

/// The `stats` option.
#[napi(object, object_to_js = false)]
pub struct LicensePluginStats {
  /// Add the plugin's warnings to the build. Default: `true`.
  pub warnings: Option<bool>,
  /// Add the plugin's errors to the build. Default: `true`.
  pub errors: Option<bool>,
}

/// A package named by the user instead of found in the build.
#[napi(object)]
#[derive(Debug, Clone)]
pub struct AdditionalModule {
  /// The name it is listed under.
  pub name: String,
  /// Its directory, which holds its `package.json`.
  pub directory: String,
}

/// What a package looks like to custom renderers (`renderLicenses`, `renderBanner`).
#[napi(object, object_from_js = false)]
pub struct LicenseIdentifiedModule {
  /// Its name.
  pub name: String,
  /// Its directory.
  pub directory: String,
  /// Its `package.json`.
  #[napi(ts_type = "Record<string, any>")]
  pub package_json: String,
  /// Its license type.
  #[napi(ts_type = "string | null | undefined")]
  pub license_id: Option<String>,
  /// Its license text.
  #[napi(ts_type = "string | null | undefined")]
  pub license_text: Option<String>,
}

/// Which chunks are scanned, from the data form of `chunkIncludeExcludeTest`.
#[derive(Debug, Default, Clone)]
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

/// The data options every function option of the peer has a JavaScript counterpart for.
const FUNCTION_OPTIONS: &[&str] = &[
  "licenseInclusionTest",
  "unacceptableLicenseTest",
  "handleUnacceptableLicense",
  "handleMissingLicenseText",
  "handleLicenseAmbiguity",
  "handleMissingLicenseType",
  "excludedPackageTest",
  "renderLicenses",
  "renderBanner",
];

const DATA_OPTIONS: &[&str] = &[
  "outputFilename",
  "perChunkOutput",
  "addBanner",
  "preferredLicenseTypes",
  "licenseTypeOverrides",
  "licenseTextOverrides",
  "licenseFileOverrides",
  "licenseTemplateDir",
  "modulesDirectories",
  "skipChildCompilers",
  "stats",
  "additionalChunkModules",
  "additionalModules",
  "chunkIncludeExcludeTest",
];

/// The option through which `@rspack-native/core` passes the function that runs the user's
/// function options. Internal: not in the TypeScript interface.
const DISPATCH_OPTION: &str = "__dispatch";

/// The id `@rspack-native/core` gives each resolution of a plugin's options; the plugins Rspack
/// makes for child compilers from the same resolved options have the same one. Internal.
const GROUP_OPTION: &str = "__group";

/// The checked options.
pub struct ResolvedOptions {
  /// The data options.
  pub config: LicenseConfig,
  /// The function options.
  pub functions: Functions,
  /// The id shared with the child compilers' plugins.
  pub group: Option<u32>,
}

/// Reads and checks the options passed to `new LicensePlugin(options)`.
pub fn resolve_options(options: Unknown<'_>) -> napi::Result<ResolvedOptions> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  reader.check_keys(
    &[DATA_OPTIONS, FUNCTION_OPTIONS].concat(),
    &[DISPATCH_OPTION, GROUP_OPTION],
  )?;

  let mut given = HashSet::new();
  for name in FUNCTION_OPTIONS {
    if reader.is_function(name)? {
      given.insert(name.to_string());
    }
  }
  let chunk_filter = match reader.value("chunkIncludeExcludeTest")? {
    Some(value) if value.get_type()? == napi::ValueType::Function => {
      given.insert("chunkIncludeExcludeTest".to_string());
      ChunkFilter::default()
    }
    _ => match reader.nested("chunkIncludeExcludeTest")? {
      Some(test) => {
        test.check_keys(&["include", "exclude"], &[])?;
        ChunkFilter {
          include: test.string_array("include")?,
          exclude: test.string_array("exclude")?,
        }
      }
      None => ChunkFilter::default(),
    },
  };
  let functions = if given.is_empty() {
    Functions::default()
  } else {
    match reader.internal_function(DISPATCH_OPTION)? {
      Some(dispatcher) => Functions::new(dispatcher, given),
      None => {
        let mut names: Vec<&String> = given.iter().collect();
        names.sort();
        return Err(reader.invalid(
          names[0],
          "is a function, which only the LicensePlugin class of @rspack-native/core can run",
        ));
      }
    }
  };

  let per_chunk_output = reader.boolean("perChunkOutput")?.unwrap_or(true);
  let stats = reader.nested("stats")?;
  if let Some(stats) = &stats {
    stats.check_keys(&["warnings", "errors"], &[])?;
  }
  let stat = |key: &str| -> napi::Result<bool> {
    Ok(match &stats {
      Some(stats) => stats.boolean(key)?.unwrap_or(true),
      None => true,
    })
  };
  let mut additional_chunk_modules = HashMap::default();
  if let Some(chunks) = reader.nested("additionalChunkModules")? {
    for chunk in chunks.keys()? {
      let modules = additional_modules(chunks.object_array(&chunk)?)?;
      additional_chunk_modules.insert(chunk, modules);
    }
  }
  let config = LicenseConfig {
    output_filename: reader
      .string("outputFilename")?
      .filter(|name| !name.is_empty())
      .unwrap_or_else(|| {
        if per_chunk_output {
          "[name].licenses.txt".to_string()
        } else {
          "licenses.txt".to_string()
        }
      }),
    per_chunk_output,
    add_banner: reader.boolean("addBanner")?.unwrap_or(false),
    preferred_license_types: reader
      .string_array("preferredLicenseTypes")?
      .unwrap_or_default(),
    license_type_overrides: record(&reader, "licenseTypeOverrides")?,
    license_text_overrides: record(&reader, "licenseTextOverrides")?,
    license_file_overrides: record(&reader, "licenseFileOverrides")?,
    license_template_dir: reader.string("licenseTemplateDir")?,
    modules_directories: reader.string_array("modulesDirectories")?,
    skip_child_compilers: reader.boolean("skipChildCompilers")?.unwrap_or(false),
    warnings: stat("warnings")?,
    errors: stat("errors")?,
    additional_chunk_modules,
    additional_modules: additional_modules(reader.object_array("additionalModules")?)?,
    chunk_filter,
  };
  Ok(ResolvedOptions {
    config,
    functions,
    group: reader.unsigned(GROUP_OPTION)?,
  })
}

fn record(reader: &OptionsReader<'_>, key: &str) -> napi::Result<HashMap<String, String>> {
  Ok(
    reader
      .string_record(key)?
      .unwrap_or_default()
      .into_iter()
      .collect(),
  )
}

fn additional_modules(
  items: Option<Vec<OptionsReader<'_>>>,
) -> napi::Result<Vec<AdditionalModule>> {
  items
    .unwrap_or_default()
    .iter()
    .map(|item| {
      item.check_keys(&["name", "directory"], &[])?;
      let required = |key: &str| {
        item
          .string(key)?
          .ok_or_else(|| item.invalid(key, "is required (a string)"))
      };
      Ok(AdditionalModule {
        name: required("name")?,
        directory: required("directory")?,
      })
    })
    .collect()
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
