'use strict';
// @rspack-native/binding's entry. The loader `napi build` writes (index.js) loads the .node of
// this platform's package, or else the WebAssembly one (@rspack-native/binding-wasm32-wasi).
// StackBlitz's WebContainers run no .node, and their package managers do not install a package
// whose `cpu` is wasm32: there, as in @rspack/binding, the WebAssembly package is installed on
// first use (webcontainer-fallback.cjs).
try {
  module.exports = require('./index.js');
} catch (error) {
  if (!process.versions.webcontainer) throw error;
  module.exports = require('./webcontainer-fallback.cjs');
}
