//! `BannerCommentPlugin`: puts `/*! <banner> */` at the top of every JavaScript file a chunk
//! emits. The banner is a string, or a function of the file that `@rspack-native/core` runs in
//! one call per build for all files.

// ANCHOR: imports
use std::{
  collections::BTreeMap,
  hash::{DefaultHasher, Hash, Hasher},
};

use napi::{
  Either,
  bindgen_prelude::{Env, Unknown},
};
use napi_derive::napi;
use rspack_core::{
  ApplyContext, Compilation, CompilationProcessAssets, Plugin,
  rspack_sources::{ConcatSource, RawStringSource, SourceExt},
};
use rspack_error::{Result, error};
use rspack_hook::{plugin, plugin_hook};
use rspack_native_js_callback::{JsCallback, release_on_close};
use rspack_native_plugin_options::{JsFunction, NativePlugin, OptionsReader, PluginOptions};
// ANCHOR_END: imports

// ANCHOR: options
/// The name errors start with.
pub const PLUGIN_NAME: &str = "BannerCommentPlugin";

/// Options of `BannerCommentPlugin`, declared once: the TypeScript interface, the known keys,
/// the checks and the list of function options all come from this struct.
#[napi(object, object_from_js = false, object_to_js = false)]
#[derive(PluginOptions)]
pub struct BannerCommentPluginOptions {
  /// The banner's text, or a function that returns it for each JavaScript file.
  #[napi(ts_type = "string | ((file: BannerFile) => string)")]
  pub banner: Either<String, JsFunction>,
}

/// A JavaScript file, as a function `banner` receives it.
#[napi(object, object_from_js = false)]
pub struct BannerFile {
  /// The file's name, relative to `output.path`.
  pub file: String,
  /// The name of the chunk that emits it, if that chunk has one.
  pub chunk_name: Option<String>,
}
// ANCHOR_END: options

// ANCHOR: internal-option
/// Set by the plugin's JavaScript class when `banner` is a function: one function that runs the
/// user's `banner` on every file it is given, so that Rust calls into JavaScript once per build.
/// Internal: not in the TypeScript interface.
const BANNERS_OPTION: &str = "__banners";

/// `banners(files)`: each file's banner, in the order of `files`.
pub type BannersFn = JsCallback<Vec<BannerFile>, Vec<String>>;

/// Where each file's banner comes from.
#[derive(Debug)]
pub enum BannerText {
  /// The same text for every file.
  Fixed(String),
  /// The user's function, run in JavaScript once per build for all the files.
  PerFile(BannersFn),
}
// ANCHOR_END: internal-option

// ANCHOR: resolve
/// `BannerCommentPlugin`, for the binding: a plugin crate exports this from its `lib.rs`, and
/// the binding registers every crate that `binding/Cargo.toml` lists.
pub const NATIVE_PLUGIN: NativePlugin = NativePlugin {
  name: PLUGIN_NAME,
  build: resolve,
  function_options: BannerCommentPluginOptions::function_options,
};

/// Builds the plugin from `new BannerCommentPlugin(options)`. Runs on the JavaScript thread,
/// when the compiler is created: read and check the options here, never call a function here.
fn resolve(_env: Env, options: Unknown<'_>) -> napi::Result<rspack_core::BoxPlugin> {
  let reader = OptionsReader::new(PLUGIN_NAME, options)?;
  let options: BannerCommentPluginOptions = reader.read(&[BANNERS_OPTION])?;
  let text = match options.banner {
    Either::A(text) => BannerText::Fixed(text),
    Either::B(JsFunction) => match reader.get::<BannersFn>(BANNERS_OPTION)? {
      Some(banners) => BannerText::PerFile(banners),
      None => {
        return Err(reader.invalid(
          "banner",
          "is a function, which only the BannerCommentPlugin class of @rspack-native/core can run",
        ));
      }
    },
  };
  Ok(Box::new(BannerCommentPlugin::new(text)))
}
// ANCHOR_END: resolve

// ANCHOR: logic
/// The banner as a comment that minifiers are asked to keep (`/*!`), on a line of its own. A
/// `*/` in the text would end the comment early, so it is written `* /`.
pub fn banner_comment(text: &str) -> String {
  format!("/*! {} */\n", text.replace("*/", "* /"))
}

/// Whether the asset `file` (which may end with a `?query`) is JavaScript.
pub fn is_javascript(file: &str) -> bool {
  let path = file.split(['?', '#']).next().unwrap_or(file);
  [".js", ".mjs", ".cjs"]
    .iter()
    .any(|extension| path.ends_with(extension))
}

/// The asset version to keep with a banner added: Rspack skips writing a file whose name and
/// version did not change since the last build, so the version must change with the banner. An
/// empty version (always written) stays empty.
pub fn versioned(version: &str, banner: &str) -> String {
  if version.is_empty() {
    return String::new();
  }
  let mut hasher = DefaultHasher::new();
  banner.hash(&mut hasher);
  format!("{version}-{:016x}", hasher.finish())
}
// ANCHOR_END: logic

