#!/usr/bin/env node
// Puts every crate that Rspack's own release lockfile has at the version Rspack was built with, so
// that our binding compiles exactly the Rspack that `@rspack/binding` is (same minifier, same
// parser, same output). Cargo resolves the Rspack crates' caret requirements to the newest
// releases; Rspack's workspace lockfile, which ships inside every published Rspack crate, says
// what the release really used. Crates that only our own crates use keep their versions.
//
// Usage: pnpm align-lockfile   (run it instead of a bare `cargo update`, and after adding a crate)
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse, stringify } from 'smol-toml';
import { repoRoot } from './workspace.mjs';

const exec = promisify(execFile);

/** The crate whose packaged Cargo.lock is Rspack's release lockfile. */
const LOCKFILE_CRATE = 'rspack_binding_api';

function log(message) {
  console.log(`[align-lockfile] ${message}`);
}

/** The `[[package]]` entries of a Cargo.lock's text. */
export function lockedPackages(text) {
  return parse(text).package ?? [];
}

/** Path of Rspack's release lockfile: the Cargo.lock packaged with rspack_binding_api in `metadata`. */
export function rspackLockfilePath(metadata) {
  const crates = metadata.packages.filter((pkg) => pkg.name === LOCKFILE_CRATE);
  if (crates.length !== 1) {
    throw new Error(
      `align-lockfile: expected one ${LOCKFILE_CRATE} in the dependency graph, found ${crates.length}`,
    );
  }
  const lockfile = path.join(path.dirname(crates[0].manifest_path), 'Cargo.lock');
  if (!fs.existsSync(lockfile)) {
    throw new Error(
      `align-lockfile: ${LOCKFILE_CRATE} ${crates[0].version} ships no Cargo.lock (${lockfile})`,
    );
  }
  return lockfile;
}

/** name → sorted versions of the crates.io packages of a lockfile (workspace members have no source). */
function registryVersions(packages) {
  const versions = new Map();
  for (const { name, version, source } of packages) {
    if (!source) continue;
    versions.set(name, [...(versions.get(name) ?? []), version].sort());
  }
  return versions;
}

/**
 * The crates of our lockfile that Rspack's release lockfile also has, at a version it does not:
 * `[{ name, ours, rspack: [versions] }]`, sorted by name. Empty when the two agree.
 */
export function lockfileDrift(ourText, rspackText) {
  const rspack = registryVersions(lockedPackages(rspackText));
  return lockedPackages(ourText)
    .filter(({ name, version, source }) => source && rspack.has(name) && !rspack.get(name).includes(version))
    .map(({ name, version }) => ({ name, ours: version, rspack: rspack.get(name) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.ours.localeCompare(b.ours));
}

/** One line per drifted crate: `swc_ecma_minifier: 63.0.4 here, Rspack's release has 63.0.2`. */
export function describeDrift(drift) {
  return drift.map(
    ({ name, ours, rspack }) => `${name}: ${ours} here, Rspack's release has ${rspack.join(' and ')}`,
  );
}

/**
 * A lockfile to resolve from: every crates.io package of Rspack's release lockfile, plus the
 * packages of ours that it does not name at all (our workspace members and the crates only our
 * crates use). Cargo keeps a locked version wherever it satisfies the requirements, adds what is
 * missing and drops what nothing uses.
 */
export function seedLockfile(ourText, rspackText) {
  const rspack = lockedPackages(rspackText).filter((pkg) => pkg.source);
  const rspackNames = new Set(rspack.map((pkg) => pkg.name));
  const ours = lockedPackages(ourText).filter((pkg) => !rspackNames.has(pkg.name));
  return stringify({ version: parse(ourText).version, package: [...rspack, ...ours] });
}

/** `cargo metadata` of the workspace at `cwd`; brings Cargo.lock in line with the manifests. */
export async function cargoMetadata(cwd) {
  const { stdout } = await exec('cargo', ['metadata', '--format-version', '1'], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/**
 * Rewrites the Cargo.lock of the workspace at `cwd` onto Rspack's release versions and checks
 * the result. Throws, naming each crate, if a requirement of ours keeps one off Rspack's version;
 * Cargo.lock is then restored.
 * @returns {Promise<{ moved: number }>} how many locked packages changed version
 */
export async function alignLockfile(cwd = repoRoot) {
  const lockPath = path.join(cwd, 'Cargo.lock');
  const before = fs.readFileSync(lockPath, 'utf8');
  const rspackText = fs.readFileSync(rspackLockfilePath(await cargoMetadata(cwd)), 'utf8');
  fs.writeFileSync(lockPath, seedLockfile(before, rspackText));
  let after;
  try {
    await cargoMetadata(cwd); // cargo re-resolves, preferring every version the seed locks
    after = fs.readFileSync(lockPath, 'utf8');
    const drift = lockfileDrift(after, rspackText);
    if (drift.length > 0) {
      throw new Error(
        `align-lockfile: these crates cannot be at the version Rspack's release uses, because a ` +
          `requirement in this workspace excludes it (loosen that requirement; Cargo.lock is left ` +
          `as it was):\n  ${describeDrift(drift).join('\n  ')}`,
      );
    }
  } catch (error) {
    fs.writeFileSync(lockPath, before);
    throw error;
  }
  const key = ({ name, version }) => `${name}@${version}`;
  const previous = new Set(lockedPackages(before).map(key));
  return { moved: lockedPackages(after).filter((pkg) => !previous.has(key(pkg))).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  alignLockfile().then(
    ({ moved }) =>
      log(
        moved === 0
          ? "Cargo.lock already has Rspack's release versions"
          : `${moved} locked packages changed; every crate Rspack's release uses is at its version`,
      ),
    (error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
