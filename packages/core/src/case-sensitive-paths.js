// The JavaScript half of CaseSensitivePathsPlugin: its `debug` messages go to the user's logger
// (`console` by default), which the Rust plugin calls through one function made here. Without
// `debug`, nothing here runs during the build.

/**
 * What the Rust CaseSensitivePathsPlugin receives for `new CaseSensitivePathsPlugin(options)`:
 * the options as given (a falsy `logger` left out), plus `__log` when `debug` is on. The Rust
 * side checks every option's type, so a logger without a `log` method is reported there.
 * @param {Record<string, unknown> | null | undefined} options
 */
export function caseSensitivePathsOptions(options) {
  // The peer takes `null` as no options; @rspack/core would turn it into `false`.
  if (options === null || options === undefined) return {};
  if (typeof options !== 'object' || Array.isArray(options)) return options;
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
      target.log(...JSON.parse(args));
    },
  };
}
