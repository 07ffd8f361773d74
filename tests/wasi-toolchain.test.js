// The WebAssembly toolchain's checks, without building: a missing piece is named with the command
// that installs it, and a complete toolchain gives cargo what the build needs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { WASI_TARGET, wasiBuildEnv } from '../scripts/wasi-toolchain.mjs';
import { repoRoot, runNode } from './helpers.js';

/** The four pieces, each found at a made-up path unless named in `missing`. */
function pieces(missing = []) {
  const ids = { libc: 'libc', 'rust-src': 'rustSrc', zig: 'zig', emnapi: 'emnapi' };
  return Object.entries(ids).map(([name, id]) => ({
    id,
    name,
    found: missing.includes(name) ? undefined : `/found/${name}`,
    install: ['install', name],
  }));
}

test('a missing piece stops the build, naming each one with its command and the setup command', () => {
  assert.throws(
    () => wasiBuildEnv(pieces(['zig', 'rust-src'])),
    (error) => {
      assert.match(error.message, /^The WebAssembly build needs what is not installed:\n/);
      assert.match(error.message, /^- rust-src: install rust-src$/m);
      assert.match(error.message, /^- zig: install zig$/m);
      assert.doesNotMatch(error.message, /libc|emnapi/);
      assert.match(error.message, /Install them all with: pnpm setup:wasm$/);
      return true;
    },
  );
});

test("a complete toolchain gives cargo the C wrappers, emnapi's archives and stable's wasi-libc", () => {
  const env = wasiBuildEnv(pieces());
  assert.equal(env.CC_wasm32_wasip1_threads, path.join(repoRoot, 'scripts/wasi/cc'));
  assert.equal(env.AR_wasm32_wasip1_threads, path.join(repoRoot, 'scripts/wasi/ar'));
  assert.equal(env.EMNAPI_LINK_DIR, '/found/emnapi');
  const rustflags = env.CARGO_TARGET_WASM32_WASIP1_THREADS_RUSTFLAGS.split(' ');
  assert.ok(rustflags.includes('-Lnative=/found/libc'), rustflags.join(' '));
  assert.ok(rustflags.includes(`-Clink-arg=${path.join('/found/libc', 'crt1-reactor.o')}`));
  assert.ok(rustflags.includes('-Ctarget-feature=+simd128'));
  assert.equal(WASI_TARGET, 'wasm32-wasip1-threads');
});

test('build-binding refuses a target other than WebAssembly, naming the one it takes', async () => {
  const result = await runNode(['scripts/build-binding.mjs', '--target', 'aarch64-apple-darwin'], {
    cwd: repoRoot,
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--target takes wasm32-wasip1-threads .*; got aarch64-apple-darwin/);
});
