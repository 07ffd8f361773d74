//! Files of a build → manifest, exactly as `rspack-manifest-plugin` 5.2.2 computes it.
//!
//! Plain Rust with no Rspack types, so every rule is unit-tested without a build.

use rspack_native_js_regexp::JsRegExp;

use rspack_native_node_path as posix_path;

use crate::js_object::{JsObject, JsValue};

/// The data options of the plugin, with the peer's defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestConfig {
  /// Where the manifest goes, relative to `output.path`.
  pub file_name: String,
  /// Prefix for every key.
  pub base_path: String,
  /// Prefix for every value; `None` takes the compilation's `output.publicPath`.
  pub public_path: Option<String>,
  /// Removed from keys; `None` keeps keys as they are.
  pub remove_key_hash: Option<JsRegExp>,
  /// Extensions that keep the one before them in a chunk's key (`main.js.map`).
  pub transform_extensions: JsRegExp,
  /// Key an entry's files by the chunk name alone.
  pub use_entry_keys: bool,
  /// Also write the manifest to disk while processing assets.
  pub write_to_file_emit: bool,
}

impl Default for ManifestConfig {
  fn default() -> Self {
    Self {
      file_name: "manifest.json".to_string(),
      base_path: String::new(),
      public_path: None,
      remove_key_hash: Some(default_remove_key_hash()),
      transform_extensions: default_transform_extensions(),
      use_entry_keys: false,
      write_to_file_emit: false,
    }
  }
}

/// `/([a-f0-9]{16,32}\.?)/gi`, the peer's default `removeKeyHash`.
pub fn default_remove_key_hash() -> JsRegExp {
  JsRegExp::new(r"([a-f0-9]{16,32}\.?)", "gi").expect("default removeKeyHash compiles")
}

/// `/^(gz|map)$/i`, the peer's default `transformExtensions`.
pub fn default_transform_extensions() -> JsRegExp {
  JsRegExp::new("^(gz|map)$", "i").expect("default transformExtensions compiles")
}

/// A chunk's files, as the compilation lists them.
#[derive(Debug, Clone, Default)]
pub struct ChunkFiles {
  /// The chunk's name, if it has one.
  pub name: Option<String>,
  /// Whether the chunk is only in initial chunk groups (`chunk.isOnlyInitial()`).
  pub is_initial: bool,
  /// Files the chunk emits, sorted.
  pub files: Vec<String>,
  /// Files the chunk references, such as source maps.
  pub auxiliary_files: Vec<String>,
}

/// An asset as `stats.toJson({ assets: true })` lists it.
#[derive(Debug, Clone)]
pub struct StatsAsset {
  /// The asset's file name.
  pub name: String,
  /// The asset's size in bytes.
  pub size: f64,
  /// The module file an asset module came from.
  pub source_filename: Option<String>,
  /// Whether some chunk lists this asset among its files.
  pub in_chunk: bool,
}

/// Everything the manifest is made of, taken from one compilation.
#[derive(Debug, Clone, Default)]
pub struct BuildFiles {
  /// Chunks in the compilation's order.
  pub chunks: Vec<ChunkFiles>,
  /// Assets in stats order (see [`sort_like_stats`]) without related assets such as source maps.
  pub assets: Vec<StatsAsset>,
  /// `stats.publicPath`: the rendered `output.publicPath`, or `auto`.
  pub public_path: String,
  /// `output.path`.
  pub output_path: String,
}

/// A manifest entry: key and value, and where the file came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestFile {
  /// The key.
  pub name: String,
  /// The value.
  pub path: String,
  /// What the peer's file descriptor says about the file.
  pub kind: FileKind,
}

/// Where a manifest file came from, as the peer's file descriptors tell it
/// (`isChunk`, `isAsset`, `isInitial`, `isModuleAsset`, `chunk`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FileKind {
  /// A file a chunk emits: the chunk's position in [`BuildFiles::chunks`], and
  /// whether the chunk is only in initial chunk groups.
  Chunk { index: usize, is_initial: bool },
  /// An asset; `is_module_asset` for an asset module's file and a chunk's auxiliary file.
  Asset { is_module_asset: bool },
}

/// Orders assets as Rspack's stats do by default: biggest first, then by name.
pub fn sort_like_stats(assets: &mut [StatsAsset]) {
  assets.sort_by(|a, b| b.size.total_cmp(&a.size).then_with(|| a.name.cmp(&b.name)));
}

