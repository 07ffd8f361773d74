//! [`Named`]: an enum whose values an option names with a string (`algorithm: 'gzip'`).

/// An enum whose values an option names with a fixed string each, declared once as a table.
pub trait Named: Copy + PartialEq + 'static {
  /// Every value with its name, in the order messages list them.
  const NAMES: &'static [(&'static str, Self)];

  /// The value named `name`.
  fn from_name(name: &str) -> Option<Self> {
    Self::NAMES
      .iter()
      .find(|(known, _)| *known == name)
      .map(|(_, value)| *value)
  }

  /// The value's name.
  fn name(self) -> &'static str {
    Self::NAMES
      .iter()
      .find(|(_, value)| *value == self)
      .map(|(name, _)| *name)
      .unwrap_or_default()
  }

  /// Every name, for messages: `gzip, deflate, deflateRaw`.
  fn names() -> String {
    let names: Vec<&str> = Self::NAMES.iter().map(|(name, _)| *name).collect();
    names.join(", ")
  }
}

#[cfg(test)]
mod tests {
  use super::Named;

  #[derive(Debug, Clone, Copy, PartialEq)]
  enum Color {
    Red,
    DarkBlue,
  }

  impl Named for Color {
    const NAMES: &'static [(&'static str, Self)] =
      &[("red", Color::Red), ("dark-blue", Color::DarkBlue)];
  }

  #[test]
  fn names_and_values_map_both_ways() {
    assert_eq!(Color::from_name("dark-blue"), Some(Color::DarkBlue));
    assert_eq!(Color::from_name("Red"), None);
    assert_eq!(Color::Red.name(), "red");
    assert_eq!(Color::names(), "red, dark-blue");
  }
}
