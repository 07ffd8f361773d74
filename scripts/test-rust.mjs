#!/usr/bin/env node
// `pnpm test:rust`: the cargo tests, for the host target and with the environment of the dev build
// (see build-binding.mjs), so that running the tests and then rebuilding the binding (or the other
// way round) recompiles nothing that did not change. Extra arguments go to cargo.
//
//   pnpm test:rust                       every crate of the workspace, and on Linux the tests of
//                                        the case-insensitive file system helper that the
//                                        CaseSensitivePathsPlugin tests mount (a workspace of its own)
//   pnpm test:rust -p <crate> [-p …]     those crates only (`-p rspack_native_manifest_plugin`)
//   pnpm test:rust -- <filter>           the workspace's tests whose names match
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { napiEnv } from './napi-env.mjs';
import { fsHelperManifest, repoRoot, rustHost } from './workspace.mjs';

/** Arguments that choose the packages to test: with one of them, cargo is not given `--workspace`. */
const PACKAGE_SELECTION = /^(-p|--package|--workspace|--all|--manifest-path)(=|$)|^-p./;

/** The cargo invocations (argument lists) that `pnpm test:rust <extraArgs>` runs, in order. */
export function cargoRuns(extraArgs, { host = rustHost(), platform = process.platform } = {}) {
  const end = extraArgs.indexOf('--');
  const cargoArgs = end < 0 ? extraArgs : extraArgs.slice(0, end);
  const selectsPackages = cargoArgs.some((arg) => PACKAGE_SELECTION.test(arg));
  const runs = [['test', ...(selectsPackages ? [] : ['--workspace']), '--target', host, ...extraArgs]];
  if (extraArgs.length === 0 && platform === 'linux') {
    runs.push(['test', '--locked', '--manifest-path', fsHelperManifest]);
  }
  return runs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const args of cargoRuns(process.argv.slice(2))) {
    const cargo = spawnSync('cargo', args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ...napiEnv() },
    });
    if (cargo.status !== 0) process.exit(cargo.status ?? 1);
  }
}
