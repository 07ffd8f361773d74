'use strict';
// The module @rspack/core loads as its binding (`RSPACK_BINDING`, set by binding.js): every export
// of @rspack-native/binding, with a `JsCompiler` that also applies the plugin of each native loader
// (`builtin:replace-loader`, ...) to every compiler.
//
// Why this reaches every compiler without patching @rspack/core: every copy of @rspack/core in the
// process (npm nesting and pnpm's peer variants can install several of the same release) reads
// the same `RSPACK_BINDING`, so all of them load this one module and create each compiler,
// child compilers included, through this `JsCompiler`. And the options a native loader needs
// arrive with it: for a builtin loader whose options are an object, @rspack/core names the rule
// `<loader>??<ident>` and passes the rule's own options object in `options.__references`, next to
// the JSON that would lose RegExps and functions.
const addon = require('@rspack-native/binding');

/** The native plugins registered so far on this thread (registration is per thread). */
const registered = (globalThis[Symbol.for('rspack-native.registered-plugins')] ??= new Set());

/**
 * Makes the Rust plugin `name` available to `experiments.createNativePlugin(name)` on this thread.
 * @param {string} name
 */
function registerNativePlugin(name) {
  if (registered.has(name)) return;
  addon.registerNativePlugin(name);
  registered.add(name);
}

/**
 * The native loaders, by request: the plugin that resolves each, and what that plugin receives
 * for the options of the rules that use the loader (their own objects, by ident).
 * @type {Map<string, { plugin: string, pluginOptions: (rules: Record<string, unknown>) => unknown }>}
 */
const nativeLoaders = new Map();

/**
 * Gives every compiler created from now on the plugin that resolves the native loader `request`.
 * @param {string} request e.g. `builtin:replace-loader`
 * @param {{ plugin: string, pluginOptions: (rules: Record<string, unknown>) => unknown }} loader
 */
function registerNativeLoader(request, loader) {
  registerNativePlugin(loader.plugin);
  nativeLoaders.set(request, loader);
}

/** The `use` items of rules given as arrays, in nested `rules` and `oneOf` too. */
function* ruleUses(rules) {
  for (const rule of rules ?? []) {
    if (Array.isArray(rule.use)) yield* rule.use;
    yield* ruleUses(rule.rules);
    yield* ruleUses(rule.oneOf);
  }
}

/**
 * The plugin of each native loader, with the options of the rules in `options` that use it; and
 * `options` with those rules' references in JSON form, as Rspack reads them for inline requests
 * (it takes them as JSON values, which a function is not).
 */
function withNativeLoaders(options, builtinPlugins) {
  const references = { ...options.__references };
  const rulesOf = new Map([...nativeLoaders.keys()].map((request) => [request, {}]));
  for (const use of ruleUses(options.module?.rules)) {
    const [request, ident] = use.loader.split('??');
    const rules = rulesOf.get(request);
    if (!rules || ident === undefined || !Object.hasOwn(references, ident)) continue;
    rules[ident] = references[ident];
    references[ident] = JSON.parse(JSON.stringify(references[ident]) ?? 'null');
  }
  const plugins = [...nativeLoaders].map(([request, { plugin, pluginOptions }]) => ({
    name: plugin,
    options: pluginOptions(rulesOf.get(request)),
    canInherentFromParent: false,
  }));
  return [{ ...options, __references: references }, [...builtinPlugins, ...plugins]];
}

/** Whether the binding that loaded is the WebAssembly one (napi's loader stamps which it loaded). */
const onWebAssembly = addon.__napiBindingTarget === 'wasm32-wasi';

/**
 * Refuses what the WebAssembly binding cannot do, before Rspack starts on it: the persistent
 * cache's storage reads the process id, which WASI lacks, so Rspack 2.3 panics there and the
 * build never ends (the README, "WebAssembly").
 */
function checkSupported(options) {
  if (onWebAssembly && options.cache?.type === 'persistent') {
    throw new Error(
      'rspack-native: cache.type "persistent" does not work on the WebAssembly binding ' +
        "(@rspack-native/binding-wasm32-wasi): Rspack's persistent storage needs a process id, " +
        'which WebAssembly (WASI) has none of. Use `cache: true` (in memory) there, or install the ' +
        'native binding for this platform.',
    );
  }
}

/** @rspack-native/binding's compiler, which also applies the native loaders' plugins. */
class JsCompiler extends addon.JsCompiler {
  constructor(compilerPath, options, builtinPlugins, ...rest) {
    checkSupported(options);
    super(compilerPath, ...withNativeLoaders(options, builtinPlugins), ...rest);
  }
}

module.exports = { ...addon, JsCompiler, registerNativePlugin, registerNativeLoader };
