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
    [{ basePath: ['a'] }, /^ManifestPlugin: option "basePath" must be a string, but got an object/],
    [{ useEntryKeys: 'yes' }, /^ManifestPlugin: option "useEntryKeys" must be a boolean, but got a string/],
    [{ writeToFileEmit: 1 }, /^ManifestPlugin: option "writeToFileEmit" must be a boolean, but got a number/],
    [
      { removeKeyHash: true },
      /^ManifestPlugin: option "removeKeyHash" must be a RegExp or false, but got a boolean/,
    ],
    [
      { removeKeyHash: '[a-f]+' },
      /^ManifestPlugin: option "removeKeyHash" must be a RegExp or false, but got a string/,
    ],
    [
      { transformExtensions: 'map' },
      /^ManifestPlugin: option "transformExtensions" must be a RegExp, but got a string/,
    ],
    [{ seed: [1] }, /^ManifestPlugin: option "seed" must be an object, but got an object/],
    [
      { fileNmae: 'x.json' },
      /^ManifestPlugin: unknown option "fileNmae"; expected one of: basePath, fileName/,
    ],
    [{ useLegacyEmit: true }, /^ManifestPlugin: unknown option "useLegacyEmit"/],
    [{ assetHookStage: 0 }, /^ManifestPlugin: unknown option "assetHookStage"/],
    [
      { map: (file) => file },
      /^ManifestPlugin: option "map" is a function; function options \(filter, map, sort, generate, serialize\) are not supported natively\. Use rspack-manifest-plugin/,
    ],
    [{ serialize: JSON.stringify }, /^ManifestPlugin: option "serialize" is a function/],
    [{ generate: null, filter: () => true }, /^ManifestPlugin: option "filter" is a function/],
    [{ sort: 'name' }, /^ManifestPlugin: option "sort" is not supported natively/],
    ['manifest.json', /^ManifestPlugin: options must be an object, but got a string/],
  ];
  for (const [options, expected] of cases) {
    test(`${JSON.stringify(options) ?? 'function'} → ${expected.source.slice(1, 60)}`, async () => {
      assert.match(await optionError(options), expected);
    });
  }

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
