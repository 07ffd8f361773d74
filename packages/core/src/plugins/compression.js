// CompressionPlugin: a native port of compression-webpack-plugin 12.0.0 (crates/compression-plugin).
//
// The Rust plugin compresses the assets in parallel, straight from Rspack's sources; nothing here
// runs during the build unless an option is a function. A function `algorithm` keeps the peer's
// form, `(input, compressionOptions, callback)`: Rust calls the promise-returning function made
// here, once per asset, all at once as the peer does, and `compressionOptions` stay here, as given.
import { rejectionForRust } from '../callbacks.js';
import { nativePlugin, withNamedFunctions } from '../native-plugin.js';

/**
 * Native port of `compression-webpack-plugin` 12.0.0: writes a gzip (or deflate, or brotli, or
 * your algorithm's) copy of each emitted asset the options select, with the peer's names and
 * asset info.
 */
export const CompressionPlugin = nativePlugin('CompressionPlugin', { resolve: compressionOptions });

/**
 * What the Rust CompressionPlugin receives for `new CompressionPlugin(options)`: the options with
 * each function named in what it throws, and a function `algorithm` as `(input) => Promise<Buffer>`.
 * @param {Record<string, unknown>} options
 */
function compressionOptions(options) {
  const prepared = withNamedFunctions('CompressionPlugin', options);
  if (typeof options.algorithm !== 'function') return prepared;
  const { compressionOptions: algorithmOptions = {}, ...rest } = prepared;
  return { ...rest, algorithm: promised(prepared.algorithm, algorithmOptions) };
}

/**
 * Rejects the promise of a call whose `algorithm` let go of its callback without calling it:
 * nothing can settle that promise any more. (Without this the promise would be collected
 * unsettled, which Rust only sees as `oneshot canceled`; the peer's build never finishes.)
 */
const uncalledCallbacks = new FinalizationRegistry((reject) =>
  reject(
    rejectionForRust(
      new Error(
        'it never called its callback, which was garbage-collected uncalled ' +
          '(an algorithm must call callback(error, result) once)',
      ),
    ),
  ),
);

/** The peer's callback-style `algorithm` as a function of the input that returns a promise. */
function promised(algorithm, algorithmOptions) {
  return function compressWithAlgorithm(input) {
    return new Promise((resolve, reject) => {
      const callback = (error, result) => {
        uncalledCallbacks.unregister(callback);
        if (error) reject(rejectionForRust(error));
        // As the peer: a result that is not a Buffer is made one.
        else resolve(Buffer.isBuffer(result) ? result : Buffer.from(result));
      };
      uncalledCallbacks.register(callback, reject, callback);
      try {
        algorithm(input, algorithmOptions, callback);
      } catch (error) {
        reject(rejectionForRust(error));
      }
    });
  };
}
