// LicensePlugin against license-webpack-plugin 4.0.2 on an app of real npm libraries
// (examples/libs-app: React, Redux Toolkit, lodash-es, axios, zod, core-js, ...), built from the
// app's directory as `rspack build` runs: byte-identical files and the same diagnostics. Chunks
// without a name share one list in the peer, filled in whatever order Rspack gives the chunks, so
// the app names its async chunk (the split chunk of its library stays the only unnamed one).
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { LicensePlugin } from '@rspack-native/core';
import peer from 'license-webpack-plugin';
import libsConfig from '../examples/libs-app/rspack.config.mjs';
import { assertSameOutput, buildApp } from './harness.js';
import { repoRoot } from './helpers.js';

const { LicenseWebpackPlugin } = peer;
const appDir = path.join(repoRoot, 'examples/libs-app');

before(() => process.chdir(appDir));

/** Builds the app with `plugin`; `concatenate: false` turns module concatenation off. */
async function buildWith(plugin, { mode = 'production', concatenate = true } = {}) {
  const { files, warnings, errors } = await buildApp({
    ...libsConfig,
    mode,
    plugins: [plugin],
    // Minifying (slow with the dev binding) changes no license file; it would remove the banners.
    optimization: { minimize: false, ...(concatenate ? {} : { concatenateModules: false }) },
  });
  return { files, warnings: warnings.sort(), errors: errors.sort() };
}

const licenseFiles = ({ files }) => [...files.keys()].filter((file) => file.endsWith('.licenses.txt'));

for (const [name, build, options] of [
  ['development', { mode: 'development' }, undefined],
  ['production without concatenation', { concatenate: false }, undefined],
  [
    'production without concatenation, one file and banners',
    { concatenate: false },
    { perChunkOutput: false, addBanner: true },
  ],
]) {
  test(`the same files and diagnostics as the peer: ${name}`, async () => {
    const native = await buildWith(new LicensePlugin(options), build);
    const javascript = await buildWith(new LicenseWebpackPlugin(options), build);
    assertSameOutput(native, javascript);
    const text = [...native.files]
      .filter(([file]) => file.endsWith('.txt'))
      .map(([, content]) => content)
      .join('');
    for (const library of [
      'react',
      'react-dom',
      'lodash-es',
      'axios',
      'zod',
      'core-js',
      '@reduxjs/toolkit',
      'immer',
    ]) {
      assert.match(text, new RegExp(`^${library}\\nMIT\\n`, 'm'), `${library} is listed with its license`);
    }
  });
}

test('production with concatenation lists what the peer misses, as without concatenation', async () => {
  // On Rspack the peer sees only the root of each concatenated module: it lists the CommonJS
  // libraries (never concatenated) and misses the ES module ones. The native plugin looks inside.
  const javascript = await buildWith(new LicenseWebpackPlugin());
  const native = await buildWith(new LicensePlugin());
  const separate = await buildWith(new LicensePlugin(), { concatenate: false });
  const texts = (result) =>
    licenseFiles(result)
      .map((file) => result.files.get(file).toString())
      .sort();
  assert.deepEqual(texts(native), texts(separate));
  const listsLodash = (result) => texts(result).some((text) => /^lodash-es$/m.test(text));
  assert.ok(listsLodash(native), 'lodash-es is listed');
  assert.ok(!listsLodash(javascript), 'the peer misses lodash-es, which is concatenated');
});
