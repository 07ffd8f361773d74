//! The Rust code of `docs/writing-a-plugin.md`, compiled and tested so the guide cannot drift
//! from the API it describes. Each region the guide shows lies between an `ANCHOR: <name>` and an
//! `ANCHOR_END: <name>` comment; `tests/guide.test.js` checks that the guide's copy of each region
//! is the same text. This crate is not linked into the binding.
//!
//! - [`banner`]: a complete plugin, `BannerCommentPlugin`, with a string or function option.
//! - [`assets`]: adding, changing and removing assets.
//! - [`inspect`]: reading entrypoints, chunks and modules.
//! - [`diagnostics`]: warnings and errors.
//! - [`loader`]: a complete `builtin:` loader and the plugin that resolves it.
//! - [`callback`]: calling a user's JavaScript function once per build.
//! - [`cache`]: state across builds, watch mode and the persistent cache.

pub mod assets;
pub mod banner;
pub mod cache;
pub mod callback;
pub mod diagnostics;
pub mod inspect;
pub mod loader;
