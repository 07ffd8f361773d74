// CaseSensitivePathsPlugin: a native port of case-sensitive-paths-webpack-plugin 2.4.0
// (crates/case-sensitive-paths-plugin).
//
// The Rust plugin checks every resolved path. Its `debug` messages go to the user's logger
// (`console` by default), which it calls through one function made here. Without `debug`, nothing
// here runs during the build.
import { nativePlugin } from '../native-plugin.js';

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
 * What the Rust CaseSensitivePathsPlugin receives for `new CaseSensitivePathsPlugin(options)`:
 * the options as given (a falsy `logger` left out), plus `__log` when `debug` is on. The Rust
 * side checks every option's type, so a logger without a `log` method is reported there.
 * @param {Record<string, unknown>} options
 */
function caseSensitivePathsOptions(options) {
  // As the peer: any falsy logger means `console`, so Rust is given none.
  const { logger, ...withoutLogger } = options;
  const resolved = logger ? options : withoutLogger;
  const target = logger || console;
  if (options.debug !== true || typeof target.log !== 'function') return resolved;
  // The peer says this when the compiler applies it, which is now.
  if (options.useBeforeEmitHook === true)
    target.log('[CaseSensitivePathsPlugin] Using the hook for before emit.');
  return {
    ...resolved,
    __log: function logCaseSensitivePathsMessage(args) {
      target.log(...args);
    },
  };
}
