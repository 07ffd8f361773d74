// What the scripts, the benchmark and the tests all need to know about this repository and the
// machine: where things are, how pnpm is run, how an output folder is read. No dependencies, so
// that anything may import it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASM_PLATFORM } from '../packages/core/src/platform-package.js';

export { WASM_PLATFORM };

/** The repository's root folder. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Cargo manifest of the case-insensitive file system helper the CaseSensitivePathsPlugin tests
 * mount on Linux: a workspace of its own (`pnpm lint:fs-helper` lints it).
 */
export const fsHelperManifest = path.join(repoRoot, 'tests/fixtures/case-insensitive-fs/Cargo.toml');

/** The parsed contents of a JSON file. */
export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The pnpm that the checkout at `root` pins in package.json's `packageManager`: [command, args]. */
export function pnpmCommand(root = repoRoot) {
  const { packageManager } = readJson(path.join(root, 'package.json'));
  return ['npx', ['-y', packageManager]];
}

/** The binding's napi CLI, run by this Node (its .bin entry is a .cmd on Windows): [command, args]. */
export function napiCommand() {
  const manifest = createRequire(path.join(repoRoot, 'binding/package.json')).resolve(
    '@napi-rs/cli/package.json',
  );
  return [process.execPath, [path.join(path.dirname(manifest), readJson(manifest).bin.napi)]];
}

/**
 * The arguments of spawn or execFile that run `command`, which may be a package manager's .cmd
 * script on Windows (npx, npm, pnpm, a node_modules/.bin entry). Node runs those only through a
 * shell (since 20.12 it refuses to spawn them without one, CVE-2024-27980), so on Windows the
 * command and its arguments become one quoted command line for cmd.exe; an .exe, and any command
 * elsewhere, is run as given.
 * @returns {[string, string[], object]}
 */
export function shellCommand(command, args, options = {}) {
  if (process.platform !== 'win32' || path.extname(command).toLowerCase() === '.exe')
    return [command, args, options];
  const quote = (arg) => (/^[\w@+:./\\-]+$/.test(arg) ? arg : `"${arg}"`);
  return [[command, ...args].map(quote).join(' '), [], { ...options, shell: true }];
}

/** Runs `pnpm install` in the checkout at `root`, rewriting pnpm-lock.yaml to fit its manifests. */
export function refreshLockfile(root) {
  const [command, args] = pnpmCommand(root);
  execFileSync(
    ...shellCommand(command, [...args, 'install', '--no-frozen-lockfile'], { cwd: root, stdio: 'inherit' }),
  );
}

/** The files `napi build` writes beside the `.node` for `@rspack-native/binding`: its loader first. */
export const BINDING_LOADER_FILES = ['index.js', 'index.d.ts'];

/** The `.wasm` that `napi build --target wasm32-wasip1-threads` writes: `<binaryName>.wasm32-wasi.wasm`. */
export function wasmArtifact(binaryName) {
  return `${binaryName}.${WASM_PLATFORM}.wasm`;
}

/**
 * The files `napi build --target wasm32-wasip1-threads` writes beside the `.wasm`
 * (`<binaryName>.wasm32-wasi.wasm`): its loader first, then what the WebAssembly package ships
 * with it, then the binding package's browser entry, which `napi artifacts` requires too.
 */
export function wasmLoaderFiles(binaryName) {
  return [
    `${binaryName}.wasi.cjs`,
    `${binaryName}.wasi.d.cts`,
    `${binaryName}.wasi-browser.js`,
    'wasi-worker.mjs',
    'wasi-worker-browser.mjs',
    'browser.js',
  ];
}

/** The Rust host triple (`x86_64-unknown-linux-gnu`), which `napi build` passes as `--target`. */
export function rustHost() {
  return execFileSync('rustc', ['-vV'], { encoding: 'utf8' }).match(/^host: (.+)$/m)[1];
}

/**
 * Where the std sources of this checkout's toolchain (rust-toolchain.toml's) are, which
 * `-Zbuild-std` compiles: present once `rustup component add rust-src` ran.
 */
export function rustStdSources() {
  const sysroot = execFileSync('rustc', ['--print', 'sysroot'], { cwd: repoRoot, encoding: 'utf8' });
  return path.join(sysroot.trim(), 'lib/rustlib/src/rust/library');
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

/**
 * `envWithoutBinding(extra)` without NAPI_RS_FORCE_WASI either (which `pnpm test:wasm` sets):
 * the binding's own loader picks the `.node` or the `.wasm`, as for a user.
 */
export function envWithoutForcedBinding(extra = {}) {
  const { NAPI_RS_FORCE_WASI: _forced, ...env } = envWithoutBinding();
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
