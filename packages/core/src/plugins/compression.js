// CompressionPlugin: a native port of compression-webpack-plugin 12.0.0 (crates/compression-plugin).
//
// The Rust plugin compresses the assets in parallel, straight from Rspack's sources; nothing here
// runs during the build unless `filename` or `deleteOriginalAssets` is a function, which Rust
// calls once per compressed asset.
import { nativePlugin } from '../native-plugin.js';

/**
 * Native port of `compression-webpack-plugin` 12.0.0: writes a gzip (or deflate, or brotli) copy
 * of each emitted asset the options select, with the peer's names and asset info.
 */
export const CompressionPlugin = nativePlugin('CompressionPlugin');
