//! The peer's rules, in plain Rust: which keys a file gets, what value, how entrypoints are
//! grouped, how an existing manifest is merged, and how the manifest is sorted and written.

use std::collections::HashMap;

use indexmap::IndexMap;
use rspack_native_js_json::{JsonFormat, array_to_string, compare_utf16, stringify, truthy};
use rspack_native_js_regexp::JsRegExp;
use rspack_native_node_path::{basename, dirname, extname, join};
use serde_json::{Map, Value};

/// How a file's extension is found (`fileExtRegex`).
#[derive(Debug, Clone)]
pub enum FileExtension {
  /// The first match of the RegExp. Default: `/\.\w{2,4}\.(?:map|gz|br)$|\.\w+$/i`.
  Regex(JsRegExp),
  /// Node's `path.extname` (`fileExtRegex: false` or `null`).
  Extname,
}

/// How an existing manifest on disk is merged into the new one (`merge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
  /// It is overwritten (`false`, the default).
  Off,
  /// Its entries are kept, objects deep-merged (`true`).
  On,
  /// As `On`, and each merged entry goes through the rules of a new one (`'customize'`).
  Customize,
}

/// The `entrypoints` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrypointsConfig {
  /// `entrypointsKey`: the key of the section, or `None` for each entrypoint at the top level.
  pub key: Option<String>,
  /// `entrypointsUseAssets`: a file's manifest value instead of its public path.
  pub use_assets: bool,
}

/// The options that decide the manifest's content.
#[derive(Debug, Clone)]
pub struct ManifestRules {
  /// `fileExtRegex`.
  pub file_extension: FileExtension,
  /// The prefix of every value: `publicPath` (or `output.publicPath` for `true`).
  pub public_path: Option<String>,
  /// `integrityPropertyName` when `integrity` is on: each value becomes `{ src, integrity }`.
  pub integrity_property: Option<String>,
  /// `contextRelativeKeys`.
  pub context_relative_keys: bool,
  /// `merge`.
  pub merge: Merge,
  /// `sortManifest: true`.
  pub sort: bool,
  /// `entrypoints`, when on.
  pub entrypoints: Option<EntrypointsConfig>,
  /// `replacer` (an array) and `space`.
  pub format: JsonFormat,
}

impl ManifestRules {
  /// The extension of `filename` (without its query or fragment), with its dot; `""` if none.
  pub fn extension(&self, filename: &str) -> String {
    let path = filename.split(['?', '#']).next().unwrap_or_default();
    match &self.file_extension {
      FileExtension::Regex(regexp) => regexp
        .replaced_matches(path)
        .first()
        .map(|found| path[found.range()].to_string())
        .unwrap_or_default(),
      FileExtension::Extname => extname(path).to_string(),
    }
  }

  /// The value of a file in the manifest: its name after the public path.
  pub fn public_path(&self, filename: &str) -> String {
    match &self.public_path {
      None => filename.to_string(),
      Some(base) => resolve_url(base, filename),
    }
  }

  /// The key of a file that no rule named: its source file's name (relative to the context with
  /// `contextRelativeKeys`), else its own name.
  pub fn fallback_key(&self, filename: &str, source_filename: Option<&str>) -> String {
    match source_filename {
      Some(source) if self.context_relative_keys => source.to_string(),
      Some(source) => basename(source).to_string(),
      None => filename.to_string(),
    }
  }

  /// The key of a file made from a source file (an asset module's, a copied file's): the source
  /// file's name in the file's directory, or its path relative to the context with
  /// `contextRelativeKeys`.
  pub fn source_key(&self, filename: &str, source_path: &str, context_relative: &str) -> String {
    if self.context_relative_keys {
      context_relative.to_string()
    } else {
      join(&dirname(filename), basename(source_path))
    }
  }
}

/// What the plugin keeps between builds, as the peer's object does.
#[derive(Debug, Default)]
pub struct Manifest {
  /// The entries (the peer's `assets`). They start as the `assets` option, and stay from one
  /// build to the next; a watch run empties them.
  pub entries: Map<String, Value>,
  /// The keys found for files (the peer's `assetNames`), by key: never emptied, as the peer's.
  pub asset_names: IndexMap<String, String>,
}

impl Manifest {
  /// The keys each file has in `asset_names`, in the order they were first found.
  pub fn keys_by_file(&self) -> HashMap<String, Vec<String>> {
    let mut keys: HashMap<String, Vec<String>> = HashMap::new();
    for (key, file) in &self.asset_names {
      keys.entry(file.clone()).or_default().push(key.clone());
    }
    keys
  }

