// AssetsManifestPlugin against webpack-assets-manifest 6.5.2, with two oracles, as the peer
// works on Rspack only in part:
// - where it works there (scripts and styles, no asset module, no integrity), the peer on the
//   same Rspack build: the manifests must be byte-identical (examples/libs-app: React, Redux
//   Toolkit, lodash-es… with content hashes, source maps and an async chunk);
// - where it fails there (asset modules, integrity), the peer on webpack 5 building the same
//   app (tests/fixtures/styles-app) with names without hashes: the same keys and values, and
//   every integrity the hash of the bytes that build wrote.
// Tests also record that the peer still fails on Rspack: if one day it works, they say so and
// the Rspack oracle takes over.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { AssetsManifestPlugin, formatError, rspack } from '@rspack-native/core';
import { WebpackAssetsManifest } from 'webpack-assets-manifest';
import libsConfig from '../examples/libs-app/rspack.config.mjs';
import { stylesAppDir, stylesAppResolve } from './fixtures/styles-app/app.mjs';
import { runWebpack, stylesConfig } from './fixtures/styles-app/config.mjs';
import {
  assertSameFiles,
  build,
  persistentCacheSkip,
  readTree,
  runBuild,
  tempDir,
  watchSteps,
} from './helpers.js';

/** Builds the styles app on Rspack with the peer's `options`; resolves with `{ error, files }`. */
async function buildStylesWithPeer(entry, options) {
  const outputPath = await tempDir('assets-manifest-peer');
  const { error } = await runBuild({
    mode: 'production',
    context: stylesAppDir,
    entry,
    output: { path: outputPath, clean: true },
    resolve: stylesAppResolve,
    module: {
      rules: [
        { test: /\.css$/, type: 'css/auto' },
        { test: /\.png$/, type: 'asset/resource' },
      ],
    },
    plugins: [new WebpackAssetsManifest(options)],
    infrastructureLogging: { level: 'error' },
  });
  return { error, files: readTree(outputPath) };
}

describe('webpack-assets-manifest on Rspack', () => {
  test('still fails on an app with an asset module (if this fails, the peer works there now)', async () => {
    const { error } = await buildStylesWithPeer({ main: './src/index.js' }, {});
    assert.match(formatError(error), /Value is none of these types `String`, `Array<T>`/);
  });

  test('still fails with integrity on a plain script (if this fails, the peer works there now)', async () => {
    const { error } = await buildStylesWithPeer({ lazy: './src/lazy.js' }, { integrity: true });
    assert.match(formatError(error), /Cannot read properties of undefined \(reading 'set'\)/);
  });

  test('works on a plain script without integrity: there it is the oracle', async () => {
    const { error, files } = await buildStylesWithPeer({ extra: './src/extra.js' }, {});
    assert.equal(error, null);
    assert.deepEqual(JSON.parse(files.get('assets-manifest.json')), { 'extra.js': 'extra.js' });
  });
});

/**
 * Builds examples/libs-app (with source maps) and `plugin`; `configure` edits the config,
 * `before` runs on the output dir first. Resolves with the files written.
 */
async function buildLibsApp(plugin, { configure, before } = {}) {
  const outputPath = await tempDir('assets-manifest-libs');
  await before?.(outputPath);
  const config = {
    ...libsConfig,
    devtool: 'source-map',
    output: { ...libsConfig.output, path: outputPath },
    // Minifying does not change the manifest and is most of the build's time.
    optimization: { minimize: false },
    plugins: [plugin],
  };
  configure?.(config, outputPath);
  await build(config);
  return readTree(outputPath);
}

/** Option sets on which the native plugin must write what the peer writes on Rspack. */
const RSPACK_ORACLE_CASES = {
  defaults: {},
  'sortManifest: false': { sortManifest: false },
  entrypoints: { entrypoints: true },
  'entrypoints at the top level, listed by their manifest values': {
    entrypoints: true,
    entrypointsKey: false,
    entrypointsUseAssets: true,
    publicPath: '/static/',
  },
  'publicPath as a URL': { publicPath: 'https://cdn.example/app/', entrypoints: true },
  'publicPath: true takes output.publicPath': { publicPath: true },
  'space 0 and a replacer list': {
    space: 0,
    replacer: ['main.js', 'entrypoints', 'main', 'assets', 'js'],
    entrypoints: true,
  },
  'space as text': { space: '\t--' },
  'output in a directory, with the hash': { output: 'meta/[hash].manifest.json' },
  contextRelativeKeys: { contextRelativeKeys: true },
  'fileExtRegex: false': { fileExtRegex: false },
  'fileExtRegex: null': { fileExtRegex: null },
  'a fileExtRegex of its own': { fileExtRegex: /\.[a-z]+$/ },
  'initial assets': {
    assets: { 'custom.txt': 'https://example.com/custom.txt', 10: 'ten', entrypoints: { old: 1 } },
    entrypoints: true,
  },
  'enabled: false': { enabled: false },
};

