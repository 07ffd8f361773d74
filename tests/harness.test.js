// The authors' test harness (tests/harness.js) on real builds: what it returns, what it compares,
// and that a comparison of two different outputs fails.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import { assertSameOutput, buildApp, buildAppInFreshProcess, compareWithPeer } from './harness.js';
import { exampleDir, tempDir } from './helpers.js';

const manifestApp = new URL('./fixtures/manifest-app.config.mjs', import.meta.url);

describe('buildApp', () => {
  test('returns the files, errors and warnings of a build, written to a temp dir of its own', async () => {
    const result = await buildApp(createConfig({ mode: 'development', plugins: [new ManifestPlugin()] }));
    assert.notEqual(path.dirname(result.outputPath), exampleDir);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.warnings, []);
    const manifest = JSON.parse(result.files.get('manifest.json'));
    assert.equal(manifest['main.js'], '/static/js/main.js');
    assert.ok(result.files.has('js/main.js'));
  });

  test('reports compilation errors in `errors` instead of rejecting', async () => {
    const dir = await tempDir('harness-missing');
    const result = await buildApp({ context: dir, mode: 'development', entry: './missing.js' });
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /Can't resolve '\.\/missing\.js'/);
  });

  test('rejects when the compiler cannot be created, with the plugin’s message in the cause', async () => {
    await assert.rejects(
      buildApp(createConfig({ plugins: [new ManifestPlugin({ fileName: 1 })] })),
      (error) => {
        assert.match(
          String(error.cause?.message ?? error.message),
          /ManifestPlugin: option "fileName" must be a string/,
        );
        return true;
      },
    );
  });
});

describe('buildAppInFreshProcess and compareWithPeer', () => {
  test('the native ManifestPlugin and rspack-manifest-plugin write the same files, compared byte for byte', async () => {
    const { native, peer } = await compareWithPeer(manifestApp, { options: { basePath: 'app/' } });
    assert.ok(native.files.has('manifest.json'));
    assert.notEqual(native.outputPath, peer.outputPath);
    assert.match(
      native.files.get('manifest.json').toString(),
      /"app\/main\.js": "\/static\/js\/main\.[0-9a-f]{16}\.js"/,
    );
  });

  test('two different outputs fail the comparison, naming the file', async () => {
    const [plain, based] = await Promise.all([
      buildAppInFreshProcess(manifestApp, { plugin: 'native', mode: 'development' }),
      buildAppInFreshProcess(manifestApp, {
        plugin: 'native',
        mode: 'development',
        options: { basePath: 'x/' },
      }),
    ]);
    assert.throws(
      () => assertSameOutput(plain, based),
      /manifest\.json differs between the native and the JavaScript build/,
    );
    const fewer = { ...plain, files: new Map([...plain.files].filter(([file]) => file !== 'manifest.json')) };
    assert.throws(() => assertSameOutput(plain, fewer), /both builds write the same files/);
    const warned = { ...plain, warnings: ['a warning'] };
    assert.throws(() => assertSameOutput(plain, warned), /both builds report the same warnings/);
    assertSameOutput(plain, warned, { diagnostics: false });
  });

  test('a config module that fails rejects with its error', async () => {
    await assert.rejects(
      buildAppInFreshProcess(manifestApp, { plugin: 'native', options: { fileName: 1 } }),
      /ManifestPlugin: option "fileName" must be a string, but got a number/,
    );
  });
});
