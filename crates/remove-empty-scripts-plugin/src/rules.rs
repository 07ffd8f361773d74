//! Which scripts are empty: webpack-remove-empty-scripts' rules in plain Rust. A script a chunk
//! emits is removed when its name matches `remove` and every resource of the chunk's entry
//! modules, less those `ignore` matches, is a style file (`extensions`).

use rspack_native_js_regexp::{InvalidRegExp, JsRegExp};

/// The peer's default `extensions`.
pub const DEFAULT_EXTENSIONS: [&str; 5] = ["css", "scss", "sass", "less", "styl"];

/// The peer's default `remove`: `/\.(js|mjs)$/`.
pub const DEFAULT_REMOVE: &str = r"\.(js|mjs)$";

/// `extensions`, `ignore` and `remove`, ready to match.
#[derive(Debug, Clone)]
pub struct StyleRules {
  /// A style file's resource matches this.
  pub extensions: JsRegExp,
  /// Resources that do not count.
  pub ignore: Vec<JsRegExp>,
  /// The files the plugin may remove.
  pub remove: JsRegExp,
}

impl StyleRules {
  /// The RegExp the peer makes of an array of extensions: each without a leading dot, joined into
  /// `.(css|scss)([?].*)?$` (whose first `.` matches any character, as in the peer).
  pub fn extensions_regexp(extensions: &[impl AsRef<str>]) -> Result<JsRegExp, InvalidRegExp> {
    let pattern: Vec<&str> = extensions
      .iter()
      .map(|extension| {
        let extension = extension.as_ref();
        extension.strip_prefix('.').unwrap_or(extension)
      })
      .collect();
    JsRegExp::new(&format!(".({})([?].*)?$", pattern.join("|")), "")
  }

  /// Whether the file is one the plugin may remove.
  pub fn may_remove(&self, filename: &str) -> bool {
    self.remove.test(filename)
  }

  /// Whether `ignore` leaves the resource out.
  pub fn ignores(&self, resource: &str) -> bool {
    self.ignore.iter().any(|pattern| pattern.test(resource))
  }

  /// Whether the resource is a style file.
  pub fn is_style(&self, resource: &str) -> bool {
    self.extensions.test(resource)
  }

  /// The peer's test of an entry: some resources are left once `ignore` has taken its own, and all
  /// of them are style files.
  pub fn only_styles<'a>(&self, resources: impl IntoIterator<Item = &'a str>) -> bool {
    let mut counted = resources
      .into_iter()
      .filter(|resource| !self.ignores(resource))
      .peekable();
    counted.peek().is_some() && counted.all(|resource| self.is_style(resource))
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn rules(ignore: &[&str]) -> StyleRules {
    StyleRules {
      extensions: StyleRules::extensions_regexp(&DEFAULT_EXTENSIONS).unwrap(),
      ignore: ignore
        .iter()
        .map(|p| JsRegExp::new(p, "").unwrap())
        .collect(),
      remove: JsRegExp::new(DEFAULT_REMOVE, "").unwrap(),
    }
  }

  #[test]
  fn an_entry_of_styles_only_is_empty() {
    let rules = rules(&[]);
    assert!(rules.only_styles(["/app/style.css"]));
    assert!(rules.only_styles(["/app/a.scss", "/app/b.less?inline"]));
    assert!(!rules.only_styles(["/app/style.css", "/app/index.js"]));
    assert!(
      !rules.only_styles([]),
      "an entry without resources is not empty"
    );
  }

  #[test]
  fn ignored_resources_do_not_count() {
    let rules = rules(&["webpack-dev-server"]);
    let hot = "/app/node_modules/webpack-dev-server/client/index.js";
    assert!(rules.only_styles([hot, "/app/style.css"]));
    assert!(!rules.only_styles([hot]), "nothing left once ignored");
  }

  #[test]
  fn extensions_follow_the_peer() {
    let regexp = StyleRules::extensions_regexp(&[".css", "pcss"]).unwrap();
    assert_eq!(regexp.source(), ".(css|pcss)([?].*)?$");
    assert!(regexp.test("/a/b.pcss?module"));
    assert!(
      regexp.test("/a/bxcss"),
      "the peer's first dot matches any character"
    );
    assert!(!regexp.test("/a/b.css.js"));
  }

  #[test]
  fn only_scripts_may_be_removed() {
    let rules = rules(&[]);
    assert!(rules.may_remove("style.js") && rules.may_remove("js/style.mjs"));
    assert!(!rules.may_remove("style.css") && !rules.may_remove("style.js.map"));
  }
}
