// Types of @rspack-native/core: all of @rspack/core, plus the native plugins and loaders (one
// declaration file each in ./plugins). Option interfaces come from the binding's index.d.ts,
// which NAPI-RS generates from the Rust option declarations.
export * from '@rspack/core';
export { default } from '@rspack/core';
export * from './plugins/case-sensitive-paths.js';
export * from './plugins/license.js';
export * from './plugins/manifest.js';
export * from './plugins/replace-loader.js';
export * from './plugins/compression.js';
export * from './plugins/remove-empty-scripts.js';
export * from './plugins/assets-manifest.js';

/** An error's message with the causes Rspack wraps around plugin errors unfolded. */
export declare function formatError(error: unknown): string;

/** Path of the binding @rspack/core was loaded with. */
export declare const RSPACK_NATIVE_BINDING: string;
