//! Which npm package a file belongs to, found as the peer finds it: from the file's directory
//! upward, the first `package.json` with a `name`.

use std::{path::MAIN_SEPARATOR, sync::Arc};

use rspack_error::{Result, error};
use serde_json::Value;
use std::collections::HashMap;

use rspack_native_js_json as js;

use crate::{
  files::{self, Files},
  options::PLUGIN_NAME,
};

/// A parsed `package.json`.
#[derive(Debug)]
pub struct PackageJson {
  /// The parsed file.
  pub value: Value,
}

impl PackageJson {
  /// Reads and parses `<directory>/package.json`; an error names the file.
  pub async fn read(files: &Files, directory: &str) -> Result<Self> {
    Self::read_file(files, &files::join(directory, "package.json")).await
  }

  async fn read_file(files: &Files, path: &str) -> Result<Self> {
    let text = files.read_text(path).await?;
    let value = serde_json::from_str(&text)
      .map_err(|e| error!("{PLUGIN_NAME}: {path} is not valid JSON: {e}"))?;
    Ok(Self { value })
  }

  /// A field, `None` when absent.
  pub fn get(&self, key: &str) -> Option<&Value> {
    self.value.get(key)
  }
}

/// A package the plugin may list: its `package.json` name, directory and contents.
#[derive(Debug, Clone)]
pub struct Package {
  /// The name the package is listed under.
  pub name: String,
  /// The directory of its `package.json`, as the peer spells it.
  pub directory: String,
  /// Its `package.json`.
  pub package_json: Arc<PackageJson>,
}

/// Where packages may come from, and what is not a package: the data options of the lookup.
#[derive(Debug, Clone)]
pub struct PackageScope {
  /// `compiler.context`: the project's own directory is never listed.
  pub build_root: String,
  /// `modulesDirectories`: when set, only files under one of them (a plain string prefix of the
  /// resolved paths, as the peer checks it) belong to packages.
  pub modules_directories: Option<Vec<String>>,
}

/// Finds packages of files for one build, reading each `package.json` once and walking up from
/// each directory once.
pub struct PackageFinder<'a> {
  files: &'a Files,
  scope: &'a PackageScope,
  modules_directories: Option<Vec<String>>,
  /// The package of the files in a directory, by the directory as the file's path spells it.
  by_start: HashMap<String, Option<Package>>,
  by_directory: HashMap<String, Option<Arc<PackageJson>>>,
}

impl<'a> PackageFinder<'a> {
  /// A finder with empty caches.
  pub fn new(files: &'a Files, scope: &'a PackageScope) -> Self {
    let modules_directories = scope
      .modules_directories
      .as_ref()
      .map(|directories| directories.iter().map(|d| files.resolve(d)).collect());
    Self {
      files,
      scope,
      modules_directories,
      by_start: HashMap::default(),
      by_directory: HashMap::default(),
    }
  }

  /// The package `file` belongs to; `None` outside the modules directories, for the project
  /// itself, and when no `package.json` with a name is found up to the root.
  pub async fn package_of(&mut self, file: &str) -> Result<Option<Package>> {
    if !self.in_modules_directory(file) {
      return Ok(None);
    }
    // The peer starts at the text before the file's last separator.
    let start = match file.rfind(MAIN_SEPARATOR) {
      Some(end) => &file[..end],
      None => "",
    };
    if let Some(found) = self.by_start.get(start) {
      return Ok(found.clone());
    }
    let found = self.find(start).await?;
    self.by_start.insert(start.to_string(), found.clone());
    Ok(found)
  }

  /// The peer's `isInModuleDirectory`.
  fn in_modules_directory(&self, path: &str) -> bool {
    let Some(directories) = &self.modules_directories else {
      return true;
    };
    let resolved = self.files.resolve(path);
    directories
      .iter()
      .any(|directory| resolved.starts_with(directory.as_str()))
  }

