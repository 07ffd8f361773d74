//! The parts of Node's `path.posix` that ports of JavaScript plugins depend on (manifest keys and
//! paths), with Node's exact results.

/// `path.posix.normalize`.
pub fn normalize(path: &str) -> String {
  if path.is_empty() {
    return ".".to_string();
  }
  let absolute = path.starts_with('/');
  let trailing_slash = path.ends_with('/');
  let mut segments: Vec<&str> = Vec::new();
  for segment in path.split('/') {
    match segment {
      "" | "." => {}
      ".." => {
        if segments.last().is_some_and(|last| *last != "..") {
          segments.pop();
        } else if !absolute {
          segments.push("..");
        }
      }
      _ => segments.push(segment),
    }
  }
  let mut normalized = segments.join("/");
  if normalized.is_empty() && !absolute {
    normalized.push('.');
  }
  if trailing_slash && !normalized.is_empty() {
    normalized.push('/');
  }
  if absolute {
    normalized.insert(0, '/');
  }
  normalized
}

/// `path.posix.join(a, b)`.
pub fn join(a: &str, b: &str) -> String {
  let joined = [a, b]
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join("/");
  normalize(&joined)
}

/// `path.posix.resolve(base, path)` for an absolute `base`.
pub fn resolve(base: &str, path: &str) -> String {
  let resolved = if path.starts_with('/') {
    normalize(path)
  } else {
    join(base, path)
  };
  strip_trailing_slash(resolved)
}

/// `path.posix.relative(from, to)` for absolute paths.
pub fn relative(from: &str, to: &str) -> String {
  let from = resolve("/", from);
  let to = resolve("/", to);
  let from_parts: Vec<_> = from.split('/').filter(|s| !s.is_empty()).collect();
  let to_parts: Vec<_> = to.split('/').filter(|s| !s.is_empty()).collect();
  let common = from_parts
    .iter()
    .zip(&to_parts)
    .take_while(|(a, b)| a == b)
    .count();
  let ups = std::iter::repeat_n("..", from_parts.len() - common);
  ups
    .chain(to_parts[common..].iter().copied())
    .collect::<Vec<_>>()
    .join("/")
}

/// `path.posix.dirname`.
pub fn dirname(path: &str) -> String {
  let trimmed = trim_trailing_slashes(path);
  match trimmed.rfind('/') {
    Some(0) => "/".to_string(),
    Some(index) => trim_trailing_slashes(&trimmed[..index]).to_string(),
    None if path.starts_with('/') => "/".to_string(),
    None => ".".to_string(),
  }
}

/// `path.posix.basename`.
pub fn basename(path: &str) -> &str {
  let trimmed = trim_trailing_slashes(path);
  trimmed.rsplit('/').next().unwrap_or(trimmed)
}

/// `path.posix.extname`: from the last `.` of the base name, unless that is its first character.
pub fn extname(path: &str) -> &str {
  let base = basename(path);
  match base.rfind('.') {
    Some(index) if index > 0 => &base[index..],
    _ => "",
  }
}

fn trim_trailing_slashes(path: &str) -> &str {
  let trimmed = path.trim_end_matches('/');
  if trimmed.is_empty() && path.starts_with('/') {
    "/"
  } else {
    trimmed
  }
}

fn strip_trailing_slash(mut path: String) -> String {
  if path.len() > 1 && path.ends_with('/') {
    path.pop();
  }
  path
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn matches_node_path_posix() {
    // Expected values printed by Node's path.posix.
    assert_eq!(join("static/image", "logo.png"), "static/image/logo.png");
    assert_eq!(join(".", "logo.png"), "logo.png");
    assert_eq!(join("/out", "../a/./b//c/"), "/a/b/c/");
    assert_eq!(join("", ""), ".");
    assert_eq!(normalize("a/../.."), "..");
    assert_eq!(normalize("/.."), "/");
    assert_eq!(dirname("main.js"), ".");
    assert_eq!(dirname("static/js/main.js"), "static/js");
    assert_eq!(dirname("/a"), "/");
    assert_eq!(dirname("a/b/"), "a");
    assert_eq!(basename("src/assets/logo.png"), "logo.png");
    assert_eq!(basename("a/b/"), "b");
    assert_eq!(
      resolve("/out/dist", "manifest.json"),
      "/out/dist/manifest.json"
    );
    assert_eq!(resolve("/out/dist", "../m.json"), "/out/m.json");
    assert_eq!(resolve("/out/dist", "/abs/m.json"), "/abs/m.json");
    assert_eq!(relative("/out/dist", "/out/dist/sub/m.json"), "sub/m.json");
    assert_eq!(relative("/out/dist", "/out/m.json"), "../m.json");
    assert_eq!(extname("a/b.js.map"), ".map");
    assert_eq!(extname(".hidden"), "");
    assert_eq!(extname("a."), ".");
    assert_eq!(extname("dir.v1/file"), "");
  }
}
