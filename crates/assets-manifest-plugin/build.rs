fn main() {
  // Lets `napi build` regenerate this crate's TypeScript definitions when it needs them.
  napi_build::setup();
}
