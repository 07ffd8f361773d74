// Types of @rspack-native/core: all of @rspack/core, plus the native plugins. Option interfaces
// come from the binding's index.d.ts, which NAPI-RS generates from the Rust option types.
import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type { ManifestPluginOptions } from '@rspack-native/binding';

export * from '@rspack/core';
export { default } from '@rspack/core';
export type { ManifestPluginOptions };

/** Native port of `rspack-manifest-plugin` 5.2.2: writes a `manifest.json` of the build's files. */
export declare class ManifestPlugin implements RspackPluginInstance {
  constructor(options?: ManifestPluginOptions);
  name: string;
  apply(compiler: Compiler): void;
}

/** An error's message with the causes Rspack wraps around plugin errors unfolded. */
export declare function formatError(error: unknown): string;

/** Path of the binding @rspack/core was loaded with. */
export declare const RSPACK_NATIVE_BINDING: string;