// ANCHOR: plugin
/// Puts a banner comment at the top of every JavaScript file the chunks emit.
#[plugin]
#[derive(Debug)]
pub struct BannerCommentPlugin {
  text: BannerText,
}

impl BannerCommentPlugin {
  /// A plugin that writes `text`.
  pub fn new(text: BannerText) -> Self {
    Self::new_inner(text)
  }
}

impl Plugin for BannerCommentPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.BannerCommentPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .compilation_hooks
      .process_assets
      .tap(process_assets::new(self));
    // Frees the JavaScript function when the compiler closes; a later call is an error.
    if let BannerText::PerFile(banners) = &self.text {
      release_on_close(ctx, vec![Box::new(banners.clone())]);
    }
    Ok(())
  }
}
// ANCHOR_END: plugin

// ANCHOR: stage
/// Right after the minimizers (`OPTIMIZE_SIZE`, 400), which drop every comment in a production
/// build, and before source maps are written (`DEV_TOOLING`, 500), integrity hashes are taken
/// (699) and real content hashes are computed (`OPTIMIZE_HASH`, 2500), so all of them include
/// the banner.
pub const BANNER_STAGE: i32 = Compilation::PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1;
// ANCHOR_END: stage

// ANCHOR: process-assets
#[plugin_hook(CompilationProcessAssets for BannerCommentPlugin, stage = BANNER_STAGE)]
async fn process_assets(&self, compilation: &mut Compilation) -> Result<()> {
  // Each JavaScript file of a chunk, once, by name: a sorted map, so that the order (and the
  // function's argument) does not depend on hash map order.
  let mut chunk_names = BTreeMap::new();
  for chunk in compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .values()
  {
    for file in chunk.files() {
      if is_javascript(file) && compilation.assets().contains_key(file) {
        chunk_names.insert(file.clone(), chunk.name().map(str::to_string));
      }
    }
  }
  let files: Vec<String> = chunk_names.keys().cloned().collect();
  let banners = match &self.text {
    BannerText::Fixed(text) => vec![text.clone(); files.len()],
    // One call into JavaScript for the whole build, awaited: the JavaScript thread is free
    // while Rspack builds.
    BannerText::PerFile(banners) => {
      let arguments = chunk_names
        .into_iter()
        .map(|(file, chunk_name)| BannerFile { file, chunk_name })
        .collect();
      banners.call(arguments).await?
    }
  };
  if banners.len() != files.len() {
    return Err(error!(
      "{PLUGIN_NAME}: expected {} banners, got {}",
      files.len(),
      banners.len()
    ));
  }
  for (file, banner) in files.iter().zip(banners) {
    compilation.update_asset(file, |source, mut info| {
      // The old source goes in whole: its source map, shifted by the banner's line, is kept.
      let source = ConcatSource::new([
        RawStringSource::from(banner_comment(&banner)).boxed(),
        source,
      ]);
      info.version = versioned(&info.version, &banner);
      Ok((source.boxed(), info))
    })?;
  }
  Ok(())
}
// ANCHOR_END: process-assets

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn writes_a_comment_minifiers_keep_on_its_own_line() {
    assert_eq!(banner_comment("acme 1.0"), "/*! acme 1.0 */\n");
  }

  #[test]
  fn a_comment_end_in_the_text_cannot_end_the_comment() {
    assert_eq!(banner_comment("a */ b"), "/*! a * / b */\n");
  }

  #[test]
  fn recognizes_javascript_files_with_or_without_a_query() {
    for file in [
      "main.js",
      "js/lazy.mjs",
      "server.cjs",
      "main.js?v=3",
      "a.js#x",
    ] {
      assert!(is_javascript(file), "{file}");
    }
    for file in ["main.css", "main.js.map", "main.json", "js", "main.jsx"] {
      assert!(!is_javascript(file), "{file}");
    }
  }

  #[test]
  fn the_version_changes_with_the_banner() {
    let one = versioned("abc", "one");
    assert_ne!(one, versioned("abc", "two"));
    assert_eq!(one, versioned("abc", "one"));
    assert!(one.starts_with("abc-"));
    assert_eq!(versioned("", "one"), "");
  }

  #[test]
  fn the_stage_is_after_the_minimizers_and_before_source_maps_and_hashes() {
    const { assert!(BANNER_STAGE > Compilation::PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE) };
    const { assert!(BANNER_STAGE < Compilation::PROCESS_ASSETS_STAGE_DEV_TOOLING) };
    const { assert!(BANNER_STAGE < Compilation::PROCESS_ASSETS_STAGE_OPTIMIZE_HASH) };
  }
}