describe('AssetsManifestPlugin writes what the peer writes on Rspack (examples/libs-app)', () => {
  for (const [name, options] of Object.entries(RSPACK_ORACLE_CASES)) {
    test(name, async () => {
      const configure = (config) => {
        if (options.publicPath === true) config.output.publicPath = '/assets/';
      };
      // The peer keeps (and fills) the objects it is given: each side gets its own copy.
      const native = await buildLibsApp(new AssetsManifestPlugin(copyOptions(options)), { configure });
      const peer = await buildLibsApp(new WebpackAssetsManifest(copyOptions(options)), { configure });
      if (options.sortManifest === false) {
        // Unsorted, the entries follow Rspack's map of assets, whose order is not the same from
        // one build to the next: the same entries, each build in its own order.
        const manifest = (files) => JSON.parse(files.get('assets-manifest.json'));
        assert.deepEqual(manifest(native), manifest(peer));
        assert.deepEqual([...native.keys()], [...peer.keys()]);
      } else {
        assertSameFiles(native, peer);
      }
      const manifests = [...native.keys()].filter((file) => file.endsWith('manifest.json'));
      assert.equal(manifests.length, options.enabled === false ? 0 : 1, 'one manifest is written');
    });
  }

  test('merge: true keeps the entries of the manifest already there and deep-merges objects', async () => {
    const before = (outputPath) =>
      fs.writeFile(
        path.join(outputPath, 'assets-manifest.json'),
        JSON.stringify({
          'old.js': 'old.js',
          'main.js': { integrity: 'x' },
          entrypoints: { old: { assets: { js: ['old.js'] } } },
        }),
      );
    const configure = (config) => {
      config.output.clean = false;
    };
    for (const merge of [true, 'customize']) {
      const options = { merge, entrypoints: true, publicPath: '/p/' };
      const native = await buildLibsApp(new AssetsManifestPlugin(options), { before, configure });
      const peer = await buildLibsApp(new WebpackAssetsManifest({ ...options }), { before, configure });
      assertSameFiles(native, peer);
      const manifest = JSON.parse(native.get('assets-manifest.json'));
      assert.equal(manifest['old.js'], merge === true ? 'old.js' : '/p/old.js');
      assert.ok(manifest.entrypoints.old && manifest.entrypoints.main, 'both entrypoints sections are kept');
    }
  });

  test('writeToDisk: true also writes a manifest outside output.path', async () => {
    const elsewhere = await tempDir('assets-manifest-elsewhere');
    const written = {};
    for (const [side, Plugin] of [
      ['native', AssetsManifestPlugin],
      ['peer', WebpackAssetsManifest],
    ]) {
      const output = path.join(elsewhere, side, 'manifest.json');
      await buildLibsApp(new Plugin({ output, writeToDisk: true }));
      written[side] = await fs.readFile(output, 'utf8');
    }
    assert.equal(written.native, written.peer);
  });
});

describe('AssetsManifestPlugin in a dev server', () => {
  test("writeToDisk: 'auto' writes a manifest outside output.path to disk, as the peer does", async () => {
    // A dev server gives the compiler an output file system of its own: that is what the peer
    // looks at (its `inDevServer`). Then the manifest's asset is named by its base name, and
    // one outside `output.path` is also written to disk.
    const written = {};
    for (const [side, Plugin] of [
      ['native', AssetsManifestPlugin],
      ['peer', WebpackAssetsManifest],
    ]) {
      const root = await tempDir(`assets-manifest-dev-server-${side}`);
      const outputPath = path.join(root, 'dist');
      const compiler = rspack({
        ...libsConfig,
        optimization: { minimize: false },
        output: { ...libsConfig.output, path: outputPath },
        plugins: [new Plugin({ output: '../meta/manifest.json' })],
      });
      compiler.outputFileSystem = { ...(await import('node:fs')) };
      await new Promise((resolve, reject) =>
        compiler.run((error, stats) =>
          error || stats.hasErrors() ? reject(error ?? stats.toString()) : resolve(),
        ),
      );
      await new Promise((resolve) => compiler.close(resolve));
      written[side] = {
        onDisk: await fs.readFile(path.join(root, 'meta/manifest.json'), 'utf8'),
        emitted: await fs.readFile(path.join(outputPath, 'manifest.json'), 'utf8'),
      };
    }
    assert.deepEqual(written.native, written.peer);
    assert.equal(written.native.onDisk, written.native.emitted);
  });
});

