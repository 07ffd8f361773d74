// The release build's arguments and the PGO pipeline's pieces, without building (a release build
// takes an hour here; bench/README.md has what the builds measured).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { optimizeWasm, releaseBuildArgs, speedProfileArgs } from '../scripts/build-release.mjs';
import { boltGrowthError, findBolt } from '../scripts/bolt.mjs';
import {
  llvmTool,
  pgoPaths,
  pgoRefusal,
  pgoRustflags,
  provideBindingLoader,
  weightedInputs,
} from '../scripts/pgo.mjs';
import { childEnv } from '../scripts/pgo-train.mjs';
import { repoRoot, tempDir } from './helpers.js';

/** The rustflags a `napi build` argument list passes to cargo. */
function rustflagsOf(args) {
  const config = args.find((arg) => arg.startsWith("target.'cfg(all())'.rustflags"));
  return JSON.parse(config.slice(config.indexOf('=') + 1));
}

test("a release build passes Rspack's release flags, and a PGO build its own after them", () => {
  const plain = rustflagsOf(releaseBuildArgs('x86_64-unknown-linux-gnu'));
  assert.deepEqual(plain, [
    '-Zlocation-detail=none',
    '-Cforce-unwind-tables=no',
    '-Zshare-generics=y',
    '-Csymbol-mangling-version=v0',
  ]);
  const paths = pgoPaths('/cache/target');
  const { instrumented, optimized } = pgoRustflags(paths);
  assert.deepEqual(rustflagsOf(releaseBuildArgs('x86_64-unknown-linux-gnu', [], instrumented)), [
    ...plain,
    `-Cprofile-generate=${path.join('/cache/target', 'pgo-profiles')}`,
    // A thin link, for the runner's memory; the profile (so every crate's metadata) is untouched.
    '-Clto=thin',
  ]);
  assert.deepEqual(optimized, [
    `-Cprofile-use=${path.join('/cache/target', 'pgo-profiles', 'merged.profdata')}`,
  ]);
  assert.notEqual(paths.instrumentedTarget, paths.optimizedTarget, 'each build keeps its own cache');
});

test('a WebAssembly release build uses the size profile and no Wasm plugins, with the release flags', () => {
  const args = releaseBuildArgs('wasm32-wasip1-threads');
  assert.deepEqual(args.slice(args.indexOf('--platform') + 1, args.indexOf('--dts')), [
    '--profile',
    'release-wasi',
  ]);
  assert.ok(!args.includes('--release'), 'the profile is release-wasi, not release');
  assert.equal(args[args.indexOf('--features') + 1], 'info-level');
  assert.deepEqual(rustflagsOf(args), rustflagsOf(releaseBuildArgs('x86_64-unknown-linux-gnu')));
});

test('the WebAssembly release is shrunk by wasm-opt in place, threads and all, and still runs', async () => {
  const dir = await tempDir('wasm-opt');
  const wasmAs = createRequire(path.join(repoRoot, 'binding/package.json')).resolve('binaryen/bin/wasm-as');
  const wat = path.join(dir, 'module.wat');
  // A shared memory and an atomic load, as the binding's: wasm-opt refuses them unless told the
  // module's features (its release build has no target_features section to read them from).
  await fs.writeFile(
    wat,
    '(module (import "env" "memory" (memory 1 1 shared))\n' +
      '  (func (export "three") (result i32) (i32.add (i32.atomic.load (i32.const 0)) (i32.const 3)))\n' +
      '  (func $unused (export "unused") (result i32) (i32.mul (i32.const 6) (i32.const 7))))\n',
  );
  const wasm = path.join(dir, 'rspack-native.wasm32-wasi.wasm');
  const assembled = spawnSync(process.execPath, [wasmAs, '--enable-threads', wat, '-o', wasm], {
    encoding: 'utf8',
  });
  assert.equal(assembled.status, 0, assembled.stderr);
  await fs.copyFile(wasm, path.join(dir, 'rspack-native.wasm32-wasi.debug.wasm'));
  const before = (await fs.stat(wasm)).size;
  optimizeWasm(dir);
  assert.ok((await fs.stat(wasm)).size < before, 'constants folded');
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  const { instance } = await WebAssembly.instantiate(await fs.readFile(wasm), { env: { memory } });
  assert.equal(instance.exports.three(), 3);
  assert.deepEqual(
    await fs.readdir(dir),
    ['module.wat', 'rspack-native.wasm32-wasi.wasm'],
    'the .debug.wasm went',
  );
});

test("the speed profile sets each of the workspace's size overrides to opt-level 3, after the rustflags", async () => {
  const cargoToml = await fs.readFile(new URL('../Cargo.toml', import.meta.url), 'utf8');
  const overrides = [...cargoToml.matchAll(/^"?([\w-]+)"? = \{ opt-level = "s" \}$/gm)].map(
    ([, name]) => name,
  );
  assert.ok(overrides.length > 50, 'Rspack overrides more than 50 crates');
  const args = speedProfileArgs();
  assert.deepEqual(
    args,
    overrides.flatMap((name) => ['--config', `profile.release.package."${name}".opt-level=3`]),
  );
  const build = releaseBuildArgs('x86_64-unknown-linux-gnu', [], ['-Ctarget-cpu=x86-64-v3'], args);
  assert.deepEqual(build.slice(-args.length), args);
  assert.equal(rustflagsOf(build).at(-1), '-Ctarget-cpu=x86-64-v3');
});

