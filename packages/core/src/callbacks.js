// Helpers for the JavaScript functions that users give to native plugins and loaders.

/**
 * `fn`, with what it throws prefixed by `option "<option>" threw: ` in the message and in the
 * stack (which the build error shows), so the error names the option and keeps the user's stack.
 * @template {(...args: any[]) => any} F
 * @param {string} option
 * @param {F} fn
 * @returns {F}
 */
export function namedInErrors(option, fn) {
  return function (...args) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      const prefix = `option "${option}" threw: `;
      if (!(error instanceof Error)) throw new Error(prefix + String(error));
      // V8 formats `stack` when it is first read, from the message of that moment: read it first.
      const { stack } = error;
      error.message = prefix + error.message;
      if (typeof stack === 'string') error.stack = prefix + stack;
      throw error;
    }
  };
}

/**
 * What `value` is, in messages, worded as the binding words a function's wrong result
 * (crates/js-callback): `a number`, `null`, `undefined`, `an array`, `a promise`, `an object`.
 * @param {unknown} value
 */
export function describeValue(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value.then === 'function') return 'a promise';
  return /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

/**
 * The error for a function option whose result is not what the plugin needs, worded as the
 * binding's (`option "serialize" must return a string, but returned a number`), without a stack:
 * it would point into @rspack-native/core, not at the user's function.
 * @param {string} option
 * @param {string} expected what the option must return: `a string`
 * @param {unknown} value what it returned
 */
export function wrongResult(option, expected, value) {
  const error = new TypeError(
    `option "${option}" must return ${expected}, but returned ${describeValue(value)}`,
  );
  // The binding reports a JavaScript error by its stack: the message alone, as for the binding's own.
  error.stack = error.message;
  return error;
}
