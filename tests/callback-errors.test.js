// What a build says when a user's function gives the native plugins something they cannot use: a
// result of the wrong type names the plugin, the option, what it must return and what it returned;
// an `algorithm` that lets go of its callback without calling it fails its asset.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, test } from 'node:test';
import {
  CompressionPlugin,
  LicensePlugin,
  ManifestPlugin,
  experiments,
  formatError,
} from '@rspack-native/core';
import { runBuild, tempDir } from './helpers.js';

/** A one-module app (`main.js` compresses well) in a new temp dir, built with `plugins`. */
async function buildApp(plugins) {
  const dir = await tempDir('callback-errors');
  await fs.mkdir(path.join(dir, 'src'));
  await fs.writeFile(path.join(dir, 'src/index.js'), "console.log('compress me');\n".repeat(50));
  return runBuild({
    mode: 'development',
    devtool: false,
    context: dir,
    entry: './src/index.js',
    output: { path: path.join(dir, 'dist') },
    plugins,
  });
}

/** The build's error (a failed run or a stats error), from `owner` to the end of its line. */
function messageOf({ error, stats }, owner) {
  const text = error ? formatError(error) : stats.toString({ all: false, errors: true });
  const line = text.split('\n').find((candidate) => candidate.includes(`${owner}: `));
  assert.ok(line, `no message of ${owner} in:\n${text}`);
  return line.slice(line.indexOf(`${owner}: `)).trimEnd();
}

describe('a function option that returns the wrong type', () => {
  for (const [returned, fn] of [
    ['a number', () => 42],
    ['null', () => null],
    ['undefined', () => undefined],
    ['an array', () => ['main.js.gz']],
    ['a promise', async () => 'main.js.gz'],
  ]) {
    test(`CompressionPlugin's filename, returning ${returned}`, async () => {
      const result = await buildApp([new CompressionPlugin({ filename: fn })]);
      assert.equal(
        messageOf(result, 'CompressionPlugin'),
        `CompressionPlugin: option "filename" must return a string, but returned ${returned}`,
      );
    });
  }

  test("ManifestPlugin's serialize and generate (checked where the manifest is made, in JavaScript)", async () => {
    const serialized = await buildApp([new ManifestPlugin({ serialize: () => 42 })]);
    assert.equal(
      messageOf(serialized, 'ManifestPlugin'),
      'ManifestPlugin: option "serialize" must return a string, but returned a number',
    );
    // The peer fails this build too, with `argument 'value' must be either string or Buffer`.
    const generated = await buildApp([new ManifestPlugin({ generate: () => undefined })]);
    assert.equal(
      messageOf(generated, 'ManifestPlugin'),
      'ManifestPlugin: option "generate" must return a value JSON.stringify can write, but returned undefined',
    );
  });

  test("LicensePlugin's renderLicenses, which may also return nothing", async () => {
    const result = await buildApp([new LicensePlugin({ renderLicenses: () => 42 })]);
    assert.equal(
      messageOf(result, 'LicensePlugin'),
      'LicensePlugin: option "renderLicenses" must return a string, null or undefined, but returned a number',
    );
  });

  describe('an object result (#[napi(object)]), through AssetsManifestPlugin', () => {
    // The plugin's class passes `__environment` itself; this one passes what the test gives.
    const RawAssetsManifestPlugin = experiments.createNativePlugin('AssetsManifestPlugin', (o) => o);
    const environment = (fn) => new RawAssetsManifestPlugin({ __environment: fn });

    test('null is told apart from an object, and leaves no exception behind', async () => {
      const warnings = [];
      const onWarning = (warning) => warnings.push(warning);
      process.on('warning', onWarning);
      const result = await buildApp([environment(() => null)]);
      await new Promise((resolve) => setImmediate(resolve));
      process.off('warning', onWarning);
      assert.equal(
        messageOf(result, 'AssetsManifestPlugin'),
        'AssetsManifestPlugin: option "__environment" must return an object, but returned null',
      );
      assert.deepEqual(
        warnings.map((warning) => warning.message),
        [],
        'no N-API exception was left pending',
      );
    });

    test("an object without a field gives napi's reason", async () => {
      const result = await buildApp([environment(() => ({ inDevServer: false }))]);
      assert.equal(
        messageOf(result, 'AssetsManifestPlugin'),
        'AssetsManifestPlugin: option "__environment" returned an object, which cannot be used: Missing field `writeToDisk`',
      );
    });
  });
});

describe("CompressionPlugin's algorithm and its callback", () => {
  // Collecting garbage as the build waits: V8 would do it within about 8 s of idling.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');

  /** Builds the app with `algorithm`, collecting garbage every 100 ms meanwhile. */
  async function buildCollecting(algorithm) {
    const timer = setInterval(gc, 100);
    try {
      return await buildApp([new CompressionPlugin({ algorithm })]);
    } finally {
      clearInterval(timer);
    }
  }

  test('a callback let go of uncalled fails its asset, saying so', async () => {
    const result = await buildCollecting(() => {});
    assert.equal(result.error, null);
    assert.equal(
      messageOf(result, 'CompressionPlugin'),
      'CompressionPlugin: compressing main.js failed: option "algorithm" failed: Error: it never called ' +
        'its callback, which was garbage-collected uncalled (an algorithm must call callback(error, result) once)',
    );
  });

  // The same text on the native and the WebAssembly binding (napi reads a rejection differently
  // on each: `rejectionForRust`).
  test("an error given to the callback, or thrown, fails the asset with the error's name and message", async () => {
    const given = await buildApp([
      new CompressionPlugin({
        algorithm: (input, options, callback) => callback(new TypeError('bad input')),
      }),
    ]);
    assert.equal(
      messageOf(given, 'CompressionPlugin'),
      'CompressionPlugin: compressing main.js failed: option "algorithm" failed: TypeError: bad input',
    );
    const thrown = await buildApp([
      new CompressionPlugin({
        algorithm: () => {
          throw new RangeError('out of range');
        },
      }),
    ]);
    assert.equal(
      messageOf(thrown, 'CompressionPlugin'),
      'CompressionPlugin: compressing main.js failed: option "algorithm" failed: ' +
        'RangeError: option "algorithm" threw: out of range',
    );
  });

  test('a callback called late is waited for', async () => {
    const result = await buildCollecting((input, options, callback) => {
      setTimeout(() => callback(null, Buffer.from('late')), 500);
    });
    assert.equal(result.error, null);
    assert.equal(result.stats.hasErrors(), false, result.stats.toString({ all: false, errors: true }));
    assert.ok(result.stats.toJson({ all: false, assets: true }).assets.some((a) => a.name === 'main.js.gz'));
  });
});
