// `pnpm new-plugin` and `pnpm new-loader`: each scaffolds a crate that builds and passes its own
// unit test, its face in @rspack-native/core and a Node test, touching three existing files; the
// first build after a scaffold knows the new crates; `pnpm test:rust -p` runs just them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { napiDeriveCrates, typeDefDir } from '../scripts/napi-env.mjs';
import { cargoTargetDir, envWithoutBinding, pnpmCommand, shellCommand } from '../scripts/workspace.mjs';
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

/** Runs `script` with `args` in `dir`; resolves with the files it added and changed, and its output. */
async function scaffold(dir, script, args) {
  const before = await snapshot(dir);
  const result = await runNode([path.join(dir, 'scripts', script), ...args], { cwd: dir });
  assert.equal(result.code, 0, result.stderr);
  const after = await snapshot(dir);
  return {
    after,
    stdout: result.stdout,
    changed: [...before.keys()].filter((file) => before.get(file) !== after.get(file)).sort(),
    added: [...after.keys()].filter((file) => !before.has(file)).sort(),
  };
}

/**
 * Removes the type definitions the copy wrote into the folder it shares with this checkout and
 * this checkout does not have (the new crates, a binding that registers them), so that this
 * checkout's next build regenerates its own.
 */
async function removeCopyTypeDefs() {
  for (const crate of [
    'rspack_native_asset_list_plugin',
    'rspack_native_footer_loader',
    'rspack_native_binding',
  ]) {
    await fs.rm(path.join(typeDefDir(), crate), { force: true });
  }
}

const TOUCHED = ['binding/Cargo.toml', 'packages/core/src/index.d.ts', 'packages/core/src/index.js'];

