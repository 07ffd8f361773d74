// The binding that is loaded, and the `rspack-native` CLI against plain `rspack`.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { RSPACK_NATIVE_BINDING } from '@rspack-native/core';
import { checkExampleOutput } from '../examples/basic-app/check-output.js';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { exampleDir, repoRoot, runNode, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const rspackNativeBin = path.join(repoRoot, 'packages/core/bin/rspack-native.js');
// A process started from this one inherits RSPACK_BINDING (ours); a fresh shell has none.
const freshEnv = envWithoutBinding();
const rspackBin = path.join(path.dirname(require.resolve('@rspack/cli/package.json')), 'bin/rspack.js');

describe('binding', () => {
  test('@rspack/core runs on our binding, not @rspack/binding', () => {
    const ours = path.join(repoRoot, 'packages/core/src/rspack-binding.cjs');
    const addon = createRequire(require.resolve('@rspack-native/core')).resolve('@rspack-native/binding');
    assert.equal(process.env.RSPACK_BINDING, ours);
    assert.equal(RSPACK_NATIVE_BINDING, ours);
    const loaded = Object.keys(require.cache);
    assert.ok(loaded.includes(ours) && loaded.includes(addon), 'our binding is loaded');
    assert.ok(
      !loaded.some((file) => /[\\/]@rspack[\\/]binding[\\/]/.test(file)),
      'the official binding is not',
    );
    const binding = require(ours);
    assert.equal(typeof binding.registerNativePlugin, 'function');
    assert.deepEqual(binding.nativePluginFunctionOptions('ManifestPlugin'), [
      'filter',
      'map',
      'sort',
      'generate',
      'serialize',
    ]);
    assert.equal(binding.EXPECTED_RSPACK_CORE_VERSION, require('@rspack/core/package.json').version);
  });

  test('importing @rspack-native/core after @rspack/core is a clear error', async () => {
    const script = "await import('@rspack/core'); await import('@rspack-native/core');";
    const result = await runNode(['--input-type=module', '-e', script], { cwd: repoRoot, env: freshEnv });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /@rspack\/core was already loaded with another binding/);
    assert.match(result.stderr, /run the build with the `rspack-native` CLI/);
  });
});

describe('rspack-native CLI', () => {
  test('`rspack-native build` at the repository root builds the example with ManifestPlugin and builtin:replace-loader', async () => {
    const dist = path.join(repoRoot, 'dist');
    await fs.rm(dist, { recursive: true, force: true });
    const result = await runNode([rspackNativeBin, 'build'], { cwd: repoRoot, env: freshEnv });
    assert.equal(result.code, 0, result.stderr);
    await checkExampleOutput(dist);
  });

  test('an option error reaches the terminal as one message naming the plugin and option', async () => {
    const dir = await tempDir('cli-error');
    const config = path.join(dir, 'rspack.config.mjs');
    await fs.writeFile(
      config,
      [
        `import { ManifestPlugin } from ${JSON.stringify(pathToFileURL(require.resolve('@rspack-native/core')).href)};`,
        `import { createConfig } from ${JSON.stringify(pathToFileURL(path.join(exampleDir, 'app.config.js')).href)};`,
        `export default createConfig({ outputPath: ${JSON.stringify(path.join(dir, 'dist'))},`,
        '  plugins: [new ManifestPlugin({ useEntryKeys: "yes" })] });',
      ].join('\n'),
    );
    const result = await runNode([rspackNativeBin, 'build', '--config', config], {
      cwd: exampleDir,
      env: freshEnv,
    });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ManifestPlugin: option "useEntryKeys" must be a boolean, but got a string/);
  });

  test('an array config (MultiCompiler) writes each compiler its own manifest, in development and production', async () => {
    const dir = await tempDir('cli-multi');
    const config = path.join(dir, 'rspack.config.mjs');
    const outputs = { development: path.join(dir, 'dev'), production: path.join(dir, 'prod') };
    await fs.writeFile(
      config,
      [
        `import { ManifestPlugin } from ${JSON.stringify(pathToFileURL(require.resolve('@rspack-native/core')).href)};`,
        `import { createConfig } from ${JSON.stringify(pathToFileURL(path.join(exampleDir, 'app.config.js')).href)};`,
        'export default Object.entries(' + JSON.stringify(outputs) + ').map(([mode, outputPath]) => ({',
        '  ...createConfig({ mode, outputPath, plugins: [new ManifestPlugin({ fileName: `${mode}.json` })] }),',
        '  name: mode,',
        '}));',
      ].join('\n'),
    );
    const result = await runNode([rspackNativeBin, 'build', '--config', config], {
      cwd: exampleDir,
      env: freshEnv,
    });
    assert.equal(result.code, 0, result.stderr);
    for (const [mode, outputPath] of Object.entries(outputs)) {
      const manifest = JSON.parse(await fs.readFile(path.join(outputPath, `${mode}.json`), 'utf8'));
      const other = mode === 'development' ? 'production' : 'development';
      await assert.rejects(fs.access(path.join(outputPath, `${other}.json`)), 'no other manifest here');
      // Each manifest lists the files its own compiler wrote: hashed names only in production.
      assert.equal(
        /\.[0-9a-f]{16}\.js$/.test(manifest['main.js']),
        mode === 'production',
        manifest['main.js'],
      );
      for (const file of Object.values(manifest)) {
        await fs.access(path.join(outputPath, file.replace(/^\/static\//, '')));
      }
    }
  });

  test('plain `rspack build` with a native plugin fails with our explanation', async () => {
    const result = await runNode([rspackBin, 'build'], { cwd: exampleDir, env: freshEnv });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /@rspack\/core was already loaded with another binding/);
    assert.match(result.stderr, /rspack-native/);
  });
});
