// The test harness for plugin authors: build an app through the rspack-native binding, get back
// what it wrote and what it reported, and compare a native plugin with its JavaScript peer byte
// for byte. The tests `pnpm new-plugin` and `pnpm new-loader` write use it, and so do ours;
// docs/writing-a-plugin.md shows it at work.
//
//   import { buildApp, buildAppInFreshProcess, compareWithPeer } from './harness.js';
//
//   const { files, errors, warnings } = await buildApp({ entry: './src/index.js', plugins: [...] });
//   const { native, peer } = await compareWithPeer(new URL('./fixtures/my.config.mjs', import.meta.url));
//
// Every build runs on the binding `@rspack-native/core` loads (the dev build in this checkout).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTree } from '../scripts/workspace.mjs';
import { assertSameFiles, runBuild, runNode, tempDir } from './helpers.js';

/**
 * What a build wrote and reported.
 * @typedef {object} BuildResult
 * @property {Map<string, Buffer>} files every file under `outputPath`, by its `/`-separated path
 *   relative to it, sorted by path
 * @property {string[]} errors the compilation's errors, as messages
 * @property {string[]} warnings the compilation's warnings, as messages
 * @property {string} outputPath where the build wrote
 */

/** The messages of the errors and warnings in `stats`. */
export function diagnostics(stats) {
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  const messages = (list) => (list ?? []).map((item) => item.message);
  return { errors: messages(json.errors), warnings: messages(json.warnings) };
}

/** The files under `dir` (see `BuildResult`): none when a build wrote nothing, not even `dir`. */
function filesIn(dir) {
  return existsSync(dir) ? readTree(dir) : new Map();
}

/** `config` writing to `outputPath`: a harness build never writes where the app's own build does. */
export function writingTo(config, outputPath) {
  return { ...config, output: { ...config.output, path: outputPath } };
}

/**
 * Builds `config` (a Rspack config object) once in this process, through the rspack-native
 * binding, and closes the compiler. It writes to a new temp dir (`output.path` is replaced). Errors of the
 * compilation do not reject: they are in the result's `errors`. A compiler that cannot be created
 * (a plugin's option error, for one) or a build that cannot run rejects with that error.
 * @param {import('@rspack/core').RspackOptions} config
 * @returns {Promise<BuildResult>}
 */
export async function buildApp(config) {
  const options = writingTo(config, await tempDir('harness'));
  const { error, stats } = await runBuild(options);
  if (error) throw error;
  const outputPath = options.output.path;
  return { files: filesIn(outputPath), ...diagnostics(stats), outputPath };
}

/** The script `buildAppInFreshProcess` runs. */
const freshProcessBuild = path.join(import.meta.dirname, 'fixtures/harness-build.mjs');

/**
 * Builds the config that `configModule` exports, in a new Node process (each build there starts
 * from the same process state: Rspack's chunk keys and some plugins' output order depend on the
 * builds that ran before in the process). The module's default export is a config object or a
 * function `(params) => config` (it may be async); `params` must be JSON. It writes to a new temp
 * dir (`output.path` is replaced). Rejects when the build cannot run, with the child's error.
 * @param {string | URL} configModule a path or a file URL
 * @param {Record<string, unknown>} [params]
 * @returns {Promise<BuildResult>}
 */
export async function buildAppInFreshProcess(configModule, params = {}) {
  const dir = await tempDir('harness-fresh');
  const request = {
    configModule: pathToFileURL(
      configModule instanceof URL ? fileURLToPath(configModule) : path.resolve(configModule),
    ).href,
    params,
    outputPath: path.join(dir, 'dist'),
    resultFile: path.join(dir, 'result.json'),
  };
  const child = await runNode([freshProcessBuild, JSON.stringify(request)], {
    cwd: process.cwd(),
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = await fs
    .readFile(request.resultFile, 'utf8')
    .then(JSON.parse)
    .catch(() => null);
  if (!result || result.fatal !== undefined) {
    throw new Error(
      `the build of ${request.configModule} failed (exit ${child.code}):\n${result?.fatal ?? child.stderr}`,
    );
  }
  const { errors, warnings } = result;
  return { files: filesIn(request.outputPath), errors, warnings, outputPath: request.outputPath };
}

/**
 * Asserts that two builds wrote the same files, byte for byte, and (unless `diagnostics` is false)
 * reported the same errors and warnings. `a` is named the native build and `b` the JavaScript one.
 * @param {BuildResult} a
 * @param {BuildResult} b
 * @param {{ diagnostics?: boolean }} [options]
 */
export function assertSameOutput(a, b, { diagnostics: compareDiagnostics = true } = {}) {
  assertSameFiles(a.files, b.files);
  if (compareDiagnostics) {
    assert.deepEqual(a.errors, b.errors, 'both builds report the same errors');
    assert.deepEqual(a.warnings, b.warnings, 'both builds report the same warnings');
  }
}

/**
 * Builds `configModule` twice, each time in a fresh process (see `buildAppInFreshProcess`): with
 * `{ ...params, plugin: 'native' }` and with `{ ...params, plugin: 'peer' }`, so that its config
 * function adds the native plugin or its JavaScript peer. Asserts that both wrote the same files,
 * byte for byte, and reported the same errors and warnings (`{ diagnostics: false }` leaves those
 * out, for a port whose messages differ on purpose). Resolves with both results.
 * @param {string | URL} configModule
 * @param {Record<string, unknown>} [params]
 * @param {{ diagnostics?: boolean }} [options]
 * @returns {Promise<{ native: BuildResult, peer: BuildResult }>}
 */
export async function compareWithPeer(configModule, params = {}, options = {}) {
  const [native, peer] = await Promise.all(
    ['native', 'peer'].map((plugin) => buildAppInFreshProcess(configModule, { ...params, plugin })),
  );
  assertSameOutput(native, peer, options);
  return { native, peer };
}