  /// The peer's `findModuleDir` from `start`: climbs with `path.resolve(dir + '/../')` until the
  /// root.
  async fn find(&mut self, start: &str) -> Result<Option<Package>> {
    let mut directory = start.to_string();
    let package_json = loop {
      if let Some(package_json) = self.named_package_json(&directory).await? {
        break package_json;
      }
      let parent = self
        .files
        .resolve(&format!("{directory}{MAIN_SEPARATOR}..{MAIN_SEPARATOR}"));
      if parent == directory {
        return Ok(None);
      }
      directory = parent;
    };
    if directory == self.scope.build_root {
      return Ok(None);
    }
    Ok(Some(Package {
      name: js::to_string(package_json.get("name")),
      directory,
      package_json,
    }))
  }

  /// `<directory>/package.json` if it exists and has a truthy `name`.
  async fn named_package_json(&mut self, directory: &str) -> Result<Option<Arc<PackageJson>>> {
    let path = self.files.resolve(&files::join(directory, "package.json"));
    if let Some(found) = self.by_directory.get(&path) {
      return Ok(found.clone());
    }
    let found = if self.files.exists(&path).await {
      let package_json = PackageJson::read_file(self.files, &path).await?;
      js::truthy(package_json.get("name")).then(|| Arc::new(package_json))
    } else {
      None
    };
    self.by_directory.insert(path, found.clone());
    Ok(found)
  }
}

#[cfg(test)]
mod tests {
  use std::fs;

  use rspack_fs::NativeFileSystem;
  use rspack_paths::Utf8PathBuf;

  use super::*;

  fn write(path: &std::path::Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
  }

  /// Runs a future of the native file system, whose operations complete at once.
  fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut context) {
      std::task::Poll::Ready(output) => output,
      std::task::Poll::Pending => panic!("the native file system does not wait"),
    }
  }

  #[test]
  fn finds_the_nearest_named_package() {
    let root = std::env::temp_dir().join(format!("license-package-{}", std::process::id()));
    let app = root.join("app");
    write(&app.join("package.json"), r#"{"name":"app"}"#);
    write(
      &app.join("node_modules/a/package.json"),
      r#"{"name":"a","license":"MIT"}"#,
    );
    write(
      &app.join("node_modules/a/esm/package.json"),
      r#"{"type":"module"}"#,
    );
    write(
      &app.join("node_modules/a/inner/package.json"),
      r#"{"name":"a-inner"}"#,
    );
    let app = app.to_str().unwrap().to_string();
    let files = Files::new(
      Arc::new(NativeFileSystem::new(false)),
      Utf8PathBuf::from(root.to_str().unwrap()),
    );
    let scope = PackageScope {
      build_root: app.clone(),
      modules_directories: None,
    };
    let mut finder = PackageFinder::new(&files, &scope);
    let name_of = |found: Option<Package>| found.map(|package| package.name);
    block_on(async {
      let esm = finder
        .package_of(&format!("{app}/node_modules/a/esm/x.js"))
        .await;
      assert_eq!(name_of(esm.unwrap()).as_deref(), Some("a"));
      let inner = finder
        .package_of(&format!("{app}/node_modules/a/inner/x.js"))
        .await;
      assert_eq!(name_of(inner.unwrap()).as_deref(), Some("a-inner"));
      let own = finder.package_of(&format!("{app}/src/index.js")).await;
      assert_eq!(
        name_of(own.unwrap()),
        None,
        "the project itself is not listed"
      );
    });

    let scope = PackageScope {
      build_root: app.clone(),
      modules_directories: Some(vec![format!("{app}/node_modules/a/in")]),
    };
    let mut finder = PackageFinder::new(&files, &scope);
    block_on(async {
      let outside = finder
        .package_of(&format!("{app}/node_modules/a/x.js"))
        .await;
      assert_eq!(name_of(outside.unwrap()), None);
      // A plain string prefix, as the peer checks it.
      let prefixed = finder
        .package_of(&format!("{app}/node_modules/a/inner/x.js"))
        .await;
      assert_eq!(name_of(prefixed.unwrap()).as_deref(), Some("a-inner"));
    });
    fs::remove_dir_all(root).unwrap();
  }
}
