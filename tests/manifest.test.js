// ManifestPlugin against its JavaScript peer, rspack-manifest-plugin 5.2.2: the same app and config,
// built once with each (each build in a fresh process, see fixtures/build-example.mjs), must give
// byte-identical manifest.json files and bundles.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ManifestPlugin, formatError } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import {
  assertSameFiles,
  build,
  buildExampleInProcess,
  copyExample,
  readTree,
  repoRoot,
  runBuild,
  runNode,
  tempDir,
} from './helpers.js';

/** Builds the example in a fresh process with `plugin` ('native' or 'peer'). */
async function buildInProcess(plugin, spec) {
  const result = await buildExampleInProcess({ plugin, ...spec });
  assert.equal(result.code, 0, `${plugin} build failed:\n${result.stderr}`);
  return result.stdout;
}

/** Builds with each plugin and checks the outputs are the same, byte for byte. */
async function compareWithPeer({ options = {}, config = {} }) {
  const dirs = { native: await tempDir('native'), peer: await tempDir('peer') };
  await Promise.all(
    Object.entries(dirs).map(([plugin, dir]) => buildInProcess(plugin, { options, config, outputPath: dir })),
  );
  const native = readTree(dirs.native);
  assertSameFiles(native, readTree(dirs.peer));
  const fileName = options.fileName ?? 'manifest.json';
  const manifest = native.get(fileName);
  assert.ok(manifest, `${fileName} was written`);
  return { text: manifest.toString('utf8'), files: native };
}

