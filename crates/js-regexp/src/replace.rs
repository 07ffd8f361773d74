//! `String.prototype.replace(pattern, replacement)` with a string replacement, including the
//! `$` patterns of the replacement string (ECMAScript's GetSubstitution).

use std::ops::Range;

use crate::JsRegExp;

/// What `String.prototype.replace` searches for.
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
  /// A string: its first occurrence, taken literally.
  Literal(String),
  /// A regular expression: its first match, or every match with the `g` flag.
  RegExp(JsRegExp),
}

/// One match: where it is, and what its groups captured.
struct Found<'a> {
  range: Range<usize>,
  captures: &'a [Option<Range<usize>>],
  /// The match, to look up `$<name>`; `None` when the pattern has no named groups.
  named: Option<&'a regress::Match>,
}

impl Search {
  /// `text.replace(search, replacement)`.
  pub fn replace(&self, text: &str, replacement: &str) -> String {
    match self {
      Search::Literal(needle) => match text.find(needle.as_str()) {
        Some(start) => {
          let found = Found {
            range: start..start + needle.len(),
            captures: &[],
            named: None,
          };
          let mut result = String::with_capacity(text.len());
          result.push_str(&text[..start]);
          substitute(&mut result, text, &found, replacement);
          result.push_str(&text[found.range.end..]);
          result
        }
        None => text.to_string(),
      },
      Search::RegExp(regexp) => regexp.replace(text, replacement),
    }
  }
}

impl JsRegExp {
  /// `text.replace(regexp, replacement)`.
  pub fn replace(&self, text: &str, replacement: &str) -> String {
    let mut result = String::with_capacity(text.len());
    let mut last_end = 0;
    for matched in self.replaced_matches(text) {
      let found = Found {
        range: matched.range(),
        captures: &matched.captures,
        named: matched.named_groups().next().is_some().then_some(&matched),
      };
      result.push_str(&text[last_end..found.range.start]);
      substitute(&mut result, text, &found, replacement);
      last_end = found.range.end;
    }
    result.push_str(&text[last_end..]);
    result
  }
}

/// Appends `replacement` with its `$` patterns expanded for `found` (GetSubstitution).
fn substitute(out: &mut String, text: &str, found: &Found<'_>, replacement: &str) {
  let bytes = replacement.as_bytes();
  let capture_count = found.captures.len();
  let mut literal_start = 0;
  let mut index = 0;
  while index < bytes.len() {
    if bytes[index] != b'$' || index + 1 >= bytes.len() {
      index += 1;
      continue;
    }
    out.push_str(&replacement[literal_start..index]);
    let next = bytes[index + 1];
    let consumed = match next {
      b'$' => {
        out.push('$');
        2
      }
      b'&' => {
        out.push_str(&text[found.range.clone()]);
        2
      }
      b'`' => {
        out.push_str(&text[..found.range.start]);
        2
      }
      b'\'' => {
        out.push_str(&text[found.range.end..]);
        2
      }
      b'0'..=b'9' => {
        let one = usize::from(next - b'0');
        let two = bytes
          .get(index + 2)
          .filter(|b| b.is_ascii_digit())
          .map(|b| one * 10 + usize::from(b - b'0'));
        let (group, digits) = match two {
          Some(two) if (1..=capture_count).contains(&two) => (two, 2),
          _ => (one, 1),
        };
        if (1..=capture_count).contains(&group) {
          if let Some(range) = &found.captures[group - 1] {
            out.push_str(&text[range.clone()]);
          }
        } else {
          out.push_str(&replacement[index..index + 1 + digits]);
        }
        1 + digits
      }
      b'<' => match (&found.named, replacement[index + 2..].find('>')) {
        (Some(named), Some(close)) => {
          let name = &replacement[index + 2..index + 2 + close];
          if let Some(range) = named.named_group(name) {
            out.push_str(&text[range]);
          }
          close + 3
        }
        _ => {
          out.push_str("$<");
          2
        }
      },
      _ => {
        out.push('$');
        1
      }
    };
    index += consumed;
    literal_start = index;
  }
  out.push_str(&replacement[literal_start..]);
}

#[cfg(test)]
mod tests {
  use super::*;

  fn regexp(source: &str, flags: &str) -> Search {
    Search::RegExp(JsRegExp::new(source, flags).expect("valid pattern"))
  }

  #[test]
  fn literal_search_replaces_the_first_occurrence_and_expands_dollar_patterns() {
    let search = Search::Literal("b".into());
    assert_eq!(
      search.replace("abcb", "[$&|$`|$'|$$|$1|$<x>]"),
      "a[b|a|cb|$|$1|$<x>]cb"
    );
    assert_eq!(Search::Literal(String::new()).replace("ab", "-"), "-ab");
    assert_eq!(Search::Literal("z".into()).replace("ab", "-"), "ab");
  }

  #[test]
  fn numbered_groups_follow_get_substitution() {
    let search = regexp("(a)(b)?", "g");
    assert_eq!(
      search.replace("ab a", "[$1$2$3$01$10$0]"),
      "[ab$3aa0$0] [a$3aa0$0]"
    );
  }

  #[test]
  fn named_groups() {
    let search = regexp("(?<word>\\w+)@(?<host>\\w+)", "");
    assert_eq!(
      search.replace("me@host!", "$<host>:$<word>$<nope>$<bad"),
      "host:me$<bad!"
    );
  }
}
