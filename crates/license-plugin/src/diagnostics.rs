//! The peer's warnings and errors: plain messages that start with `license-webpack-plugin: `,
//! so that builds switching to the native plugin report the same text.

/// What every message starts with.
const PREFIX: &str = "license-webpack-plugin: ";

/// How bad a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
  /// Added to `compilation.warnings`.
  Warning,
  /// Added to `compilation.errors`.
  Error,
}

/// The messages of one build, in the order the peer emits them.
#[derive(Debug, Default)]
pub struct Report {
  /// `stats.warnings`: whether warnings are kept.
  pub warnings: bool,
  /// `stats.errors`: whether errors are kept.
  pub errors: bool,
  /// The kept messages, prefixed.
  pub messages: Vec<(Severity, String)>,
}

impl Report {
  /// A report that keeps what `stats` asks for.
  pub fn new(warnings: bool, errors: bool) -> Self {
    Self {
      warnings,
      errors,
      messages: Vec::new(),
    }
  }

  /// Adds a warning unless warnings are off.
  pub fn warn(&mut self, message: String) {
    if self.warnings {
      self
        .messages
        .push((Severity::Warning, format!("{PREFIX}{message}")));
    }
  }

  /// Adds an error unless errors are off.
  pub fn error(&mut self, message: String) {
    if self.errors {
      self
        .messages
        .push((Severity::Error, format!("{PREFIX}{message}")));
    }
  }
}
