// CompressionPlugin against its JavaScript peer, compression-webpack-plugin 12.0.0, on the same
// builds (production and development, with source maps) of the example app, of an app of real npm
// libraries (examples/libs-app) and of the bench's generated app: the same files
// (names, and which assets threshold, minRatio, test/include/exclude skip and which originals are
// deleted), the same asset info, every compressed file decompressing to the original's bytes,
// brotli byte-identical to Node's at every quality, and gzip/deflate within 1 % of Node's sizes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, test } from 'node:test';
import { CompressionPlugin, formatError, rspack } from '@rspack-native/core';
import Peer from 'compression-webpack-plugin';
import { benchConfig } from '../bench/variants.mjs';
import { generateApp } from '../bench/generate.mjs';
import { createConfig } from '../examples/basic-app/app.config.js';
import libsConfig from '../examples/libs-app/rspack.config.mjs';
import { build, readTree, runBuild, tempDir, watchSteps } from './helpers.js';

const {
  BROTLI_PARAM_LGBLOCK,
  BROTLI_PARAM_LGWIN,
  BROTLI_PARAM_MODE,
  BROTLI_PARAM_QUALITY,
  BROTLI_PARAM_SIZE_HINT,
} = zlib.constants;

/**
 * The apps the plugins are compared on, by name: each makes the configuration of a build in `mode`
 * into `outputPath` with `plugins`, source maps on.
 */
const APPS = {
  example: (mode, outputPath, plugins) => createConfig({ mode, outputPath, plugins }),
  'libs-app': (mode, outputPath, plugins) => ({
    ...libsConfig,
    mode,
    devtool: 'source-map',
    output: { ...libsConfig.output, path: outputPath },
    plugins,
  }),
  'example with a late asset': (mode, outputPath, plugins) =>
    createConfig({ mode, outputPath, plugins: [...plugins, new LateAssetPlugin()] }),
  'bench app': async (mode, outputPath, plugins) => ({
    ...benchConfig({ appDir: await benchApp(), outDir: outputPath, extra: 'none' }),
    mode,
    devtool: 'source-map',
    plugins,
  }),
};

/** Emits `late.js` at the report stage, after both compression plugins ran. */
class LateAssetPlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('LateAssetPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LateAssetPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => compilation.emitAsset('late.js', new sources.RawSource('console.log("late");'.repeat(100))),
      );
    });
  }
}

/** The bench's generated app at 400 modules, made on first use. */
let benchAppDir;
async function benchApp() {
  if (!benchAppDir) {
    benchAppDir = await tempDir('compression-bench-app');
    generateApp({ out: benchAppDir, modules: 400, packages: 6, seed: 1 });
  }
  return benchAppDir;
}

/** Builds `app` (a key of APPS) with `plugin`; resolves with the files and each asset's info. */
async function buildWith(plugin, mode, app = 'example') {
  const outputPath = await tempDir('compression');
  const stats = await build(await APPS[app](mode, outputPath, [plugin]));
  const assets = stats.toJson({ all: false, assets: true }).assets;
  const info = new Map(assets.map((asset) => [asset.name, asset.info]));
  return { files: readTree(outputPath), info };
}

/** The decompressor of a compressed file of `algorithm`. */
const decompressor = (algorithm = 'gzip') =>
  ({
    gzip: zlib.gunzipSync,
    deflate: zlib.inflateSync,
    deflateRaw: zlib.inflateRawSync,
    brotliCompress: zlib.brotliDecompressSync,
  })[algorithm];

/**
 * Builds with both plugins and checks everything the two must agree on; resolves with both
 * builds and the names of the compressed files. `flips` name the compressed files whose
 * `minRatio` decision differs, because zlib-rs and Node's zlib make streams of slightly different
 * sizes (README): each must flip, with its ratio within 1 % of the limit.
 */
