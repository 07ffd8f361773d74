//! File access as the peer does it, through Rspack's input file system: Node's `path.resolve`
//! and `path.join` semantics, relative paths against the process's working directory.

use std::{path::Path, sync::Arc};

use rspack_error::{Result, error};
use rspack_fs::ReadableFileSystem;
use rspack_paths::{Utf8Path, Utf8PathBuf};
use sugar_path::SugarPath;

use crate::options::PLUGIN_NAME;

/// The input file system and the directory relative paths start from.
#[derive(Debug, Clone)]
pub struct Files {
  fs: Arc<dyn ReadableFileSystem>,
  cwd: Utf8PathBuf,
}

impl Files {
  /// Files read through `fs`, relative paths resolved against `cwd`.
  pub fn new(fs: Arc<dyn ReadableFileSystem>, cwd: Utf8PathBuf) -> Self {
    Self { fs, cwd }
  }

  /// `path.resolve(path)`.
  pub fn resolve(&self, path: &str) -> String {
    to_string(
      Path::new(path)
        .absolutize_with(self.cwd.as_std_path())
        .as_ref(),
    )
  }

  /// Whether `path` exists (`statSync` that does not throw).
  pub async fn exists(&self, path: &str) -> bool {
    self.fs.metadata(&self.absolute(path)).await.is_ok()
  }

  /// Whether `path` is a directory; `false` when it does not exist.
  pub async fn is_directory(&self, path: &str) -> bool {
    self
      .fs
      .metadata(&self.absolute(path))
      .await
      .is_ok_and(|metadata| metadata.is_directory)
  }

  /// The file as UTF-8 (invalid bytes replaced, a BOM kept), as `Buffer#toString('utf8')`.
  pub async fn read_text(&self, path: &str) -> Result<String> {
    let bytes = self
      .fs
      .read(&self.absolute(path))
      .await
      .map_err(|e| error!("{PLUGIN_NAME}: cannot read {path}: {e}"))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
  }

  /// The directory's entries in byte order, as Node's `readdirSync` lists them.
  pub async fn read_dir_sorted(&self, dir: &str) -> Result<Vec<String>> {
    let mut entries = self
      .fs
      .read_dir(&self.absolute(dir))
      .await
      .map_err(|e| error!("{PLUGIN_NAME}: cannot list {dir}: {e}"))?;
    entries.sort_unstable();
    Ok(entries)
  }

  fn absolute(&self, path: &str) -> Utf8PathBuf {
    Utf8PathBuf::from(self.resolve(path))
  }
}

/// `path.join(directory, file)`.
pub fn join(directory: &str, file: &str) -> String {
  to_string(
    Utf8Path::new(directory)
      .join(file)
      .as_std_path()
      .normalize()
      .as_ref(),
  )
}

fn to_string(path: &Path) -> String {
  path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
  use rspack_fs::NativeFileSystem;

  use super::*;

  fn files(cwd: &str) -> Files {
    Files::new(
      Arc::new(NativeFileSystem::new(false)),
      Utf8PathBuf::from(cwd),
    )
  }

  #[test]
  fn resolve_is_node_path_resolve() {
    let files = files("/work/app");
    assert_eq!(files.resolve(""), "/work/app");
    assert_eq!(files.resolve("/a/b/"), "/a/b");
    assert_eq!(files.resolve("/a/b/../"), "/a");
    assert_eq!(files.resolve("/a/b/c/../../"), "/a");
    assert_eq!(files.resolve("/../"), "/");
    assert_eq!(files.resolve("x/y"), "/work/app/x/y");
    assert_eq!(
      files.resolve("javascript/esm|/lib/x/.."),
      "/work/app/javascript/esm|/lib"
    );
  }

  #[test]
  fn join_is_node_path_join() {
    assert_eq!(join("/a/b", "package.json"), "/a/b/package.json");
    assert_eq!(join("/a/b", "../LICENSE"), "/a/LICENSE");
    assert_eq!(join("/a/b/", "./LICENSE"), "/a/b/LICENSE");
  }
}
