//! Lists the plugin crates in the binding: every dependency of binding/Cargo.toml whose path is
//! under `../crates/` exports a `NATIVE_PLUGIN`, and `$OUT_DIR/native_plugins.rs` is the array
//! of them that src/lib.rs includes. So adding a plugin crate to the binding is one line in
//! Cargo.toml. For WebAssembly, it also sizes the `.wasm`'s memory (see [`link_wasm_memory`]).

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
  link_wasm_memory();
}

/// Bytes in a WebAssembly memory page.
const WASM_PAGE: u64 = 65_536;

/// For WebAssembly: links the `.wasm` for the memory napi's loader gives it, `napi.wasm` in
/// package.json (in pages), as Rspack's own `.wasm` is linked: a fixed 2 GiB, initial = maximum,
/// so that memory never grows while it runs (the allocator decides from the link-time size
/// whether to grow it).
fn link_wasm_memory() {
  if env::var("CARGO_CFG_TARGET_FAMILY").as_deref() != Ok("wasm") {
    return;
  }
  println!("cargo:rerun-if-changed=package.json");
  let package = fs::read_to_string("package.json").expect("binding/package.json is readable");
  let package: serde_json::Value =
    serde_json::from_str(&package).expect("binding/package.json is JSON");
  let pages = |key: &str| {
    package["napi"]["wasm"][key]
      .as_u64()
      .unwrap_or_else(|| panic!("binding/package.json needs napi.wasm.{key}, in pages"))
  };
  let initial = pages("initialMemory") * WASM_PAGE;
  let maximum = pages("maximumMemory") * WASM_PAGE;
  println!("cargo:rustc-link-arg=--initial-memory={initial}");
  println!("cargo:rustc-link-arg=--max-memory={maximum}");
}
