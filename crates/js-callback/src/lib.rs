//! A user's JavaScript function, called from a native plugin during the build.
//!
//! How to use it, in a plugin crate:
//! 1. Declare the option as a field of type `Option<JsCallback<Args, Ret>>` in the plugin's
//!    options (`#[derive(PluginOptions)]`, crate `rspack_native_plugin_options`), which reads it
//!    on the JavaScript thread while the compiler is created, checks its type and names the
//!    option in errors; or read a function with [`JsCallback::from_js`].
//! 2. Call it with `callback.call(args).await` from an async hook such as `processAssets`:
//!    during a build the JavaScript thread is free to run it. Never call it from the resolver or
//!    from `Plugin::apply`, and never block on the future: both would deadlock.
//! 3. In `Plugin::apply`, pass every callback to [`release_on_close`], which frees them when the
//!    compiler closes. A call after that is an error, not a crash.
//!
//! A callback is weak (it never keeps Node running) and cheap to clone (clones share the function).
//! Arguments are any `ToNapiValue` (`#[napi(object)]` structs, `String`, `serde_json::Value`);
//! `FnArgs<(A, B)>` passes several. A JavaScript exception comes back as an error with the
//! JavaScript message and stack, whether thrown or, as `@rspack-native/core` hands over the
//! functions in plugin options, returned as `{ __rspackNativeThrew: text }`. A result that napi
//! cannot read as `Ret` is an error that names the function and says what it must return and what
//! it returned (`CompressionPlugin: option "filename" must return a string, but returned a
//! number`). [`Truthy`] and [`Returned`] read any
//! result as the JavaScript plugin would use it: for its truthiness, or as any JSON value.

mod checked;
mod returned;

use std::sync::{Arc, PoisonError, RwLock};

use napi::{
  JsValue, Unknown,
  bindgen_prelude::{FromNapiValue, JsValuesTupleIntoVec, TypeName},
};
pub use returned::{Returned, Truthy};
use rspack_core::{ApplyContext, Compilation, CompilerClose};
use rspack_error::{Result, error};
use rspack_napi::threadsafe_function::ThreadsafeFunction;

use crate::checked::Checked;

/// The function of a [`JsCallback`] and its clones, whose results are read as [`Checked`];
/// `None` once released.
type SharedFunction<Args, Ret> = Arc<RwLock<Option<ThreadsafeFunction<Args, Checked<Ret>>>>>;

/// A JavaScript function taking `Args` and returning `Ret`, owned by a plugin or loader.
pub struct JsCallback<Args: 'static + JsValuesTupleIntoVec, Ret: 'static> {
  owner: &'static str,
  /// What the function is to the user, in messages: `option "filter"`.
  label: String,
  function: SharedFunction<Args, Ret>,
}

impl<Args: 'static + JsValuesTupleIntoVec, Ret: 'static> Clone for JsCallback<Args, Ret> {
  fn clone(&self) -> Self {
    Self {
      owner: self.owner,
      label: self.label.clone(),
      function: Arc::clone(&self.function),
    }
  }
}

impl<Args: 'static + JsValuesTupleIntoVec, Ret: 'static> std::fmt::Debug for JsCallback<Args, Ret> {
  fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    write!(f, "JsCallback({}: {})", self.owner, self.label)
  }
}

impl<Args, Ret> JsCallback<Args, Ret>
where
  Args: 'static + JsValuesTupleIntoVec,
  Ret: 'static + FromNapiValue + TypeName,
{
  /// Wraps a JavaScript function; `value` must be one (check its type first). `label` is what the
  /// function is to the user (`option "filter"`), which messages name after the owner. Call on
  /// the JavaScript thread.
  pub fn from_js(
    owner: &'static str,
    label: impl Into<String>,
    value: Unknown<'_>,
  ) -> napi::Result<Self> {
    let raw = value.value();
    let function = unsafe { ThreadsafeFunction::from_napi_value(raw.env, raw.value) }?;
    Ok(Self {
      owner,
      label: label.into(),
      function: Arc::new(RwLock::new(Some(function))),
    })
  }

  /// Calls the function and awaits its result. Errors start with the owner: a throw goes on with
  /// JavaScript's message and stack (`@rspack-native/core` names the option there: `option
  /// "filter" threw: …`); a result that is not a `Ret` says what the label must return and what
  /// it returned. Call only from async hooks during a build.
  pub async fn call(&self, args: Args) -> Result<Ret> {
    let function = self
      .function
      .read()
      .unwrap_or_else(PoisonError::into_inner)
      .clone();
    let Some(function) = function else {
      return Err(error!(
        "{}: {} was called after the compiler closed",
        self.owner, self.label
      ));
    };
    match function.call_with_sync(args).await {
      Ok(Checked::Read(result)) => Ok(result),
      Ok(Checked::Wrong(wrong)) => Err(error!(wrong.message::<Ret>(self.owner, &self.label))),
      Ok(Checked::Threw(text)) => Err(error!("{}: {text}", self.owner)),
      Err(mut failure) => {
        failure.message = format!("{}: {}", self.owner, failure.message);
        Err(failure)
      }
    }
  }
}

/// Something holding JavaScript functions that must be freed when the compiler closes.
pub trait Release: Send + Sync {
  /// Frees the functions; later calls return an error.
  fn release(&self);
}

impl<Args: 'static + JsValuesTupleIntoVec, Ret: 'static> Release for JsCallback<Args, Ret> {
  fn release(&self) {
    self
      .function
      .write()
      .unwrap_or_else(PoisonError::into_inner)
      .take();
  }
}

/// Frees `callbacks` when the compiler closes. Call it from `Plugin::apply`.
pub fn release_on_close(ctx: &mut ApplyContext<'_>, callbacks: Vec<Box<dyn Release>>) {
  if !callbacks.is_empty() {
    ctx.compiler_hooks.close.tap(ReleaseOnClose(callbacks));
  }
}

/// The `CompilerClose` tap behind [`release_on_close`]; runs after every other close tap.
struct ReleaseOnClose(Vec<Box<dyn Release>>);

#[async_trait::async_trait]
impl CompilerClose for ReleaseOnClose {
  async fn run(&self, _compilation: &Compilation) -> Result<()> {
    for callback in &self.0 {
      callback.release();
    }
    Ok(())
  }

  fn stage(&self) -> i32 {
    i32::MAX
  }
}
