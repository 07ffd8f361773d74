// Types of @rspack-native/core: all of @rspack/core, plus the native plugins. Option interfaces
// come from the binding's index.d.ts, which NAPI-RS generates from the Rust option types.
import type { Compiler, RspackPluginInstance } from '@rspack/core';
import type {
  CaseSensitivePathsPluginOptions,
  LicensePluginOptions,
  ManifestPluginOptions,
} from '@rspack-native/binding';

export * from '@rspack/core';
export { default } from '@rspack/core';
export type {
  AdditionalModule,
  CaseSensitivePathsPluginOptions,
  FileDescriptor,
  LicenseIdentifiedModule,
  LicensePluginOptions,
  LicensePluginStats,
  ManifestPluginOptions,
  ReplaceLoaderOptions,
} from '@rspack-native/binding';

/** Native port of `rspack-manifest-plugin` 5.2.2: writes a `manifest.json` of the build's files. */
export declare class ManifestPlugin implements RspackPluginInstance {
  constructor(options?: ManifestPluginOptions | null);
  name: string;
  apply(compiler: Compiler): void;
}

/**
 * Native port of `license-webpack-plugin` 4.0.2: writes the license texts of the npm packages in
 * each chunk, with the same files, banners, warnings and errors.
 */
export declare class LicensePlugin implements RspackPluginInstance {
  constructor(options?: LicensePluginOptions | null);
  name: string;
  apply(compiler: Compiler): void;
}

/**
 * Native port of `case-sensitive-paths-webpack-plugin` 2.4.0: fails an import whose path is cased
 * differently from the file on disk, which only case-insensitive file systems (macOS, Windows)
 * let through.
 */
export declare class CaseSensitivePathsPlugin implements RspackPluginInstance {
  constructor(options?: CaseSensitivePathsPluginOptions | null);
  name: string;
  apply(compiler: Compiler): void;
}

/**
 * Makes `builtin:replace-loader` available. @rspack-native/core applies it to every compiler; add
 * it yourself only for compilers created without @rspack-native/core's copy of @rspack/core.
 */
export declare class ReplaceLoaderPlugin implements RspackPluginInstance {
  constructor();
  name: string;
  apply(compiler: Compiler): void;
}

/** `'builtin:replace-loader'`: the loader request of the native string-replace-loader. */
export declare const REPLACE_LOADER: 'builtin:replace-loader';

/** An error's message with the causes Rspack wraps around plugin errors unfolded. */
export declare function formatError(error: unknown): string;

/** Path of the binding @rspack/core was loaded with. */
export declare const RSPACK_NATIVE_BINDING: string;
