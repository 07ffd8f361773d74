//! Adding, changing and removing the assets of a build, from a `processAssets` hook.

use rspack_core::{
  AssetInfo, Compilation, CompilationAsset,
  rspack_sources::{ConcatSource, RawStringSource, SourceExt},
};
use rspack_error::Result;

// ANCHOR: emit
/// Adds the file `name` (relative to `output.path`) with the text `text`. A name that is already
/// an asset with other content is an error of the build ("Conflict: Multiple assets emit
/// different content to the same filename"): change an existing asset with `update_asset`.
pub fn add_text_file(compilation: &mut Compilation, name: &str, text: String) {
  let source = RawStringSource::from(text).boxed();
  compilation.emit_asset(
    name.to_string(),
    CompilationAsset::new(Some(source), AssetInfo::default()),
  );
}
// ANCHOR_END: emit

// ANCHOR: update
/// Appends `footer` to the asset `name`. The old source goes into the new one whole, so its
/// source map carries over, and `info` (its hashes, its related source map) is handed back.
pub fn append_footer(compilation: &mut Compilation, name: &str, footer: &str) -> Result<()> {
  let footer = RawStringSource::from(format!("\n{footer}")).boxed();
  compilation.update_asset(name, |source, info| {
    Ok((ConcatSource::new([source, footer]).boxed(), info))
  })
}
// ANCHOR_END: update

// ANCHOR: replace
/// Replaces the asset `name` with what `transform` makes of its text. The result is a new raw
/// source: right for data files, but a JavaScript or CSS file loses its source map this way.
pub fn rewrite_text(
  compilation: &mut Compilation,
  name: &str,
  transform: impl FnOnce(&str) -> String,
) -> Result<()> {
  compilation.update_asset(name, |source, info| {
    let text = transform(&source.source().into_string_lossy());
    Ok((RawStringSource::from(text).boxed(), info))
  })
}
// ANCHOR_END: replace

// ANCHOR: delete
/// Removes every asset whose name `unwanted` accepts. `delete_asset` also removes the asset's
/// source map and the name from its chunk's files.
pub fn delete_assets(compilation: &mut Compilation, unwanted: impl Fn(&str) -> bool) {
  let mut names: Vec<String> = compilation
    .assets()
    .keys()
    .filter(|name| unwanted(name))
    .cloned()
    .collect();
  names.sort_unstable();
  for name in names {
    compilation.delete_asset(&name);
  }
}
// ANCHOR_END: delete

// ANCHOR: list
/// Each asset's name and size in bytes, sorted by name (an asset without a source is left out).
pub fn asset_sizes(compilation: &Compilation) -> Vec<(String, usize)> {
  let mut sizes: Vec<(String, usize)> = compilation
    .assets()
    .iter()
    .filter_map(|(name, asset)| Some((name.clone(), asset.get_source()?.size())))
    .collect();
  sizes.sort_unstable();
  sizes
}
// ANCHOR_END: list
