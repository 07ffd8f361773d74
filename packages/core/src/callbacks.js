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
