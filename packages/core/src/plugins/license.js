// LicensePlugin: a native port of license-webpack-plugin 4.0.2 (crates/license-plugin).
//
// The Rust plugin finds the packages and their licenses and writes the files. It calls the user's
// function options (`renderLicenses`, `excludedPackageTest`, ...) itself, with typed arguments,
// where the peer calls them: once per package or once per chunk, never once per module. With data
// options only, no JavaScript runs during the build.
import { nativePlugin, withNamedFunctions } from '../native-plugin.js';

/**
 * Native port of `license-webpack-plugin` 4.0.2: writes the license texts of the npm packages in
 * each chunk. Child compilers inherit it, as they inherit the peer's `compilation` tap.
 */
export const LicensePlugin = nativePlugin('LicensePlugin', {
  affectedHooks: 'compilation',
  resolve: licenseOptions,
});

/** Numbers the resolutions of LicensePlugin options (see `__group` below). */
let lastGroup = 0;

/**
 * What the Rust LicensePlugin receives for `new LicensePlugin(options)`: the options as given,
 * each function named in what it throws, plus `__group`, an id of this resolution (child
 * compilers inherit the resolved options, so their plugins share the root's records through it).
 * The Rust side checks every option's type.
 * @param {Record<string, unknown>} options
 */
function licenseOptions(options) {
  lastGroup = (lastGroup + 1) % 2 ** 32;
  const own = nullFlagsOff({ ...options, __group: lastGroup }, ['perChunkOutput']);
  if (own.stats && typeof own.stats === 'object' && !Array.isArray(own.stats)) {
    own.stats = nullFlagsOff({ ...own.stats }, ['warnings', 'errors']);
  }
  return withNamedFunctions('LicensePlugin', own);
}

/**
 * Sets each of `flags` that is null in `object` to false: the peer gives these flags their
 * default (true) only when they are undefined, so null turns them off. Returns `object`.
 */
function nullFlagsOff(object, flags) {
  for (const flag of flags) if (object[flag] === null) object[flag] = false;
  return object;
}
