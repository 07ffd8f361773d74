// webpack-assets-manifest 6.5.2 on Rspack, recorded as it is: it fails where an app has an asset
// module or asks for integrity, and works on a plain script. The native AssetsManifestPlugin
// (issue 25, next) is checked against the peer on Rspack where the peer works, and against the
// peer on webpack 5 where it fails; if a future Rspack makes the peer work, these tests say so
// and the Rspack oracle takes over.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatError, rspack } from '@rspack-native/core';
import { WebpackAssetsManifest } from 'webpack-assets-manifest';
import { stylesAppDir, stylesAppResolve } from './fixtures/styles-app/app.mjs';
import { readTree, runBuild, tempDir } from './helpers.js';

/** Builds one entry of the styles app with the peer's `options`; resolves with `{ error, files }`. */
async function buildWithPeer(entry, options) {
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
    const { error } = await buildWithPeer({ main: './src/index.js' }, {});
    assert.match(formatError(error), /Value is none of these types `String`, `Array<T>`/);
  });

  test('still fails with integrity on a plain script (if this fails, the peer works there now)', async () => {
    const { error } = await buildWithPeer({ lazy: './src/lazy.js' }, { integrity: true });
    assert.match(formatError(error), /Cannot read properties of undefined \(reading 'set'\)/);
  });

  test('works on a plain script without integrity: there it is the oracle', async () => {
    const { error, files } = await buildWithPeer({ extra: './src/extra.js' }, {});
    assert.equal(error, null);
    assert.deepEqual(JSON.parse(files.get('assets-manifest.json')), { 'extra.js': 'extra.js' });
  });
});
