import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { ManifestPluginOptions } from '@rspack-native/binding';

export type { FileDescriptor, ManifestPluginOptions } from '@rspack-native/binding';

/** Native port of `rspack-manifest-plugin` 5.2.2: writes a `manifest.json` of the build's files. */
export declare class ManifestPlugin implements RspackPluginInstance {
  constructor(...args: NativePluginArguments<ManifestPluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
