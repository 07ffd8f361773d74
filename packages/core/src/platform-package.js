// Explains why the rspack-native addon could not be loaded on this machine.
//
// @rspack-native/binding ships no .node file itself: every platform has its own package
// (`@rspack-native/binding-<platform>`, with `os`, `cpu` and `libc` set) listed as an optional
// dependency, and the package manager installs only the one that matches. When that package is
// missing, NAPI-RS's loader throws a generic "Cannot find native binding"; this module turns it
// into an error that names the package and how to get it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';

/** The NAPI-RS platform name of this process, as in `@rspack-native/binding-<platform>`. */
export function currentPlatform() {
  const { platform, arch } = process;
  if (platform === 'linux') {
    const libc = isMusl() ? 'musl' : 'gnu';
    return arch === 'arm' ? `linux-arm-${libc}eabihf` : `linux-${arch}-${libc}`;
  }
  if (platform === 'win32') return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

/** Whether this Linux runs on musl, checked the way NAPI-RS's loader checks it. */
function isMusl() {
  try {
    return readFileSync('/usr/bin/ldd', 'utf8').includes('musl');
  } catch {
    // No ldd: ask Node's report, where glibc gives its version and musl none.
  }
  if (!process.report) return false;
  process.report.excludeNetwork = true;
  return !process.report.getReport().header.glibcVersionRuntime;
}

/** NAPI-RS's platform name of the WebAssembly build, `@rspack-native/binding-wasm32-wasi`. */
export const WASM_PLATFORM = 'wasm32-wasi';

/**
 * Builds the error to throw when `require(bindingPath)` failed with `cause`.
 * @param {string} bindingPath absolute path of @rspack-native/binding's entry
 * @param {unknown} cause the error thrown by the addon's loader
 * @returns {Error}
 */
export function bindingLoadError(bindingPath, cause) {
  const bindingDir = dirname(bindingPath);
  const manifest = JSON.parse(readFileSync(join(bindingDir, 'package.json'), 'utf8'));
  const platform = currentPlatform();
  const packageName = `${manifest.name}-${platform}`;
  const wasmPackage = `${manifest.name}-${WASM_PLATFORM}`;
  const supported = Object.keys(manifest.optionalDependencies ?? {});
  const hasWasm = supported.includes(wasmPackage);
  const header = `@rspack-native/core: cannot load the rspack-native addon for ${platform}.`;
  const require = createRequire(bindingPath);
  /** The folder `name` is installed in, as the binding resolves it, or null. */
  const installed = (name) => {
    try {
      return dirname(require.resolve(`${name}/package.json`));
    } catch {
      return null;
    }
  };
  const wasmInstalledAt = hasWasm ? installed(wasmPackage) : null;

  if (!supported.includes(packageName) && wasmInstalledAt === null) {
    const platforms = supported.map((name) => name.slice(manifest.name.length + 1));
    return new Error(
      `${header}\n${manifest.name}@${manifest.version} has no build for ${platform}; ` +
        `it ships builds for: ${platforms.join(', ')}.\n` +
        (hasWasm ? `${wasmInstructions(wasmPackage, manifest)}\nOr build` : 'Build') +
        ' the binding from source on this machine (see the rspack-native README), ' +
        'or run the build on a supported platform.',
      { cause },
    );
  }

  const localAddon = join(bindingDir, `${manifest.napi?.binaryName ?? 'index'}.${platform}.node`);
  const installedAt = supported.includes(packageName) ? installed(packageName) : null;

  if (installedAt === null && wasmInstalledAt === null && !existsSync(localAddon)) {
    if (!bindingDir.split(sep).includes('node_modules')) {
      return new Error(
        `${header}\n${manifest.name} is a source checkout (${bindingDir}) and its addon has not been built yet.\n` +
          `Fix: run \`pnpm build:binding\` in the rspack-native repository; it writes ${localAddon}.`,
        { cause },
      );
    }
    const version = manifest.optionalDependencies[packageName];
    return new Error(
      `${header}\nThe package ${packageName}@${version} is not installed. ` +
        `It holds the .node file for this platform and is an optional dependency of ${manifest.name}, ` +
        'so it is skipped when optional dependencies are omitted or when a lockfile was made on another platform.\n' +
        'Fix, with the package manager you use:\n' +
        `  pnpm: pnpm install --force (and make sure \`supportedArchitectures\` or \`--no-optional\` does not exclude ${platform})\n` +
        '  npm:  rm -rf node_modules package-lock.json && npm install (npm bug: https://github.com/npm/cli/issues/4828)\n' +
        '  yarn: yarn install --check-files\n' +
        `or install it explicitly: npm install ${packageName}@${version}` +
        (hasWasm ? `\n${wasmInstructions(wasmPackage, manifest)}` : ''),
      { cause },
    );
  }

  const addon = installedAt ?? (existsSync(localAddon) ? localAddon : wasmInstalledAt);
  return new Error(
    `${header}\n${addon} is installed but failed to load: ${loadFailure(require, addon, cause)}`,
    {
      cause,
    },
  );
}

/** Where no .node fits: the WebAssembly build the binding falls back to, and how to install it. */
function wasmInstructions(wasmPackage, manifest) {
  const version = manifest.optionalDependencies[wasmPackage];
  return (
    `${wasmPackage}@${version} is not installed either: the WebAssembly build (slower than a .node) that ` +
    `${manifest.name} loads when no .node does. Its \`cpu\` is wasm32, so package managers install it ` +
    "only when asked: `npm install --cpu=wasm32`, or pnpm's `supportedArchitectures` setting with " +
    '`cpu: [current, wasm32]`.'
  );
}

/** The error Node gives for loading `addon` alone, which names the real problem (a missing symbol, an old glibc, …). */
function loadFailure(require, addon, cause) {
  try {
    require(addon);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return cause instanceof Error ? cause.message : String(cause);
}
