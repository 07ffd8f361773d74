// The benchmark's variants: the same production build of a generated app, on the official
// binding or ours, with no extra plugin, a manifest plugin, a replace loader, a license plugin, a
// case-sensitive paths plugin or a compression plugin, and dev rebuilds with and without the
// case-sensitive one. Each pair (official JavaScript peer, ours native) must write identical
// output; for the compression pairs, identical after decompression (`compressed`).
import fs from 'node:fs';
import path from 'node:path';

/** The replacements both replace loaders make, in every JavaScript module of the app. */
const REPLACEMENTS = [
  { search: '__APP_VERSION__', replace: '1.2.3', flags: 'g' },
  { search: /__BUILD_TARGET__/g, replace: 'web' },
];

/** The same two replacements, each made by a JavaScript function: one call per match. */
const FUNCTION_REPLACEMENTS = [
  { search: /__APP_VERSION__/g, replace: () => '1.2.3' },
  { search: /__BUILD_(\w+)__/g, replace: (match, name) => name.toLowerCase() },
];

/**
 * What each plugin pair adds to the bare build, by key. The replace loaders run on every
 * .js/.cjs module; `loader` is the same loader with no patterns: what running a loader on every
 * module costs before the loader does any work of its own.
 */
export const EXTRAS = {
  manifest: 'manifest plugin',
  replace: 'replace loader, 2 patterns',
  loader: 'replace loader, no patterns',
  function: 'replace loader, function replace',
  license: 'license plugin',
  case: 'case-sensitive paths plugin',
  'case-rebuild': 'case-sensitive paths plugin, dev rebuild',
  gzip: 'compression plugin, gzip',
  brotli: 'compression plugin, brotli quality 11',
  'assets-manifest': 'assets manifest plugin, entrypoints',
};

/**
 * Groups of bare variants (no plugin) that `--plugins` can ask for, by key: a bare pair measured
 * outside production.
 */
export const BARE_GROUPS = {
  development: 'development build, no plugin',
};

/**
 * Each compression pair's plugin options (the same on both sides): the peer's defaults but for
 * the algorithm, and a `.br` name for brotli, as its docs show.
 */
export const COMPRESSION = {
  gzip: { algorithm: 'gzip' },
  brotli: { algorithm: 'brotliCompress', filename: '[path][base].br' },
};

/**
 * The assets manifest pair's plugin options (the same on both sides). Its builds inline the
 * app's images (`asset/inline`): on Rspack the JavaScript peer fails on an emitted image.
 */
export const ASSETS_MANIFEST = { entrypoints: true };

/**
 * The environment of the variants on one thread: rayon's pool (where the native compression runs,
 * and Rspack's parallel passes) gets one thread; Rspack's async runtime keeps every core.
 */
const ONE_THREAD = { RAYON_NUM_THREADS: '1' };

/**
 * The file a dev-rebuild variant edits before each rebuild: the entry's first module, the one
 * `src/index.js` imports (where it is depends on the app's shape).
 */
export function rebuildEditedFile(appDir) {
  const entry = path.join(appDir, 'src/index.js');
  const [, specifier] = fs.readFileSync(entry, 'utf8').match(/from '([^']+)'/);
  return path.resolve(path.dirname(entry), specifier);
}

/**
 * name → { binding: 'official' | 'ours', extra: 'none' or a key of EXTRAS, concatenate?: false,
 *   baseline?: the bare variant its overhead is measured against (default: the one named after its
 *   binding), only?: the extra a bare variant is needed for, rebuild?: true for a development
 *   build in watch mode whose time is that of the rebuilds after edits, not of the process,
 *   development?: true for one development build (a cold one, timed as a process), env?:
 *   more environment variables of its process }. `only` may name several extras.
 * The order is the order of each round (A B A B …).
 *
 * The license pair builds without module concatenation: on Rspack, license-webpack-plugin sees
 * only the root of a concatenated module and would list fewer packages than the native plugin.
 * Its overhead is measured against bare builds without concatenation too.
 */