describe('ManifestPlugin matches rspack-manifest-plugin byte for byte', () => {
  const cases = [
    { name: 'production defaults', config: { mode: 'production' } },
    { name: 'development defaults', config: { mode: 'development' } },
    { name: 'production, publicPath auto', config: { mode: 'production', publicPath: 'auto' } },
    { name: 'development, publicPath auto', config: { mode: 'development', publicPath: 'auto' } },
    { name: 'no source maps', config: { mode: 'production', devtool: false } },
    { name: 'inline source maps', config: { mode: 'development', devtool: 'inline-source-map' } },
    {
      name: 'publicPath without trailing slash',
      config: { mode: 'production', publicPath: 'https://cdn.example.com/app' },
    },
    {
      name: 'publicPath option overrides output',
      options: { publicPath: '/cdn' },
      config: { mode: 'production' },
    },
    { name: 'publicPath option auto', options: { publicPath: 'auto' }, config: { mode: 'production' } },
    { name: 'basePath', options: { basePath: 'app' }, config: { mode: 'production' } },
    { name: 'basePath with slash', options: { basePath: '/app/' }, config: { mode: 'development' } },
    { name: 'useEntryKeys', options: { useEntryKeys: true }, config: { mode: 'production' } },
    {
      name: 'seed with nested values and numeric keys',
      options: {
        seed: {
          version: '1.0.0',
          10: 'ten',
          2: 'two',
          nested: { list: [1, 2.5, null, 'x'], empty: {} },
          'js/main.js': 'seeded',
        },
      },
      config: { mode: 'production' },
    },
    { name: 'removeKeyHash false', options: { removeKeyHash: false }, config: { mode: 'production' } },
    {
      name: 'removeKeyHash custom RegExp',
      options: { removeKeyHash: /\.[a-f0-9]{16}/ },
      config: { mode: 'production' },
    },
    {
      name: 'transformExtensions',
      options: { transformExtensions: /^(map|css)$/ },
      config: { mode: 'production' },
    },
    {
      name: 'custom fileName in a folder',
      options: { fileName: 'meta/assets.json' },
      config: { mode: 'production' },
    },
    {
      name: 'everything at once',
      options: {
        basePath: 'static',
        publicPath: '/',
        useEntryKeys: true,
        seed: { a: 1 },
        removeKeyHash: false,
      },
      config: { mode: 'development', devtool: 'cheap-module-source-map' },
    },
  ];

  for (const { name, options, config } of cases) {
    test(name, async () => {
      const { text } = await compareWithPeer({ options, config });
      const manifest = JSON.parse(text);
      assert.ok(Object.keys(manifest).length >= 8, `manifest lists the app's files:\n${text}`);
    });
  }

  test('production manifest lists chunks, async chunks, CSS, source maps, images and fonts', async () => {
    const { text, files } = await compareWithPeer({ config: { mode: 'production' } });
    const manifest = JSON.parse(text);
    for (const key of ['main.js', 'admin.js', 'main.css', 'chart.js', 'main.js.map', 'assets/logo.png']) {
      assert.ok(key in manifest, `${key} in ${text}`);
    }
    assert.ok(Object.keys(manifest).some((key) => key.startsWith('fonts/example-sans')));
    for (const value of Object.values(manifest)) {
      assert.match(value, /^\/static\//);
      assert.ok(files.has(value.slice('/static/'.length)), `${value} was emitted`);
    }
    assert.match(manifest['main.js'], /^\/static\/js\/main\.[a-f0-9]{16}\.js$/);
  });

  test('writeToFileEmit writes the manifest before the compiler emits assets', async () => {
    const outputPath = path.join(await tempDir('write-to-file'), 'dist');
    const manifestPath = path.join(outputPath, 'meta/manifest.json');
    const onDiskAfterCompile = [];
    const probe = {
      apply(compiler) {
        compiler.hooks.afterCompile.tap('probe', () => onDiskAfterCompile.push(existsSync(manifestPath)));
      },
    };
    const configWith = (options) =>
      createConfig({ mode: 'development', outputPath, plugins: [new ManifestPlugin(options), probe] });
    await build(configWith({ fileName: 'meta/manifest.json' }));
    await fs.rm(outputPath, { recursive: true });
    await build(configWith({ fileName: 'meta/manifest.json', writeToFileEmit: true }));
    assert.deepEqual(onDiskAfterCompile, [false, true]);
    assert.ok(JSON.parse(await fs.readFile(manifestPath, 'utf8'))['main.js']);
  });
});

/**
 * Watches a copy of the example with the native plugin and, side by side, with the peer, both
 * with `options`: one production build, then a rebuild after settings.js gets `theme`. Resolves
 * with the manifests each wrote, [native, peer].
 */
function watchBoth(prefix, options, theme) {
  const watch = async (plugin) => {
    const appDir = await copyExample(`${prefix}-${plugin}`);
    const stdout = await buildInProcess(plugin, {
      appDir,
      options,
      config: { mode: 'production' },
      outputPath: path.join(appDir, 'dist'),
      watchEdit: { file: 'src/pages/settings.js', content: `export default { theme: "${theme}" };\n` },
    });
    return JSON.parse(stdout);
  };
  return Promise.all([watch('native'), watch('peer')]);
}

describe('ManifestPlugin in watch mode', () => {
  test('rebuilds give the same manifest as the peer, seed accumulating like the peer', async () => {
    const [native, peer] = await watchBoth('watch', { seed: { release: 7 } }, 'light');
    assert.equal(native.length, 2);
    assert.notEqual(native[0], native[1], 'the rebuild changed a hashed file name');
    assert.deepEqual(native, peer);
    assert.equal(JSON.parse(native[1]).release, 7);
  });
});

describe('ManifestPlugin function options match rspack-manifest-plugin byte for byte', () => {
  // Each function is sent to the build process as its source: no variables from around it.
  const functions = {
    filter: (file) => !file.path.endsWith('.map'),
    map: (file) => Object.assign(file, { path: file.isInitial ? `${file.path}?initial` : file.path }),
    sort: (a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0),
    generate: (seed, files, entries) => ({
      ...seed,
      entries,
      files: files.map(({ chunk, ...file }) => ({
        keys: Object.keys(file),
        hasChunkKey: 'chunk' in file || chunk !== undefined,
        chunk: chunk && { name: chunk.name, id: chunk.id, files: [...chunk.files].sort() },
        ...file,
      })),
    }),
    serialize: (manifest) => `${JSON.stringify(manifest)}\n`,
  };
  const cases = [
    ...Object.entries(functions).map(([name, fn]) => ({
      name: `${name} alone`,
      options: { [name]: fn },
      config: { mode: 'production' },
    })),
    {
      name: 'all five with seed, basePath and publicPath, development',
      options: { ...functions, seed: { version: 3 }, basePath: 'app', publicPath: '/cdn' },
      config: { mode: 'development' },
    },
    {
      name: 'generate sees the chunk, the descriptor flags and the entrypoints',
      options: { generate: functions.generate },
      config: { mode: 'production', publicPath: 'auto' },
    },
  ];

  for (const { name, options, config } of cases) {
    test(name, async () => {
      const { text } = await compareWithPeer({ options, config });
      assert.ok(text.length > 100, `a manifest was written:\n${text}`);
    });
  }

  test('the descriptors carry the peer fields, and chunk only for chunk files', async () => {
    const { text } = await compareWithPeer({ options: { generate: functions.generate }, config: {} });
    const { files, entries } = JSON.parse(text);
    const chunkFile = files.find((file) => file.isChunk);
    assert.deepEqual(chunkFile.keys, ['isAsset', 'isChunk', 'isInitial', 'isModuleAsset', 'name', 'path']);
    assert.equal(chunkFile.hasChunkKey, true);
    assert.ok(chunkFile.chunk.files.length > 0);
    const asset = files.find((file) => file.isAsset);
    assert.equal(asset.hasChunkKey, false);
    assert.deepEqual(Object.keys(entries).sort(), ['admin', 'main']);
  });

  test('watch rebuilds give the peer manifest, seed mutated by the default generate', async () => {
    const [native, peer] = await watchBoth(
      'watch-functions',
      { seed: { release: 7 }, filter: functions.filter, serialize: functions.serialize },
      'dark',
    );
    assert.equal(native.length, 2);
    assert.notEqual(native[0], native[1]);
    assert.deepEqual(native, peer);
  });
});

describe('ManifestPlugin function options cost one JavaScript call per build', () => {
  test('every user function runs inside one pipeline call; generate and serialize once', async () => {
    const calls = [];
    const record = (name) =>
      function (...args) {
        calls.push({ name, args, stack: new Error().stack });
        return undefined;
      };
    const filter = record('filter');
    const plugin = new ManifestPlugin({
      filter: (...args) => (filter(...args), true),
      map: (file, ...rest) => (record('map')(file, ...rest), file),
      sort: (a, b) => (record('sort')(a, b), a.path < b.path ? -1 : 1),
      generate: (seed, files) => (record('generate')(seed, files), { count: files.length }),
      serialize: (manifest) => (record('serialize')(manifest), JSON.stringify(manifest)),
    });
    const outputPath = await tempDir('one-call');
    await build(createConfig({ mode: 'production', outputPath, plugins: [plugin] }));

    const byName = (name) => calls.filter((call) => call.name === name);
    assert.equal(byName('generate').length, 1);
    assert.equal(byName('serialize').length, 1);
    const { count } = JSON.parse(await fs.readFile(path.join(outputPath, 'manifest.json'), 'utf8'));
    assert.ok(count >= 8);
    // Array.prototype.filter and map pass the array they walk: one array means one run over all
    // the files, not a crossing per file.
    assert.equal(byName('filter').length, count);
    assert.equal(new Set(byName('filter').map((call) => call.args[2])).size, 1);
    assert.equal(new Set(byName('map').map((call) => call.args[2])).size, 1);
    assert.ok(byName('sort').length > 0);
    for (const call of calls)
      assert.match(call.stack, /runManifestFunctions/, `${call.name} ran in the pipeline`);
  });

  test('with data options only, no pipeline is made: nothing crosses to JavaScript', async () => {
    const { manifestOptions } = await import('../packages/core/src/plugins/manifest.js');
    const options = { fileName: 'a.json', seed: { a: 1 } };
    assert.equal(manifestOptions.call({}, options), options);
    assert.deepEqual(manifestOptions.call({}, null), {});
    assert.equal(typeof manifestOptions.call({}, { filter: () => true }).__pipeline, 'function');
  });
});

describe('ManifestPlugin function option errors', () => {
  /** The message a failed build shows, whether Rspack fails the run or reports a stats error. */
  async function buildError(options) {
    const outputPath = await tempDir('manifest-error');
    const { error, stats } = await runBuild(
      createConfig({ mode: 'production', outputPath, plugins: [new ManifestPlugin(options)] }),
    );
    assert.ok(error || stats.hasErrors(), 'the build failed');
    return error ? formatError(error) : stats.toString({ all: false, errors: true });
  }

  test('a function that throws fails the build with the option, the message and its stack', async () => {
    const message = await buildError({
      filter: function rejectEverything() {
        throw new Error('no files today');
      },
    });
    assert.match(message, /ManifestPlugin: option "filter" threw: Error: no files today/);
    assert.match(message, /at rejectEverything/);
  });

  test('serialize must return a string', async () => {
    const message = await buildError({ serialize: () => 42 });
    assert.match(message, /ManifestPlugin: .*option "serialize" must return a string, but returned a number/);
  });
});

describe('ManifestPlugin function options and the process', () => {
  test('a process whose build used them exits by itself, closed compiler or not', async () => {
    const outputPath = await tempDir('exits');
    for (const close of [true, false]) {
      const script = `
        import { rspack, ManifestPlugin } from '@rspack-native/core';
        import { createConfig } from './examples/basic-app/app.config.js';
        const plugins = [new ManifestPlugin({ filter: (file) => !file.isAsset, serialize: JSON.stringify })];
        const compiler = rspack(createConfig({ outputPath: ${JSON.stringify(outputPath)}, plugins }));
        compiler.run((error, stats) => {
          if (error || stats.hasErrors()) throw error ?? new Error(stats.toString());
          console.log('built');
          if (${close}) compiler.close(() => console.log('closed'));
        });`;
      const result = await runNode(['--input-type=module', '-e', script], { cwd: repoRoot, timeout: 60_000 });
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, close ? 'built\nclosed\n' : 'built\n');
      const manifest = JSON.parse(await fs.readFile(path.join(outputPath, 'manifest.json'), 'utf8'));
      assert.ok(Object.keys(manifest).length > 0);
    }
  });
});
