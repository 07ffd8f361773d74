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
 * The key of what `reportedToRust` returns for a throw: `THREW_KEY` in
 * crates/js-callback/src/checked.rs, which reads it.
 */
const THREW_KEY = '__rspackNativeThrew';

/**
 * `fn`, for a native plugin to call: what it throws is returned instead, as
 * `{ __rspackNativeThrew: text }` with the error's stack as text, which the plugin's build error
 * shows after the plugin's name. Returned, not thrown, so the text reaches Rust whole on every
 * binding (the WebAssembly one loses a thrown error's stack).
 * @template {(...args: any[]) => any} F
 * @param {F} fn
 * @returns {F}
 */
export function reportedToRust(fn) {
  return function (...args) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      const text = error instanceof Error && typeof error.stack === 'string' ? error.stack : String(error);
      return { [THREW_KEY]: text };
    }
  };
}

/**
 * `error` as the reason of a promise that Rust awaits, so that Rust reads the same text on every
 * binding: napi reads a rejection's `String()` in the native binding and its `message` in the
 * WebAssembly one, and here both are the error's `String()` (`Error: …`).
 * @param {unknown} error
 */
export function rejectionForRust(error) {
  const text = String(error);
  const reason = new Error(text);
  reason.toString = () => text;
  return reason;
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
