// `pnpm rename-scope`: a plugin author's copy of this repository publishes under their own scope.
// Runs on a copy of the tracked files (never this checkout).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { renameScope } from '../scripts/rename-scope.mjs';
import { copyCheckout, repoRoot, tempDir } from './helpers.js';

/** The files git tracks here, copied into a new git repository. */
async function copyTrackedFiles() {
  const copy = await copyCheckout('rename-scope');
  execFileSync('git', ['init', '-q'], { cwd: copy.dir });
  execFileSync('git', ['add', '-A'], { cwd: copy.dir });
  return copy;
}

const readJson = async (dir, file) => JSON.parse(await fs.readFile(path.join(dir, file), 'utf8'));

test('renames the npm scope and the repository everywhere, and nothing is left behind', async () => {
  const { dir, files } = await copyTrackedFiles();
  const changed = renameScope({ scope: '@acme', repository: 'acme/acme-rspack', cwd: dir, install: false });
  assert.ok(
    changed.includes('binding/package.json') && changed.includes('pnpm-lock.yaml'),
    changed.join(', '),
  );

  // This file names the old scope to look for it.
  const textFiles = files.filter(
    (name) => !/\.(png|woff2)$/.test(name) && name !== 'tests/rename-scope.test.js',
  );
  for (const file of textFiles) {
    const text = await fs.readFile(path.join(dir, file), 'utf8').catch(() => '');
    assert.ok(!text.includes('@rspack-native'), `${file} still names @rspack-native`);
    assert.ok(
      !text.includes('github.com/rspack-native/rspack-native'),
      `${file} still names the old repository`,
    );
  }

  const binding = await readJson(dir, 'binding/package.json');
  assert.equal(binding.name, '@acme/binding');
  assert.equal(binding.napi.packageName, '@acme/binding');
  assert.equal(binding.repository.url, 'git+https://github.com/acme/acme-rspack.git');
  assert.equal(Object.keys(binding.optionalDependencies).length, binding.napi.targets.length);
  for (const name of Object.keys(binding.optionalDependencies)) assert.match(name, /^@acme\/binding-/);
  const linuxPackage = await readJson(dir, 'binding/npm/linux-x64-gnu/package.json');
  assert.equal(linuxPackage.name, '@acme/binding-linux-x64-gnu');
  const wasmPackage = await readJson(dir, 'binding/npm/wasm32-wasi/package.json');
  assert.equal(wasmPackage.name, '@acme/binding-wasm32-wasi');
  assert.ok('@acme/binding-wasm32-wasi' in binding.optionalDependencies);
  const core = await readJson(dir, 'packages/core/package.json');
  assert.equal(core.name, '@acme/core');
  assert.equal(core.dependencies['@acme/binding'], 'workspace:*');
  assert.match(
    await fs.readFile(path.join(dir, 'packages/core/src/binding.js'), 'utf8'),
    /require\.resolve\('@acme\/binding'\)/,
  );
});

test('rejects what is not an npm scope', () => {
  assert.throws(
    () => renameScope({ scope: 'acme', cwd: repoRoot, install: false }),
    /"acme" is not an npm scope/,
  );
  assert.throws(
    () =>
      renameScope({ scope: '@acme', repository: 'https://github.com/acme', cwd: repoRoot, install: false }),
    /--repository "https:\/\/github\.com\/acme" must be <owner>\/<name>/,
  );
});

test('--repository without a GitHub repository URL to replace is an error, not a silent no-op', async () => {
  const dir = await tempDir('rename-scope-repository');
  await fs.mkdir(path.join(dir, 'binding'));
  await fs.writeFile(
    path.join(dir, 'binding/package.json'),
    JSON.stringify({ name: '@rspack-native/binding', repository: { url: 'https://example.org/x.git' } }),
  );
  assert.throws(
    () => renameScope({ scope: '@acme', repository: 'acme/x', cwd: dir, install: false }),
    /repository\.url \(https:\/\/example\.org\/x\.git\) is not a GitHub repository URL/,
  );
});
