//! What a plugin reads from Node's `process` while it is built, on the JavaScript thread.

use napi::{
  Env,
  bindgen_prelude::{Function, JsObjectValue, Object},
};

/// Node's working directory, `process.cwd()`: the directory that the JavaScript plugin resolves
/// relative paths against. Read it here, not with `std::env::current_dir`, which is `/` in the
/// WebAssembly binding (WASI has no working directory of its own).
pub fn working_directory(env: &Env) -> napi::Result<String> {
  let process: Object = env.get_global()?.get_named_property("process")?;
  let cwd: Function<(), String> = process.get_named_property("cwd")?;
  cwd.apply(process, ())
}