async function compare(make, mode, app = 'example', { flips = [] } = {}) {
  const native = await buildWith(new CompressionPlugin(make()), mode, app);
  const peer = await buildWith(new Peer(make()), mode, app);
  const originals = await baseline(mode, app);
  const flipped = flippedFiles(native.files, peer.files, originals, make().minRatio ?? 0.8);
  assert.deepEqual(
    flips.map((flip) => flipped.compressed.filter((file) => flip.test(file)).length),
    flips.map(() => 1),
    `each named flip happens once (flipped: ${flipped.compressed})`,
  );
  assert.ok(
    flipped.compressed.every((file) => flips.some((flip) => flip.test(file))),
    `no other minRatio decision flips (flipped: ${flipped.compressed})`,
  );
  const same = (files) => [...files.keys()].filter((file) => !flipped.files.has(file)).sort();
  assert.deepEqual(same(native.files), same(peer.files), 'the same files');
  for (const [name, info] of [...peer.info].filter(([name]) => !flipped.files.has(name))) {
    // On Rspack, the peer's `updateAsset` from JavaScript drops `minimized` from the original's
    // info; the native plugin leaves the original's info as it was (README).
    const { minimized: _dropped, ...expected } = info;
    const { minimized: _kept, ...actual } = native.info.get(name) ?? {};
    assert.deepEqual(actual, expected, `the info of ${name}`);
  }
  const { algorithm } = make();
  const compressed = same(native.files).filter((file) => !originals.has(file));
  for (const file of compressed) {
    const decompress = decompressor(typeof algorithm === 'string' ? algorithm : undefined);
    assert.ok(
      decompress(native.files.get(file)).equals(decompress(peer.files.get(file))),
      `${file} decompresses to what the peer's does`,
    );
  }
  return { native, peer, compressed };
}

/**
 * The files of a build of `app` without either plugin, by mode: what is not among them was
 * compressed.
 */
const baselines = new Map();
async function baseline(mode, app) {
  const key = `${app} ${mode}`;
  if (!baselines.has(key)) {
    const outputPath = await tempDir('compression-baseline');
    await build(await APPS[app](mode, outputPath, []));
    baselines.set(key, readTree(outputPath));
  }
  return baselines.get(key);
}

/**
 * The compressed files only one side wrote, and every file that differs because of them (an
 * original deleted on one side only), after checking that each is a `minRatio` decision at the
 * limit: the side that compressed it came in under `minRatio` by less than 1 %.
 */
function flippedFiles(nativeFiles, peerFiles, originals, minRatio) {
  const oneSide = (a, b) => [...a.keys()].filter((file) => !b.has(file) && !originals.has(file));
  const compressed = [...oneSide(nativeFiles, peerFiles), ...oneSide(peerFiles, nativeFiles)];
  const files = new Set(compressed);
  for (const file of compressed) {
    // The longest asset name it starts with: `x.js.map.gz` is the copy of `x.js.map`, not `x.js`.
    const [original] = [...originals.keys()]
      .filter((name) => file.startsWith(name) && file !== name)
      .sort((a, b) => b.length - a.length);
    assert.ok(original, `${file} is a compressed copy of an asset`);
    const bytes = (nativeFiles.get(file) ?? peerFiles.get(file)).length;
    const ratio = bytes / originals.get(original).length;
    assert.ok(
      ratio < minRatio && ratio > minRatio * 0.99,
      `${file} flips only at the limit: ${ratio} against minRatio ${minRatio}`,
    );
    files.add(original);
  }
  return { compressed: compressed.sort(), files };
}

/** Total size of `files` among `names`. */
const size = (files, names) => names.reduce((sum, name) => sum + files.get(name).length, 0);

const CASES = {
  'gzip, the defaults': () => ({}),
  'brotli at quality 11 (the default)': () => ({ algorithm: 'brotliCompress' }),
  'deflate above a threshold': () => ({ algorithm: 'deflate', threshold: 500 }),
  'raw deflate with a strict minRatio': () => ({ algorithm: 'deflateRaw', minRatio: 0.5 }),
  'test, include and exclude': () => ({
    test: [/\.js$/, 'css/'],
    include: [/main/, /admin/],
    exclude: 'js/admin',
  }),
  'gzip level 6 and other zlib options': () => ({
    compressionOptions: { level: 6, memLevel: 9, windowBits: 14, strategy: 0 },
  }),
  'a filename template': () => ({ filename: 'compressed/[name][ext].gz[query]' }),
  'a filename function': () => ({ filename: (pathData) => `${pathData.filename}.gzip` }),
  "a function algorithm (Node's own gzip, byte for byte)": () => ({
    algorithm: (input, options, callback) => zlib.gzip(input, options, callback),
    compressionOptions: { level: 9 },
  }),
  'deleteOriginalAssets: true': () => ({ test: /\.js$/, deleteOriginalAssets: true }),
  "deleteOriginalAssets: 'keep-source-map'": () => ({
    test: /\.js$/,
    deleteOriginalAssets: 'keep-source-map',
  }),
  'deleteOriginalAssets as a function': () => ({
    test: /\.(js|css)$/,
    deleteOriginalAssets: (name) => name.startsWith('css/'),
  }),
};