/** A copy of plugin options: data cloned, RegExps and functions kept. */
function copyOptions(options) {
  return Object.fromEntries(
    Object.entries(options).map(([key, value]) => [
      key,
      value instanceof RegExp || typeof value === 'function' ? value : structuredClone(value),
    ]),
  );
}

/** Option sets with functions, on which the native plugin must write what the peer writes on Rspack. */
const FUNCTION_CASES = {
  'customize drops, renames and rewrites entries, with the asset': {
    customize(entry, original, manifest, asset) {
      if (entry.key.endsWith('.map')) return false;
      if (entry.key.endsWith('.css')) return undefined;
      if (!manifest.utils.isKeyValuePair(entry)) return entry;
      return { key: `app/${entry.key}`, value: `${entry.value}#${original.key}:${asset.name.length}` };
    },
    entrypoints: true,
    entrypointsUseAssets: true,
  },
  'transform adds entries from the manifest object': {
    transform(assets, manifest) {
      return { ...assets, count: Object.keys(assets).length, extension: manifest.getExtension('a.b.js.map') };
    },
  },
  'sortManifest as a comparator, bound to the manifest': {
    sortManifest(left, right) {
      return this.getExtension(left).localeCompare(this.getExtension(right)) || right.localeCompare(left);
    },
  },
  'publicPath as a function': {
    publicPath: (filename, manifest) =>
      `https://cdn.example/${manifest.getExtension(filename).slice(1)}/${filename}`,
    entrypoints: true,
  },
  'replacer as a function': {
    replacer: (key, value) => (typeof value === 'string' ? value.toUpperCase() : value),
    space: '\t',
  },
  'apply sets entries before the build': {
    apply(manifest) {
      manifest.set('from-apply.js', 'from-apply.js');
      manifest.setRaw('raw', { kept: manifest.options.extra.note });
    },
    extra: { note: 'extra' },
    publicPath: '/p/',
  },
};

describe('AssetsManifestPlugin with function options writes what the peer writes on Rspack', () => {
  for (const [name, options] of Object.entries(FUNCTION_CASES)) {
    test(name, async () => {
      const native = await buildLibsApp(new AssetsManifestPlugin(copyOptions(options)));
      const peer = await buildLibsApp(new WebpackAssetsManifest(copyOptions(options)));
      assertSameFiles(native, peer);
    });
  }

  test("merge: 'customize' passes the merged entries through customize", async () => {
    const before = (outputPath) =>
      fs.writeFile(
        path.join(outputPath, 'assets-manifest.json'),
        JSON.stringify({ 'old.js': 'old.js', 'main.js': { a: 1 } }),
      );
    const configure = (config) => {
      config.output.clean = false;
    };
    const options = () => ({
      merge: 'customize',
      customize: (entry, original, manifest) => ({
        key: entry.key,
        value: manifest.isMerging ? [entry.value] : entry.value,
      }),
    });
    const native = await buildLibsApp(new AssetsManifestPlugin(options()), { before, configure });
    const peer = await buildLibsApp(new WebpackAssetsManifest(options()), { before, configure });
    assertSameFiles(native, peer);
    assert.deepEqual(JSON.parse(native.get('assets-manifest.json'))['old.js'], ['old.js']);
  });

  test('done gets the manifest and the stats after the build; what a function throws names it', async () => {
    const calls = [];
    const done = async (manifest, stats) => calls.push([manifest.toString(), stats.hasErrors()]);
    const files = await buildLibsApp(new AssetsManifestPlugin({ done }));
    assert.deepEqual(calls, [[files.get('assets-manifest.json').toString(), false]]);

    const { error } = await runBuild({
      ...libsConfig,
      optimization: { minimize: false },
      output: { ...libsConfig.output, path: await tempDir('assets-manifest-throws') },
      plugins: [
        new AssetsManifestPlugin({
          customize() {
            throw new Error('no entries today');
          },
        }),
      ],
    });
    assert.match(
      formatError(error),
      /AssetsManifestPlugin: option "customize" threw: (Error: )?no entries today/,
    );
  });
});

