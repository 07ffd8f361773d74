//! Paths as the peer sees them: a resource cut at its query, escapes undone, Unicode NFC.

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;

/// `text.normalize('NFC')`, reusing `text` when it already is NFC (as names almost always are).
pub fn into_nfc(text: String) -> String {
  match nfc(&text) {
    Cow::Borrowed(_) => text,
    Cow::Owned(normalized) => normalized,
  }
}

/// `text.normalize('NFC')`, borrowing `text` when it already is NFC.
fn nfc(text: &str) -> Cow<'_, str> {
  ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// The path the peer checks for a resolved resource: everything before the first `?`, with the
/// first `\0#` (enhanced-resolve's escaped `#`) turned back into `#`, in NFC. Borrowed from
/// `resource` when nothing changes, as for almost every module.
///
/// Like the peer, this keeps a `#fragment` that follows no query: such a path's last component
/// matches no directory entry, so it is left unchecked (never reported).
pub fn resource_path(resource: &str) -> Cow<'_, str> {
  let before_query = resource.split_once('?').map_or(resource, |(path, _)| path);
  if before_query.contains("\0#") {
    Cow::Owned(into_nfc(before_query.replacen("\0#", "#", 1)))
  } else {
    nfc(before_query)
  }
}

/// Whether the peer's walk can check `path`: an absolute file path, not a `data:` URI or
/// another scheme (for those it reads no directory that exists and reports nothing).
pub fn is_checkable(path: &str) -> bool {
  std::path::Path::new(path).is_absolute()
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn resource_path_drops_the_query_and_unescapes_one_hash() {
    assert_eq!(resource_path("/app/src/a.js?raw#x"), "/app/src/a.js");
    assert_eq!(
      resource_path("/app/src/a\0#b\0#c.js"),
      "/app/src/a#b\0#c.js"
    );
    assert_eq!(resource_path("/app/src/a.js#frag"), "/app/src/a.js#frag");
  }

  #[test]
  fn resource_path_is_nfc() {
    // "é" as "e" + combining acute accent becomes the one precomposed code point.
    assert_eq!(
      resource_path("/app/caf\u{65}\u{301}.js"),
      "/app/caf\u{e9}.js"
    );
  }

  #[test]
  fn only_absolute_paths_are_checked() {
    assert!(is_checkable("/app/src/a.js"));
    assert!(!is_checkable("data:text/javascript,export default 1"));
    assert!(!is_checkable("src/a.js"));
  }
}