/// The manifest's entries, in order, before [`standardize_paths`]. `is_manifest_file` tells whether an absolute path is the
/// output file of some manifest plugin: such files are left out, as the peer does.
pub fn manifest_files(
  config: &ManifestConfig,
  build: &BuildFiles,
  is_manifest_file: impl Fn(&str) -> bool,
) -> Vec<ManifestFile> {
  let mut auxiliary: Vec<ManifestFile> = Vec::new();
  let mut files: Vec<ManifestFile> = Vec::new();
  for (index, chunk) in build.chunks.iter().enumerate() {
    for file in &chunk.auxiliary_files {
      let entry = ManifestFile {
        name: posix_path::basename(file).to_string(),
        path: file.clone(),
        kind: FileKind::Asset {
          is_module_asset: true,
        },
      };
      match auxiliary.iter_mut().find(|known| known.path == *file) {
        Some(known) => *known = entry,
        None => auxiliary.push(entry),
      }
    }
    for path in &chunk.files {
      let name = match chunk.name.as_deref().filter(|name| !name.is_empty()) {
        Some(name) if config.use_entry_keys && !path.ends_with(".map") => name.to_string(),
        Some(name) => format!("{name}.{}", file_type(path, &config.transform_extensions)),
        None => path.clone(),
      };
      files.push(ManifestFile {
        name,
        path: path.clone(),
        kind: FileKind::Chunk {
          index,
          is_initial: chunk.is_initial,
        },
      });
    }
  }

  for asset in &build.assets {
    let name = match &asset.source_filename {
      Some(source) => posix_path::join(
        &posix_path::dirname(&asset.name),
        posix_path::basename(source),
      ),
      None if asset.in_chunk => continue,
      None => asset.name.clone(),
    };
    files.push(ManifestFile {
      name,
      path: asset.name.clone(),
      kind: FileKind::Asset {
        is_module_asset: asset.source_filename.is_some(),
      },
    });
  }

  files.retain(|file| {
    !file.path.contains("hot-update")
      && !is_manifest_file(&posix_path::join(&build.output_path, &file.name))
  });
  auxiliary.retain(|aux| !files.iter().any(|file| file.path == aux.path));
  files.extend(auxiliary);

  let public_path = config.public_path.as_deref().unwrap_or(&build.public_path);
  let public_path = if public_path == "auto" {
    ""
  } else {
    public_path
  };
  for file in &mut files {
    if !config.base_path.is_empty() {
      file.name = format!("{}{}", with_trailing_slash(&config.base_path), file.name);
    }
    if !public_path.is_empty() {
      file.path = format!("{}{}", with_trailing_slash(public_path), file.path);
    }
    if let Some(remove_key_hash) = &config.remove_key_hash {
      file.name = remove_key_hash.replace(&file.name, "");
    }
  }
  files
}

/// Turns `\` into `/` in keys and values. The peer does this last, after the user's `filter`,
/// `map` and `sort` have seen the files.
pub fn standardize_paths(files: &mut [ManifestFile]) {
  for file in files {
    file.name = file.name.replace('\\', "/");
    file.path = file.path.replace('\\', "/");
  }
}

/// Adds the entries to `manifest` (the seed, or an empty object), as the peer's default
/// `generate` does.
pub fn add_to_manifest(manifest: &mut JsObject, files: Vec<ManifestFile>) {
  for file in files {
    manifest.set(file.name, JsValue::String(file.path));
  }
}

/// The extension a chunk file's key gets: `js`, or `js.map` when the last extension is one of
/// `transform_extensions`.
fn file_type(path: &str, transform_extensions: &JsRegExp) -> String {
  let without_query = match path.find('?') {
    Some(index) => &path[..index],
    None => path,
  };
  let mut parts: Vec<&str> = without_query.split('.').collect();
  let extension = parts.pop().unwrap_or_default();
  if transform_extensions.test(extension) {
    // Like the peer, a name without a dot yields `undefined` before the extension.
    let before = parts.pop().unwrap_or("undefined");
    format!("{before}.{extension}")
  } else {
    extension.to_string()
  }
}

