//! One `new LicensePlugin()` applies to the root compiler and, through inheritance, to each child
//! compiler (as the peer taps `compilation`, which child compilers inherit). Rspack makes a Rust
//! plugin for each, from the same resolved options; those plugins share what the build records,
//! as the peer's one object does, so the root's combined file lists the children's packages too.

use std::{
  collections::HashMap,
  sync::{Arc, LazyLock, Mutex, PoisonError, Weak},
};

use crate::records::BuildRecords;

/// The plugins made from one set of resolved options, by the id `@rspack-native/core` gave them.
static GROUPS: LazyLock<Mutex<HashMap<u32, Weak<Group>>>> = LazyLock::new(Default::default);

/// What the plugins of one root compiler and its child compilers share.
#[derive(Debug, Default)]
pub struct Group {
  records: Mutex<BuildRecords>,
}

impl Group {
  /// The group of `id`, and whether the plugin joining it is a child compiler's. The first plugin
  /// made from a set of options is the root compiler's: Rspack makes child compilers, and their
  /// plugins, only during the root's builds. Without an id, a group of its own.
  pub fn join(id: Option<u32>) -> (Arc<Group>, bool) {
    let Some(id) = id else {
      return (Arc::default(), false);
    };
    let mut groups = GROUPS.lock().unwrap_or_else(PoisonError::into_inner);
    groups.retain(|_, group| group.strong_count() > 0);
    if let Some(group) = groups.get(&id).and_then(Weak::upgrade) {
      return (group, true);
    }
    let group = Arc::new(Group::default());
    groups.insert(id, Arc::downgrade(&group));
    (group, false)
  }

  /// Takes what the build recorded so far, to add to it (put it back with [`Group::put`]). The
  /// compilations of a build never scan at the same time: a child's ends before its parent's
  /// assets are processed.
  pub fn take(&self) -> BuildRecords {
    std::mem::take(&mut *self.records.lock().unwrap_or_else(PoisonError::into_inner))
  }

  /// Stores what the build recorded.
  pub fn put(&self, records: BuildRecords) {
    *self.records.lock().unwrap_or_else(PoisonError::into_inner) = records;
  }
}
