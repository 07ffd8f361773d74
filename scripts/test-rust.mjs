#!/usr/bin/env node
// `pnpm test:rust`: the workspace's cargo tests, for the host target and with the environment of
// the dev build (see build-binding.mjs), so that running the tests and then rebuilding the binding
// (or the other way round) recompiles nothing that did not change. Extra arguments go to cargo.
// Without them, on Linux, the tests of the case-insensitive file system helper that the
// CaseSensitivePathsPlugin tests mount (a workspace of its own) run too.
import { spawnSync } from 'node:child_process';
import { napiEnv } from './napi-env.mjs';
import { fsHelperManifest, repoRoot, rustHost } from './workspace.mjs';

const extraArgs = process.argv.slice(2);
const runs = [['test', '--workspace', '--target', rustHost(), ...extraArgs]];
if (extraArgs.length === 0 && process.platform === 'linux') {
  runs.push(['test', '--locked', '--manifest-path', fsHelperManifest]);
}
for (const args of runs) {
  const cargo = spawnSync('cargo', args, {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...napiEnv() },
  });
  if (cargo.status !== 0) process.exit(cargo.status ?? 1);
}
