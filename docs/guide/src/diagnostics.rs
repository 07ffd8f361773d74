//! Warnings and errors: `SizeBudgetPlugin` reports every JavaScript file over a size budget.

use rspack_core::{
  ApplyContext, Compilation, CompilationAfterProcessAssets, CompilationProcessAssets, Plugin,
};
use rspack_error::{Diagnostic, Result, error};
use rspack_hook::{plugin, plugin_hook};

/// The name messages start with.
pub const PLUGIN_NAME: &str = "SizeBudgetPlugin";

// ANCHOR: logic
/// The message for each file of `sizes` (name, bytes) larger than `budget` bytes, by name.
pub fn over_budget(sizes: &[(String, usize)], budget: usize) -> Vec<String> {
  let mut messages: Vec<String> = sizes
    .iter()
    .filter(|(_, size)| *size > budget)
    .map(|(name, size)| {
      format!("{PLUGIN_NAME}: {name} is {size} bytes, over the budget of {budget}")
    })
    .collect();
  messages.sort_unstable();
  messages
}
// ANCHOR_END: logic

/// Warns (or, with `fail`, errs) about every JavaScript file over `budget` bytes.
#[plugin]
#[derive(Debug)]
pub struct SizeBudgetPlugin {
  budget: usize,
  fail: bool,
}

impl SizeBudgetPlugin {
  /// A plugin with a budget of `budget` bytes per file; `fail` makes its messages errors.
  pub fn new(budget: usize, fail: bool) -> Self {
    Self::new_inner(budget, fail)
  }
}

// ANCHOR: diagnostic
/// A message as a diagnostic of the build: a warning leaves the build successful; an error makes
/// it fail (`stats.hasErrors()`). Either way the build goes on to its end.
fn diagnostic(fail: bool, message: String) -> Diagnostic {
  if fail {
    Diagnostic::error(PLUGIN_NAME.to_string(), message)
  } else {
    Diagnostic::warn(PLUGIN_NAME.to_string(), message)
  }
}
// ANCHOR_END: diagnostic

// ANCHOR: after-process-assets
/// After every `processAssets` stage: the files are final (minified, hashed, compressed). This
/// hook gets the compilation read-only, and a list to add diagnostics to.
#[plugin_hook(CompilationAfterProcessAssets for SizeBudgetPlugin)]
async fn after_process_assets(
  &self,
  compilation: &Compilation,
  diagnostics: &mut Vec<Diagnostic>,
) -> Result<()> {
  let sizes: Vec<(String, usize)> = compilation
    .assets()
    .iter()
    .filter(|(name, _)| name.ends_with(".js"))
    .filter_map(|(name, asset)| Some((name.clone(), asset.get_source()?.size())))
    .collect();
  for message in over_budget(&sizes, self.budget) {
    diagnostics.push(diagnostic(self.fail, message));
  }
  Ok(())
}
// ANCHOR_END: after-process-assets

// ANCHOR: returned-error
/// A hook that finds the build cannot go on returns an error instead: the build stops there,
/// nothing is written, and the error reaches the callback of `compiler.run` (not `stats`).
#[plugin_hook(CompilationProcessAssets for SizeBudgetPlugin, stage = Compilation::PROCESS_ASSETS_STAGE_ADDITIONAL)]
async fn check_budget(&self, compilation: &mut Compilation) -> Result<()> {
  if self.budget == 0 {
    return Err(error!(
      "{PLUGIN_NAME}: a budget of 0 bytes leaves no room for any file"
    ));
  }
  if compilation.assets().is_empty() {
    // `push_diagnostic` adds a diagnostic from a hook that has the compilation mutably.
    compilation.push_diagnostic(diagnostic(false, format!("{PLUGIN_NAME}: no assets")));
  }
  Ok(())
}
// ANCHOR_END: returned-error

impl Plugin for SizeBudgetPlugin {
  fn name(&self) -> &'static str {
    "rspack-native.SizeBudgetPlugin"
  }

  fn apply(&self, ctx: &mut ApplyContext<'_>) -> Result<()> {
    ctx
      .compilation_hooks
      .process_assets
      .tap(check_budget::new(self));
    ctx
      .compilation_hooks
      .after_process_assets
      .tap(after_process_assets::new(self));
    Ok(())
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn reports_only_files_over_the_budget_by_name() {
    let sizes = [
      ("vendor.js".to_string(), 300),
      ("main.js".to_string(), 120),
      ("lazy.js".to_string(), 100),
    ];
    assert_eq!(
      over_budget(&sizes, 100),
      [
        "SizeBudgetPlugin: main.js is 120 bytes, over the budget of 100",
        "SizeBudgetPlugin: vendor.js is 300 bytes, over the budget of 100",
      ]
    );
    assert!(over_budget(&sizes, 300).is_empty());
  }

  #[test]
  fn a_diagnostic_is_a_warning_or_an_error() {
    assert!(diagnostic(false, "m".into()).is_warn());
    assert!(diagnostic(true, "m".into()).is_error());
  }
}
