// The WebAssembly binding (`pnpm build:binding --target wasm32-wasip1-threads`) writes what the
// native one writes. Skipped, saying how to set it up, where the `.wasm` has not been built:
// `pnpm test` needs only Rust and Node. `pnpm test:wasm` builds it and runs this file and the
// plugins' tests on it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { currentPlatform } from '../packages/core/src/platform-package.js';
import { roundTrip } from '../scripts/registry-round-trip.mjs';
import { envWithoutForcedBinding, wasmArtifact } from '../scripts/workspace.mjs';
import { exampleDir, readTree, repoRoot, runNode, tempDir } from './helpers.js';

const bindingDir = path.join(repoRoot, 'binding');
const { binaryName } = JSON.parse(fs.readFileSync(path.join(bindingDir, 'package.json'), 'utf8')).napi;
const wasm = path.join(bindingDir, wasmArtifact(binaryName));
const skip = fs.existsSync(wasm)
  ? false
  : `no WebAssembly binding (${path.relative(repoRoot, wasm)}); set it up with ` +
    '`pnpm setup:wasm && pnpm build:binding --target wasm32-wasip1-threads`, or run `pnpm test:wasm`';
const rspackNativeBin = path.join(repoRoot, 'packages/core/bin/rspack-native.js');

/** The environment of a build on the native binding (`false`) or on the `.wasm` (`true`). */
function bindingEnv(onWasm) {
  return envWithoutForcedBinding(onWasm ? { NAPI_RS_FORCE_WASI: 'error' } : {});
}

/**
 * Runs `rspack-native build` on the example app on either binding, unminified (see below), with
 * `config` changed by the JavaScript statements `change`; resolves with the process's result and
 * the output folder.
 */
async function buildExample(onWasm, change = '') {
  const dir = await tempDir(onWasm ? 'wasm' : 'native');
  const config = path.join(dir, 'rspack.config.mjs');
  const example = pathToFileURL(path.join(exampleDir, 'rspack.config.js')).href;
  fs.writeFileSync(
    config,
    `import { nativeConfig } from ${JSON.stringify(example)};\n` +
      `const config = nativeConfig({ outputPath: ${JSON.stringify(path.join(dir, 'out'))} });\n` +
      'config.optimization = { ...config.optimization, minimize: false };\n' +
      `${change}\nexport default config;\n`,
  );
  const result = await runNode([rspackNativeBin, 'build', '--config', config], {
    cwd: exampleDir,
    env: bindingEnv(onWasm),
    // A build that hangs (as one with the persistent cache did) fails the test instead.
    timeout: 5 * 60_000,
  });
  return { ...result, dir, outDir: path.join(dir, 'out') };
}

/** The files of the example app built on either binding (see `buildExample`). */
async function exampleFiles(onWasm) {
  const build = await buildExample(onWasm);
  assert.equal(build.code, 0, `build failed:\n${build.stdout}\n${build.stderr}`);
  return readTree(build.outDir);
}

