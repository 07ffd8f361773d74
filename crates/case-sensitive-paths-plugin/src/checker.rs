//! The peer's check (`fileExistsWithCase`) with its caches, for one build.
//!
//! A path is checked from its last component up: each component must be an entry, with the same
//! case, of its parent directory's listing. The walk stops at a directory already known to be
//! cased right, at the working directory (assumed right, as the peer primes it), and below the
//! top two levels of the file system (the peer never checks the parent of a directory whose own
//! parent is the root). It reports the lowest component that is cased wrong. The result is the
//! peer's; only the number of directory reads differs, because each directory is read once per
//! build here (once it could be read), whatever order the checks run in.

use std::sync::{
  Arc, Mutex, PoisonError,
  atomic::{AtomicUsize, Ordering},
};

use async_trait::async_trait;
use rspack_error::Result;
use rspack_paths::Utf8Path;
use rustc_hash::{FxHashMap, FxHashSet};
use tokio::sync::OnceCell;

/// Lists directories for a [`PathChecker`].
#[async_trait]
pub trait DirectoryLister: Send + Sync {
  /// The entries of `dir` in NFC, in the order Node lists them; `None` when it cannot be read.
  async fn list(&self, dir: &str) -> Result<Option<Vec<String>>>;
}

/// What a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
  /// Every component checked has the case it has on disk.
  Matches,
  /// A component is missing even ignoring case. Reported by Rspack's resolver, not here (the
  /// peer's `!nonexistent`).
  NotFound,
  /// A component differs in case from its directory entry, named here.
  Mismatch {
    /// The entry's name on disk.
    on_disk: String,
  },
}

/// A directory's entries, kept for the rest of the build once read.
type Listing = Arc<OnceCell<Arc<Entries>>>;

/// A directory's entries: as a set, for the exact lookup every check makes (a folder of 15,000
/// icons is looked up once per module that imports one), and in Node's order, for the entry a
/// mismatch names (the first one equal ignoring case, as the peer finds it).
#[derive(Debug, Default)]
struct Entries {
  names: FxHashSet<String>,
  ordered: Vec<String>,
}

impl Entries {
  fn new(ordered: Vec<String>) -> Self {
    Self {
      names: ordered.iter().cloned().collect(),
      ordered,
    }
  }

  fn contains(&self, name: &str) -> bool {
    self.names.contains(name)
  }

  /// The first entry equal to `name` ignoring case.
  fn ignoring_case(&self, name: &str) -> Option<&String> {
    let folded = name.to_lowercase();
    self
      .ordered
      .iter()
      .find(|entry| entry.to_lowercase() == folded)
  }
}

/// Checks the paths of one build, caching directory listings and the directories found right.
pub struct PathChecker<L> {
  lister: L,
  /// The directory assumed right, read before the first check (the peer's `primeCache`).
  working_dir: String,
  primed: OnceCell<()>,
  listings: Mutex<FxHashMap<String, Listing>>,
  /// Paths (files and directories) found cased right in this build.
  verified: Mutex<FxHashSet<String>>,
  lookups: AtomicUsize,
}

impl<L> std::fmt::Debug for PathChecker<L> {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    write!(
      f,
      "PathChecker({} lookups)",
      self.lookups.load(Ordering::Relaxed)
    )
  }
}

impl<L: DirectoryLister> PathChecker<L> {
  /// A checker with empty caches that trusts `working_dir`.
  pub fn new(lister: L, working_dir: String) -> Self {
    Self {
      lister,
      working_dir,
      primed: OnceCell::new(),
      listings: Mutex::default(),
      verified: Mutex::default(),
      lookups: AtomicUsize::new(0),
    }
  }

  /// How many times a directory's entries were looked up, cached or not (the peer's
  /// `fsOperations`).
  pub fn lookups(&self) -> usize {
    self.lookups.load(Ordering::Relaxed)
  }

