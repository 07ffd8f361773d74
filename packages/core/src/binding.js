// Selects the rspack-native binding for @rspack/core.
//
// @rspack/core reads process.env.RSPACK_BINDING once, when it is first evaluated (in the main
// thread and in its worker threads, which inherit the variable), so this module must be
// evaluated before @rspack/core: `@rspack-native/core` imports it first, and the
// `rspack-native` CLI imports it before @rspack/cli.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bindingLoadError } from './platform-package.js';
import { packageVersion, rspackCoreMismatch } from './rspack-core-version.js';

const require = createRequire(import.meta.url);

/** Absolute path of the module @rspack/core must load as its binding: `@rspack-native/binding`
 * with the native loaders (rspack-binding.cjs). */
export const bindingPath = fileURLToPath(new URL('./rspack-binding.cjs', import.meta.url));

function conflictingBindings() {
  return Object.keys(require.cache).filter(
    (file) =>
      /[\\/]@rspack[\\/]binding[\\/]/.test(file) ||
      (process.env.RSPACK_BINDING && file === process.env.RSPACK_BINDING && file !== bindingPath),
  );
}

const conflicting = conflictingBindings();
if (conflicting.length > 0) {
  throw new Error(
    `@rspack-native/core: @rspack/core was already loaded with another binding (${conflicting[0]}), ` +
      'so the native plugins of rspack-native are not available in this process.\n' +
      'Fix: run the build with the `rspack-native` CLI instead of `rspack` (same commands and flags); ' +
      'for another tool (Rsbuild, …), run it with `node --import @rspack-native/core/register` ' +
      '(or NODE_OPTIONS="--import @rspack-native/core/register"); in a script, import ' +
      '"@rspack-native/core" before anything imports "@rspack/core".',
  );
}

process.env.RSPACK_BINDING = bindingPath;

/** The loaded binding: every export of @rspack/binding plus the native plugins' registration. */
export const binding = loadBinding();

function loadBinding() {
  try {
    return require(bindingPath);
  } catch (error) {
    throw bindingLoadError(require.resolve('@rspack-native/binding'), error);
  }
}

export const { registerNativePlugin, registerNativeLoader } = binding;

/**
 * Throws unless the `@rspack/core` that `user` (a package, resolved from `fromFile`) imports is
 * the release this binding was built for: a binding only works with its own @rspack/core.
 * @param {string} fromFile a file (path or URL) of the package that imports @rspack/core
 * @param {string} user that package's name, for the message
 */
export function assertRspackCoreMatches(fromFile, user) {
  const expected = binding.EXPECTED_RSPACK_CORE_VERSION;
  const manifestPath = createRequire(fromFile).resolve('@rspack/core/package.json');
  const version = packageVersion(manifestPath);
  if (version !== expected) throw rspackCoreMismatch({ user, version, manifestPath, expected });
}

assertRspackCoreMatches(import.meta.url, '@rspack-native/core');
