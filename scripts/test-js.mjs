#!/usr/bin/env node
// `pnpm test:js`: the Node tests (every tests/*.test.js, or the files given), one file at a time,
// with terminal colours off. The tests compare Rspack's messages as text, and @rspack/core colours
// them under `CI=true` or `FORCE_COLOR` (Rust's own diagnostics under `FORCE_COLOR`), so without
// this the same test would pass in a terminal and fail on a CI runner. Extra `--` flags go to
// `node --test` (e.g. `--test-name-pattern=strict`). Each test gets at most 30 minutes (enough for
// a cold Cargo build inside one) unless `--test-timeout` says otherwise: a hung test fails with its
// name instead of running into CI's time limit with no word of where it stopped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace.mjs';

/** The longest one test may run, in milliseconds. */
const TEST_TIMEOUT_MS = 30 * 60 * 1000;

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
if (!flags.some((flag) => flag.startsWith('--test-timeout'))) flags.push(`--test-timeout=${TEST_TIMEOUT_MS}`);
let files = args.filter((arg) => !arg.startsWith('--'));
if (files.length === 0) {
  const testsDir = path.join(repoRoot, 'tests');
  files = fs
    .readdirSync(testsDir)
    .filter((name) => name.endsWith('.test.js'))
    .sort()
    .map((name) => path.join(testsDir, name));
}

const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;
const tests = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...flags, ...files], {
  cwd: repoRoot,
  stdio: 'inherit',
  env,
});
process.exit(tests.status ?? 1);
