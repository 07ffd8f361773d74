#!/usr/bin/env node
// `pnpm test:wasm`: the tests of the WebAssembly binding. Builds it (`pnpm build:binding --target
// wasm32-wasip1-threads`: cargo rebuilds only what changed), then runs tests/wasm.test.js (the
// `.wasm` against the `.node`) and each plugin's tests with every binding load going to the
// `.wasm` (`NAPI_RS_FORCE_WASI=error`, which the `index.js` loader reads, in the test processes
// and in the builds they start).
// Extra arguments go to `pnpm test:js` (test files, `--test-name-pattern=…`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildWasmBinding } from './build-binding.mjs';
import { repoRoot } from './workspace.mjs';

/**
 * The tests that run on the `.wasm`: the `.wasm` against the `.node`, then every plugin and
 * loader against its JavaScript peer. (The parity test compares minified output, which Rspack
 * itself writes with other local names on wasm32: README, "WebAssembly".)
 */
const WASM_TESTS = [
  'wasm',
  'manifest',
  'assets-manifest',
  'case-sensitive-paths',
  'license',
  'compression',
  'replace-loader',
  'remove-empty-scripts',
  'callbacks',
  'callback-errors',
].map((name) => path.join('tests', `${name}.test.js`));

try {
  buildWasmBinding();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const args = process.argv.slice(2);
const files = args.some((arg) => !arg.startsWith('--')) ? [] : WASM_TESTS;
const tests = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/test-js.mjs'), ...files, ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, NAPI_RS_FORCE_WASI: 'error' },
});
process.exit(tests.status ?? 1);