test('new-plugin and new-loader scaffold crates that build, pass their tests and are registered', async () => {
  // The sources git tracks or would track, without build outputs.
  const { dir } = await copyCheckout('scaffold', { untracked: true });

  for (const [script, name, usage] of [
    ['new-plugin.mjs', 'assetList', /usage: pnpm new-plugin <Name>Plugin/],
    ['new-loader.mjs', 'Footer', /usage: pnpm new-loader <name>-loader/],
  ]) {
    const bad = await runNode([path.join(dir, 'scripts', script), name], { cwd: dir });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, usage);
  }

  const plugin = await scaffold(dir, 'new-plugin.mjs', ['AssetListPlugin']);
  assert.deepEqual(plugin.changed, TOUCHED, 'adding a plugin touches three existing files');
  assert.deepEqual(plugin.added, [
    'crates/asset-list-plugin/Cargo.toml',
    'crates/asset-list-plugin/build.rs',
    'crates/asset-list-plugin/src/lib.rs',
    'packages/core/src/plugins/asset-list.d.ts',
    'packages/core/src/plugins/asset-list.js',
    'tests/asset-list.test.js',
  ]);
  assert.match(
    plugin.after.get('binding/Cargo.toml'),
    /rspack_native_asset_list_plugin = \{ path = "\.\.\/crates\/asset-list-plugin" \}/,
  );
  assert.match(
    plugin.after.get('packages/core/src/index.js'),
    /export \{ AssetListPlugin \} from '\.\/plugins\/asset-list\.js';/,
  );
  assert.match(
    plugin.after.get('packages/core/src/index.d.ts'),
    /export \* from '\.\/plugins\/asset-list\.js';/,
  );
  assert.match(plugin.after.get('crates/asset-list-plugin/src/lib.rs'), /#\[derive\(PluginOptions\)\]/);
  // The constructor's optionality follows the generated options interface.
  assert.match(
    plugin.after.get('packages/core/src/plugins/asset-list.d.ts'),
    /constructor\(\.\.\.args: NativePluginArguments<AssetListPluginOptions>\);/,
  );
  assert.match(plugin.after.get('tests/asset-list.test.js'), /from '\.\/harness\.js'/);
  assert.match(plugin.stdout, /pnpm test:rust -p rspack_native_asset_list_plugin\n/);
  assert.match(plugin.stdout, /pnpm test:js tests\/asset-list\.test\.js\n/);

  const loader = await scaffold(dir, 'new-loader.mjs', ['footer-loader']);
  assert.deepEqual(loader.changed, TOUCHED, 'adding a loader touches three existing files');
  assert.deepEqual(loader.added, [
    'crates/footer-loader/Cargo.toml',
    'crates/footer-loader/build.rs',
    'crates/footer-loader/src/lib.rs',
    'crates/footer-loader/src/loader.rs',
    'crates/footer-loader/src/plugin.rs',
    'packages/core/src/plugins/footer-loader.d.ts',
    'packages/core/src/plugins/footer-loader.js',
    'tests/footer-loader.test.js',
  ]);
  assert.match(loader.after.get('packages/core/src/index.js'), /export \{ FOOTER_LOADER \} from/);
  assert.match(loader.after.get('crates/footer-loader/src/lib.rs'), /"builtin:footer-loader"/);
  assert.match(loader.stdout, /pnpm test:js tests\/footer-loader\.test\.js\n/);

  for (const file of [
    'packages/core/src/index.js',
    'packages/core/src/plugins/asset-list.js',
    'packages/core/src/plugins/footer-loader.js',
    'tests/asset-list.test.js',
    'tests/footer-loader.test.js',
  ]) {
    execFileSync(process.execPath, ['--check', path.join(dir, file)]);
  }

  for (const [script, name, exists] of [
    ['new-plugin.mjs', 'AssetListPlugin', /crates\/asset-list-plugin already exists/],
    ['new-loader.mjs', 'footer-loader', /crates\/footer-loader already exists/],
  ]) {
    const again = await runNode([path.join(dir, 'scripts', script), name], { cwd: dir });
    assert.equal(again.code, 1);
    assert.match(again.stderr, exists);
  }

  // The first build after a scaffold already gives cargo the new crates' type-definition
  // variables (they are not in Cargo.lock yet): the second build does not compile them again.
  const crates = napiDeriveCrates(dir);
  for (const crate of ['rspack_native_asset_list_plugin', 'rspack_native_footer_loader']) {
    assert.ok(crates.includes(crate), `${crate} is known before cargo has run`);
  }

  // The copy's own `pnpm test:rust -p …`, on this checkout's target dir: the same environment as
  // this checkout's builds (build-binding.mjs), so only the new crates and the copy's own path
  // crates compile, and this checkout's rspack_binding_api is not invalidated.
  const env = { ...process.env, CARGO_TARGET_DIR: cargoTargetDir() };
  const args = ['-p', 'rspack_native_asset_list_plugin', '-p', 'rspack_native_footer_loader'];
  const tests = await runNode([path.join(dir, 'scripts/test-rust.mjs'), ...args], {
    cwd: dir,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  // The copy wrote type definitions this checkout does not have (the new crates, a binding that
  // registers them) into the shared folder: remove them, so that this checkout's next build
  // regenerates its own.
  for (const crate of [
    'rspack_native_asset_list_plugin',
    'rspack_native_footer_loader',
    'rspack_native_binding',
  ]) {
    await fs.rm(path.join(typeDefDir(), crate), { force: true });
  }
  assert.equal(tests.code, 0, tests.stderr);
  // Cargo names each test binary it runs on stderr; the tests print on stdout.
  const output = tests.stdout + tests.stderr;
  assert.match(output, /test tests::lists_assets_one_per_line \.\.\. ok/);
  assert.match(output, /test loader::tests::appends_the_footer \.\.\. ok/);
  // `-p` runs those crates' tests and no other crate's.
  const ran = [...output.matchAll(/Running unittests src\/lib\.rs \(.*[\\/]deps[\\/](\w+)-[0-9a-f]+/g)].map(
    ([, crate]) => crate,
  );
  assert.deepEqual(ran.sort(), ['rspack_native_asset_list_plugin', 'rspack_native_footer_loader']);

  // The Node tests the scaffolds wrote pass against the copy's own binding, which has both crates.
  const [pnpm, pnpmArgs] = pnpmCommand(dir);
  execFileSync(
    ...shellCommand(pnpm, [...pnpmArgs, 'install', '--frozen-lockfile', '--prefer-offline'], {
      cwd: dir,
      stdio: 'ignore',
    }),
  );
  const built = await runNode([path.join(dir, 'scripts/build-binding.mjs')], {
    cwd: dir,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  // The second build after a scaffold compiles nothing again (the first one gave cargo the new
  // crates' variables already).
  const rebuilt = await runNode([path.join(dir, 'scripts/build-binding.mjs')], { cwd: dir, env });
  await removeCopyTypeDefs();
  assert.equal(built.code, 0, built.stderr);
  assert.equal(rebuilt.code, 0, rebuilt.stderr);
  assert.doesNotMatch(rebuilt.stderr, /Compiling/);
  // Without NODE_TEST_CONTEXT, which would make the inner `node --test` report to this runner.
  const { NODE_TEST_CONTEXT: _runner, ...testEnv } = envWithoutBinding();
  const generated = await runNode(
    [path.join(dir, 'scripts/test-js.mjs'), 'tests/asset-list.test.js', 'tests/footer-loader.test.js'],
    { cwd: dir, env: testEnv },
  );
  assert.equal(generated.code, 0, generated.stdout + generated.stderr);
  assert.match(generated.stdout, /^# pass 5$/m);
});
