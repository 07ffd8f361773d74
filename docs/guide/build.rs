//! napi-derive writes the TypeScript definitions of every crate it compiles into the folder that
//! `NAPI_TYPE_DEF_TMP_FOLDER` names, and `pnpm build:binding` makes the binding's `index.d.ts`
//! from everything in that folder. This crate is not part of the binding, so its definitions go to
//! its own build directory instead. A plugin crate calls `napi_build::setup()` here (the scaffold
//! writes that); this one must not, or its definitions would reach the binding's types.

fn main() {
  let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
  println!("cargo::rustc-env=NAPI_TYPE_DEF_TMP_FOLDER={out_dir}");
  println!("cargo::rerun-if-changed=build.rs");
}
