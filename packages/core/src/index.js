// @rspack-native/core: all of @rspack/core, running on the rspack-native binding, plus the
// native plugins and loaders (one file each in ./plugins). The binding must be chosen before
// @rspack/core is evaluated: keep this import first.
import { bindingPath } from './binding.js';
import rspack from '@rspack/core';

export * from '@rspack/core';
export { CaseSensitivePathsPlugin } from './plugins/case-sensitive-paths.js';
export { LicensePlugin } from './plugins/license.js';
export { ManifestPlugin } from './plugins/manifest.js';
export { REPLACE_LOADER } from './plugins/replace-loader.js';
export { CompressionPlugin } from './plugins/compression.js';
export { RemoveEmptyScriptsPlugin } from './plugins/remove-empty-scripts.js';
export { AssetsManifestPlugin } from './plugins/assets-manifest.js';
export { formatError } from './errors.js';

/** Path of the binding @rspack/core was loaded with. */
export const RSPACK_NATIVE_BINDING = bindingPath;

export default rspack;
