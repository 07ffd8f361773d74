// The cargo environment of the dev build (scripts/build-binding.mjs) and of `pnpm test:rust`
// (scripts/test-rust.mjs): the same for both, so that neither invalidates what the other built.
// No dependencies: a copy of the checkout without node_modules can run its tests with it.
import fs from 'node:fs';
import path from 'node:path';
import { cargoTargetDir, readJson, repoRoot } from './workspace.mjs';

const BINDING_CRATE = 'rspack_native_binding';

/** Where napi-derive writes the type definitions of each crate during a dev build. */
export function typeDefDir(root = repoRoot) {
  return path.join(cargoTargetDir(root), 'napi-rs', `${BINDING_CRATE}-dev`);
}

/** The workspace members at `root` (`members`: folders and `dir/*`): their folders. */
function memberDirs(root) {
  const workspace = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const members = workspace.match(/^members = \[([^\]]*)\]/m)?.[1].match(/"[^"]+"/g) ?? [];
  return members
    .map((member) => member.slice(1, -1))
    .flatMap((member) => {
      if (!member.endsWith('/*')) return [member];
      const dir = path.join(root, member.slice(0, -2));
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((name) => `${member.slice(0, -1)}${name}`) : [];
    })
    .map((member) => path.join(root, member))
    .filter((dir) => fs.existsSync(path.join(dir, 'Cargo.toml')));
}

/** The text of `file`, or `''` when there is none. */
const readIfAny = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/**
 * The crates whose type definitions go to the shared folder: each uses napi-derive and, for the
 * workspace's own, calls `napi_build::setup()` in its build script (the guide's crate, which is
 * not in the binding, sends its definitions elsewhere). Those of Cargo.lock, and the workspace's
 * own from their manifests: a crate just added (`pnpm new-plugin`) is not in Cargo.lock before
 * cargo's first run, and its variable must be the same in that run and the next.
 */
export function napiDeriveCrates(root = repoRoot) {
  const lockfile = fs.readFileSync(path.join(root, 'Cargo.lock'), 'utf8');
  const locked = lockfile
    .split('[[package]]')
    .filter((entry) => /^dependencies = \[[^\]]*"napi-derive[ "]/m.test(entry))
    .map((entry) => entry.match(/^name = "([^"]+)"/m)[1]);
  const own = new Map(
    memberDirs(root).map((dir) => {
      const manifest = fs.readFileSync(path.join(dir, 'Cargo.toml'), 'utf8');
      const emits =
        /^napi-derive\s*=/m.test(manifest) &&
        /^\s*napi_build::setup\(\);/m.test(readIfAny(path.join(dir, 'build.rs')));
      return [manifest.match(/^name = "([^"]+)"/m)[1], emits];
    }),
  );
  const names = new Set([...locked, ...[...own].filter(([, emits]) => emits).map(([name]) => name)]);
  return [...names].filter((name) => own.get(name) !== false).sort();
}

/**
 * The environment cargo needs for the dev build and for `cargo test`, identical for both so that
 * neither invalidates the other: the type-definition folder, and NAPI_FORCE_BUILD_<crate> for
 * every crate that uses napi-derive, whose build script reruns when it changes. `napi build`
 * sets it to the time for crates whose definitions are missing and leaves it unset otherwise, so
 * the build after one that filled the folder recompiles them all again; here it is a counter per
 * crate, kept next to the folder, raised only when the crate's definitions are missing.
 */
export function napiEnv(root = repoRoot) {
  const folder = typeDefDir(root);
  fs.mkdirSync(folder, { recursive: true });
  const countersFile = `${folder}.force-build.json`;
  const counters = fs.existsSync(countersFile) ? readJson(countersFile) : {};
  const env = { NAPI_TYPE_DEF_TMP_FOLDER: folder };
  for (const crate of napiDeriveCrates(root)) {
    if (!fs.existsSync(path.join(folder, crate))) counters[crate] = (counters[crate] ?? 0) + 1;
    env[`NAPI_FORCE_BUILD_${crate.replaceAll('-', '_').toUpperCase()}`] = String(counters[crate] ?? 0);
  }
  fs.writeFileSync(countersFile, `${JSON.stringify(counters, null, 2)}\n`);
  return env;
}
