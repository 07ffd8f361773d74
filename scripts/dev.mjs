#!/usr/bin/env node
// `pnpm dev`: the plugin author's loop, automated. Watches the Rust sources (`crates/`,
// `binding/`, the workspace's Cargo files) and the example app. On a change it rebuilds what
// depends on it, each step in a fresh process, and prints how long each took:
//   Rust source changed → the dev binding (build-binding.mjs) → [--test: the changed crates' cargo
//   tests] → the example, with the root rspack.config.js (`rspack-native build`)
//   example changed     → the example only
// A failed step (a compile error, a failing build) is printed and the watch goes on; the next
// change starts again from the first step it needs. Ctrl-C stops it.
//
// usage: pnpm dev [--test]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from './workspace.mjs';

/** What a change under each watched path rebuilds. */
const WATCHED = [
  { dir: 'crates', rust: true },
  { dir: 'binding', rust: true },
  { dir: '.', rust: true, files: ['Cargo.toml', 'Cargo.lock'] },
  { dir: 'examples/basic-app', rust: false },
  { dir: '.', rust: false, files: ['rspack.config.js'] },
];
/** Paths that change because of a build, never by hand. */
const IGNORED =
  /(^|[\\/])(node_modules|target|dist)([\\/]|$)|\.node$|\.tmp$|^binding[\\/]index\.(js|d\.ts)$|~$|\.swp$/;

function log(message) {
  console.log(`[dev] ${message}`);
}

/** Runs `args` with Node in the repository; resolves with whether it succeeded and how long it took. */
function step(name, args) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
    child.once('exit', (code) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`${name}: ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${seconds} s`);
      resolve(code === 0);
    });
  });
}

/** The cargo packages of the crates under `crates/` that `files` touch. */
function changedCrates(files) {
  const dirs = new Set(
    files
      .map((file) => file.split(/[\\/]/))
      .filter((parts) => parts[0] === 'crates')
      .map((parts) => parts[1]),
  );
  return [...dirs]
    .map((dir) => path.join(repoRoot, 'crates', dir, 'Cargo.toml'))
    .filter((manifest) => fs.existsSync(manifest))
    .map((manifest) => fs.readFileSync(manifest, 'utf8').match(/^name = "([^"]+)"/m)[1]);
}

const cli = path.join(repoRoot, 'packages/core/bin/rspack-native.js');

/** One round: what `changes` ({ rust, files }) needs rebuilt, in order, stopping at a failure. */
async function rebuild({ rust, files }, { test }) {
  const started = performance.now();
  if (rust) {
    if (!(await step('binding', [path.join(repoRoot, 'scripts/build-binding.mjs')]))) return;
    const crates = changedCrates(files);
    if (test && crates.length > 0) {
      const packages = crates.flatMap((crate) => ['-p', crate]);
      if (
        !(await step(`cargo test ${crates.join(' ')}`, [
          path.join(repoRoot, 'scripts/test-rust.mjs'),
          ...packages,
        ]))
      ) {
        return;
      }
    }
  }
  if (!(await step('example', [cli, 'build']))) return;
  log(`all done in ${((performance.now() - started) / 1000).toFixed(1)} s; watching`);
}

function main() {
  const { values } = parseArgs({ options: { test: { type: 'boolean', default: false } } });
  let pending = null;
  let running = false;
  let timer;
  const run = async () => {
    running = true;
    while (pending) {
      const changes = pending;
      pending = null;
      log(`changed: ${changes.files.slice(0, 5).join(', ')}${changes.files.length > 5 ? ', …' : ''}`);
      await rebuild(changes, values);
    }
    running = false;
  };
  const record = (rust, file) => {
    pending ??= { rust: false, files: [] };
    pending.rust ||= rust;
    if (!pending.files.includes(file)) pending.files.push(file);
    clearTimeout(timer);
    // Editors write a file in several steps: wait for the burst to end.
    timer = setTimeout(() => running || run(), 150);
  };
  for (const { dir, rust, files } of WATCHED) {
    fs.watch(path.join(repoRoot, dir), { recursive: !files }, (_event, name) => {
      if (!name) return;
      const file = path.join(dir, name);
      if (IGNORED.test(file) || (files && !files.includes(name))) return;
      record(rust, path.normalize(file));
    });
  }
  log('watching crates/, binding/, Cargo.toml, examples/basic-app and rspack.config.js (Ctrl-C to stop)');
  // The first round brings everything up to date.
  record(true, '(first round)');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
