// Makes the native loaders usable from a rule with no setup: every compiler created by this
// copy of @rspack/core gets ReplaceLoaderPlugin, and the options of `builtin:replace-loader`
// rules are made JSON-safe first. Rspack hands builtin loaders their options as JSON, where a
// RegExp would become `{}` and a function would vanish.
import { RspackOptionsApply } from '@rspack/core';
import { ReplaceLoaderPlugin } from './plugins.js';

/** The request that selects the native replace loader. */
export const REPLACE_LOADER = 'builtin:replace-loader';

const INSTALLED = Symbol.for('rspack-native.loaders-installed');

/**
 * `builtin:replace-loader` options in the form the Rust loader reads: each RegExp as
 * `{ $regexp: { source, flags } }`, a function `replace` as a marker the loader rejects with a
 * clear error.
 * @param {unknown} options
 */
function serializeReplaceLoaderOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  const serialized = { ...options };
  if (serialized.search instanceof RegExp) {
    serialized.search = { $regexp: { source: serialized.search.source, flags: serialized.search.flags } };
  }
  if (typeof serialized.replace === 'function') serialized.replace = { $function: true };
  if (Array.isArray(serialized.multiple)) {
    serialized.multiple = serialized.multiple.map(serializeReplaceLoaderOptions);
  }
  return serialized;
}

const isReplaceLoader = (loader) =>
  typeof loader === 'string' && (loader === REPLACE_LOADER || loader.startsWith(`${REPLACE_LOADER}?`));

function prepareUse(use) {
  if (typeof use === 'function') return (data) => prepareUse(use(data));
  if (Array.isArray(use)) return use.map(prepareUse);
  if (use && typeof use === 'object' && isReplaceLoader(use.loader)) {
    return { ...use, options: serializeReplaceLoaderOptions(use.options) };
  }
  return use;
}

/** Rewrites, in place, the options of every `builtin:replace-loader` in `rules`. */
function prepareRules(rules) {
  for (const rule of rules ?? []) {
    if (!rule || typeof rule !== 'object') continue;
    if (rule.use !== undefined) rule.use = prepareUse(rule.use);
    if (isReplaceLoader(rule.loader)) rule.options = serializeReplaceLoaderOptions(rule.options);
    prepareRules(rule.rules);
    prepareRules(rule.oneOf);
  }
}

if (!RspackOptionsApply.prototype[INSTALLED]) {
  const process = RspackOptionsApply.prototype.process;
  RspackOptionsApply.prototype.process = function processWithNativeLoaders(options, compiler) {
    prepareRules(options.module?.rules);
    new ReplaceLoaderPlugin().apply(compiler);
    return process.call(this, options, compiler);
  };
  RspackOptionsApply.prototype[INSTALLED] = true;
}
