//! Reading what a build is made of: entrypoints, their chunks and files, and the modules in each
//! chunk. Everything here is read from `&Compilation` once the chunk graph exists: in
//! `processAssets` and later hooks (and from `optimizeChunks` on for the chunks).

use rspack_core::{Compilation, ModuleIdentifier};

// ANCHOR: report-types
/// One entrypoint of the build, as [`entrypoints`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryReport {
  /// The entry's name (`main` for `entry: './src/index.js'`).
  pub name: String,
  /// The files its chunks emit, in chunk order: what an HTML page loads for the entry.
  pub files: Vec<String>,
  /// The resource (file path and query) of each module in its chunks, sorted.
  pub resources: Vec<String>,
}
// ANCHOR_END: report-types

// ANCHOR: entrypoints
/// The build's entrypoints, in the order of the config's `entry`.
pub fn entrypoints(compilation: &Compilation) -> Vec<EntryReport> {
  let artifact = &compilation.build_chunk_graph_artifact;
  let mut reports = Vec::new();
  for (name, ukey) in compilation.entrypoints() {
    let entrypoint = artifact.chunk_group_by_ukey.expect_get(ukey);
    let mut resources = Vec::new();
    for chunk in &entrypoint.chunks {
      for module in artifact.chunk_graph.get_chunk_modules_identifier(chunk) {
        resources.extend(module_resources(compilation, module));
      }
    }
    resources.sort_unstable();
    resources.dedup();
    reports.push(EntryReport {
      name: name.clone(),
      files: entrypoint.get_files(&artifact.chunk_by_ukey),
      resources,
    });
  }
  reports
}
// ANCHOR_END: entrypoints

// ANCHOR: modules
/// The resources of a module: its own for a module built from a file, those of the modules it
/// was made of for a concatenated module (production builds merge ES modules into one), none
/// for modules without a file (runtime, external, context modules).
pub fn module_resources(compilation: &Compilation, id: &ModuleIdentifier) -> Vec<String> {
  let module_graph = compilation.get_module_graph();
  let Some(module) = module_graph.module_by_identifier(id) else {
    return Vec::new();
  };
  if let Some(normal) = module.as_normal_module() {
    return vec![normal.resource_resolved_data().resource().to_string()];
  }
  if let Some(concatenated) = module.as_concatenated_module() {
    return concatenated
      .get_modules()
      .iter()
      .flat_map(|inner| module_resources(compilation, &inner.id))
      .collect();
  }
  Vec::new()
}
// ANCHOR_END: modules

// ANCHOR: chunks
/// Each chunk's name (or id) and files, sorted: what `stats.chunks` lists.
pub fn chunk_files(compilation: &Compilation) -> Vec<(String, Vec<String>)> {
  let mut chunks: Vec<(String, Vec<String>)> = compilation
    .build_chunk_graph_artifact
    .chunk_by_ukey
    .values()
    .map(|chunk| {
      let label = chunk
        .name()
        .or_else(|| chunk.id().map(|id| id.as_str()))
        .unwrap_or_default()
        .to_string();
      let mut files: Vec<String> = chunk.files().iter().cloned().collect();
      files.sort_unstable();
      (label, files)
    })
    .collect();
  chunks.sort_unstable();
  chunks
}
// ANCHOR_END: chunks

// ANCHOR: render
/// The report as text: each entrypoint, its files, and how many modules it holds.
pub fn render(reports: &[EntryReport]) -> String {
  reports
    .iter()
    .map(|report| {
      format!(
        "{}: {} ({} modules)\n",
        report.name,
        report.files.join(", "),
        report.resources.len()
      )
    })
    .collect()
}
// ANCHOR_END: render

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn renders_one_line_per_entrypoint() {
    let reports = [
      EntryReport {
        name: "main".into(),
        files: vec!["runtime.js".into(), "main.js".into()],
        resources: vec!["/app/src/a.js".into(), "/app/src/index.js".into()],
      },
      EntryReport {
        name: "admin".into(),
        files: vec!["admin.js".into()],
        resources: vec![],
      },
    ];
    assert_eq!(
      render(&reports),
      "main: runtime.js, main.js (2 modules)\nadmin: admin.js (0 modules)\n"
    );
  }
}
