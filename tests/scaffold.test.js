// `pnpm new-plugin`: scaffolds a plugin crate that builds and passes its own unit test, and adds
// it to the binding and to @rspack-native/core, touching three existing files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { typeDefDir } from '../scripts/napi-env.mjs';
import { cargoTargetDir } from '../scripts/workspace.mjs';
import { copyCheckout, runNode } from './helpers.js';

/** Every file under `dir` (but build outputs and dependencies) with its text. */
async function snapshot(dir) {
  const files = new Map();
  for (const file of await fs.readdir(dir, { recursive: true })) {
    if (/(^|[\\/])(node_modules|target)([\\/]|$)/.test(file)) continue;
    const full = path.join(dir, file);
    if ((await fs.stat(full)).isFile())
      files.set(file.split(path.sep).join('/'), await fs.readFile(full, 'utf8'));
  }
  return files;
}

test('new-plugin scaffolds a crate that builds, passes its test and is registered', async () => {
  // The sources git tracks or would track, without build outputs.
  const { dir } = await copyCheckout('scaffold', { untracked: true });
  const script = path.join(dir, 'scripts/new-plugin.mjs');

  const bad = await runNode([script, 'assetList'], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /usage: pnpm new-plugin <Name>Plugin/);

  const before = await snapshot(dir);
  const result = await runNode([script, 'AssetListPlugin'], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const after = await snapshot(dir);
  const changed = [...before.keys()].filter((file) => before.get(file) !== after.get(file)).sort();
  assert.deepEqual(
    changed,
    ['binding/Cargo.toml', 'packages/core/src/index.d.ts', 'packages/core/src/index.js'],
    'adding a plugin touches three existing files',
  );
  const added = [...after.keys()].filter((file) => !before.has(file)).sort();
  assert.deepEqual(added, [
    'crates/asset-list-plugin/Cargo.toml',
    'crates/asset-list-plugin/build.rs',
    'crates/asset-list-plugin/src/lib.rs',
    'packages/core/src/plugins/asset-list.d.ts',
    'packages/core/src/plugins/asset-list.js',
  ]);
  assert.match(
    after.get('binding/Cargo.toml'),
    /rspack_native_asset_list_plugin = \{ path = "\.\.\/crates\/asset-list-plugin" \}/,
  );
  assert.match(
    after.get('packages/core/src/index.js'),
    /export \{ AssetListPlugin \} from '\.\/plugins\/asset-list\.js';/,
  );
  assert.match(after.get('packages/core/src/index.d.ts'), /export \* from '\.\/plugins\/asset-list\.js';/);
  assert.match(after.get('crates/asset-list-plugin/src/lib.rs'), /#\[derive\(PluginOptions\)\]/);
  for (const file of ['packages/core/src/index.js', 'packages/core/src/plugins/asset-list.js']) {
    execFileSync(process.execPath, ['--check', path.join(dir, file)]);
  }

  const again = await runNode([script, 'AssetListPlugin'], { cwd: dir });
  assert.equal(again.code, 1);
  assert.match(again.stderr, /crates\/asset-list-plugin already exists/);

  // The copy's own `pnpm test:rust`, on this checkout's target dir: the same environment as
  // this checkout's builds (build-binding.mjs), so only the new crate and the copy's own path
  // crates compile, and this checkout's rspack_binding_api is not invalidated.
  const env = { ...process.env, CARGO_TARGET_DIR: cargoTargetDir() };
  const output = execFileSync(process.execPath, [path.join(dir, 'scripts/test-rust.mjs')], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  // The copy wrote type definitions this checkout does not have (the new crate, a binding that
  // registers it) into the shared folder: remove them, so that this checkout's next build
  // regenerates its own.
  for (const crate of ['rspack_native_asset_list_plugin', 'rspack_native_binding']) {
    await fs.rm(path.join(typeDefDir(), crate), { force: true });
  }
  assert.match(output, /test tests::lists_assets_one_per_line \.\.\. ok/);
});