  /// Adds `file` under `key` as the peer's `set` does without `customize`: `\` in the key
  /// becomes `/`, the value gets the public path and, with integrity, becomes
  /// `{ src, integrity }` (`integrity` being the file's recorded hashes, or `""`).
  pub fn add_file(
    &mut self,
    rules: &ManifestRules,
    key: &str,
    file: &str,
    integrity: Option<&Value>,
  ) {
    let value = Value::String(rules.public_path(file));
    self.add(rules, key, value, integrity);
  }

  /// The peer's `set(key, value)` without `customize`: with integrity, any value is wrapped.
  fn add(&mut self, rules: &ManifestRules, key: &str, value: Value, integrity: Option<&Value>) {
    let value = match &rules.integrity_property {
      Some(_) => Value::Object(Map::from_iter([
        ("src".to_string(), value),
        (
          "integrity".to_string(),
          integrity
            .cloned()
            .unwrap_or_else(|| Value::String(String::new())),
        ),
      ])),
      None => value,
    };
    self.entries.insert(fix_key(key), value);
  }

  /// The value an entrypoint lists for `file`: with `entrypointsUseAssets`, the manifest's value
  /// of the file's last key (or of the file's name), if truthy; else its public path.
  pub fn entrypoint_value(
    &self,
    rules: &ManifestRules,
    keys_by_file: &HashMap<String, Vec<String>>,
    file: &str,
  ) -> Value {
    if rules.entrypoints.as_ref().is_some_and(|e| e.use_assets) {
      let by_key = keys_by_file
        .get(file)
        .and_then(|keys| keys.last())
        .and_then(|key| self.entries.get(key))
        .filter(|value| truthy(Some(value)));
      if let Some(value) = by_key
        .or_else(|| self.entries.get(file))
        .filter(|v| truthy(Some(v)))
      {
        return value.clone();
      }
    }
    Value::String(rules.public_path(file))
  }

  /// Files grouped by extension (lower case, without the dot), each as `value_of` makes it.
  pub fn group_by_extension(
    rules: &ManifestRules,
    files: &[String],
    mut value_of: impl FnMut(&str) -> Value,
  ) -> Map<String, Value> {
    let mut groups = Map::new();
    for file in files {
      let extension = rules.extension(file);
      let group = extension.get(1..).unwrap_or_default().to_lowercase();
      let list = groups
        .entry(group)
        .or_insert_with(|| Value::Array(Vec::new()));
      if let Value::Array(list) = list {
        list.push(value_of(file));
      }
    }
    groups
  }

  /// Adds the entrypoints section: under its key, after what that key already held, or each
  /// entrypoint at the top level.
  pub fn add_entrypoints(&mut self, key: Option<&str>, entrypoints: Map<String, Value>) {
    match key {
      None => self.entries.extend(entrypoints),
      Some(key) => {
        let mut section = self.get(key).map(spread).unwrap_or_default();
        section.extend(entrypoints);
        self.entries.insert(key.to_string(), Value::Object(section));
      }
    }
  }

  /// Merges the manifest that was on disk (`old`) into this one, as the peer's `maybeMerge`:
  /// a key only there is kept; where both hold an object, the two are deep-merged (arrays
  /// replaced by the new one); else the new value stays. With `merge: 'customize'`, each merged
  /// entry is added as a new one is (key fixed, public path, integrity).
  pub fn merge_existing(&mut self, rules: &ManifestRules, old: Map<String, Value>) {
    for (key, old_value) in old {
      let merged = if has_key(&self.entries, &key) {
        match self.get(&key) {
          Some(current) if old_value.is_object() && current.is_object() => {
            deepmerge(&old_value, current)
          }
          _ => continue,
        }
      } else {
        old_value
      };
      match (rules.merge, merged) {
        (Merge::Customize, Value::String(file)) => self.add_file(rules, &key, &file, None),
        (Merge::Customize, merged) => self.add(rules, &key, merged, None),
        (_, merged) => {
          self.entries.insert(key, merged);
        }
      }
    }
  }

  /// The peer's `get(key)`: the value at `key`, or at the fixed key, if truthy.
  fn get(&self, key: &str) -> Option<&Value> {
    let truthy_at = |key: &str| self.entries.get(key).filter(|value| truthy(Some(value)));
    truthy_at(key).or_else(|| truthy_at(&fix_key(key)))
  }

