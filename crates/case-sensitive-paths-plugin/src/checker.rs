//! The peer's check (`fileExistsWithCase`) with its caches, for one build.
//!
//! A path is checked from its last component up: each component must be an entry, with the same
//! case, of its parent directory's listing. The walk stops at a directory already known to be
//! cased right, at the working directory (assumed right, as the peer primes it), and below the
//! top two levels of the file system (the peer never checks the parent of a directory whose own
//! parent is the root). It reports the lowest component that is cased wrong. The result is the
//! peer's; only the number of directory reads differs, because each directory is read once per
//! build here (once it could be read), whatever order the checks run in.
//!
//! In watch mode a build may start from the listings of the build before ([`EarlierListings`]),
//! less those of the directories the watcher saw change. Such a listing is trusted only where
//! it has the exact name looked for: a missing name or one cased otherwise is looked up again in
//! a listing read in this build, so a change the watcher did not report can neither hide a
//! mismatch nor invent one.

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

/// Directory listings read by earlier builds, for the next one to start from.
#[derive(Debug, Default)]
pub struct EarlierListings(FxHashMap<String, Arc<Entries>>);

impl EarlierListings {
  /// Drops the listings that a change of each of `paths` (files or directories, changed, added
  /// or removed) may have made wrong: its own, if a directory, and its ancestors'.
  pub fn forget_around(&mut self, paths: impl IntoIterator<Item = impl AsRef<str>>) {
    for path in paths {
      for dir in Utf8Path::new(path.as_ref()).ancestors() {
        self.0.remove(dir.as_str());
      }
    }
  }
}

/// A directory's entries, and whether an earlier build read them.
struct Listed {
  entries: Arc<Entries>,
  earlier: bool,
}

/// Checks the paths of one build, caching directory listings and the directories found right.
pub struct PathChecker<L> {
  lister: L,
  /// The directory assumed right, read before the first check (the peer's `primeCache`).
  working_dir: String,
  primed: OnceCell<()>,
  /// Listings read in this build.
  listings: Mutex<FxHashMap<String, Listing>>,
  /// Listings from earlier builds, not read again in this one yet.
  earlier: Mutex<EarlierListings>,
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
  /// A checker with empty caches that trusts `working_dir` (a first build's; the plugin's builds
  /// all go through [`Self::starting_from`]).
  #[cfg(test)]
  pub fn new(lister: L, working_dir: String) -> Self {
    Self::starting_from(lister, working_dir, EarlierListings::default())
  }

  /// A checker that trusts `working_dir` and starts from `earlier` listings (see the module's
  /// documentation for when they are trusted).
  pub fn starting_from(lister: L, working_dir: String, earlier: EarlierListings) -> Self {
    Self {
      lister,
      working_dir,
      primed: OnceCell::new(),
      listings: Mutex::default(),
      earlier: Mutex::new(earlier),
      verified: Mutex::default(),
      lookups: AtomicUsize::new(0),
    }
  }