  /// Checks the case of every component of the absolute `path`.
  pub async fn check(&self, path: &str) -> Result<Outcome> {
    self
      .primed
      .get_or_try_init(|| async {
        self.entries(&self.working_dir).await?;
        self.mark_verified([self.working_dir.as_str()]);
        Ok::<_, rspack_error::Error>(())
      })
      .await?;

    let mut current = Utf8Path::new(path);
    // The path itself too: a module's resource is resolved again for each of its importers, and
    // its answer cannot change within the build (the listings are kept for the build).
    let mut walked = vec![path];
    let outcome = loop {
      if self.is_verified(current.as_str()) {
        break Outcome::Matches;
      }
      let (Some(dir), Some(name)) = (current.parent(), current.file_name()) else {
        break Outcome::Matches;
      };
      if dir.parent().is_none_or(|up| up.parent().is_none()) {
        break Outcome::Matches;
      }
      let entries = self.entries(dir.as_str()).await?;
      if !entries.contains(name) {
        break match entries.ignoring_case(name) {
          Some(entry) => Outcome::Mismatch {
            on_disk: entry.clone(),
          },
          None => Outcome::NotFound,
        };
      }
      walked.push(dir.as_str());
      current = dir;
    };
    if outcome == Outcome::Matches {
      self.mark_verified(walked);
    }
    Ok(outcome)
  }

  /// The entries of `dir`, read on first use; none when it cannot be read. A directory that could
  /// not be read is read again on its next use, as the peer does, so a passing error (too many
  /// open files) does not leave everything below it unchecked for the rest of the build.
  async fn entries(&self, dir: &str) -> Result<Arc<Entries>> {
    self.lookups.fetch_add(1, Ordering::Relaxed);
    let listing = {
      let mut listings = self.listings.lock().unwrap_or_else(PoisonError::into_inner);
      match listings.get(dir) {
        Some(listing) => Arc::clone(listing),
        None => Arc::clone(listings.entry(dir.to_owned()).or_default()),
      }
    };
    // The error is `None` for an unreadable directory: it leaves the cell empty.
    let read = listing
      .get_or_try_init(|| async {
        match self.lister.list(dir).await {
          Ok(Some(entries)) => Ok(Arc::new(Entries::new(entries))),
          Ok(None) => Err(None),
          Err(error) => Err(Some(error)),
        }
      })
      .await;
    match read {
      Ok(entries) => Ok(Arc::clone(entries)),
      Err(None) => Ok(Arc::default()),
      Err(Some(error)) => Err(error),
    }
  }

  fn is_verified(&self, dir: &str) -> bool {
    self
      .verified
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .contains(dir)
  }

  fn mark_verified<'a>(&self, paths: impl IntoIterator<Item = &'a str>) {
    let mut verified = self.verified.lock().unwrap_or_else(PoisonError::into_inner);
    for path in paths {
      if !verified.contains(path) {
        verified.insert(path.to_owned());
      }
    }
  }
}

#[cfg(test)]
mod tests {
  use std::collections::{HashMap, HashSet};

  use super::*;

  /// A case-insensitive disk, as on macOS: listing a directory ignores the case of its path.
  struct CaseInsensitiveDisk {
    dirs: HashMap<String, Vec<String>>,
    reads: Mutex<Vec<String>>,
    /// Directories whose next read fails.
    failing: Mutex<HashSet<String>>,
  }

  impl CaseInsensitiveDisk {
    fn new(files: &[&str]) -> Self {
      let mut dirs: HashMap<String, Vec<String>> = HashMap::new();
      for file in files {
        let mut path = Utf8Path::new(file);
        while let (Some(dir), Some(name)) = (path.parent(), path.file_name()) {
          let entries = dirs.entry(dir.as_str().to_lowercase()).or_default();
          if !entries.iter().any(|entry| entry == name) {
            entries.push(name.to_owned());
          }
          path = dir;
        }
      }
      Self {
        dirs,
        reads: Mutex::default(),
        failing: Mutex::default(),
      }
    }
  }

  #[async_trait]
  impl DirectoryLister for &CaseInsensitiveDisk {
    async fn list(&self, dir: &str) -> Result<Option<Vec<String>>> {
      self.reads.lock().unwrap().push(dir.to_owned());
      if self.failing.lock().unwrap().remove(dir) {
        return Ok(None);
      }
      Ok(self.dirs.get(&dir.to_lowercase()).cloned())
    }
  }

  fn mismatch(on_disk: &str) -> Outcome {
    Outcome::Mismatch {
      on_disk: on_disk.to_owned(),
    }
  }

  async fn check(files: &[&str], cwd: &str, path: &str) -> Outcome {
    let disk = CaseInsensitiveDisk::new(files);
    PathChecker::new(&disk, cwd.to_owned())
      .check(path)
      .await
      .unwrap()
  }

