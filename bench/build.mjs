#!/usr/bin/env node
// One benchmark build in a fresh process (so that each one pays the same start-up and no state
// carries over): `node bench/build.mjs <variant> <appDir> <outDir> [ourBinding]`.
// Prints `{"maxRssKb": …}` as its last line, with `"ms"` for a dev-rebuild variant: the median
// time of its rebuilds. `ourBinding` is the .node our variants load (NAPI-RS's
// NAPI_RS_NATIVE_LIBRARY_PATH): the release build, not the dev one next to index.js.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_REBUILDS, timeRebuilds } from './rebuild-timer.mjs';
import { median } from './stats.mjs';
import { VARIANTS, benchConfig, rebuildEditedFile } from './variants.mjs';

const [variantName, appDir, outDir, ourBinding] = process.argv.slice(2);
const variant = VARIANTS[variantName];
if (!variant) {
  console.error(
    `bench/build.mjs: unknown variant "${variantName}"; one of: ${Object.keys(VARIANTS).join(', ')}`,
  );
  process.exit(2);
}
const require = createRequire(import.meta.url);

let rspack;
let side;
if (variant.binding === 'ours') {
  if (ourBinding) process.env.NAPI_RS_NATIVE_LIBRARY_PATH = ourBinding;
  const core = await import('@rspack-native/core');
  rspack = core.rspack;
  side = {
    manifestPlugin: core.ManifestPlugin,
    assetsManifestPlugin: core.AssetsManifestPlugin,
    licensePlugin: core.LicensePlugin,
    casePlugin: core.CaseSensitivePathsPlugin,
    compressionPlugin: core.CompressionPlugin,
    replaceLoader: core.REPLACE_LOADER,
  };
} else {
  delete process.env.RSPACK_BINDING;
  // BENCH_OFFICIAL_FROM: a folder whose own @rspack/core to use instead of this workspace's
  // (bench/wasm.mjs installs Rspack's release with its WebAssembly package there).
  const from = process.env.BENCH_OFFICIAL_FROM;
  const official = from
    ? pathToFileURL(createRequire(path.join(from, 'package.json')).resolve('@rspack/core')).href
    : '@rspack/core';
  rspack = (await import(official)).rspack;
  side = {
    manifestPlugin: require('rspack-manifest-plugin').RspackManifestPlugin,
    assetsManifestPlugin: require('webpack-assets-manifest').WebpackAssetsManifest,
    licensePlugin: require('license-webpack-plugin').LicenseWebpackPlugin,
    casePlugin: require('case-sensitive-paths-webpack-plugin'),
    compressionPlugin: require('compression-webpack-plugin'),
    replaceLoader: require.resolve('string-replace-loader'),
  };
}

const compiler = rspack(benchConfig({ appDir, outDir, ...variant, ...side }));

/** Fails the process with the build's errors, if it has any. */
function exitOnErrors(stats) {
  if (!stats.hasErrors()) return;
  console.error(stats.toString({ all: false, errors: true }));
  process.exit(1);
}

if (variant.rebuild) {
  const times = await timeRebuilds(compiler, { file: rebuildEditedFile(appDir), rebuilds: DEFAULT_REBUILDS });
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, ms: median(times) }));
} else {
  const stats = await new Promise((resolve, reject) =>
    compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result)))),
  );
  exitOnErrors(stats);
  console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
}