for (const mode of ['production', 'development']) {
  describe(`CompressionPlugin matches compression-webpack-plugin (${mode})`, () => {
    for (const [name, make] of Object.entries(CASES)) {
      test(name, async () => {
        const { native, peer, compressed } = await compare(make, mode);
        assert.ok(compressed.length > 0, 'some assets were compressed');
        const { algorithm = 'gzip' } = make();
        if (typeof algorithm === 'function' || algorithm === 'brotliCompress') {
          for (const file of compressed)
            assert.ok(native.files.get(file).equals(peer.files.get(file)), `${file} is byte-identical`);
        } else {
          const ratio = size(native.files, compressed) / size(peer.files, compressed);
          assert.ok(Math.abs(ratio - 1) < 0.01, `zlib sizes within 1 % of Node's (${ratio})`);
        }
      });
    }
  });
}

/** What the real apps are built with, by mode: the defaults, brotli, and deleted originals. */
const REAL_APP_CASES = {
  production: {
    'brotli at quality 11 (the default)': () => ({ algorithm: 'brotliCompress' }),
    "gzip, deleteOriginalAssets: 'keep-source-map'": () => ({
      deleteOriginalAssets: 'keep-source-map',
    }),
  },
  development: { 'gzip, the defaults': () => ({}) },
};

/**
 * The `minRatio` decisions that flip on the real apps, by app and case (README): the libs-app's
 * minified notes chunk, 297 bytes, is 237 bytes in Node's gzip (0.798, compressed) and 238 in
 * zlib-rs (0.801, skipped) at level 9.
 */
const REAL_APP_FLIPS = {
  "libs-app production: gzip, deleteOriginalAssets: 'keep-source-map'": [/^notes\.[0-9a-f]+\.chunk\.js\.gz$/],
};

for (const app of ['libs-app', 'bench app']) {
  describe(`CompressionPlugin matches compression-webpack-plugin on the ${app}`, () => {
    for (const [mode, cases] of Object.entries(REAL_APP_CASES)) {
      for (const [name, make] of Object.entries(cases)) {
        test(`${mode}: ${name}`, async () => {
          const flips = REAL_APP_FLIPS[`${app} ${mode}: ${name}`];
          const { native, peer, compressed } = await compare(make, mode, app, { flips });
          assert.ok(compressed.length >= 4, `scripts, styles and source maps compressed: ${compressed}`);
          assert.ok(compressed.some((file) => file.endsWith('.map.gz') || file.endsWith('.map.br')));
          if (make().algorithm === 'brotliCompress') {
            for (const file of compressed)
              assert.ok(native.files.get(file).equals(peer.files.get(file)), `${file} is byte-identical`);
          } else {
            const ratio = size(native.files, compressed) / size(peer.files, compressed);
            assert.ok(Math.abs(ratio - 1) < 0.01, `gzip sizes within 1 % of Node's (${ratio})`);
          }
        });
      }
    }
  });
}

describe('CompressionPlugin and assets added after its stage', () => {
  // The peer asks webpack for `additionalAssets`, so that webpack would run it again on assets
  // another plugin adds later; Rspack's processAssets does not, so on Rspack the peer leaves them
  // uncompressed, and so does the native plugin. If Rspack starts running them, this test fails.
  test('are left uncompressed, by both', async () => {
    const { native } = await compare(() => ({}), 'production', 'example with a late asset');
    assert.ok(native.files.has('late.js'));
    assert.ok(!native.files.has('late.js.gz'));
  });
});