  #[tokio::test]
  async fn reports_the_lowest_component_cased_wrong() {
    let files = ["/home/me/app/src/Components/Button.js"];
    let cwd = "/elsewhere";
    let path = "/home/me/app/src/Components/Button.js";
    assert_eq!(check(&files, cwd, path).await, Outcome::Matches);
    let path = "/home/me/app/src/components/button.js";
    assert_eq!(check(&files, cwd, path).await, mismatch("Button.js"));
    let path = "/home/me/app/src/components/Button.js";
    assert_eq!(check(&files, cwd, path).await, mismatch("Components"));
    let path = "/home/me/App/src/Components/Button.js";
    assert_eq!(check(&files, cwd, path).await, mismatch("app"));
  }

  #[tokio::test]
  async fn leaves_the_top_two_levels_and_the_working_dir_unchecked() {
    let files = ["/home/app/src/index.js"];
    // `home` (under the root) and `app` (under `/home`) are never compared, as in the peer.
    let path = "/HOME/APP/src/index.js";
    assert_eq!(check(&files, "/x", path).await, Outcome::Matches);
    // Nor is anything above the working directory, which is assumed right.
    let files = ["/home/me/work/app/src/index.js"];
    let path = "/home/me/WORK/app/src/index.js";
    assert_eq!(check(&files, "/x", path).await, mismatch("work"));
    let cwd = "/home/me/WORK/app";
    assert_eq!(check(&files, cwd, path).await, Outcome::Matches);
  }

  #[tokio::test]
  async fn a_missing_component_is_left_to_the_resolver() {
    let files = ["/home/app/src/index.js"];
    let path = "/home/app/src/other.js";
    assert_eq!(check(&files, "/x", path).await, Outcome::NotFound);
    // A fragment the peer does not strip makes the last component missing.
    let path = "/home/app/src/index.js#top";
    assert_eq!(check(&files, "/x", path).await, Outcome::NotFound);
  }

  #[tokio::test]
  async fn the_first_entry_that_matches_ignoring_case_is_named() {
    let disk = CaseInsensitiveDisk {
      dirs: HashMap::from([(
        "/home/app".to_owned(),
        vec!["FOO.js".to_owned(), "Foo.js".to_owned()],
      )]),
      reads: Mutex::default(),
      failing: Mutex::default(),
    };
    let checker = PathChecker::new(&disk, "/x".to_owned());
    let outcome = checker.check("/home/app/foo.js").await.unwrap();
    assert_eq!(outcome, mismatch("FOO.js"));
  }

  #[tokio::test]
  async fn reads_each_directory_once_per_build() {
    let disk = CaseInsensitiveDisk::new(&["/home/app/src/a.js", "/home/app/src/b.js"]);
    let checker = PathChecker::new(&disk, "/home/app".to_owned());
    for path in [
      "/home/app/src/a.js",
      "/home/app/src/b.js",
      "/home/app/src/B.js",
    ] {
      checker.check(path).await.unwrap();
    }
    let reads = disk.reads.lock().unwrap().clone();
    assert_eq!(reads, ["/home/app", "/home/app/src"]);
    // The working dir when primed, then `src` and the working dir for each check.
    assert_eq!(checker.lookups(), 1 + 2 + 1 + 1);
    // A path found right once is answered without a lookup; one cased wrong is checked again.
    checker.check("/home/app/src/a.js").await.unwrap();
    assert_eq!(checker.lookups(), 5);
    let outcome = checker.check("/home/app/src/B.js").await.unwrap();
    assert_eq!(outcome, mismatch("b.js"));
    assert_eq!(checker.lookups(), 6);
  }

  #[tokio::test]
  async fn a_directory_that_could_not_be_read_is_read_again() {
    let disk = CaseInsensitiveDisk::new(&["/home/app/src/Button.js"]);
    disk
      .failing
      .lock()
      .unwrap()
      .insert("/home/app/src".to_owned());
    let checker = PathChecker::new(&disk, "/x".to_owned());
    // Unreadable, `src` looks empty: the file is left to the resolver.
    let outcome = checker.check("/home/app/src/button.js").await.unwrap();
    assert_eq!(outcome, Outcome::NotFound);
    let outcome = checker.check("/home/app/src/button.js").await.unwrap();
    assert_eq!(outcome, mismatch("Button.js"));
    let reads = disk.reads.lock().unwrap().clone();
    assert_eq!(reads, ["/x", "/home/app/src", "/home/app/src"]);
  }
}
