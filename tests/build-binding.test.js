// The dev build (`pnpm build:binding`) and `pnpm test:rust` share one cargo environment, so that
// neither recompiles what the other built: the property that keeps the edit loop short.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cargoArtifact, currentTypeDefs } from '../scripts/build-binding.mjs';
import { napiEnv } from '../scripts/napi-env.mjs';
import { repoRoot, rustHost } from '../scripts/workspace.mjs';
import { runNode, tempDir } from './helpers.js';

describe('the dev build of the binding', () => {
  test('gives cargo the same environment every time, with every napi-derive crate', () => {
    const first = napiEnv();
    assert.deepEqual(napiEnv(), first);
    for (const crate of ['RSPACK_BINDING_API', 'RSPACK_NATIVE_BINDING', 'RSPACK_NATIVE_MANIFEST_PLUGIN']) {
      assert.ok(
        `NAPI_FORCE_BUILD_${crate}` in first,
        `${crate} is forced only when its definitions are missing`,
      );
    }
  });

  test('after pnpm test:rust, rebuilding compiles nothing and links the .node to cargo’s artifact', async () => {
    const env = { ...process.env, CARGO_TERM_COLOR: 'never' };
    const tests = await runNode([path.join(repoRoot, 'scripts/test-rust.mjs')], {
      cwd: repoRoot,
      env,
    });
    assert.equal(tests.code, 0, tests.stderr);
    const build = await runNode([path.join(repoRoot, 'scripts/build-binding.mjs')], { cwd: repoRoot, env });
    assert.equal(build.code, 0, build.stderr);
    assert.doesNotMatch(build.stderr, /Compiling/, 'nothing was compiled again');
    assert.match(build.stdout, /\(types unchanged\)/);

    const node = fs.readdirSync(path.join(repoRoot, 'binding')).find((file) => file.endsWith('.node'));
    const [linked, built] = [path.join(repoRoot, 'binding', node), cargoArtifact(rustHost())].map((file) =>
      fs.statSync(file, { bigint: true }),
    );
    if (linked.ino === built.ino && linked.dev === built.dev) return;
    // Where no link can be made (Windows runners keep the target dir on another drive than the
    // checkout), a copy of the same size and time.
    assert.notEqual(process.platform, 'linux', 'a hard link');
    assert.equal(linked.size, built.size, 'a hard link, or a copy');
    assert.ok(Math.abs(Number(linked.mtimeMs - built.mtimeMs)) <= 1, 'a hard link, or an up-to-date copy');
  });
});

describe("the binding's TypeScript definitions", () => {
  /** A type-definition file as napi-derive writes it: one JSON declaration a line. */
  const declarations = (...items) => items.map((item) => `${JSON.stringify(item)}\n`).join('');

  test('come from the crates of this checkout only, and one name is declared once', async () => {
    const shared = await tempDir('typedefs');
    fs.writeFileSync(
      path.join(shared, 'rspack_binding_api'),
      declarations({ kind: 'struct', name: 'JsCompiler' }, { kind: 'impl', name: 'JsCompiler' }),
    );
    fs.writeFileSync(
      path.join(shared, 'a_plugin'),
      declarations({ kind: 'interface', name: 'APluginOptions' }),
    );
    // A crate of another checkout sharing the target dir, or one since removed.
    fs.writeFileSync(
      path.join(shared, 'gone_plugin'),
      declarations({ kind: 'interface', name: 'GoneOptions' }),
    );
    const folder = currentTypeDefs(shared, ['rspack_binding_api', 'a_plugin', 'missing_plugin']);
    assert.deepEqual(fs.readdirSync(folder).sort(), ['a_plugin', 'rspack_binding_api']);

    fs.writeFileSync(path.join(shared, 'b_plugin'), declarations({ kind: 'interface', name: 'JsCompiler' }));
    assert.throws(
      () => currentTypeDefs(shared, ['rspack_binding_api', 'b_plugin']),
      /build-binding: rspack_binding_api and b_plugin both declare the TypeScript type JsCompiler/,
    );
  });
});
