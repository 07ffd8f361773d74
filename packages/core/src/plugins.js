// The JavaScript faces of the native plugins, one line each. Each is a class made by
// `experiments.createNativePlugin`: it keeps its options, and the binding turns them into a Rust
// plugin when the compiler is created (options are checked there, with errors naming the plugin).
import { registerNativePlugin } from './binding.js';
import { caseSensitivePathsOptions } from './case-sensitive-paths.js';
import { licenseOptions } from './license.js';
import { manifestOptions } from './manifest.js';
import { experiments } from '@rspack/core';

/** No options (`undefined` or `null`) as `{}`: @rspack/core would pass `null` on as `false`. */
const passOptions = (options) => options ?? {};

/**
 * @param {string} name the plugin's name, registered by `register<name>()` in binding/src/lib.rs
 * @param {{ affectedHooks?: string, resolve?: (this: import('@rspack/core').Compiler, options: any) => unknown }} [how]
 *   `affectedHooks`: a compiler hook (`'compilation'`) makes child compilers inherit the plugin;
 *   `resolve`: what the Rust plugin receives for the constructor's options (default: them, as given)
 */
function nativePlugin(name, { affectedHooks, resolve = passOptions } = {}) {
  registerNativePlugin(name);
  return experiments.createNativePlugin(name, resolve, affectedHooks);
}

/** Native port of `rspack-manifest-plugin` 5.2.2: writes `manifest.json`. */
export const ManifestPlugin = nativePlugin('ManifestPlugin', { resolve: manifestOptions });

/**
 * Native port of `license-webpack-plugin` 4.0.2: writes the license texts of the npm packages in
 * each chunk. Child compilers inherit it, as they inherit the peer's `compilation` tap.
 */
export const LicensePlugin = nativePlugin('LicensePlugin', {
  affectedHooks: 'compilation',
  resolve: licenseOptions,
});

const NativeCaseSensitivePathsPlugin = nativePlugin('CaseSensitivePathsPlugin', {
  affectedHooks: 'normalModuleFactory',
  resolve: caseSensitivePathsOptions,
});

/**
 * Native port of `case-sensitive-paths-webpack-plugin` 2.4.0: fails an import whose path is cased
 * differently from the file on disk. Child compilers inherit it, as they inherit the peer's
 * `normalModuleFactory` tap; with `useBeforeEmitHook` they do not, as the peer taps `emit` then,
 * which child compilers never inherit.
 */
export class CaseSensitivePathsPlugin extends NativeCaseSensitivePathsPlugin {
  /** @param {import('@rspack-native/binding').CaseSensitivePathsPluginOptions | null} [options] */
  constructor(options) {
    super(options);
    if (options?.useBeforeEmitHook === true) this.affectedHooks = 'emit';
  }
}

/**
 * Makes `builtin:replace-loader` available. Applied to every compiler by @rspack-native/core
 * (see loaders.js); exported for configs that build their compiler some other way.
 */
export const ReplaceLoaderPlugin = nativePlugin('ReplaceLoaderPlugin', { affectedHooks: 'compilation' });
