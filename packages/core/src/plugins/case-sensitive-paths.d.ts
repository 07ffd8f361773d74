import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { CaseSensitivePathsPluginOptions } from '@rspack-native/binding';

export type { CaseSensitivePathsPluginOptions } from '@rspack-native/binding';

/**
 * Native port of `case-sensitive-paths-webpack-plugin` 2.4.0: fails an import whose path is cased
 * differently from the file on disk, which only case-insensitive file systems (macOS, Windows)
 * let through.
 */
export declare class CaseSensitivePathsPlugin implements RspackPluginInstance {
  constructor(...args: NativePluginArguments<CaseSensitivePathsPluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