fn with_trailing_slash(path: &str) -> String {
  if path.ends_with('/') {
    path.to_string()
  } else {
    format!("{path}/")
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  fn chunk(name: Option<&str>, files: &[&str], auxiliary_files: &[&str]) -> ChunkFiles {
    ChunkFiles {
      name: name.map(str::to_string),
      is_initial: name.is_some(),
      files: files.iter().map(|s| s.to_string()).collect(),
      auxiliary_files: auxiliary_files.iter().map(|s| s.to_string()).collect(),
    }
  }

  fn asset(name: &str, size: f64, source: Option<&str>, in_chunk: bool) -> StatsAsset {
    StatsAsset {
      name: name.to_string(),
      size,
      source_filename: source.map(str::to_string),
      in_chunk,
    }
  }

  fn build(chunks: Vec<ChunkFiles>, assets: Vec<StatsAsset>, public_path: &str) -> BuildFiles {
    BuildFiles {
      chunks,
      assets,
      public_path: public_path.to_string(),
      output_path: "/out".to_string(),
    }
  }

  fn render(config: &ManifestConfig, build: &BuildFiles) -> String {
    let mut manifest = JsObject::default();
    let mut files = manifest_files(config, build, |_| false);
    standardize_paths(&mut files);
    add_to_manifest(&mut manifest, files);
    manifest.to_pretty_json()
  }

  #[test]
  fn keys_chunk_files_by_chunk_name_and_extension() {
    let build = build(
      vec![
        chunk(
          Some("main"),
          &["main.1a2b3c4d5e6f7a8b.js", "main.css"],
          &["main.js.map"],
        ),
        chunk(None, &["123.js"], &[]),
      ],
      vec![asset("main.js.map", 10.0, None, false)],
      "/static",
    );
    assert_eq!(
      render(&ManifestConfig::default(), &build),
      r#"{
  "main.js": "/static/main.1a2b3c4d5e6f7a8b.js",
  "main.css": "/static/main.css",
  "123.js": "/static/123.js",
  "main.js.map": "/static/main.js.map"
}"#
    );
  }

  #[test]
  fn module_assets_are_keyed_by_their_source_file_name() {
    let build = build(
      vec![],
      vec![
        asset(
          "static/image/logo.0123456789abcdef.png",
          9.0,
          Some("src/logo.png"),
          false,
        ),
        asset("main.js", 5.0, None, true),
        asset("extra.txt", 1.0, None, false),
      ],
      "auto",
    );
    assert_eq!(
      render(&ManifestConfig::default(), &build),
      "{\n  \"static/image/logo.png\": \"static/image/logo.0123456789abcdef.png\",\n  \"extra.txt\": \"extra.txt\"\n}"
    );
  }

  #[test]
  fn base_path_public_path_and_entry_keys() {
    let config = ManifestConfig {
      base_path: "assets".into(),
      public_path: Some("https://cdn.example".into()),
      use_entry_keys: true,
      remove_key_hash: None,
      ..ManifestConfig::default()
    };
    let build = build(
      vec![chunk(Some("app"), &["app.js", "app.js.map"], &[])],
      vec![],
      "/ignored/",
    );
    assert_eq!(
      render(&config, &build),
      "{\n  \"assets/app\": \"https://cdn.example/app.js\",\n  \"assets/app.js.map\": \"https://cdn.example/app.js.map\"\n}"
    );
  }

  #[test]
  fn leaves_out_hot_updates_and_manifests() {
    let build = build(
      vec![chunk(None, &["main.hot-update.js", "a.js"], &[])],
      vec![asset("manifest.json", 1.0, None, false)],
      "",
    );
    let files = manifest_files(&ManifestConfig::default(), &build, |path| {
      path == "/out/manifest.json"
    });
    assert_eq!(
      files,
      [ManifestFile {
        name: "a.js".into(),
        path: "a.js".into(),
        kind: FileKind::Chunk {
          index: 0,
          is_initial: false
        },
      }]
    );
  }

  #[test]
  fn files_carry_the_peer_descriptor_kinds_and_keep_backslashes_until_standardized() {
    let build = build(
      vec![
        chunk(Some("main"), &["main.js"], &["main.js.map"]),
        chunk(None, &["lazy\\1.js"], &[]),
      ],
      vec![
        asset("img/logo.png", 3.0, Some("src/logo.png"), false),
        asset("robots.txt", 2.0, None, false),
      ],
      "",
    );
    let mut files = manifest_files(&ManifestConfig::default(), &build, |_| false);
    let kinds: Vec<_> = files
      .iter()
      .map(|file| (file.name.as_str(), file.kind))
      .collect();
    assert_eq!(
      kinds,
      [
        (
          "main.js",
          FileKind::Chunk {
            index: 0,
            is_initial: true
          }
        ),
        (
          "lazy\\1.js",
          FileKind::Chunk {
            index: 1,
            is_initial: false
          }
        ),
        (
          "img/logo.png",
          FileKind::Asset {
            is_module_asset: true
          }
        ),
        (
          "robots.txt",
          FileKind::Asset {
            is_module_asset: false
          }
        ),
        (
          "main.js.map",
          FileKind::Asset {
            is_module_asset: true
          }
        ),
      ]
    );
    standardize_paths(&mut files);
    assert_eq!(files[1].name, "lazy/1.js");
    assert_eq!(files[1].path, "lazy/1.js");
  }

  #[test]
  fn file_type_follows_the_peer() {
    let transform = default_transform_extensions();
    assert_eq!(file_type("main.js?v=1.2", &transform), "js");
    assert_eq!(file_type("main.js.map", &transform), "js.map");
    assert_eq!(file_type("archive.tar.GZ", &transform), "tar.GZ");
    assert_eq!(file_type("map", &transform), "undefined.map");
    assert_eq!(file_type("LICENSE", &transform), "LICENSE");
  }

  #[test]
  fn stats_order_is_size_then_name() {
    let mut assets = vec![
      asset("b", 1.0, None, false),
      asset("a", 1.0, None, false),
      asset("c", 2.0, None, false),
    ];
    sort_like_stats(&mut assets);
    let names: Vec<_> = assets.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["c", "a", "b"]);
  }

  #[test]
  fn seed_keeps_its_entries_and_their_place() {
    let mut manifest = JsObject::default();
    manifest.set("main.js".into(), JsValue::String("old".into()));
    manifest.set("version".into(), JsValue::Json("1".into()));
    add_to_manifest(
      &mut manifest,
      vec![ManifestFile {
        name: "main.js".into(),
        path: "main.js".into(),
        kind: FileKind::Asset {
          is_module_asset: false,
        },
      }],
    );
    assert_eq!(
      manifest.to_pretty_json(),
      "{\n  \"main.js\": \"main.js\",\n  \"version\": 1\n}"
    );
  }
}
