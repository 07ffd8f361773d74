//! The peer's lock on the manifest's directory: a directory named `WebpackAssetsManifest.lock`
//! there, as proper-lockfile makes it, so that compilers (ours or the peer's) that write one
//! manifest take turns. A lock older than ten seconds is stale, as proper-lockfile counts it.

use std::{
  io::ErrorKind,
  path::{Path, PathBuf},
  time::{Duration, Instant, SystemTime},
};

use rspack_error::{Result, error};

use crate::options::PLUGIN_NAME;

/// The lock directory's name, the peer's.
const LOCK_NAME: &str = "WebpackAssetsManifest.lock";
/// When a lock left by a process that died stops counting, proper-lockfile's default.
const STALE_AFTER: Duration = Duration::from_secs(10);

/// A held lock; dropping it releases it.
#[derive(Debug)]
pub struct DirectoryLock {
  path: PathBuf,
}

impl DirectoryLock {
  /// Takes the lock of `directory` (created if missing), waiting while another holder has it.
  pub fn acquire(directory: &Path) -> Result<Self> {
    std::fs::create_dir_all(directory)
      .map_err(|e| error!("{PLUGIN_NAME}: cannot create {}: {e}", directory.display()))?;
    let path = directory.join(LOCK_NAME);
    let started = Instant::now();
    loop {
      match std::fs::create_dir(&path) {
        Ok(()) => return Ok(Self { path }),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
          if is_stale(&path) {
            let _ = std::fs::remove_dir(&path);
          } else if started.elapsed() > STALE_AFTER {
            return Err(error!(
              "{PLUGIN_NAME}: {} is still locked after {} s by another build writing the same manifest; remove {} if no build is running",
              directory.display(),
              STALE_AFTER.as_secs(),
              path.display()
            ));
          } else {
            std::thread::sleep(Duration::from_millis(25));
          }
        }
        Err(e) => return Err(error!("{PLUGIN_NAME}: cannot lock {}: {e}", path.display())),
      }
    }
  }
}

fn is_stale(path: &Path) -> bool {
  std::fs::metadata(path)
    .and_then(|metadata| metadata.modified())
    .ok()
    .and_then(|modified| SystemTime::now().duration_since(modified).ok())
    .is_some_and(|age| age > STALE_AFTER)
}

impl Drop for DirectoryLock {
  fn drop(&mut self) {
    let _ = std::fs::remove_dir(&self.path);
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn released_on_drop_and_taken_again() {
    let directory =
      std::env::temp_dir().join(format!("assets-manifest-lock-{}", std::process::id()));
    let lock = DirectoryLock::acquire(&directory).unwrap();
    assert!(directory.join(LOCK_NAME).is_dir());
    drop(lock);
    assert!(!directory.join(LOCK_NAME).exists());
    drop(DirectoryLock::acquire(&directory).unwrap());
    std::fs::remove_dir_all(&directory).unwrap();
  }
}
