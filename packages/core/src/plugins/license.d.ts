import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { LicensePluginOptions } from '@rspack-native/binding';

export type {
  AdditionalModule,
  LicenseIdentifiedModule,
  LicensePluginOptions,
  LicensePluginStats,
} from '@rspack-native/binding';

/**
 * Native port of `license-webpack-plugin` 4.0.2: writes the license texts of the npm packages in
 * each chunk, with the same files, banners, warnings and errors.
 */
export declare class LicensePlugin implements RspackPluginInstance {
  constructor(...args: NativePluginArguments<LicensePluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