describe('CompressionPlugin codecs', () => {
  test("brotli is byte-identical to Node's at every quality and with its other parameters", async () => {
    const qualities = Array.from({ length: 12 }, (_, quality) => ({ [BROTLI_PARAM_QUALITY]: quality }));
    const others = {
      [BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [BROTLI_PARAM_LGWIN]: 16,
      [BROTLI_PARAM_LGBLOCK]: 18,
      [BROTLI_PARAM_SIZE_HINT]: 4096,
    };
    for (const params of [...qualities, others]) {
      const make = () => ({ algorithm: 'brotliCompress', compressionOptions: { params } });
      const { native, peer, compressed } = await compare(make, 'production');
      for (const file of compressed) {
        assert.ok(
          native.files.get(file).equals(peer.files.get(file)),
          `${JSON.stringify(params)}: ${file} is byte-identical`,
        );
      }
    }
  });

  test('minRatio keeps a file at the limit and skips it just above', async () => {
    const all = await buildWith(
      new CompressionPlugin({ test: /main\.[0-9a-f]+\.js$/, minRatio: 1 }),
      'production',
    );
    const [compressed] = [...all.files.keys()].filter((file) => file.endsWith('.gz'));
    const ratio = all.files.get(compressed).length / all.files.get(compressed.slice(0, -3)).length;
    const at = await buildWith(
      new CompressionPlugin({ test: /main\.[0-9a-f]+\.js$/, minRatio: ratio }),
      'production',
    );
    assert.ok(at.files.has(compressed), 'compressed size / size = minRatio is kept');
    const above = await buildWith(
      new CompressionPlugin({ test: /main\.[0-9a-f]+\.js$/, minRatio: ratio * (1 - 1e-9) }),
      'production',
    );
    assert.ok(!above.files.has(compressed), 'a ratio above minRatio is skipped');
  });
});

describe('CompressionPlugin across rebuilds', () => {
  test('a rebuild compresses only the assets whose bytes changed', async () => {
    const dir = await tempDir('compression-rebuild');
    const write = (file, text) => fs.writeFile(path.join(dir, file), text);
    await write('index.js', "import('./lazy.js');\nconsole.log('index, first');\n");
    await write('lazy.js', "console.log('lazy never changes');\n");
    const compressed = [];
    const compiler = rspack({
      mode: 'development',
      devtool: false,
      context: dir,
      entry: './index.js',
      output: { path: path.join(dir, 'dist') },
      plugins: [
        new CompressionPlugin({
          minRatio: 10,
          algorithm: (input, options, callback) => {
            compressed.push(input.length);
            zlib.gzip(input, options, callback);
          },
        }),
      ],
      infrastructureLogging: { level: 'error' },
    });
    const gzipped = (name) => readFileSync(path.join(dir, 'dist', `${name}.gz`));
    /** What the builds compressed so far, and the lazy chunk. */
    const snapshot = () => ({ compressed: compressed.length, lazy: gzipped('lazy_js.js') });
    const [first, rebuilt] = await watchSteps(
      compiler,
      [
        { take: snapshot },
        {
          edit: () => write('index.js', "import('./lazy.js');\nconsole.log('index, second');\n"),
          // The build that has the edit, not one from a late event of the first.
          take: () =>
            zlib.gunzipSync(gzipped('main.js')).toString().includes('index, second') ? snapshot() : undefined,
        },
      ],
      { aggregateTimeout: 50 },
    );
    assert.equal(first.compressed, 2, 'the first build compresses both chunks');
    assert.equal(rebuilt.compressed - first.compressed, 1, 'the rebuild compresses only the changed chunk');
    assert.ok(rebuilt.lazy.equals(first.lazy), 'the unchanged one is the same');
  });
});

describe('CompressionPlugin with a failing algorithm', () => {
  test('an error from the function fails the build, naming the asset, and leaves it uncompressed', async () => {
    const outputPath = await tempDir('compression-failing');
    const plugin = new CompressionPlugin({
      test: /main\.[0-9a-f]+\.js$/,
      algorithm: (input, options, callback) => callback(new Error('no compression today')),
    });
    const { error, stats } = await runBuild(
      createConfig({ mode: 'production', outputPath, plugins: [plugin] }),
    );
    assert.equal(error, null);
    const [message] = stats.toJson({ all: false, errors: true }).errors.map((e) => e.message);
    assert.match(
      message,
      /CompressionPlugin: compressing js\/main\.[0-9a-f]+\.js failed: option "algorithm" failed: .*no compression today/,
    );
    assert.ok(![...readTree(outputPath).keys()].some((file) => file.endsWith('.gz')));
  });
});

describe('CompressionPlugin option errors', () => {
  async function optionError(options) {
    const outputPath = path.join(await tempDir('compression-errors'), 'dist');
    const { error } = await runBuild(createConfig({ outputPath, plugins: [new CompressionPlugin(options)] }));
    assert.ok(error instanceof Error, 'the build fails');
    return formatError(error);
  }
  const cases = [
    [
      { algorithm: 'zip' },
      /^CompressionPlugin: option "algorithm" must be one of gzip, deflate, deflateRaw, brotliCompress or a function, but got "zip"/,
    ],
    [{ threshold: '1kb' }, /^CompressionPlugin: option "threshold" must be a number, but got a string/],
    [
      { test: 42 },
      /^CompressionPlugin: option "test" must be a string, a RegExp or an array of them, but got a number/,
    ],
    [
      { exclude: ['a', 1] },
      /^CompressionPlugin: option "exclude\[1\]" must be a string or a RegExp, but got a number/,
    ],
    [
      { deleteOriginalAssets: 'yes' },
      /^CompressionPlugin: option "deleteOriginalAssets" must be a boolean, "keep-source-map" or a function, but got "yes"/,
    ],
    [
      { compressionOptions: { dictionary: 'x' } },
      /^CompressionPlugin: unknown option "compressionOptions.dictionary"/,
    ],
    [
      { cache: true },
      /^CompressionPlugin: unknown option "cache"; expected one of: test, include, exclude, algorithm/,
    ],
  ];
  for (const [options, expected] of cases) {
    test(`${expected.source.slice(1, 70)}`, async () => {
      assert.match(await optionError(options), expected);
    });
  }
});