describe('the WebAssembly binding', { skip }, () => {
  test('NAPI_RS_FORCE_WASI=error loads the .wasm through the binding package, and only it', async () => {
    const script =
      "const b = require('./index.js'); " +
      "const wasi = Object.keys(require.cache).filter((f) => f.endsWith('.wasi.cjs')); " +
      'console.log(JSON.stringify({ wasi, exports: Object.keys(b).sort() }));';
    const loaded = {};
    for (const onWasm of [true, false]) {
      const result = await runNode(['-e', script], { cwd: bindingDir, env: bindingEnv(onWasm) });
      assert.equal(result.code, 0, result.stderr);
      loaded[onWasm] = JSON.parse(result.stdout.trim().split('\n').at(-1));
    }
    assert.deepEqual(
      loaded.true.wasi.map((file) => path.basename(file)),
      [`${binaryName}.wasi.cjs`],
    );
    assert.deepEqual(loaded.false.wasi, []);
    assert.ok(loaded.true.exports.includes('registerNativePlugin'), 'our plugins are in the .wasm');
    assert.deepEqual(loaded.true.exports, loaded.false.exports, 'the same exports as the .node');
  });

  // Minified, Rspack itself writes other local names on wasm32 in some chunks (its mangler's
  // ties; @rspack/binding-wasm32-wasi 2.3.1 against @rspack/binding 2.3.1 does the same, README),
  // so the comparison is of everything else: the unminified build.
  test('examples/basic-app, with the native ManifestPlugin and replace loader: the same files', async () => {
    const native = await exampleFiles(false);
    const onWasm = await exampleFiles(true);
    assert.ok(native.has('manifest.json'), 'the native plugin ran');
    assert.deepEqual([...onWasm.keys()], [...native.keys()]);
    for (const [file, bytes] of native) {
      if (file === 'manifest.json') continue;
      assert.ok(onWasm.get(file).equals(bytes), `${file} differs between the .wasm and the .node`);
    }
    // The same entries; their order follows Rspack's sets of a chunk's files, whose order differs
    // on wasm32 (rspack-manifest-plugin on the same binding lists them the same way:
    // tests/manifest.test.js, run by `pnpm test:wasm`).
    const entries = (tree) => Object.entries(JSON.parse(tree.get('manifest.json'))).sort();
    assert.deepEqual(entries(onWasm), entries(native));
  });

  test('the persistent cache is refused with a message, not a panic and a hung build', async () => {
    const build = await buildExample(
      true,
      "config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: config.output.path + '-cache' } };",
    );
    assert.notEqual(build.code, 0, 'the build must fail');
    assert.match(
      build.stderr + build.stdout,
      /rspack-native: cache\.type "persistent" does not work on the WebAssembly binding/,
    );
    assert.doesNotMatch(build.stderr, /panicked/);
    assert.equal(fs.existsSync(build.outDir), false, 'nothing was written');
  });

  // The benchmark's script at a tiny size, on the dev builds (no timing asserted: the numbers
  // are for bench/README.md, from the release builds).
  test('pnpm bench:wasm runs the four bindings, checks their outputs and prints the ratios', async () => {
    const node = path.join(bindingDir, `${binaryName}.${currentPlatform()}.node`);
    const result = await runNode(
      [path.join(repoRoot, 'bench/wasm.mjs'), '--modules', '30', '--runs', '1', '--binding', node],
      { cwd: repoRoot, env: bindingEnv(false), timeout: 10 * 60_000 },
    );
    assert.equal(result.code, 0, result.stderr);
    for (const side of ['ours', 'Rspack']) {
      assert.match(
        result.stdout,
        new RegExp(`identical output but for content hashes: ${side}, wasm = ${side}, native`),
      );
      for (const mode of ['production', 'development'])
        assert.match(
          result.stdout,
          new RegExp(`\\| ${side}, ${mode} +\\| +[\\d.]+ \\| +[\\d.]+ \\| [\\d.]+ \\(`),
        );
    }
    assert.match(result.stdout, /\.wasm size: ours [\d.]+ MB, Rspack 2\.3\.1's [\d.]+ MB/);
  });

  // The package as users get it: published to a local registry with the .node of this platform,
  // installed with `--cpu=wasm32` so that only the WebAssembly one is, and picked by the loader
  // with no NAPI_RS_FORCE_WASI.
  test('@rspack-native/binding-wasm32-wasi from a registry: installed with --cpu=wasm32, it builds the example', async () => {
    const wasmPackage = '@rspack-native/binding-wasm32-wasi';
    const { optionalDependencies, results } = await roundTrip({ wasm });
    assert.ok(wasmPackage in optionalDependencies);
    for (const packageManager of ['pnpm', 'npm']) {
      const { installed, manifest, missingPackageError } = results[packageManager];
      assert.deepEqual(installed, [wasmPackage], `${packageManager} installs only the WebAssembly package`);
      assert.match(manifest['main.js'], /^\/static\/js\/main\.[a-f0-9]{16}\.js$/);
      assert.match(missingPackageError, /is not installed\./);
      assert.match(missingPackageError, new RegExp(`${wasmPackage}@[^ ]+ is not installed either`));
    }
  });
});