  /// The manifest's text: sorted as `sortManifest: true` sorts, then as `JSON.stringify` with
  /// `replacer` and `space` writes it.
  pub fn to_json(&self, rules: &ManifestRules) -> String {
    let mut entries: Vec<(&String, &Value)> = self.entries.iter().collect();
    if rules.sort {
      // `Object.entries(manifest).sort()`: each `[key, value]` pair compared as its string.
      let mut keyed: Vec<(String, (&String, &Value))> = entries
        .into_iter()
        .map(|(key, value)| {
          (
            array_to_string(&[Value::String(key.clone()), value.clone()]),
            (key, value),
          )
        })
        .collect();
      keyed.sort_by(|(a, _), (b, _)| compare_utf16(a, b));
      entries = keyed.into_iter().map(|(_, entry)| entry).collect();
    }
    let object: Map<String, Value> = entries
      .into_iter()
      .map(|(key, value)| (key.clone(), value.clone()))
      .collect();
    stringify(&Value::Object(object), &rules.format)
  }
}

/// `\` in a key becomes `/`, as the peer's `fixKey`.
pub fn fix_key(key: &str) -> String {
  key.replace('\\', "/")
}

fn has_key(entries: &Map<String, Value>, key: &str) -> bool {
  entries.contains_key(key) || entries.contains_key(&fix_key(key))
}

/// `{ ...value }`: an object's entries, an array's or a string's items by index.
fn spread(value: &Value) -> Map<String, Value> {
  match value {
    Value::Object(object) => object.clone(),
    Value::Array(items) => items
      .iter()
      .enumerate()
      .map(|(index, item)| (index.to_string(), item.clone()))
      .collect(),
    Value::String(text) => text
      .chars()
      .enumerate()
      .map(|(index, c)| (index.to_string(), Value::String(c.to_string())))
      .collect(),
    _ => Map::new(),
  }
}

/// The properties every plain object inherits, which deepmerge does not copy onto a target that
/// does not own them.
const OBJECT_PROTOTYPE_KEYS: [&str; 12] = [
  "__proto__",
  "constructor",
  "toString",
  "toLocaleString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
];

/// `deepmerge(target, source, { arrayMerge: (_, source) => source })` of deepmerge 4: objects
/// merged key by key (the target's keys first), arrays taken from `source`, an array and a
/// non-array not merged.
pub fn deepmerge(target: &Value, source: &Value) -> Value {
  match (target, source) {
    (Value::Array(_), Value::Array(_)) => source.clone(),
    (Value::Array(_), _) | (_, Value::Array(_)) => source.clone(),
    (_, Value::Object(source_object)) => {
      let target_object = target.as_object();
      let mut merged = target_object.cloned().unwrap_or_default();
      for (key, value) in source_object {
        let owned = target_object.and_then(|target| target.get(key));
        if target_object.is_some()
          && owned.is_none()
          && OBJECT_PROTOTYPE_KEYS.contains(&key.as_str())
        {
          continue;
        }
        let value = match owned {
          Some(existing) if value.is_object() || value.is_array() => deepmerge(existing, value),
          _ => value.clone(),
        };
        merged.insert(key.clone(), value);
      }
      Value::Object(merged)
    }
    _ => source.clone(),
  }
}

/// `new URL(filename, base).toString()`, or `base + filename` when that throws.
fn resolve_url(base: &str, filename: &str) -> String {
  url::Url::parse(base)
    .and_then(|base| base.join(filename))
    .map(String::from)
    .unwrap_or_else(|_| format!("{base}{filename}"))
}

#[cfg(test)]
mod tests {
  use serde_json::json;

  use super::*;

  fn rules() -> ManifestRules {
    ManifestRules {
      file_extension: FileExtension::Regex(
        JsRegExp::new(r"\.\w{2,4}\.(?:map|gz|br)$|\.\w+$", "i").unwrap(),
      ),
      public_path: None,
      integrity_property: None,
      context_relative_keys: false,
      merge: Merge::Off,
      sort: true,
      entrypoints: None,
      format: JsonFormat {
        properties: None,
        gap: "  ".into(),
      },
    }
  }

  #[test]
  fn extensions_keep_map_gz_and_br_with_the_one_before() {
    let rules = rules();
    assert_eq!(rules.extension("main.js"), ".js");
    assert_eq!(rules.extension("main.123.js.map"), ".js.map");
    assert_eq!(rules.extension("a/b.css.gz?v=1#x"), ".css.gz");
    assert_eq!(rules.extension("LICENSE"), "");
    let extname = ManifestRules {
      file_extension: FileExtension::Extname,
      ..rules
    };
    assert_eq!(extname.extension("main.js.map"), ".map");
    assert_eq!(extname.extension(".hidden"), "");
    assert_eq!(extname.extension("dir.v1/file"), "");
  }

  #[test]
  fn public_paths_resolve_as_urls_or_are_prefixed() {
    let mut rules = rules();
    rules.public_path = Some("https://cdn.example/x/".into());
    assert_eq!(
      rules.public_path("main.js"),
      "https://cdn.example/x/main.js"
    );
    rules.public_path = Some("https://cdn.example/x".into());
    assert_eq!(rules.public_path("a b.js"), "https://cdn.example/a%20b.js");
    rules.public_path = Some("/static/".into());
    assert_eq!(rules.public_path("main.js"), "/static/main.js");
  }

