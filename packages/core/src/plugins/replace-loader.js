// builtin:replace-loader: a native port of string-replace-loader 3.3.0 (crates/replace-loader).
//
// A rule uses it by name; nothing needs to be added to the config. rspack-binding.cjs gives every
// compiler the Rust plugin that resolves the request, with the options of the rules that use it,
// prepared here: each function `replace` becomes one function that runs
// `source.replace(search, replace)` on a whole module, as the peer does, so Rust calls into
// JavaScript once per module, not once per match. With string replacements only, nothing here
// runs during the build.
import { registerNativeLoader } from '../binding.js';
import { namedInErrors, reportedToRust } from '../callbacks.js';

/** The request that selects the native replace loader. */
export const REPLACE_LOADER = 'builtin:replace-loader';

/**
 * `options` with its function `replace` (and those of `multiple`) made into functions of one
 * module, `({ source, context }) => string`, whose `String()` is still the user's function's.
 * @param {unknown} options a rule's options, as the user wrote them
 * @param {string} [path] where these options are, in messages: `''` or `multiple[2].`
 */
function prepareReplacements(options, path = '') {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) return options;
  const prepared = { ...options };
  if (typeof options.replace === 'function') prepared.replace = replaceInModule(options, `${path}replace`);
  if (Array.isArray(options.multiple)) {
    prepared.multiple = options.multiple.map((item, index) =>
      prepareReplacements(item, `multiple[${index}].`),
    );
  }
  return prepared;
}

/** One replacement with a function, on a whole module, as string-replace-loader runs it. */
function replaceInModule({ search, flags = null, replace }, option) {
  const named = namedInErrors(option, replace);
  const replaceOne = reportedToRust(({ source, context }) => {
    // As the peer: a RegExp keeps its own flags; `flags` turns a string into one. (Made here, not
    // earlier: Rust reports bad flags before any module calls this.)
    const pattern = search instanceof RegExp ? search : flags !== null ? new RegExp(search, flags) : search;
    // The peer binds the loader context; these are the fields of it that tell the module.
    return source.replace(pattern, named.bind(context));
  });
  replaceOne.toString = () => String(replace);
  return replaceOne;
}

registerNativeLoader(REPLACE_LOADER, {
  plugin: 'ReplaceLoaderPlugin',
  pluginOptions: (rules) => ({
    rules: Object.fromEntries(
      Object.entries(rules).map(([ident, options]) => [ident, prepareReplacements(options)]),
    ),
  }),
});
