#!/usr/bin/env node
// `pnpm test:rust`: the workspace's cargo tests, for the host target and with the environment of
// the dev build (see build-binding.mjs), so that running the tests and then rebuilding the binding
// (or the other way round) recompiles nothing that did not change. Extra arguments go to cargo.
import { spawnSync } from 'node:child_process';
import { napiEnv } from './napi-env.mjs';
import { repoRoot, rustHost } from './workspace.mjs';

const cargo = spawnSync('cargo', ['test', '--workspace', '--target', rustHost(), ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, ...napiEnv() },
});
process.exit(cargo.status ?? 1);