export const VARIANTS = {
  official: { binding: 'official', extra: 'none' },
  ours: { binding: 'ours', extra: 'none' },
  'official + rspack-manifest-plugin': { binding: 'official', extra: 'manifest' },
  'ours + ManifestPlugin': { binding: 'ours', extra: 'manifest' },
  'official + string-replace-loader': { binding: 'official', extra: 'replace' },
  'ours + builtin:replace-loader': { binding: 'ours', extra: 'replace' },
  'official + string-replace-loader, no patterns': { binding: 'official', extra: 'loader' },
  'ours + builtin:replace-loader, no patterns': { binding: 'ours', extra: 'loader' },
  'official + string-replace-loader, functions': { binding: 'official', extra: 'function' },
  'ours + builtin:replace-loader, functions': { binding: 'ours', extra: 'function' },
  'official, no concatenation': { binding: 'official', extra: 'none', concatenate: false, only: 'license' },
  'ours, no concatenation': { binding: 'ours', extra: 'none', concatenate: false, only: 'license' },
  'official + license-webpack-plugin': {
    binding: 'official',
    extra: 'license',
    concatenate: false,
    baseline: 'official, no concatenation',
  },
  'ours + LicensePlugin': {
    binding: 'ours',
    extra: 'license',
    concatenate: false,
    baseline: 'ours, no concatenation',
  },
  'official + case-sensitive-paths-webpack-plugin': { binding: 'official', extra: 'case' },
  'ours + CaseSensitivePathsPlugin': { binding: 'ours', extra: 'case' },
  'official, development': { binding: 'official', extra: 'none', development: true, only: 'development' },
  'ours, development': { binding: 'ours', extra: 'none', development: true, only: 'development' },
  'official, dev rebuild': { binding: 'official', extra: 'none', rebuild: true, only: 'case-rebuild' },
  'ours, dev rebuild': { binding: 'ours', extra: 'none', rebuild: true, only: 'case-rebuild' },
  'official + case-sensitive-paths-webpack-plugin, dev rebuild': {
    binding: 'official',
    extra: 'case-rebuild',
    rebuild: true,
    baseline: 'official, dev rebuild',
  },
  'ours + CaseSensitivePathsPlugin, dev rebuild': {
    binding: 'ours',
    extra: 'case-rebuild',
    rebuild: true,
    baseline: 'ours, dev rebuild',
  },
  'official + compression-webpack-plugin, gzip': { binding: 'official', extra: 'gzip' },
  'ours + CompressionPlugin, gzip': { binding: 'ours', extra: 'gzip' },
  'official + compression-webpack-plugin, brotli': { binding: 'official', extra: 'brotli' },
  'ours + CompressionPlugin, brotli': { binding: 'ours', extra: 'brotli' },
  // The native compression's overhead on one thread, against a bare build on one thread too: how
  // much of the native plugin's gain comes from the codec and how much from running in parallel.
  'ours, 1 thread': { binding: 'ours', extra: 'none', env: ONE_THREAD, only: ['gzip', 'brotli'] },
  'ours + CompressionPlugin, gzip, 1 thread': {
    binding: 'ours',
    extra: 'gzip',
    env: ONE_THREAD,
    baseline: 'ours, 1 thread',
  },
  'ours + CompressionPlugin, brotli, 1 thread': {
    binding: 'ours',
    extra: 'brotli',
    env: ONE_THREAD,
    baseline: 'ours, 1 thread',
  },
  'official, inline images': {
    binding: 'official',
    extra: 'none',
    inlineImages: true,
    only: 'assets-manifest',
  },
  'ours, inline images': { binding: 'ours', extra: 'none', inlineImages: true, only: 'assets-manifest' },
  'official + webpack-assets-manifest': {
    binding: 'official',
    extra: 'assets-manifest',
    inlineImages: true,
    baseline: 'official, inline images',
  },
  'ours + AssetsManifestPlugin': {
    binding: 'ours',
    extra: 'assets-manifest',
    inlineImages: true,
    baseline: 'ours, inline images',
  },
};

/** Pairs whose outputs must be byte-identical: [official variant, our variant]. */
export const PAIRS = [
  ['official', 'ours'],
  ['official + rspack-manifest-plugin', 'ours + ManifestPlugin'],
  ['official + string-replace-loader', 'ours + builtin:replace-loader'],
  ['official + string-replace-loader, no patterns', 'ours + builtin:replace-loader, no patterns'],
  ['official + string-replace-loader, functions', 'ours + builtin:replace-loader, functions'],
  ['official, no concatenation', 'ours, no concatenation'],
  ['official + license-webpack-plugin', 'ours + LicensePlugin'],
  ['official + case-sensitive-paths-webpack-plugin', 'ours + CaseSensitivePathsPlugin'],
  ['official, development', 'ours, development'],
  ['official, dev rebuild', 'ours, dev rebuild'],
  [
    'official + case-sensitive-paths-webpack-plugin, dev rebuild',
    'ours + CaseSensitivePathsPlugin, dev rebuild',
  ],
  ['official + compression-webpack-plugin, gzip', 'ours + CompressionPlugin, gzip'],
  ['official + compression-webpack-plugin, brotli', 'ours + CompressionPlugin, brotli'],
  ['official, inline images', 'ours, inline images'],
  ['official + webpack-assets-manifest', 'ours + AssetsManifestPlugin'],
];

