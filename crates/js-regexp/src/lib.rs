//! JavaScript `RegExp` semantics for rspack-native plugins and loaders.
//!
//! Options written in `rspack.config.js` hold JavaScript regular expressions; a native port must
//! match them exactly as Node would. [`JsRegExp`] compiles the pattern with `regress` (the
//! ECMAScript engine Rspack's own `rspack_regex` is built on) and reproduces the parts of
//! `RegExp.prototype.test` and `String.prototype.replace` that depend on the `g` and `y` flags,
//! which `regress` itself ignores.

mod replace;

use std::fmt;

pub use replace::Search;

/// The flags a JavaScript `RegExp` accepts.
const VALID_FLAGS: &str = "dgimsuvy";

/// A compiled JavaScript regular expression.
#[derive(Clone)]
pub struct JsRegExp {
  regex: regress::Regex,
  source: String,
  flags: String,
}

/// Why a pattern could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRegExp {
  /// The pattern as written, `/source/flags`.
  pub pattern: String,
  /// What is wrong with it.
  pub reason: String,
}

impl fmt::Display for InvalidRegExp {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(
      f,
      "invalid regular expression {}: {}",
      self.pattern, self.reason
    )
  }
}

impl std::error::Error for InvalidRegExp {}

impl JsRegExp {
  /// Compiles `source` with `flags`, as `new RegExp(source, flags)` would.
  pub fn new(source: &str, flags: &str) -> Result<Self, InvalidRegExp> {
    let invalid = |reason: String| InvalidRegExp {
      pattern: format!("/{source}/{flags}"),
      reason,
    };
    for (index, flag) in flags.char_indices() {
      if !VALID_FLAGS.contains(flag) {
        return Err(invalid(format!("unknown flag '{flag}'")));
      }
      if flags[..index].contains(flag) {
        return Err(invalid(format!("duplicate flag '{flag}'")));
      }
    }
    let regex = regress::Regex::with_flags(source, flags).map_err(|e| invalid(e.to_string()))?;
    Ok(Self {
      regex,
      source: source.to_string(),
      flags: flags.to_string(),
    })
  }

  /// The pattern's source text, as `RegExp.prototype.source`.
  pub fn source(&self) -> &str {
    &self.source
  }

  /// The pattern's flags, as written.
  pub fn flags(&self) -> &str {
    &self.flags
  }

  /// Whether the `g` flag is set.
  pub fn is_global(&self) -> bool {
    self.flags.contains('g')
  }

  /// Whether the `y` flag is set.
  pub fn is_sticky(&self) -> bool {
    self.flags.contains('y')
  }

  /// `regexp.test(text)` on a fresh `RegExp` (`lastIndex` 0).
  pub fn test(&self, text: &str) -> bool {
    self.first_match(text).is_some()
  }

  /// The matches `text.replace(regexp, …)` replaces, in order: every match with `g`, otherwise
  /// the first; with `y`, only matches that start where the previous one ended.
  pub fn replaced_matches(&self, text: &str) -> Vec<regress::Match> {
    if !self.is_global() {
      return self.first_match(text).into_iter().collect();
    }
    if !self.is_sticky() {
      return self.regex.find_iter(text).collect();
    }
    let mut matches = Vec::new();
    let mut position = 0;
    while position <= text.len() {
      let Some(found) = self.regex.find_from(text, position).next() else {
        break;
      };
      if found.start() != position {
        break;
      }
      position = if found.end() == found.start() {
        next_char_boundary(text, found.end())
      } else {
        found.end()
      };
      matches.push(found);
    }
    matches
  }

  fn first_match(&self, text: &str) -> Option<regress::Match> {
    let found = self.regex.find(text)?;
    (!self.is_sticky() || found.start() == 0).then_some(found)
  }
}

impl fmt::Debug for JsRegExp {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    write!(f, "/{}/{}", self.source, self.flags)
  }
}

impl PartialEq for JsRegExp {
  fn eq(&self, other: &Self) -> bool {
    self.source == other.source && self.flags == other.flags
  }
}

fn next_char_boundary(text: &str, index: usize) -> usize {
  text[index..]
    .chars()
    .next()
    .map_or(index + 1, |c| index + c.len_utf8())
}

#[cfg(test)]
mod tests {
  use super::*;

  fn re(source: &str, flags: &str) -> JsRegExp {
    JsRegExp::new(source, flags).expect("valid pattern")
  }

  #[test]
  fn rejects_unknown_and_duplicate_flags() {
    let err = JsRegExp::new("a", "gx").unwrap_err();
    assert_eq!(
      err.to_string(),
      "invalid regular expression /a/gx: unknown flag 'x'"
    );
    assert!(
      JsRegExp::new("a", "gg")
        .unwrap_err()
        .reason
        .contains("duplicate")
    );
    assert!(JsRegExp::new("(", "").is_err());
  }

  #[test]
  fn replaces_first_match_without_global_flag() {
    assert_eq!(re("o", "").replace("foo boo", "0"), "f0o boo");
    assert_eq!(re("o", "g").replace("foo boo", "0"), "f00 b00");
  }

  #[test]
  fn honours_ignore_case_like_the_default_remove_key_hash() {
    let hash = re(r"([a-f0-9]{16,32}\.?)", "gi");
    assert_eq!(hash.replace("main.0123456789ABCDEF.js", ""), "main.js");
  }

  #[test]
  fn sticky_only_matches_at_the_current_position() {
    assert_eq!(re("a", "gy").replace("aaba", "x"), "xxba");
    assert_eq!(re("b", "y").replace("ab", "x"), "ab");
    assert!(!re("b", "y").test("ab"));
  }

  #[test]
  fn empty_matches_advance_by_one_character() {
    assert_eq!(re("", "g").replace("ab", "-"), "-a-b-");
    assert_eq!(re("x*", "gy").replace("xxa", "-"), "--a-");
  }
}