  #[test]
  fn keys_from_source_files() {
    let mut rules = rules();
    assert_eq!(
      rules.source_key("img/abc.png", "/app/src/logo.png", "src/logo.png"),
      "img/logo.png"
    );
    assert_eq!(
      rules.source_key("abc.png", "/app/src/logo.png", "src/logo.png"),
      "logo.png"
    );
    assert_eq!(
      rules.fallback_key("x.png", Some("src/logo.png")),
      "logo.png"
    );
    assert_eq!(rules.fallback_key("x.js", None), "x.js");
    rules.context_relative_keys = true;
    assert_eq!(
      rules.source_key("img/abc.png", "/app/src/logo.png", "src/logo.png"),
      "src/logo.png"
    );
    assert_eq!(
      rules.fallback_key("x.png", Some("src/logo.png")),
      "src/logo.png"
    );
  }

  #[test]
  fn sorted_by_key_then_value_as_javascript_sorts_pairs() {
    let mut manifest = Manifest::default();
    let rules = rules();
    for (key, file) in [
      ("main.js.map", "m"),
      ("main.js", "m"),
      ("main-a.js", "a"),
      ("10", "x"),
      ("2", "y"),
    ] {
      manifest.add_file(&rules, key, file, None);
    }
    assert_eq!(
      manifest.to_json(&rules),
      "{\n  \"2\": \"y\",\n  \"10\": \"x\",\n  \"main-a.js\": \"a\",\n  \"main.js\": \"m\",\n  \"main.js.map\": \"m\"\n}"
    );
  }

  #[test]
  fn integrity_wraps_values_and_keys_use_slashes() {
    let mut rules = rules();
    rules.integrity_property = Some("integrity".into());
    let mut manifest = Manifest::default();
    manifest.add_file(&rules, "img\\a.png", "a.png", Some(&json!("sha256-x")));
    manifest.add_file(&rules, "b.js", "b.js", None);
    assert_eq!(
      Value::Object(manifest.entries),
      json!({ "img/a.png": { "src": "a.png", "integrity": "sha256-x" }, "b.js": { "src": "b.js", "integrity": "" } })
    );
  }

  #[test]
  fn merge_keeps_old_keys_and_deep_merges_objects() {
    let rules = ManifestRules {
      merge: Merge::On,
      ..rules()
    };
    let mut manifest = Manifest {
      entries: json!({ "a.js": "a.2.js", "e": { "x": { "js": ["new"] } } })
        .as_object()
        .unwrap()
        .clone(),
      ..Manifest::default()
    };
    let old = json!({ "old.js": "old.js", "a.js": "a.1.js", "e": { "y": 1, "x": { "js": ["old"], "css": ["c"] } } });
    manifest.merge_existing(&rules, old.as_object().unwrap().clone());
    assert_eq!(
      Value::Object(manifest.entries),
      json!({ "a.js": "a.2.js", "e": { "y": 1, "x": { "js": ["new"], "css": ["c"] } }, "old.js": "old.js" })
    );
  }

  #[test]
  fn deepmerge_takes_the_targets_keys_first() {
    let merged = deepmerge(
      &json!({ "b": 1, "a": { "x": 1 } }),
      &json!({ "c": 2, "a": { "y": 2 }, "b": [3] }),
    );
    assert_eq!(
      stringify(&merged, &JsonFormat::default()),
      r#"{"b":[3],"a":{"x":1,"y":2},"c":2}"#
    );
  }

  #[test]
  fn entrypoints_spread_after_what_their_key_held() {
    let mut manifest = Manifest::default();
    manifest
      .entries
      .insert("entrypoints".into(), json!({ "old": 1, "main": 0 }));
    manifest.add_entrypoints(
      Some("entrypoints"),
      json!({ "main": { "assets": {} } })
        .as_object()
        .unwrap()
        .clone(),
    );
    assert_eq!(
      manifest.entries["entrypoints"],
      json!({ "old": 1, "main": { "assets": {} } })
    );
  }

  #[test]
  fn groups_by_lower_case_extension() {
    let rules = rules();
    let files = ["a.JS", "b.css", "c.js", "LICENSE"].map(String::from);
    let groups = Manifest::group_by_extension(&rules, &files, |file| json!(file));
    assert_eq!(
      Value::Object(groups),
      json!({ "js": ["a.JS", "c.js"], "css": ["b.css"], "": ["LICENSE"] })
    );
  }
}