/**
 * Native variants with no JavaScript peer of their own, reported under a pair's row: extra →
 * variant. Their output must equal the pair's native output.
 */
export const ONE_THREAD_VARIANTS = {
  gzip: 'ours + CompressionPlugin, gzip, 1 thread',
  brotli: 'ours + CompressionPlugin, brotli, 1 thread',
};

/** Whether the variant runs when the plugin pairs `plugins` (keys of EXTRAS) are asked for. */
export function runsWith(variant, plugins) {
  if (variant.extra !== 'none') return plugins.includes(variant.extra);
  return variant.only === undefined || [variant.only].flat().some((only) => plugins.includes(only));
}

/**
 * The Rspack configuration of one variant.
 * @param {{ appDir: string, outDir: string, extra: 'none' | keyof typeof EXTRAS, concatenate?: boolean,
 *   rebuild?: boolean, inlineImages?: boolean, manifestPlugin?: new () => unknown,
 *   assetsManifestPlugin?: new (options: object) => unknown, licensePlugin?: new () => unknown,
 *   casePlugin?: new () => unknown, compressionPlugin?: new (options: object) => unknown,
 *   replaceLoader?: string }} options
 *   `manifestPlugin`, `licensePlugin`, `casePlugin`, `compressionPlugin` and `replaceLoader` are
 *   the plugins and loader of the variant's side (and `assetsManifestPlugin`); `inlineImages`:
 *   images as data URLs instead of files; `rebuild`: a development build (for watch mode)
 *   instead of production; `development`: a development build
 */
export function benchConfig({
  appDir,
  outDir,
  extra,
  concatenate = true,
  rebuild = false,
  development = false,
  inlineImages = false,
  manifestPlugin,
  assetsManifestPlugin,
  licensePlugin,
  casePlugin,
  compressionPlugin,
  replaceLoader,
}) {
  const rules = [
    { test: /\.css$/, type: 'css/auto' },
    { test: /\.png$/, type: inlineImages ? 'asset/inline' : 'asset/resource' },
  ];
  const multiple = { replace: REPLACEMENTS, loader: [], function: FUNCTION_REPLACEMENTS }[extra];
  if (multiple) rules.push({ test: /\.c?js$/, loader: replaceLoader, options: { multiple } });
  return {
    mode: rebuild || development ? 'development' : 'production',
    context: appDir,
    entry: './src/index.js',
    devtool: false,
    output: {
      path: outDir,
      clean: true,
      publicPath: '/',
      filename: '[name].[contenthash:16].js',
      chunkFilename: '[name].[contenthash:16].chunk.js',
      cssFilename: '[name].[contenthash:16].css',
      cssChunkFilename: '[name].[contenthash:16].chunk.css',
      assetModuleFilename: 'assets/[name].[contenthash:16][ext]',
    },
    module: { rules },
    // Named ids: deterministic ids hash each module's identifier, which names its loaders
    // (`builtin:replace-loader` against string-replace-loader's path), so they would differ
    // between a pair for a reason that is not the loader's output. Same setting for all.
    optimization: {
      moduleIds: 'named',
      chunkIds: 'named',
      // Development builds keep their mode's default (no concatenation).
      ...(rebuild || development ? {} : { concatenateModules: concatenate }),
    },
    plugins:
      {
        manifest: () => [new manifestPlugin()],
        license: () => [new licensePlugin()],
        case: () => [new casePlugin()],
        'case-rebuild': () => [new casePlugin()],
        gzip: () => [new compressionPlugin(COMPRESSION.gzip)],
        brotli: () => [new compressionPlugin(COMPRESSION.brotli)],
        'assets-manifest': () => [new assetsManifestPlugin(ASSETS_MANIFEST)],
      }[extra]?.() ?? [],
    infrastructureLogging: { level: 'error' },
    stats: 'errors-warnings',
  };
}
