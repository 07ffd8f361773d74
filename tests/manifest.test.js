// ManifestPlugin against its JavaScript peer, rspack-manifest-plugin 5.2.2: the same app and config,
// built once with each (each build in a fresh process, see fixtures/build-example.mjs), must give
// byte-identical manifest.json files and bundles.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import { assertSameFiles, build, buildExampleInProcess, copyExample, readTree, tempDir } from './helpers.js';

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

describe('ManifestPlugin in watch mode', () => {
  test('rebuilds give the same manifest as the peer, seed accumulating like the peer', async () => {
    const watch = async (plugin) => {
      const appDir = await copyExample(`watch-${plugin}`);
      const stdout = await buildInProcess(plugin, {
        appDir,
        options: { seed: { release: 7 } },
        config: { mode: 'production' },
        outputPath: path.join(appDir, 'dist'),
        watchEdit: { file: 'src/pages/settings.js', content: 'export default { theme: "light" };\n' },
      });
      return JSON.parse(stdout);
    };
    const [native, peer] = await Promise.all([watch('native'), watch('peer')]);
    assert.equal(native.length, 2);
    assert.notEqual(native[0], native[1], 'the rebuild changed a hashed file name');
    assert.deepEqual(native, peer);
    assert.equal(JSON.parse(native[1]).release, 7);
  });
});
