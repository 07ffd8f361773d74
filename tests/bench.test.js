// The benchmark's generator and runner at a tiny size. No timing is asserted: the runner's
// numbers are for people (bench/README.md); here it must run, compare outputs and report.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { generateApp } from '../bench/generate.mjs';
import { currentPlatform } from '../packages/core/src/platform-package.js';
import { readTree, repoRoot, runNode, tempDir } from './helpers.js';

test('the generator makes the same app from the same seed, with every kind of module', async () => {
  const dir = await tempDir('bench-generate');
  generateApp({ out: path.join(dir, 'a'), modules: 300, packages: 6, seed: 7 });
  generateApp({ out: path.join(dir, 'b'), modules: 300, packages: 6, seed: 7 });
  generateApp({ out: path.join(dir, 'c'), modules: 300, packages: 6, seed: 8 });
  const a = readTree(path.join(dir, 'a'));
  assert.deepEqual(a, readTree(path.join(dir, 'b')));
  assert.notDeepEqual(a, readTree(path.join(dir, 'c')));

  const modules = [...a.keys()].filter((file) => file.startsWith('src/f'));
  assert.equal(modules.length, 300);
  for (const extension of ['.js', '.cjs', '.css', '.json', '.png']) {
    assert.ok(
      modules.some((file) => file.endsWith(extension)),
      `some ${extension} modules`,
    );
  }
  const packages = [...a.keys()].filter(
    (file) => file.startsWith('node_modules') && file.endsWith('package.json'),
  );
  assert.equal(packages.length, 6);
  assert.ok([...a.keys()].filter((file) => file.endsWith('LICENSE')).length === 6);
  assert.ok(
    [...a.values()].some((text) => text.includes('import(')),
    'dynamic imports',
  );
  assert.throws(
    () => generateApp({ out: path.join(dir, 'd'), modules: 3 }),
    /--modules must be an integer ≥ 10, got 3/,
  );
});

test('pnpm bench runs every variant, checks the pairs, and prints the table', async () => {
  // The dev .node of this run: the release build is not part of the test command.
  const binding = path.join(repoRoot, 'binding', `rspack-native.${currentPlatform()}.node`);
  const result = await runNode(
    ['bench/run.mjs', '--modules', '80', '--packages', '3', '--runs', '1', '--binding', binding],
    { cwd: repoRoot },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.match(/identical output: /g)?.length, 3);
  for (const variant of [
    'official',
    'ours',
    'official + rspack-manifest-plugin',
    'ours + ManifestPlugin',
    'official + string-replace-loader',
    'ours + builtin:replace-loader',
  ]) {
    assert.match(result.stdout, new RegExp(`\\| ${variant.replace('+', '\\+')} +\\| +\\d+\\.\\d\\d \\|`));
  }
  assert.match(result.stdout, /ours \/ official, no plugins: +time \d+\.\d{3}, peak RSS \d+\.\d{3}/);
  assert.match(result.stdout, /manifest overhead over its baseline: rspack-manifest-plugin [+-]\d+\.\d %/);
  assert.match(result.stdout, /fewer than 5: a smoke run/);
});

test('a bad size is an error that names the flag', async () => {
  const result = await runNode(['bench/run.mjs', '--modules', 'many', '--binding', 'x.node'], {
    cwd: repoRoot,
  });
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /bench: --modules must be integers ≥ 10 \(comma-separated for --sizes\), got "many"/,
  );
});
