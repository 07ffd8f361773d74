// What every native plugin's JavaScript face is made of: a class from
// `experiments.createNativePlugin`, which keeps its options and, when the compiler is created,
// hands what `resolve` makes of them to the Rust plugin registered under the same name (options
// are checked there, with errors naming the plugin).
import { experiments } from '@rspack/core';
import { binding, registerNativePlugin } from './binding.js';
import { namedInErrors } from './callbacks.js';

/**
 * The class of the native plugin `name` (the `NATIVE_PLUGIN` of a crate the binding lists).
 * @param {string} name
 * @param {{ affectedHooks?: string, resolve?: (this: import('@rspack/core').Compiler, options: any) => unknown }} [how]
 *   `affectedHooks`: a compiler hook (`'compilation'`) makes child compilers inherit the plugin;
 *   `resolve`: what the Rust plugin receives for the constructor's options (default: them, with
 *   each function option named in what it throws)
 */
export function nativePlugin(
  name,
  { affectedHooks, resolve = (options) => withNamedFunctions(name, options) } = {},
) {
  registerNativePlugin(name);
  return experiments.createNativePlugin(name, resolve, affectedHooks);
}

/**
 * `options` for the Rust plugin `name`, with each function option wrapped by `givenFunctions`.
 * No options (`undefined` or `null`) become `{}`: @rspack/core would pass `null` on as `false`.
 * Anything but an object is passed as it is, for Rust to report.
 */
function withNamedFunctions(name, options) {
  if (options === null || options === undefined) return {};
  if (typeof options !== 'object' || Array.isArray(options)) return options;
  return { ...options, ...givenFunctions(name, options) };
}

/**
 * The function options `options` gives the native plugin `name` (as the binding declares them),
 * each wrapped so that what it throws names the option.
 * @param {string} name
 * @param {Record<string, unknown>} options
 * @returns {Record<string, Function>}
 */
export function givenFunctions(name, options) {
  const given = binding
    .nativePluginFunctionOptions(name)
    .filter((option) => typeof options[option] === 'function');
  return Object.fromEntries(given.map((option) => [option, namedInErrors(option, options[option])]));
}
