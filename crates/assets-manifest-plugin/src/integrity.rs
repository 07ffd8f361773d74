//! Subresource integrity of emitted files, as the peer records it: `<algorithm>-<base64 digest>`
//! for each algorithm of `integrityHashes`, joined by spaces, reusing a content hash that
//! already is one (such as webpack-subresource-integrity's `sha384-…`).

use base64::{Engine, engine::general_purpose::STANDARD};
use rspack_native_plugin_options::Named;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512, Sha512_224, Sha512_256};

/// A hash algorithm by its Node name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
  /// `sha1`.
  Sha1,
  /// `sha224`.
  Sha224,
  /// `sha256`.
  Sha256,
  /// `sha384`.
  Sha384,
  /// `sha512`.
  Sha512,
  /// `sha512-224`.
  Sha512_224,
  /// `sha512-256`.
  Sha512_256,
}

/// Each algorithm by its Node name.
impl Named for Algorithm {
  const NAMES: &'static [(&'static str, Self)] = &[
    ("sha1", Algorithm::Sha1),
    ("sha224", Algorithm::Sha224),
    ("sha256", Algorithm::Sha256),
    ("sha384", Algorithm::Sha384),
    ("sha512", Algorithm::Sha512),
    ("sha512-224", Algorithm::Sha512_224),
    ("sha512-256", Algorithm::Sha512_256),
  ];
}

impl Algorithm {
  /// The digest of `bytes`.
  fn digest(self, bytes: &[u8]) -> Vec<u8> {
    match self {
      Algorithm::Sha1 => Sha1::digest(bytes).to_vec(),
      Algorithm::Sha224 => Sha224::digest(bytes).to_vec(),
      Algorithm::Sha256 => Sha256::digest(bytes).to_vec(),
      Algorithm::Sha384 => Sha384::digest(bytes).to_vec(),
      Algorithm::Sha512 => Sha512::digest(bytes).to_vec(),
      Algorithm::Sha512_224 => Sha512_224::digest(bytes).to_vec(),
      Algorithm::Sha512_256 => Sha512_256::digest(bytes).to_vec(),
    }
  }

  /// `<name>-<base64 digest of bytes>`, the peer's `getSRIHash`.
  pub fn sri_hash(self, bytes: &[u8]) -> String {
    format!("{}-{}", self.name(), STANDARD.encode(self.digest(bytes)))
  }
}

/// The integrity of a file: one hash per algorithm, in `algorithms`' order, each taken from
/// `content_hashes` when one of them already is that hash, else computed from `bytes`.
pub fn integrity<'a>(
  algorithms: &[Algorithm],
  content_hashes: impl IntoIterator<Item = &'a String>,
  bytes: &[u8],
) -> String {
  // The peer's Map: one slot per algorithm, then any slot a content hash names (the text before
  // its first `-`), each filled by the last content hash for it.
  let mut slots: Vec<(String, Option<String>)> = algorithms
    .iter()
    .map(|algorithm| (algorithm.name().to_string(), None))
    .collect();
  for hash in content_hashes
    .into_iter()
    .flat_map(|hashes| hashes.split(' '))
  {
    if !algorithms
      .iter()
      .any(|algorithm| hash.starts_with(&format!("{}-", algorithm.name())))
    {
      continue;
    }
    let slot_name = &hash[..hash.find('-').unwrap_or(0)];
    match slots.iter_mut().find(|(name, _)| name == slot_name) {
      Some((_, slot)) => *slot = Some(hash.to_string()),
      None => slots.push((slot_name.to_string(), Some(hash.to_string()))),
    }
  }
  slots
    .into_iter()
    .map(|(name, hash)| {
      hash.unwrap_or_else(|| {
        Algorithm::from_name(&name)
          .map(|algorithm| algorithm.sri_hash(bytes))
          .unwrap_or_default()
      })
    })
    .collect::<Vec<_>>()
    .join(" ")
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn hashes_as_node_digests_them() {
    // `node -p "require('crypto').createHash('sha256').update('abc').digest('base64')"`
    assert_eq!(
      Algorithm::Sha256.sri_hash(b"abc"),
      "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
    );
    assert_eq!(
      Algorithm::Sha384.sri_hash(b"abc"),
      "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
    );
  }

  #[test]
  fn reuses_content_hashes_that_are_sri_hashes() {
    let hashes = ["abc123".to_string(), "sha384-given other".to_string()];
    let algorithms = [Algorithm::Sha256, Algorithm::Sha384];
    assert_eq!(
      integrity(&algorithms, &hashes, b"abc"),
      "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0= sha384-given"
    );
  }
}
