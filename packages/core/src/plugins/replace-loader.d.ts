export type { ReplaceContext, ReplaceLoaderOptions } from '@rspack-native/binding';

/**
 * `'builtin:replace-loader'`: the loader request of the native string-replace-loader. A rule uses
 * it with `ReplaceLoaderOptions`; every compiler resolves it, with no plugin to add.
 */
export declare const REPLACE_LOADER: 'builtin:replace-loader';