test('without llvm-tools, the PGO build says which command installs them', async () => {
  const sysroot = await tempDir('pgo-sysroot');
  assert.throws(
    () => llvmTool(sysroot, 'llvm-profdata', 'x86_64-unknown-linux-gnu'),
    /llvm-profdata from the toolchain's own LLVM is not installed .*\nFix: rustup component add llvm-tools/,
  );
  const bin = path.join(sysroot, 'lib/rustlib/x86_64-unknown-linux-gnu/bin');
  await fs.mkdir(bin, { recursive: true });
  const exe = process.platform === 'win32' ? 'llvm-profdata.exe' : 'llvm-profdata';
  await fs.writeFile(path.join(bin, exe), '');
  assert.equal(llvmTool(sysroot, 'llvm-profdata', 'x86_64-unknown-linux-gnu'), path.join(bin, exe));
});

test("BOLT's tools are found on PATH, the newest LLVM first, or at LLVM_BOLT; when missing, the error says how to install them", async () => {
  const dir = await tempDir('bolt-tools');
  const tool = async (name) => {
    await fs.writeFile(path.join(dir, name), '#!/bin/sh\n');
    await fs.chmod(path.join(dir, name), 0o755);
    return path.join(dir, name);
  };
  for (const name of ['llvm-bolt-18', 'merge-fdata-18', 'llvm-bolt-19', 'merge-fdata-19']) await tool(name);
  assert.deepEqual(findBolt({ PATH: dir }), {
    bolt: path.join(dir, 'llvm-bolt-19'),
    mergeFdata: path.join(dir, 'merge-fdata-19'),
  });
  assert.deepEqual(findBolt({ PATH: '', LLVM_BOLT: path.join(dir, 'llvm-bolt-18') }), {
    bolt: path.join(dir, 'llvm-bolt-18'),
    mergeFdata: path.join(dir, 'merge-fdata-18'),
  });
  const empty = await tempDir('no-bolt');
  assert.throws(
    () => findBolt({ PATH: empty }),
    /llvm-bolt was not found \(on PATH\)\.\nFix: apt-get install bolt-19/,
  );
  const lone = await tempDir('lone-bolt');
  await fs.writeFile(path.join(lone, 'llvm-bolt'), '');
  await fs.chmod(path.join(lone, 'llvm-bolt'), 0o755);
  assert.throws(() => findBolt({ PATH: lone }), /merge-fdata is not beside .*llvm-bolt \(.*merge-fdata\)/);
});

test('a BOLT-optimized .node much larger than before BOLT is refused: its new code did not fit in the old place', () => {
  // Measured: 47,359,880 bytes before, 48,865,992 after; 88,716,632 when the code did not fit.
  assert.equal(boltGrowthError(47_359_880, 48_865_992), null);
  assert.match(
    boltGrowthError(47_359_880, 88_716_632),
    /--bolt: the optimized \.node is 88\.7 MB, against 47\.4 MB before BOLT: llvm-bolt could not put the new code in the old code's place/,
  );
});

test('a PGO build is refused for a target this machine cannot run to train it', () => {
  const host = 'x86_64-unknown-linux-gnu';
  assert.equal(pgoRefusal(host, host, []), null);
  assert.equal(pgoRefusal(host, host, ['--use-napi-cross']), null, 'the glibc 2.17 toolchain');
  assert.match(
    pgoRefusal('aarch64-unknown-linux-gnu', host, []),
    /--pgo trains the instrumented \.node by running it, so it builds only for this machine \(x86_64-unknown-linux-gnu\), not for aarch64-unknown-linux-gnu/,
  );
  assert.match(
    pgoRefusal(host, host, ['--cross-compile']),
    /not for x86_64-unknown-linux-gnu with --cross-compile/,
  );
  assert.match(
    pgoRefusal('aarch64-unknown-linux-gnu', host, [], '--bolt'),
    /--bolt trains the instrumented \.node/,
  );
});

test("each training build's profile is named after its mode, and the merge weighs each mode", () => {
  const env = { LLVM_PROFILE_FILE: path.join('/p', 'rspack-%p-%m.profraw'), KEPT: '1' };
  const child = childEnv({ mode: 'development' }, 'x.node', env);
  assert.equal(child.LLVM_PROFILE_FILE, path.join('/p', 'development-rspack-%p-%m.profraw'));
  assert.equal(child.NAPI_RS_NATIVE_LIBRARY_PATH, path.resolve('x.node'));
  assert.equal(child.KEPT, '1');
  assert.equal(
    childEnv({ mode: 'production' }, 'x.node', {}).LLVM_PROFILE_FILE,
    undefined,
    'not instrumented',
  );

  const files = ['development-rspack-1-a.profraw', 'production-rspack-2-a.profraw', 'rspack-3-a.profraw'].map(
    (file) => path.join('/p', file),
  );
  assert.deepEqual(weightedInputs(files, { production: 1, development: 3 }), [
    `--weighted-input=3,${files[0]}`,
    files[1],
    files[2],
  ]);
});

test('the training gets a loader for the instrumented .node where the binding was never built', async () => {
  const built = await tempDir('pgo-built');
  const binding = await tempDir('pgo-binding');
  await fs.writeFile(path.join(built, 'index.js'), 'loader');
  await fs.writeFile(path.join(built, 'index.d.ts'), 'types');
  assert.equal(provideBindingLoader(built, binding), true);
  assert.equal(await fs.readFile(path.join(binding, 'index.js'), 'utf8'), 'loader');
  assert.equal(await fs.readFile(path.join(binding, 'index.d.ts'), 'utf8'), 'types');

  await fs.writeFile(path.join(binding, 'index.js'), "a dev build's loader");
  assert.equal(provideBindingLoader(built, binding), false);
  assert.equal(await fs.readFile(path.join(binding, 'index.js'), 'utf8'), "a dev build's loader");
});

test('an unknown option (such as the removed --pgso) exits with its name, not a stack trace', () => {
  const script = fileURLToPath(new URL('../scripts/build-release.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--pgso'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^build-release: Unknown option '--pgso'/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});