  /// Takes every listing this checker has, for the next build to start from: those read in
  /// this build, and the earlier ones it did not read again.
  pub fn take_listings(&self) -> EarlierListings {
    let mut all = std::mem::take(&mut *self.earlier.lock().unwrap_or_else(PoisonError::into_inner));
    let listings =
      std::mem::take(&mut *self.listings.lock().unwrap_or_else(PoisonError::into_inner));
    for (dir, listing) in listings {
      if let Some(entries) = listing.get() {
        all.0.insert(dir, Arc::clone(entries));
      }
    }
    all
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
      let mut listed = self.entries(dir.as_str()).await?;
      if listed.earlier && !listed.entries.contains(name) {
        self.forget_earlier(dir.as_str());
        listed = self.listing(dir.as_str()).await?;
      }
      let entries = listed.entries;
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

  /// Looks up the entries of `dir` (counted in [`Self::lookups`]): an earlier build's, or
  /// [`Self::listing`].
  async fn entries(&self, dir: &str) -> Result<Listed> {
    self.lookups.fetch_add(1, Ordering::Relaxed);
    let earlier = self
      .earlier
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .0
      .get(dir)
      .cloned();
    match earlier {
      Some(entries) => Ok(Listed {
        entries,
        earlier: true,
      }),
      None => self.listing(dir).await,
    }
  }

  /// Stops trusting an earlier build's listing of `dir` for the rest of this build.
  fn forget_earlier(&self, dir: &str) {
    self
      .earlier
      .lock()
      .unwrap_or_else(PoisonError::into_inner)
      .0
      .remove(dir);
  }

  /// The entries of `dir` as this build reads them, on first use; none when it cannot be read. A
  /// directory that could not be read is read again on its next use, as the peer does, so a
  /// passing error (too many open files) does not leave everything below it unchecked for the
  /// rest of the build.
  async fn listing(&self, dir: &str) -> Result<Listed> {
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
    let entries = match read {
      Ok(entries) => Arc::clone(entries),
      Err(None) => Arc::default(),
      Err(Some(error)) => return Err(error),
    };
    Ok(Listed {
      entries,
      earlier: false,
    })
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

  /// The listings a first build on `disk` leaves after checking `paths`; its reads are cleared.
  async fn first_build(disk: &CaseInsensitiveDisk, paths: &[&str]) -> EarlierListings {
    let checker = PathChecker::new(disk, "/home/app".to_owned());
    for path in paths {
      checker.check(path).await.unwrap();
    }
    disk.reads.lock().unwrap().clear();
    checker.take_listings()
  }

  #[tokio::test]
  async fn a_build_starts_from_the_listings_of_the_build_before() {
    let disk = CaseInsensitiveDisk::new(&["/home/app/src/a.js", "/home/app/icons/i.svg"]);
    let earlier = first_build(&disk, &["/home/app/src/a.js", "/home/app/icons/i.svg"]).await;
    let checker = PathChecker::starting_from(&disk, "/home/app".to_owned(), earlier);
    let outcome = checker.check("/home/app/icons/i.svg").await.unwrap();
    assert_eq!(outcome, Outcome::Matches);
    assert!(disk.reads.lock().unwrap().is_empty());
    // Lookups count as in the peer, read or not.
    assert_eq!(checker.lookups(), 3);
  }

  #[tokio::test]
  async fn a_change_drops_the_listings_of_its_directory_and_every_ancestor() {
    let disk = CaseInsensitiveDisk::new(&["/home/app/src/deep/a.js", "/home/app/icons/i.svg"]);
    let paths = ["/home/app/src/deep/a.js", "/home/app/icons/i.svg"];
    let mut earlier = first_build(&disk, &paths).await;
    earlier.forget_around(["/home/app/src/deep/a.js"]);
    let checker = PathChecker::starting_from(&disk, "/home/app".to_owned(), earlier);
    for path in paths {
      assert_eq!(checker.check(path).await.unwrap(), Outcome::Matches);
    }
    let reads = disk.reads.lock().unwrap().clone();
    // The working dir first, as the peer primes it; then from the file up.
    assert_eq!(reads, ["/home/app", "/home/app/src/deep", "/home/app/src"]);
  }

  #[tokio::test]
  async fn an_earlier_listing_without_the_exact_name_is_read_again() {
    // The first build listed `src` with `Button.js`; the file was renamed to `button.js` and
    // `Other.js` added without the watcher reporting either.
    let before = CaseInsensitiveDisk::new(&["/home/app/src/Button.js"]);
    let earlier = first_build(&before, &["/home/app/src/Button.js"]).await;
    let disk = CaseInsensitiveDisk::new(&["/home/app/src/button.js", "/home/app/src/Other.js"]);
    let checker = PathChecker::starting_from(&disk, "/home/app".to_owned(), earlier);
    // Not a mismatch with the old `Button.js`: this build's listing has the name.
    let outcome = checker.check("/home/app/src/button.js").await.unwrap();
    assert_eq!(outcome, Outcome::Matches);
    // Not missing either: this build's listing finds `Other.js` cased otherwise.
    let outcome = checker.check("/home/app/src/other.js").await.unwrap();
    assert_eq!(outcome, mismatch("Other.js"));
    assert_eq!(*disk.reads.lock().unwrap(), ["/home/app/src"]);
    assert_eq!(checker.lookups(), 1 + 2 + 1);
  }
}
