// Shared helpers for the integration tests: build an app in-process, read what it wrote.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { rspack } from '@rspack-native/core';
import { repoRoot } from '../scripts/workspace.mjs';

export { readTree, repoRoot } from '../scripts/workspace.mjs';
export const exampleDir = path.join(repoRoot, 'examples/basic-app');

/**
 * Why a test of the persistent cache is skipped, or `false`: the WebAssembly binding
 * (`NAPI_RS_FORCE_WASI=error`, as `pnpm test:wasm` runs) refuses that cache, as tests/wasm.test.js
 * checks (README, "WebAssembly").
 */
export const persistentCacheSkip =
  process.env.NAPI_RS_FORCE_WASI === 'error' && 'the WebAssembly binding has no persistent cache';

const tempDirs = [];
process.on('exit', () => {
  // Windows removes no folder that is a process's working directory (tests chdir into theirs).
  process.chdir(repoRoot);
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      // A file still open (Windows): a leftover temp dir is no test failure, but say so.
      console.error(`could not remove ${dir}: ${error.message}`);
    }
  }
});

/**
 * A new empty directory under the system temp dir, removed when the process exits. Its real
 * path, as resolvers and the working directory give it: macOS's temp dir is behind the /var →
 * /private/var link, and Windows runners name theirs with 8.3 short names (RUNNER~1).
 */
export async function tempDir(prefix) {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), `rspack-native-${prefix}-`)));
  tempDirs.push(dir);
  return dir;
}

/** Runs one build of `config` and closes the compiler; resolves with `{ error, stats }`. */
export function runBuild(config) {
  return new Promise((resolve) => {
    const compiler = rspack(config);
    compiler.run((error, stats) => {
      compiler.close((closeError) => resolve({ error: error ?? closeError, stats }));
    });
  });
}

/** Runs one build of `config`; resolves with the stats, rejects with the build's error. */
export async function build(config) {
  const { error, stats } = await runBuild(config);
  if (error) throw error;
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  return stats;
}

/**
 * Watches `compiler` through `steps`, then closes it. The first step takes the first build; each
 * later step makes its `edit()` 100 ms after the build before and takes the build that has it.
 * A step's `take(stats)` returns what to keep of a build, or `undefined` for a build that is not
 * the step's (one may start from a late event of an earlier edit). Resolves with what was kept,
 * one per step. Rejects on a build error, on a build with compilation errors unless
 * `allowErrors`, and when a step waits more than `timeoutMs` for its build, naming the step: a
 * missed watch event fails the test instead of hanging the test run.
 */
export function watchSteps(
  compiler,
  steps,
  { aggregateTimeout = 20, timeoutMs = 60_000, allowErrors = false } = {},
) {
  return new Promise((resolve, reject) => {
    const kept = [];
    let timer;
    let settled = false;
    const finish = (settle) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      watching.close(() => compiler.close(settle));
    };
    const awaitStep = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const step = `watch step ${kept.length + 1} of ${steps.length}`;
        const error = new Error(`no build for ${step} within ${timeoutMs} ms; kept: ${JSON.stringify(kept)}`);
        finish(() => reject(error));
      }, timeoutMs);
    };
    awaitStep();
    const watching = compiler.watch({ aggregateTimeout }, (error, stats) => {
      if (settled) return;
      if (error) return finish(() => reject(error));
      if (!allowErrors && stats.hasErrors()) {
        return finish(() => reject(new Error(stats.toString('errors-only'))));
      }
      let value;
      try {
        value = steps[kept.length].take(stats);
      } catch (takeError) {
        return finish(() => reject(takeError));
      }
      if (value === undefined) return;
      kept.push(value);
      const next = steps[kept.length];
      if (!next) return finish(() => resolve(kept));
      awaitStep();
      setTimeout(
        () => Promise.resolve(next.edit()).catch((editError) => finish(() => reject(editError))),
        100,
      );
    });
  });
}

/** Asserts that two builds' outputs (from readTree) hold the same files, byte for byte. */
export function assertSameFiles(native, peer) {
  assert.deepEqual([...native.keys()], [...peer.keys()], 'both builds write the same files');
  for (const [file, content] of peer) {
    assert.ok(
      content.equals(native.get(file)),
      `${file} differs between the native and the JavaScript build`,
    );
  }
}

/**
 * Copies the files git lists in this checkout (with `untracked`, also the untracked ones it
 * does not ignore) into a new temp dir; resolves with the dir and the list.
 */
export async function copyCheckout(prefix, { untracked = false } = {}) {
  const dir = await tempDir(prefix);
  const listing = ['ls-files', '-z', ...(untracked ? ['--cached', '--others', '--exclude-standard'] : [])];
  const files = execFileSync('git', listing, { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    const from = path.join(repoRoot, file);
    if (!(await fs.stat(from).catch(() => null))?.isFile()) continue; // deleted but not yet committed
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.copyFile(from, path.join(dir, file));
  }
  return { dir, files };
}

/** Copies the example app's sources and config into a fresh directory (for watch tests). */
export async function copyExample(prefix) {
  const dir = await tempDir(prefix);
  for (const item of ['src', 'app.config.js']) {
    await fs.cp(path.join(exampleDir, item), path.join(dir, item), { recursive: true });
  }
  return dir;
}

const run = promisify(execFile);

/** Runs a Node script; resolves with exit code, stdout and stderr (never rejects on exit code). */
export async function runNode(args, options) {
  try {
    const { stdout, stderr } = await run(process.execPath, args, { ...options, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    if (typeof error.code !== 'number') throw error;
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}

/**
 * Runs fixtures/build-example.mjs with `spec` in a fresh process (see that file for the spec);
 * RegExp and function values in `spec` are encoded for it (a function by its source: it must not
 * use variables from around it). Resolves with exit code, stdout and stderr.
 */
export function buildExampleInProcess(spec) {
  const json = JSON.stringify(spec, (_key, item) => {
    if (item instanceof RegExp) return { $regexp: [item.source, item.flags] };
    if (typeof item === 'function') return { $function: String(item) };
    return item;
  });
  return runNode([path.join(repoRoot, 'tests/fixtures/build-example.mjs'), json], { cwd: repoRoot });
}
