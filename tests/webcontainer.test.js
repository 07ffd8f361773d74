// @rspack-native/binding's entry (binding/binding.cjs) on StackBlitz's WebContainers, where no
// .node runs: it installs the WebAssembly package with pnpm on first use and loads it. Run on a
// copy of the entry, with a loader that fails as napi's does without a .node, a fake `pnpm` on
// PATH that "installs" a stand-in package, and `process.versions.webcontainer` set as
// WebContainers set it.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot, runNode, tempDir } from './helpers.js';

const ENTRY_FILES = ['binding.cjs', 'webcontainer-fallback.cjs'];
const wasmPackage = '@rspack-native/binding-wasm32-wasi';

/**
 * A binding folder whose native loader fails, a temp dir of its own, and a `pnpm` that records
 * its arguments and writes `wasmPackage` (or fails, with `pnpmFails`).
 */
async function fakeWebContainer({ pnpmFails = false } = {}) {
  const root = await tempDir('webcontainer');
  const bindingDir = path.join(root, 'binding');
  const bin = path.join(root, 'bin');
  const tmp = path.join(root, 'tmp');
  await Promise.all([bindingDir, bin, tmp].map((dir) => fs.mkdir(dir)));
  for (const file of ENTRY_FILES)
    await fs.copyFile(path.join(repoRoot, 'binding', file), path.join(bindingDir, file));
  await fs.writeFile(
    path.join(bindingDir, 'package.json'),
    JSON.stringify({ name: '@rspack-native/binding', version: '1.2.3', main: 'binding.cjs' }),
  );
  await fs.writeFile(path.join(bindingDir, 'index.js'), "throw new Error('Cannot find native binding.');\n");
  const calls = path.join(root, 'pnpm-calls');
  const installed = `node_modules/${wasmPackage}`;
  await fs.writeFile(
    path.join(bin, 'pnpm'),
    [
      '#!/bin/sh',
      `echo "$PWD $*" >> ${JSON.stringify(calls)}`,
      pnpmFails ? 'echo "ERR_PNPM_FETCH_404" >&2; exit 1' : `mkdir -p ${installed}`,
      `echo '{"name":"${wasmPackage}","main":"loader.cjs"}' > ${installed}/package.json`,
      `echo 'module.exports = { loadedFrom: "the WebAssembly package" }' > ${installed}/loader.cjs`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TMPDIR: tmp };
  /** Loads the binding's entry, in a WebContainer or not; resolves with the process's result. */
  const load = (webcontainer = true) =>
    runNode(
      [
        '-e',
        `${webcontainer ? "process.versions.webcontainer = '1.0.0';" : ''}` +
          `console.log(JSON.stringify(require(${JSON.stringify(path.join(bindingDir, 'binding.cjs'))})));`,
      ],
      { env },
    );
  const pnpmCalls = async () =>
    (await fs.readFile(calls, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { load, pnpmCalls, tmp };
}

// WebContainers are Linux-like; the fake pnpm is a shell script.
describe(
  'on a WebContainer',
  { skip: process.platform === 'win32' && 'the fake pnpm is a shell script' },
  () => {
    test('installs the WebAssembly package with pnpm once, into the temp dir, and loads it', async () => {
      const { load, pnpmCalls, tmp } = await fakeWebContainer();
      for (let run = 0; run < 2; run++) {
        const result = await load();
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1)), {
          loadedFrom: 'the WebAssembly package',
        });
      }
      assert.deepEqual(await pnpmCalls(), [
        `${path.join(tmp, 'rspack-native-binding-1.2.3')} install ${wasmPackage}@1.2.3`,
      ]);
    });

    test('a failed install names the package and how to add it instead', async () => {
      const { load } = await fakeWebContainer({ pnpmFails: true });
      const result = await load();
      assert.notEqual(result.code, 0);
      assert.match(
        result.stderr,
        new RegExp(
          `this WebContainer runs only the WebAssembly build, and installing ${wasmPackage}@1\\.2\\.3 with pnpm failed .*` +
            `pnpm add ${wasmPackage}@1\\.2\\.3`,
        ),
      );
    });

    test('elsewhere, the loader’s own error, and nothing installed', async () => {
      const { load, pnpmCalls } = await fakeWebContainer();
      const result = await load(false);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /Error: Cannot find native binding\./);
      assert.deepEqual(await pnpmCalls(), []);
    });
  },
);
