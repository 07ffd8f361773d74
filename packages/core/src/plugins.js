// The JavaScript faces of the native plugins, one line each. Each is a class made by
// `experiments.createNativePlugin`: it keeps its options, and the binding turns them into a Rust
// plugin when the compiler is created (options are checked there, with errors naming the plugin).
import { registerNativePlugin } from './binding.js';
import { experiments } from '@rspack/core';

const passOptions = (options = {}) => options;

function nativePlugin(name) {
  registerNativePlugin(name);
  return experiments.createNativePlugin(name, passOptions);
}

/** Native port of `rspack-manifest-plugin` 5.2.2: writes `manifest.json`. */
export const ManifestPlugin = nativePlugin('ManifestPlugin');
