//! Which file a module's resource or identifier points at: the peer's `getActualFilename`.

use rspack_native_js_json as js;

/// Resources and identifiers of modules that have no file of their own.
const SKIPPED_PREFIXES: &[&str] = &[
  "delegated ",
  "external ",
  "container entry ",
  "ignored|",
  "remote ",
  "data:",
  // The peer points these at webpack's own main file; Rspack's runtime modules never reach it
  // (they are not chunk modules, and the stats it reads leave them out).
  "webpack/runtime",
];

/// The file whose package a module belongs to, or `None` for modules without one. `resource` is a
/// module's resource or, for modules seen through the stats, its identifier.
pub fn module_file(resource: &str) -> Option<&str> {
  if SKIPPED_PREFIXES
    .iter()
    .any(|prefix| resource.starts_with(prefix))
  {
    return None;
  }
  let file = if resource.contains('!') {
    // A loader request: the resource is what follows the last `!`.
    resource.rsplit('!').next()
  } else if resource.starts_with("provide module") {
    resource.split('=').nth(1).map(js::trim)
  } else if resource.starts_with("consume-shared-module") {
    let tokens: Vec<&str> = resource.split('|').collect();
    tokens
      .len()
      .checked_sub(3)
      .map(|index| tokens[index])
      .filter(|file| *file != "undefined")
  } else {
    Some(resource)
  };
  file.filter(|file| !file.is_empty())
}

#[cfg(test)]
mod tests {
  use super::module_file;

  #[test]
  fn plain_resources_are_files() {
    assert_eq!(
      module_file("/app/node_modules/a/index.js"),
      Some("/app/node_modules/a/index.js")
    );
    assert_eq!(
      module_file("/a/b.js?query#hash"),
      Some("/a/b.js?query#hash")
    );
  }

  #[test]
  fn modules_without_files_are_skipped() {
    for resource in [
      "",
      "external \"react\"",
      "data:text/javascript,1",
      "ignored|/app|./x",
      "delegated ./a from dll-reference x",
      "remote app/Button",
      "container entry (default) [[\"./a\"]]",
      "webpack/runtime/define_property_getters",
      "/app/loader.js!",
    ] {
      assert_eq!(module_file(resource), None, "{resource}");
    }
  }

  #[test]
  fn loader_requests_and_shared_modules_point_at_their_file() {
    assert_eq!(
      module_file("/l/a.js!/l/b.js!/app/x.css"),
      Some("/app/x.css")
    );
    assert_eq!(
      module_file("provide module (default) process = /app/node_modules/process/browser.js"),
      Some("/app/node_modules/process/browser.js")
    );
    assert_eq!(
      module_file(
        "consume-shared-module|default|react|^18|false|/app/node_modules/react/index.js|false|false"
      ),
      Some("/app/node_modules/react/index.js")
    );
    assert_eq!(
      module_file("consume-shared-module|default|react|undefined|false|false"),
      None
    );
  }
}
