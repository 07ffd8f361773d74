// Shared helpers for the integration tests: build an app in-process, read what it wrote.
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rspack } from '@rspack-native/core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const exampleDir = path.join(repoRoot, 'examples/basic-app');

const tempDirs = [];
process.on('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the system temp dir, removed when the process exits. */
export async function tempDir(prefix) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `rspack-native-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Runs one build of `config`; resolves with the stats, rejects with the build's error. */
export function build(config) {
  return new Promise((resolve, reject) => {
    const compiler = rspack(config);
    compiler.run((error, stats) => {
      compiler.close((closeError) => {
        if (error || closeError) return reject(error ?? closeError);
        if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
        resolve(stats);
      });
    });
  });
}

/** Every file under `dir`, as relative path → contents. */
export async function readTree(dir) {
  const files = new Map();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), await fs.readFile(file));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
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
 * RegExp values in `spec` are encoded for it. Resolves with exit code, stdout and stderr.
 */
export function buildExampleInProcess(spec) {
  const json = JSON.stringify(spec, (_key, item) =>
    item instanceof RegExp ? { $regexp: [item.source, item.flags] } : item,
  );
  return runNode([path.join(repoRoot, 'tests/fixtures/build-example.mjs'), json], { cwd: repoRoot });
}
