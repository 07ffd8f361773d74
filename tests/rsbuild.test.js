// `rsbuild build` of examples/rsbuild-app through the register entry, with the native
// ManifestPlugin against rspack-manifest-plugin: byte-identical output in development and in
// production. The replace rule stays native in both builds: Rspack orders a chunk's modules and
// hashes deterministic ids by module identifier, which names the loader, so string-replace-loader
// reorders the bundle without changing what any module contains (replace-loader.test.js compares
// the loaders themselves, with named ids).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { assertSameFiles, readTree, repoRoot, runNode, tempDir } from './helpers.js';

const appDir = path.join(repoRoot, 'examples/rsbuild-app');
const require = createRequire(import.meta.url);
const rsbuildBin = path.join(appDir, 'node_modules/@rsbuild/core/bin/rsbuild.js');
const url = (file) => JSON.stringify(pathToFileURL(file).href);

/**
 * Writes an Rsbuild config that builds the example into `distPath` with the given plugin and
 * loader (each `native` or `peer`); resolves with its path.
 */
async function writeConfig(dir, { plugin, loader, distPath }) {
  const file = path.join(dir, `rsbuild.${plugin}-${loader}.config.mjs`);
  const imports = [`import { createConfig } from ${url(path.join(appDir, 'app.config.mjs'))};`];
  if (plugin === 'native' || loader === 'native') {
    imports.push(
      `import { ManifestPlugin, REPLACE_LOADER } from ${url(require.resolve('@rspack-native/core'))};`,
    );
  }
  if (plugin === 'peer') {
    imports.push(`import { RspackManifestPlugin } from ${url(require.resolve('rspack-manifest-plugin'))};`);
  }
  const manifestPlugin = plugin === 'native' ? 'new ManifestPlugin()' : 'new RspackManifestPlugin()';
  const replaceLoader =
    loader === 'native' ? 'REPLACE_LOADER' : JSON.stringify(require.resolve('string-replace-loader'));
  await fs.writeFile(
    file,
    `${imports.join('\n')}
export default createConfig({ manifestPlugin: ${manifestPlugin}, replaceLoader: ${replaceLoader}, distPath: ${JSON.stringify(distPath)} });
`,
  );
  return file;
}

/**
 * Runs `rsbuild build` on the example; `register` runs it on our binding through the register
 * entry, otherwise on the official one. Resolves with the files it wrote.
 */
async function rsbuildBuild({ plugin, loader, mode, register }) {
  const dir = await tempDir(`rsbuild-${plugin}-${loader}`);
  const distPath = path.join(dir, 'dist');
  const config = await writeConfig(dir, { plugin, loader, distPath });
  const args = [...(register ? ['--import', '@rspack-native/core/register'] : []), rsbuildBin, 'build'];
  const result = await runNode([...args, '--config', config, '--mode', mode], {
    cwd: appDir,
    env: envWithoutBinding(),
  });
  assert.equal(result.code, 0, `rsbuild build failed:\n${result.stdout}\n${result.stderr}`);
  return readTree(distPath);
}

const text = (files, pattern) =>
  [...files]
    .filter(([file]) => pattern.test(file))
    .map(([, content]) => content.toString('utf8'))
    .join('\n');

describe('Rsbuild through @rspack-native/core/register', () => {
  for (const mode of ['development', 'production']) {
    test(`${mode}: the native ManifestPlugin writes what rspack-manifest-plugin writes`, async () => {
      const [native, peer] = await Promise.all([
        rsbuildBuild({ plugin: 'native', loader: 'native', mode, register: true }),
        rsbuildBuild({ plugin: 'peer', loader: 'native', mode, register: true }),
      ]);
      assertSameFiles(native, peer);
      const manifest = JSON.parse(native.get('manifest.json'));
      // Every file the manifest names was written (Rsbuild's asset prefix is `/`).
      for (const file of Object.values(manifest)) assert.ok(native.has(file.slice(1)), `${file} exists`);
      assert.ok(
        Object.values(manifest).some((file) => /\/async\//.test(file)),
        'the async chunk is listed',
      );
      assert.match(text(native, /\.js$/), /Hello, world/, 'the function replace ran');
      assert.doesNotMatch(text(native, /\.js$/), /__GREETING_/);
    });
  }

  test('without the register entry, the config that imports @rspack-native/core says how to run Rsbuild', async () => {
    const dir = await tempDir('rsbuild-unregistered');
    const config = await writeConfig(dir, {
      plugin: 'native',
      loader: 'native',
      distPath: path.join(dir, 'dist'),
    });
    const result = await runNode([rsbuildBin, 'build', '--config', config], {
      cwd: appDir,
      env: envWithoutBinding(),
    });
    assert.notEqual(result.code, 0);
    const output = result.stdout + result.stderr;
    assert.match(output, /@rspack\/core was already loaded with another binding/);
    assert.ok(output.includes('node --import @rspack-native/core/register'), output);
  });
});
