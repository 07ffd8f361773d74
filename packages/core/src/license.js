// The JavaScript half of LicensePlugin's function options. The Rust plugin finds the packages and
// their licenses; when the user gave a function option (`renderLicenses`, `excludedPackageTest`,
// ...), Rust calls one dispatcher made here with the option's name and its arguments as JSON, at
// the points where license-webpack-plugin 4.0.2 calls that function: once per package or once per
// chunk, never once per module. With data options only, nothing here runs during the build.
import { namedInErrors } from './callbacks.js';

/** The peer's function options, and how each receives the arguments Rust sends. */
const FUNCTION_OPTIONS = {
  licenseInclusionTest: (fn, args) => fn(args.licenseType),
  unacceptableLicenseTest: (fn, args) => fn(args.licenseType),
  handleUnacceptableLicense: (fn, args) => fn(args.packageName, args.licenseType),
  handleMissingLicenseText: (fn, args) => fn(args.packageName, args.licenseType),
  handleLicenseAmbiguity: (fn, args) => fn(args.packageName, args.licenses),
  handleMissingLicenseType: (fn, args) => fn(args.packageName),
  excludedPackageTest: (fn, args) => fn(args.packageName),
  chunkIncludeExcludeTest: (fn, args) => fn(args.chunkName),
  renderLicenses: (fn, args) => fn(identifiedModules(args.modules)),
  renderBanner: (fn, args) => fn(args.filename, identifiedModules(args.modules)),
};

/** Numbers the resolutions of LicensePlugin options (see `__group` below). */
let lastGroup = 0;

/**
 * What the Rust LicensePlugin receives for `new LicensePlugin(options)`: the options as given,
 * plus `__group`, an id of this resolution (child compilers inherit the resolved options, so their
 * plugins share the root's records through it), and `__dispatch` when one of the options is a
 * function. The Rust side checks every option's type.
 * @param {Record<string, unknown> | null | undefined} options
 */
export function licenseOptions(options) {
  if (options === null || options === undefined) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) return options;
  lastGroup = (lastGroup + 1) % 2 ** 32;
  const own = nullFlagsOff({ ...options, __group: lastGroup }, ['perChunkOutput']);
  if (own.stats && typeof own.stats === 'object' && !Array.isArray(own.stats)) {
    own.stats = nullFlagsOff({ ...own.stats }, ['warnings', 'errors']);
  }
  const given = Object.keys(FUNCTION_OPTIONS).filter((name) => typeof own[name] === 'function');
  if (given.length === 0) return own;
  const functions = Object.fromEntries(given.map((name) => [name, namedInErrors(name, own[name])]));
  return {
    ...own,
    __dispatch: function dispatchLicenseFunction({ option, args }) {
      const value = FUNCTION_OPTIONS[option](functions[option], JSON.parse(args));
      return JSON.stringify({ value });
    },
  };
}

/**
 * Sets each of `flags` that is null in `object` to false: the peer gives these flags their
 * default (true) only when they are undefined, so null turns them off. Returns `object`.
 */
function nullFlagsOff(object, flags) {
  for (const flag of flags) if (object[flag] === null) object[flag] = false;
  return object;
}

/** The peer's `LicenseIdentifiedModule` objects, from what Rust sends (`packageJson` as text). */
function identifiedModules(modules) {
  return modules.map(({ licenseText, packageJson, name, directory, licenseId }) => ({
    licenseText,
    packageJson: JSON.parse(packageJson),
    name,
    directory,
    licenseId,
  }));
}
