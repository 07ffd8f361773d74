//! The packages of one build, recorded chunk by chunk as the peer records them (its
//! `PluginChunkReadHandler` and `PluginModuleCache`): a package's license is worked out the
//! first time the build meets it, and every chunk that contains it lists the same record.

use std::{
  collections::{HashMap, HashSet},
  hash::RandomState,
  sync::Arc,
};

use indexmap::IndexMap;
use rspack_error::Result;

use crate::{
  diagnostics::Report,
  license::LicenseReader,
  licensed::LicensedPackage,
  options::AdditionalModule,
  package::{Package, PackageFinder, PackageJson},
};

/// The chunk key of chunks without a name: the peer keys its caches by `chunk.name`, so all of
/// them share JavaScript's `undefined` key.
pub const UNNAMED_CHUNK: &str = "undefined";

/// Packages by name, in the order they were recorded.
type Packages = IndexMap<String, Arc<LicensedPackage>, RandomState>;

/// What one build recorded.
#[derive(Debug, Default)]
pub struct Records {
  /// Every package, in the order they were first recorded.
  all: Packages,
  /// The packages of each chunk key.
  by_chunk: HashMap<String, Packages>,
}

impl Records {
  /// The packages recorded for a chunk key, in the order they were recorded.
  pub fn chunk(&self, key: &str) -> Vec<&LicensedPackage> {
    self
      .by_chunk
      .get(key)
      .map(|packages| packages.values().map(Arc::as_ref).collect())
      .unwrap_or_default()
  }

  /// Every package recorded.
  pub fn all(&self) -> Vec<&LicensedPackage> {
    self.all.values().map(Arc::as_ref).collect()
  }
}

/// What a build has recorded so far. The root compilation and its child compilations add to the
/// same one, as they share the peer's caches.
#[derive(Debug, Default)]
pub struct BuildRecords {
  /// The packages.
  pub records: Records,
  /// (chunk key, package name) pairs already handled.
  seen: HashSet<(String, String)>,
  /// `excludedPackageTest` by package name: asked once per package.
  excluded: HashMap<String, bool>,
}

/// Records the packages of a compilation's chunks.
pub struct Recorder<'a> {
  finder: PackageFinder<'a>,
  reader: LicenseReader<'a>,
  state: BuildRecords,
  report: Report,
}

impl<'a> Recorder<'a> {
  /// A recorder that finds packages with `finder` and their licenses with `reader`, adding to
  /// what the build recorded so far.
  pub fn new(
    finder: PackageFinder<'a>,
    reader: LicenseReader<'a>,
    state: BuildRecords,
    report: Report,
  ) -> Self {
    Self {
      finder,
      reader,
      state,
      report,
    }
  }

  /// Records the package of `file` (a module's resource or identifier) for a chunk key.
  pub async fn add_file(&mut self, chunk_key: &str, file: &str) -> Result<()> {
    let Some(package) = self.finder.package_of(file).await? else {
      return Ok(());
    };
    if self.is_excluded(&package.name).await? {
      return Ok(());
    }
    let Package {
      name,
      directory,
      package_json,
    } = package;
    self
      .record(chunk_key, name, directory, Some(package_json))
      .await
  }

  /// Records a package named in `additionalModules` or `additionalChunkModules`.
  pub async fn add_additional(&mut self, chunk_key: &str, module: &AdditionalModule) -> Result<()> {
    self
      .record(
        chunk_key,
        module.name.clone(),
        module.directory.clone(),
        None,
      )
      .await
  }

  /// What was recorded, and the messages on the way.
  pub fn finish(self) -> (BuildRecords, Report) {
    (self.state, self.report)
  }

  async fn is_excluded(&mut self, name: &str) -> Result<bool> {
    if let Some(excluded) = self.state.excluded.get(name) {
      return Ok(*excluded);
    }
    let excluded = self.reader.functions.excluded_package(name).await?;
    self.state.excluded.insert(name.to_string(), excluded);
    Ok(excluded)
  }

  /// The peer's `processModule`: a package already recorded is listed again without being
  /// looked at; a new one gets its license type and text, unless `licenseInclusionTest` rejects
  /// it (then it is looked at again in the next chunk, with its messages).
  async fn record(
    &mut self,
    chunk_key: &str,
    name: String,
    directory: String,
    package_json: Option<Arc<PackageJson>>,
  ) -> Result<()> {
    let key = (chunk_key.to_string(), name);
    if self.state.seen.contains(&key) {
      return Ok(());
    }
    let (chunk_key, name) = key;
    if let Some(recorded) = self.state.records.all.get(&name) {
      let recorded = Arc::clone(recorded);
      self
        .chunk_packages(&chunk_key)
        .insert(name.clone(), recorded);
    } else {
      let package_json = match package_json {
        Some(package_json) => package_json,
        None => Arc::new(PackageJson::read(self.reader.files, &directory).await?),
      };
      let package = Package {
        name: name.clone(),
        directory,
        package_json,
      };
      let license = self.reader.license_type(&package, &mut self.report).await?;
      if self.reader.functions.license_unacceptable(&license).await? {
        self.report.error(format!(
          "unacceptable license found for {name}: {}",
          rspack_native_js_json::to_string(license.as_ref())
        ));
        self
          .reader
          .functions
          .handle_unacceptable_license(&name, &license)
          .await?;
      }
      if self.reader.functions.license_included(&license).await? {
        let text = self
          .reader
          .license_text(&package, &license, &mut self.report)
          .await?;
        let recorded = Arc::new(LicensedPackage {
          name: name.clone(),
          directory: package.directory,
          package_json: package.package_json,
          license_id: license,
          license_text: text,
        });
        self
          .state
          .records
          .all
          .insert(name.clone(), Arc::clone(&recorded));
        self
          .chunk_packages(&chunk_key)
          .insert(name.clone(), recorded);
      }
    }
    self.state.seen.insert((chunk_key, name));
    Ok(())
  }

  fn chunk_packages(&mut self, chunk_key: &str) -> &mut Packages {
    self
      .state
      .records
      .by_chunk
      .entry(chunk_key.to_string())
      .or_default()
  }
}
