#!/usr/bin/env node
// One benchmark build in a fresh process (so that each one pays the same start-up and no state
// carries over): `node bench/build.mjs <variant> <appDir> <outDir> [ourBinding]`.
// Prints `{"maxRssKb": …}` as its last line. `ourBinding` is the .node our variants load
// (NAPI-RS's NAPI_RS_NATIVE_LIBRARY_PATH): the release build, not the dev one next to index.js.
import { createRequire } from 'node:module';
import { VARIANTS, benchConfig } from './variants.mjs';

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
    licensePlugin: core.LicensePlugin,
    replaceLoader: core.REPLACE_LOADER,
  };
} else {
  delete process.env.RSPACK_BINDING;
  rspack = (await import('@rspack/core')).rspack;
  side = {
    manifestPlugin: require('rspack-manifest-plugin').RspackManifestPlugin,
    licensePlugin: require('license-webpack-plugin').LicenseWebpackPlugin,
    replaceLoader: require.resolve('string-replace-loader'),
  };
}

const compiler = rspack(
  benchConfig({ appDir, outDir, extra: variant.extra, concatenate: variant.concatenate, ...side }),
);
const stats = await new Promise((resolve, reject) =>
  compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result)))),
);
if (stats.hasErrors()) {
  console.error(stats.toString({ all: false, errors: true }));
  process.exit(1);
}
console.log(JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
