// `pnpm new-plugin`: scaffolds a plugin crate that builds and passes its own unit test, and
// registers it in the binding and in @rspack-native/core.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { typeDefDir } from '../scripts/napi-env.mjs';
import { cargoTargetDir } from '../scripts/workspace.mjs';
import { copyCheckout, runNode } from './helpers.js';

test('new-plugin scaffolds a crate that builds, passes its test and is registered', async () => {
  // The sources git tracks or would track, without build outputs.
  const { dir } = await copyCheckout('scaffold', { untracked: true });
  const script = path.join(dir, 'scripts/new-plugin.mjs');

  const bad = await runNode([script, 'assetList'], { cwd: dir });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /usage: pnpm new-plugin <Name>Plugin/);

  const result = await runNode([script, 'AssetListPlugin'], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    await fs.readFile(path.join(dir, 'Cargo.toml'), 'utf8'),
    /rspack_native_asset_list_plugin = \{ path = "crates\/asset-list-plugin" \}/,
  );
  assert.match(
    await fs.readFile(path.join(dir, 'binding/Cargo.toml'), 'utf8'),
    /rspack_native_asset_list_plugin = \{ workspace = true \}/,
  );
  assert.match(
    await fs.readFile(path.join(dir, 'binding/src/lib.rs'), 'utf8'),
    /#\[napi\(js_name = "registerAssetListPlugin"\)\]\npub fn register_asset_list_plugin\(\) -> napi::Result<\(\)> \{\n  register\("AssetListPlugin", rspack_native_asset_list_plugin::resolve\)\n\}/,
  );
  assert.match(
    await fs.readFile(path.join(dir, 'packages/core/src/plugins.js'), 'utf8'),
    /export const AssetListPlugin = nativePlugin\('AssetListPlugin'\);/,
  );
  assert.match(
    await fs.readFile(path.join(dir, 'packages/core/src/index.d.ts'), 'utf8'),
    /export declare class AssetListPlugin/,
  );
  execFileSync(process.execPath, ['--check', path.join(dir, 'packages/core/src/plugins.js')]);

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
