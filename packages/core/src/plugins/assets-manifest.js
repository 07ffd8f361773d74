// AssetsManifestPlugin: a native port of webpack-assets-manifest 6.5.2
// (crates/assets-manifest-plugin). The Rust plugin makes, emits and writes the manifest. What
// only JavaScript knows reaches it through one function that Rust calls once per build: whether a
// dev server serves the build (the peer's `inDevServer`), whether `writeToDisk: 'auto'` writes
// this manifest (its `shouldWriteToDisk`), and whether a watch run started the build (its
// `handleWatchRun` empties the manifest). When a function option is given, the manifest's text is
// made by one more function, with the user's functions (assets-manifest-object.js).
import path from 'node:path';
import { givenFunctions, nativePlugin } from '../native-plugin.js';
import { AssetsManifest } from './assets-manifest-object.js';

/** Native port of `webpack-assets-manifest` 6.5.2: writes `assets-manifest.json`. */
export const AssetsManifestPlugin = nativePlugin('AssetsManifestPlugin', { resolve: assetsManifestOptions });

/**
 * What the Rust AssetsManifestPlugin receives for `new AssetsManifestPlugin(options)` (`this` is
 * the compiler): the options as given (`fileExtRegex: null` as `false`, which it means to the
 * peer), plus `__environment`.
 * @this {import('@rspack/core').Compiler}
 * @param {Record<string, unknown>} options
 */
export function assetsManifestOptions(options) {
  const own = { ...options };
  if (own.fileExtRegex === null) own.fileExtRegex = false;
  // The functions live as long as the compiler's Rust plugin: a strong reference back to the
  // compiler would be a cycle that only closing the compiler breaks.
  const compilerRef = new WeakRef(this);
  const functions = givenFunctions('AssetsManifestPlugin', own);
  const manifest =
    Object.keys(functions).length > 0 ? new AssetsManifest(compilerRef, { ...own, ...functions }) : undefined;
  let watchRun = false;
  this.hooks.watchRun.tap('AssetsManifestPlugin', () => {
    watchRun = true;
    manifest?.clear();
  });
  own.__environment = function buildEnvironment(manifestPath) {
    const compiler = compilerRef.deref();
    const started = watchRun;
    watchRun = false;
    const devServer = inDevServer(compiler);
    return {
      inDevServer: devServer,
      writeToDisk: devServer && devServerLeavesToUs(compiler, manifestPath),
      watchRun: started,
    };
  };
  if (manifest) {
    own.__pipeline = (found) => manifest.makeManifest(found);
    // As the peer, a disabled plugin calls neither `apply` nor `done`.
    if (own.enabled !== false) {
      this.hooks.done.tapPromise('AssetsManifestPlugin', (stats) =>
        manifest.hooks.done.promise(manifest, stats),
      );
      manifest.hooks.apply.call(manifest);
    }
  }
  return own;
}

/** The peer's `inDevServer`: webpack's `serve` command, or an output file system of its own. */
function inDevServer(compiler) {
  const [, command, serve] = process.argv;
  if (
    (serve === 'serve' && command && path.basename(command) === 'webpack') ||
    process.argv.some((arg) => arg.includes('webpack-dev-server'))
  ) {
    return true;
  }
  const output = compiler?.outputFileSystem;
  return (
    output !== null &&
    typeof output === 'object' &&
    !Array.isArray(output) &&
    ('__vol' in output || !Object.is(output, compiler.intermediateFileSystem))
  );
}

/**
 * The peer's `shouldWriteToDisk` for `'auto'` in a dev server: not when the dev server writes
 * the manifest itself, else when the manifest is outside `output.path`.
 */
function devServerLeavesToUs(compiler, manifestPath) {
  const devServer = compiler.options.devServer;
  const writes = devServer ? (devServer.devMiddleware?.writeToDisk ?? devServer.writeToDisk) : undefined;
  if (writes === true) return false;
  if (typeof writes === 'function' && writes(manifestPath) === true) return false;
  return Boolean(compiler.outputPath) && path.relative(compiler.outputPath, manifestPath).startsWith('..');
}
