import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { NativePluginArguments } from '../native-plugin.js';
import type { AssetsManifestPluginOptions } from '@rspack-native/binding';

export type { AssetsManifestPluginOptions } from '@rspack-native/binding';

/**
 * Native port of `webpack-assets-manifest` 6.5.2: writes a JSON manifest of the emitted files
 * (`assets-manifest.json`), with entrypoints and subresource integrity on request.
 */
export declare class AssetsManifestPlugin implements RspackPluginInstance {
  constructor(...args: NativePluginArguments<AssetsManifestPluginOptions>);
  name: string;
  apply(compiler: Compiler): void;
}
