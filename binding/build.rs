//! Lists the plugin crates in the binding: every dependency of binding/Cargo.toml whose path is
//! under `../crates/` exports a `NATIVE_PLUGIN`, and `$OUT_DIR/native_plugins.rs` is the array
//! of them that src/lib.rs includes. So adding a plugin crate to the binding is one line in
//! Cargo.toml.

use std::{env, fs, path::Path};

fn main() {
  napi_build::setup();
  println!("cargo:rerun-if-changed=Cargo.toml");
  let manifest = fs::read_to_string("Cargo.toml").expect("binding/Cargo.toml is readable");
  let plugins: Vec<String> = manifest
    .lines()
    .filter(|line| line.contains("path = \"../crates/"))
    .filter_map(|line| line.split_once(" = "))
    .map(|(name, _)| format!("  {}::NATIVE_PLUGIN,\n", name.trim()))
    .collect();
  let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("native_plugins.rs");
  fs::write(out, format!("&[\n{}]\n", plugins.concat())).expect("OUT_DIR is writable");
}
