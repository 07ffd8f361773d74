import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { RemoveEmptyScriptsPluginOptions } from '@rspack-native/binding';

export type { RemoveEmptyScriptsPluginOptions } from '@rspack-native/binding';

/**
 * Native port of `webpack-remove-empty-scripts` 1.1.1: removes the script that an entry made only
 * of styles emits next to its CSS.
 */
export declare class RemoveEmptyScriptsPlugin implements RspackPluginInstance {
  /** `stage`: remove before any plugin processes the assets (the default). */
  static readonly STAGE_BEFORE_PROCESS_PLUGINS: 100;
  /** `stage`: remove after every plugin processed the assets. */
  static readonly STAGE_AFTER_PROCESS_PLUGINS: 200;
  constructor(...args: NativePluginArguments<RemoveEmptyScriptsPluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
