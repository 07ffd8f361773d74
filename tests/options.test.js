// Bad ManifestPlugin options: an error that names the plugin and the option, and no crash.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ManifestPlugin, formatError } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import { build, tempDir } from './helpers.js';

/** Builds with `options`, expects the build to fail, returns the unwrapped message. */
async function optionError(options) {
  const outputPath = path.join(await tempDir('bad-options'), 'dist');
  const error = await build(createConfig({ outputPath, plugins: [new ManifestPlugin(options)] })).then(
    () => assert.fail('the build should have failed'),
    (error) => error,
  );
  assert.ok(error instanceof Error);
  return formatError(error);
}

describe('ManifestPlugin option errors', () => {
  const cases = [
    [{ fileName: 3 }, /^ManifestPlugin: option "fileName" must be a string, but got a number/],
    [{ fileName: '' }, /^ManifestPlugin: option "fileName" must not be an empty string/],
    [{ basePath: ['a'] }, /^ManifestPlugin: option "basePath" must be a string, but got an array/],
    [{ useEntryKeys: 'yes' }, /^ManifestPlugin: option "useEntryKeys" must be a boolean, but got a string/],
    [{ writeToFileEmit: 1 }, /^ManifestPlugin: option "writeToFileEmit" must be a boolean, but got a number/],
    [
      { removeKeyHash: true },
      /^ManifestPlugin: option "removeKeyHash" must be a RegExp or false, but got true/,
    ],
    [
      { removeKeyHash: '[a-f]+' },
      /^ManifestPlugin: option "removeKeyHash" must be a RegExp or false, but got a string/,
    ],
    [
      { transformExtensions: 'map' },
      /^ManifestPlugin: option "transformExtensions" must be a RegExp, but got a string/,
    ],
    [{ seed: [1, 2] }, /^ManifestPlugin: option "seed" must be an object, but got an array/],
    [{ basePath: () => 'app' }, /^ManifestPlugin: option "basePath" must be a string, but got a function/],
    [
      { fileNmae: 'x.json' },
      /^ManifestPlugin: unknown option "fileNmae"; expected one of: basePath, fileName/,
    ],
    [{ useLegacyEmit: true }, /^ManifestPlugin: unknown option "useLegacyEmit"/],
    [{ assetHookStage: 0 }, /^ManifestPlugin: unknown option "assetHookStage"/],
    [{ sort: 'name' }, /^ManifestPlugin: option "sort" must be a function, but got a string/],
    [{ filter: /\.js$/ }, /^ManifestPlugin: option "filter" must be a function, but got an object/],
    [
      { generate: null, serialize: true, filter: () => true },
      /^ManifestPlugin: option "serialize" must be a function, but got true/,
    ],
    [[], /^ManifestPlugin: options must be an object, but got an array/],
    ['manifest.json', /^ManifestPlugin: options must be an object, but got a string/],
  ];
  for (const [options, expected] of cases) {
    test(`${JSON.stringify(options) ?? 'function'} → ${expected.source.slice(1, 60)}`, async () => {
      assert.match(await optionError(options), expected);
    });
  }

  test('null options are no options, as for the peer', async () => {
    const outputPath = path.join(await tempDir('null-options'), 'dist');
    const stats = await build(createConfig({ outputPath, plugins: [new ManifestPlugin(null)] }));
    assert.ok(stats.compilation.getAsset('manifest.json'));
  });

  test('the process keeps working after a rejected configuration', async () => {
    await optionError({ fileName: 3 });
    const outputPath = path.join(await tempDir('after-error'), 'dist');
    const stats = await build(createConfig({ outputPath, plugins: [new ManifestPlugin()] }));
    assert.ok(stats.compilation.getAsset('manifest.json'));
  });

  test('the error Rspack wraps around ours still carries it as its cause', async () => {
    const outputPath = path.join(await tempDir('cause'), 'dist');
    const error = await build(
      createConfig({ outputPath, plugins: [new ManifestPlugin({ fileName: 3 })] }),
    ).catch((e) => e);
    assert.match(error.message, /Failed to create Rspack compiler instance/);
    assert.match(error.cause.message, /ManifestPlugin: option "fileName"/);
  });
});
