// What every native plugin's JavaScript face is made of: a class from
// `experiments.createNativePlugin`, which keeps its options and, when the compiler is created,
// hands what `resolve` makes of them to the Rust plugin registered under the same name (options
// are checked there, with errors naming the plugin).
import { experiments } from '@rspack/core';
import { binding, registerNativePlugin } from './binding.js';
import { namedInErrors, reportedToRust } from './callbacks.js';

/**
 * The class of the native plugin `name` (the `NATIVE_PLUGIN` of a crate the binding lists).
 * @param {string} name
 * @param {{ affectedHooks?: string, resolve?: (this: import('@rspack/core').Compiler, options: Record<string, unknown>) => unknown }} [how]
 *   `affectedHooks`: a compiler hook (`'compilation'`) makes child compilers inherit the plugin;
 *   `resolve`: what the Rust plugin receives for the constructor's options, which it is only
 *   called with when they are an object (default: `withNamedFunctions`)
 */
export function nativePlugin(
  name,
  { affectedHooks, resolve = (options) => withNamedFunctions(name, options) } = {},
) {
  registerNativePlugin(name);
  return experiments.createNativePlugin(
    name,
    function resolveObjectOptions(options) {
      // The peers take `null` as no options; @rspack/core would pass it on as `false`.
      if (options === null || options === undefined) options = {};
      // Anything but an object goes to Rust as it is, which reports it naming the plugin.
      if (typeof options !== 'object' || Array.isArray(options)) return options;
      return withFunctionsReportedToRust(resolve.call(this, options));
    },
    affectedHooks,
  );
}

/**
 * What `resolve` made, with each function in it (the functions Rust calls) made to return what it
 * throws, which Rust reports after the plugin's name (`reportedToRust`).
 * @param {unknown} resolved
 */
function withFunctionsReportedToRust(resolved) {
  if (resolved === null || typeof resolved !== 'object' || Array.isArray(resolved)) return resolved;
  return Object.fromEntries(
    Object.entries(resolved).map(([key, value]) => [
      key,
      typeof value === 'function' ? reportedToRust(value) : value,
    ]),
  );
}

/**
 * `options` for the Rust plugin `name`, with each function option wrapped by `givenFunctions`.
 * @param {string} name
 * @param {Record<string, unknown>} options
 */
export function withNamedFunctions(name, options) {
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
