#!/usr/bin/env node
// `pnpm stress:exit`: runs many short Node processes that each build a small app and exit, and
// counts every abnormal exit: a signal (SIGABRT, SIGSEGV), a non-zero status, a hang, or any
// output besides the one `done` line the process prints last (a panic or an abort message
// written while Node shuts down). Once in about 35 runs, a test file had ended with SIGABRT after
// all its tests passed; this looks for it where users would meet it.
//
// Each process runs one scenario (scripts/exit-stress-child.mjs), in turn: every native plugin
// with and without function options (where it has any), a watch closed without `compiler.close()`, a compiler that
// errors, two compilers at once, many compilers in one process (as a test file makes them), a
// JavaScript loader in worker threads. `--binding official` runs the scenarios that need no native
// plugin on @rspack/binding, for comparison.
//
// usage: node scripts/exit-stress.mjs [--runs 500] [--binding native|official|both] [--jobs N]
//   Run it under `ulimit -c unlimited` to keep a core of any abort. Exits with 1 on any abnormal exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLicenseApp } from '../tests/fixtures/license-app/setup.mjs';
import { SCENARIOS } from './exit-stress-child.mjs';
import { envWithoutBinding } from './workspace.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '500' },
    binding: { type: 'string', default: 'both' },
    jobs: { type: 'string', default: String(os.availableParallelism()) },
  },
});
const runs = Number(values.runs);
const jobs = Number(values.jobs);
const bindings = values.binding === 'both' ? ['native', 'official'] : [values.binding];
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(jobs) || jobs < 1) {
  throw new Error('exit-stress: --runs and --jobs take a whole number of at least 1');
}
for (const binding of bindings) {
  if (!['native', 'official'].includes(binding)) {
    throw new Error(`exit-stress: --binding takes native, official or both, not "${binding}"`);
  }
}
/** A process that has not exited after this long is counted as hung and killed. */
const HANG_MS = 180_000;
const childScript = path.join(import.meta.dirname, 'exit-stress-child.mjs');

/** Runs one scenario in a new process; resolves with what went wrong, or null. */
function runOnce(binding, scenario, app) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [childScript, binding, scenario, app], {
      env: envWithoutBinding({ NO_COLOR: '1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const problems = [];
      if (hung) problems.push(`hung for ${HANG_MS / 1000} s`);
      else if (signal) problems.push(`killed by ${signal}`);
      if (status !== 0 && status !== null) problems.push(`exit status ${status}`);
      if (stdout !== 'done\n') problems.push('stdout is not exactly "done"');
      if (stderr !== '') problems.push('output on stderr');
      resolve({ seconds, problem: problems.length > 0 ? { problems, stdout, stderr } : null });
    });
  });
}

const app = await fs.mkdtemp(path.join(os.tmpdir(), 'rspack-native-exit-stress-'));
await createLicenseApp(app);
try {
  for (const binding of bindings) {
    const scenarios = Object.keys(SCENARIOS).filter(
      (name) => binding === 'native' || !SCENARIOS[name].native,
    );
    const tally = Object.fromEntries(scenarios.map((name) => [name, { runs: 0, abnormal: 0, seconds: 0 }]));
    const abnormal = [];
    let next = 0;
    const worker = async () => {
      while (next < runs) {
        const index = next++;
        const scenario = scenarios[index % scenarios.length];
        const { seconds, problem } = await runOnce(binding, scenario, app);
        Object.assign(tally[scenario], {
          runs: tally[scenario].runs + 1,
          seconds: tally[scenario].seconds + seconds,
        });
        if (problem) {
          tally[scenario].abnormal += 1;
          abnormal.push({ run: index + 1, scenario, ...problem });
          console.log(
            `[exit-stress] ${binding} run ${index + 1} (${scenario}): ${problem.problems.join(', ')}`,
          );
          console.log(`${problem.stdout}${problem.stderr}`.trim().split('\n').slice(-20).join('\n'));
        }
        if ((index + 1) % 50 === 0)
          console.log(`[exit-stress] ${binding}: ${index + 1} of ${runs} runs started`);
      }
    };
    await Promise.all(Array.from({ length: jobs }, worker));
    console.log(`\n[exit-stress] ${binding} binding: ${abnormal.length} abnormal exits in ${runs} runs`);
    console.table(
      Object.fromEntries(
        Object.entries(tally).map(([name, { runs: count, abnormal: bad, seconds }]) => [
          name,
          { runs: count, abnormal: bad, 'mean s': Number((seconds / Math.max(count, 1)).toFixed(2)) },
        ]),
      ),
    );
    process.exitCode ||= abnormal.length > 0 ? 1 : 0;
  }
} finally {
  await fs.rm(app, { recursive: true, force: true });
}
