// What the scripts, the benchmark and the tests all need to know about this repository and the
// machine: where things are, how pnpm is run, how an output folder is read. No dependencies, so
// that anything may import it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The parsed contents of a JSON file. */
export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The pnpm that the checkout at `root` pins in package.json's `packageManager`: [command, args]. */
export function pnpmCommand(root = repoRoot) {
  const { packageManager } = readJson(path.join(root, 'package.json'));
  return ['npx', ['-y', packageManager]];
}

/** Runs `pnpm install` in the checkout at `root`, rewriting pnpm-lock.yaml to fit its manifests. */
export function refreshLockfile(root) {
  const [command, args] = pnpmCommand(root);
  execFileSync(command, [...args, 'install', '--no-frozen-lockfile'], { cwd: root, stdio: 'inherit' });
}

/** The Rust host triple (`x86_64-unknown-linux-gnu`), which `napi build` passes as `--target`. */
export function rustHost() {
  return execFileSync('rustc', ['-vV'], { encoding: 'utf8' }).match(/^host: (.+)$/m)[1];
}

/** Cargo's target dir for the checkout at `root`. */
export function cargoTargetDir(root = repoRoot) {
  return process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
}

/**
 * This process's environment without RSPACK_BINDING, plus `extra`: what a user's fresh shell
 * has. (@rspack-native/core sets the variable for its worker threads; child processes inherit it.)
 */
export function envWithoutBinding(extra = {}) {
  const { RSPACK_BINDING: _inherited, ...env } = process.env;
  return { ...env, ...extra };
}

/** Every file under `dir`, as relative path (with `/`) → contents, sorted by path. */
export function readTree(dir) {
  const files = new Map();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    files.set(path.relative(dir, file).split(path.sep).join('/'), fs.readFileSync(file));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}