/** The styles app's entries: a script with an image, an async chunk and styles, and a CSS-only entry. */
const STYLES_ENTRIES = {
  main: './src/index.js',
  theme: './src/theme.css',
  'styles-with-script': ['./src/print.css', './src/extra.js'],
};

/** The styles app's build for `bundler` with `plugin`, async chunks named like entries. */
function stylesAppConfig(bundler, outputPath, plugin) {
  return stylesConfig({ bundler, outputPath, entry: STYLES_ENTRIES, plugins: [plugin], chunkName: '[name]' });
}

/**
 * Checks that every `integrity` in `manifest` is the hash, with `algorithms`, of the file its
 * `src` names in `outputPath`, and replaces it with `'checked'` (the two bundlers write
 * different bytes).
 */
async function checkIntegrity(manifest, outputPath, algorithms) {
  let checked = 0;
  const visit = async (value) => {
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    if (value === null || typeof value !== 'object') return;
    if (typeof value.src === 'string' && 'integrity' in value) {
      const bytes = await fs.readFile(path.join(outputPath, value.src));
      const expected = algorithms
        .map((algorithm) => `${algorithm}-${crypto.createHash(algorithm).update(bytes).digest('base64')}`)
        .join(' ');
      assert.equal(
        value.integrity,
        expected,
        `the integrity of ${value.src} is the hash of its bytes on disk`,
      );
      value.integrity = 'checked';
      checked++;
      return;
    }
    await Promise.all(Object.values(value).map(visit));
  };
  await visit(manifest);
  return checked;
}

/** Option sets on which the native plugin on Rspack must agree with the peer on webpack 5. */
const WEBPACK_ORACLE_CASES = {
  defaults: {},
  'integrity, with customize reading it from the asset': {
    integrity: true,
    integrityHashes: ['sha256'],
    customize: (entry, original, manifest, asset) =>
      entry.key.endsWith('.map') ? false : { value: { src: entry.value, integrity: asset.info.integrity } },
  },
  'integrity and entrypoints': { integrity: true, entrypoints: true },
  'integrity with one algorithm, entrypoints by their values, context-relative keys': {
    integrity: true,
    integrityHashes: ['sha384'],
    entrypoints: true,
    entrypointsUseAssets: true,
    contextRelativeKeys: true,
  },
};

describe('AssetsManifestPlugin on Rspack agrees with the peer on webpack 5 (styles app: asset module, integrity)', () => {
  for (const [name, options] of Object.entries(WEBPACK_ORACLE_CASES)) {
    test(name, async () => {
      const nativeDir = await tempDir('assets-manifest-native');
      await build(stylesAppConfig('rspack', nativeDir, new AssetsManifestPlugin(copyOptions(options))));
      const peerDir = await tempDir('assets-manifest-webpack');
      const stats = await runWebpack(
        stylesAppConfig('webpack', peerDir, new WebpackAssetsManifest(copyOptions(options))),
      );

      const native = JSON.parse(await fs.readFile(path.join(nativeDir, 'assets-manifest.json'), 'utf8'));
      const peer = JSON.parse(await fs.readFile(path.join(peerDir, 'assets-manifest.json'), 'utf8'));
      assert.ok(native['assets/logo.png'] ?? native['src/logo.png'], 'the image is in the manifest');
      const algorithms = options.integrityHashes ?? ['sha256', 'sha384', 'sha512'];
      const nativeChecked = options.integrity ? await checkIntegrity(native, nativeDir, algorithms) : 0;
      const peerChecked = options.integrity ? await checkIntegrity(peer, peerDir, algorithms) : 0;
      // webpack's stats list a chunk's auxiliary files (here the image a stylesheet uses) under
      // the chunk's name, which gives them one more key: `<chunk name><extension>`. Rspack's
      // stats do not, so neither the peer nor the native plugin has those keys there.
      const auxiliaryKeys = new Set();
      for (const chunk of stats.compilation.chunks) {
        for (const file of chunk.auxiliaryFiles) {
          if (chunk.name && !file.endsWith('.map')) auxiliaryKeys.add(`${chunk.name}${path.extname(file)}`);
        }
      }
      assert.ok(auxiliaryKeys.size > 0, 'webpack lists the image as an auxiliary file');
      if (options.integrity) {
        assert.ok(nativeChecked > 5, 'the files have their integrity');
        assert.equal(
          peerChecked - nativeChecked,
          auxiliaryKeys.size,
          'and on webpack the auxiliary keys too',
        );
      }
      const expected = Object.fromEntries(Object.entries(peer).filter(([key]) => !auxiliaryKeys.has(key)));
      assert.deepEqual(native, expected);
    });
  }
});

