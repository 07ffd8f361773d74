// `pnpm dev`: the first round brings the binding and the example up to date, a change in the
// example rebuilds only the example, and each step prints its time.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { repoRoot } from './helpers.js';

test('pnpm dev rebuilds the binding and the example, then only the example when it changes', async () => {
  const dev = spawn(process.execPath, [path.join(repoRoot, 'scripts/dev.mjs')], {
    cwd: repoRoot,
    env: envWithoutBinding({ CARGO_TERM_COLOR: 'never' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => dev.once('exit', resolve));
  let output = '';
  dev.stdout.on('data', (data) => (output += data));
  dev.stderr.on('data', (data) => (output += data));
  const rounds = () => output.match(/\[dev\] all done in [\d.]+ s; watching/g)?.length ?? 0;
  const waitForRound = async (count) => {
    for (let waited = 0; rounds() < count; waited += 100) {
      assert.ok(waited < 180_000, `round ${count} finished within 3 minutes:\n${output}`);
      await delay(100);
    }
  };
  try {
    await waitForRound(1);
    assert.match(output, /\[dev\] binding: done in [\d.]+ s/);
    assert.match(output, /\[dev\] example: done in [\d.]+ s/);
    const firstRound = output.length;

    // Saving a file of the example (same content, new time) rebuilds the example alone.
    const file = path.join(repoRoot, 'examples/basic-app/src/main.js');
    const now = new Date();
    fs.utimesSync(file, now, now);
    fs.writeFileSync(file, fs.readFileSync(file));
    await waitForRound(2);
    const secondRound = output.slice(firstRound);
    // dev.mjs names the file with the platform's separator.
    assert.match(secondRound, /\[dev\] changed: examples[\\/]basic-app[\\/]src[\\/]main\.js/);
    assert.match(secondRound, /\[dev\] example: done/);
    assert.doesNotMatch(secondRound, /\[dev\] binding:/);
  } finally {
    // On Windows, which has no signals, this ends dev.mjs at once; after a round, none of its steps runs.
    dev.kill('SIGINT');
    await exited;
  }
});
