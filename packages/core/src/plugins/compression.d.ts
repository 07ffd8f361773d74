import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { CompressionPluginOptions } from '@rspack-native/binding';

export type { CompressionPluginOptions, FilenameData } from '@rspack-native/binding';

/**
 * Native port of `compression-webpack-plugin` 12.0.0: writes a gzip (or deflate, or brotli) copy
 * of each emitted asset the options select, with the peer's names and asset info.
 */
export declare class CompressionPlugin implements RspackPluginInstance {
  constructor(...args: NativePluginArguments<CompressionPluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
