// Makes the native loaders usable from a rule with no setup: every compiler created by this
// copy of @rspack/core gets ReplaceLoaderPlugin, and the options of `builtin:replace-loader`
// rules are made JSON-safe first. Rspack hands builtin loaders their options as JSON, where a
// RegExp would become `{}` and a function would vanish.
import { RspackOptionsApply } from '@rspack/core';
import { namedInErrors } from './callbacks.js';
import { ReplaceLoaderPlugin } from './plugins.js';

/** The request that selects the native replace loader. */
export const REPLACE_LOADER = 'builtin:replace-loader';

const INSTALLED = Symbol.for('rspack-native.loaders-installed');

/**
 * The function replacements of one compiler's rules. Each function gets a number, which its
 * rule's JSON options carry; the Rust loader asks `dispatch` to apply it, once per module, and
 * the replacement then runs as string-replace-loader runs it: `source.replace(search, replace)`,
 * which calls the function once per match with JavaScript's arguments.
 */
class ReplaceFunctions {
  /** @type {{ search: unknown, flags: unknown, replace: Function, option: string }[]} */
  steps = [];
  /** @type {Map<object, number>} the options object each number was given for */
  numbers = new Map();

  /** The number of the replacement in `options` (found at `option`, for error messages). */
  number(options, option) {
    let number = this.numbers.get(options);
    if (number === undefined) {
      number = this.steps.length;
      const { search, flags = null, replace } = options;
      this.steps.push({ search, flags, replace: namedInErrors(option, replace), option });
      this.numbers.set(options, number);
    }
    return number;
  }

  /** What the Rust loader calls: one replacement on one module's source. */
  dispatch = ({ id, source, resource, resourcePath, resourceQuery }) => {
    const { search, flags, replace } = this.steps[id];
    // As string-replace-loader: a RegExp keeps its own flags; `flags` turns a string into one.
    const pattern = search instanceof RegExp ? search : flags !== null ? new RegExp(search, flags) : search;
    // The peer binds the loader context; these are the fields of it that the module tells.
    return source.replace(pattern, replace.bind({ resource, resourcePath, resourceQuery }));
  };
}

/**
 * `builtin:replace-loader` options in the form the Rust loader reads: each RegExp as
 * `{ $regexp: { source, flags } }`, a function `replace` as `{ $function: { id, display } }`.
 * @param {unknown} options
 * @param {ReplaceFunctions} functions
 * @param {string} [path] where these options are, in messages: `''` or `multiple[2].`
 */
function serializeReplaceLoaderOptions(options, functions, path = '') {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  const serialized = { ...options };
  if (serialized.search instanceof RegExp) {
    serialized.search = { $regexp: { source: serialized.search.source, flags: serialized.search.flags } };
  }
  if (typeof serialized.replace === 'function') {
    const id = functions.number(options, `${path}replace`);
    serialized.replace = { $function: { id, display: String(options.replace) } };
  }
  if (Array.isArray(serialized.multiple)) {
    serialized.multiple = serialized.multiple.map((item, index) =>
      serializeReplaceLoaderOptions(item, functions, `multiple[${index}].`),
    );
  }
  return serialized;
}

const isReplaceLoader = (loader) =>
  typeof loader === 'string' && (loader === REPLACE_LOADER || loader.startsWith(`${REPLACE_LOADER}?`));

function prepareUse(use, functions) {
  if (typeof use === 'function') return (data) => prepareUse(use(data), functions);
  if (Array.isArray(use)) return use.map((item) => prepareUse(item, functions));
  if (use && typeof use === 'object' && isReplaceLoader(use.loader)) {
    return { ...use, options: serializeReplaceLoaderOptions(use.options, functions) };
  }
  return use;
}

/** Rewrites, in place, the options of every `builtin:replace-loader` in `rules`. */
function prepareRules(rules, functions) {
  for (const rule of rules ?? []) {
    if (!rule || typeof rule !== 'object') continue;
    if (rule.use !== undefined) rule.use = prepareUse(rule.use, functions);
    if (isReplaceLoader(rule.loader)) rule.options = serializeReplaceLoaderOptions(rule.options, functions);
    prepareRules(rule.rules, functions);
    prepareRules(rule.oneOf, functions);
  }
}

if (!RspackOptionsApply.prototype[INSTALLED]) {
  const process = RspackOptionsApply.prototype.process;
  RspackOptionsApply.prototype.process = function processWithNativeLoaders(options, compiler) {
    const functions = new ReplaceFunctions();
    prepareRules(options.module?.rules, functions);
    // A function `use` can produce function replacements later, while modules are built.
    const mayHaveFunctions = functions.steps.length > 0 || hasFunctionUse(options.module?.rules);
    new ReplaceLoaderPlugin(mayHaveFunctions ? { __replaceFunctions: functions.dispatch } : {}).apply(
      compiler,
    );
    return process.call(this, options, compiler);
  };
  RspackOptionsApply.prototype[INSTALLED] = true;
}

function hasFunctionUse(rules) {
  return (rules ?? []).some(
    (rule) =>
      rule &&
      typeof rule === 'object' &&
      (typeof rule.use === 'function' ||
        (Array.isArray(rule.use) && rule.use.some((item) => typeof item === 'function')) ||
        hasFunctionUse(rule.rules) ||
        hasFunctionUse(rule.oneOf)),
  );
}