describe('AssetsManifestPlugin across builds', () => {
  test('a watch rebuild and a build from the persistent cache write what a cold build writes', async (t) => {
    const options = { entrypoints: true, integrity: true };
    const cold = await buildLibsApp(new AssetsManifestPlugin(options));

    const cache = await tempDir('assets-manifest-cache');
    const rounds = persistentCacheSkip ? [] : ['filling the cache', 'restored from it'];
    if (persistentCacheSkip) t.diagnostic(`persistent cache not tested: ${persistentCacheSkip}`);
    for (const round of rounds) {
      const files = await buildLibsApp(new AssetsManifestPlugin(options), {
        configure: (config) => {
          config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: cache } };
        },
      });
      assert.equal(
        files.get('assets-manifest.json').toString(),
        cold.get('assets-manifest.json').toString(),
        `persistent cache, ${round}`,
      );
    }

    // Watch: the first build, then a rebuild after an edit, against a cold build of the edit.
    const app = await tempDir('assets-manifest-watch');
    const libsApp = fileURLToPath(new URL('../examples/libs-app/', import.meta.url));
    await fs.cp(path.join(libsApp, 'src'), path.join(app, 'src'), { recursive: true });
    const watchConfig = (outputPath) => ({
      ...libsConfig,
      context: app,
      devtool: 'source-map',
      output: { ...libsConfig.output, path: outputPath },
      resolve: { modules: ['node_modules', path.join(libsApp, 'node_modules')] },
      plugins: [new AssetsManifestPlugin({ ...options, assets: { seeded: 'yes' } })],
    });
    const watchOutput = await tempDir('assets-manifest-watch-output');
    const manifestText = () => readFileSync(path.join(watchOutput, 'assets-manifest.json'), 'utf8');
    let firstText;
    const manifests = await watchSteps(
      rspack(watchConfig(watchOutput)),
      [
        { take: () => (firstText = manifestText()) },
        {
          edit: () => fs.appendFile(path.join(app, 'src/notes.js'), '\nexport const edited = true;\n'),
          // A late event of the copy made before watching rebuilds the unchanged sources: not the
          // edit's build.
          take: () => {
            const text = manifestText();
            return text === firstText ? undefined : text;
          },
        },
      ],
      { aggregateTimeout: 50 },
    );
    const coldDir = await tempDir('assets-manifest-cold');
    const coldConfig = watchConfig(coldDir);
    coldConfig.plugins = [new AssetsManifestPlugin(options)];
    await build(coldConfig);
    const [first, rebuilt] = manifests.map((text) => JSON.parse(text));
    // As the peer's, every watch run (the first too) starts from an empty manifest: `assets`
    // is not there.
    assert.equal(first.seeded, undefined, 'a watch run empties the manifest, as the peer does');
    assert.equal(manifests[1], await fs.readFile(path.join(coldDir, 'assets-manifest.json'), 'utf8'));
    assert.notDeepEqual(first, rebuilt, 'the edit changed the manifest');
  });
});

describe('AssetsManifestPlugin options', () => {
  for (const [options, message] of [
    [{ space: -1 }, /AssetsManifestPlugin: option "space" must be a whole number of at least 0, but got -1/],
    [
      { writeToDisk: 'yes' },
      /AssetsManifestPlugin: option "writeToDisk" must be a boolean or "auto", but got "yes"/,
    ],
    [{ merge: 'deep' }, /AssetsManifestPlugin: option "merge" must be a boolean or "customize"/],
    [
      { integrityHashes: ['sha256', 'md4'] },
      /AssetsManifestPlugin: option "integrityHashes\[1\]" is "md4"; expected one of: sha1, /,
    ],
    [
      { entrypointsKey: true },
      /AssetsManifestPlugin: option "entrypointsKey" must be a string or false, but got true/,
    ],
    [{ output: 3 }, /AssetsManifestPlugin: option "output" must be a string, but got a number/],
    [
      { outptu: 'x.json' },
      /AssetsManifestPlugin: unknown option "outptu"; expected one of: enabled, assets, output/,
    ],
  ]) {
    test(JSON.stringify(options), async () => {
      const { error } = await runBuild({ ...libsConfig, plugins: [new AssetsManifestPlugin(options)] });
      assert.match(formatError(error), message);
    });
  }
});
