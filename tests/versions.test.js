// The Rspack release is pinned in four files that must agree with each other and with the
// @rspack/core version the Rspack crates were released for (EXPECTED_RSPACK_CORE_VERSION).
// `pnpm bump-rspack` moves them together; this catches a hand edit that moved only some.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { describeDrift, lockfileDrift, rspackLockfilePath } from '../scripts/align-lockfile.mjs';
import { PACKAGE_FILES, expectedRspackCoreVersion, napiPinsOf } from '../scripts/bump-rspack.mjs';
import { repoRoot } from './helpers.js';

const read = (file) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const cargoToml = read('Cargo.toml');
const cargoLock = read('Cargo.lock');
const pnpmLock = read('pnpm-lock.yaml');
const metadata = JSON.parse(
  execFileSync('cargo', ['metadata', '--format-version', '1', '--locked'], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  }),
);

/** name → version requirement of every `name = "=x"` or `name = { version = "=x" … }` in Cargo.toml. */
const cargoPins = new Map(
  [...cargoToml.matchAll(/^([a-z_-]+) = (?:\{ version = )?"=([^"]+)"/gm)].map(([, name, version]) => [
    name,
    version,
  ]),
);

/** Every version of `name` in Cargo.lock. */
function lockedCrateVersions(name) {
  return [...cargoLock.matchAll(/\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"/g)]
    .filter(([, crate]) => crate === name)
    .map(([, , version]) => version);
}

/** Every version of the npm package `name` that pnpm-lock.yaml resolves. */
function lockedNpmVersions(name) {
  const escaped = name.replace('/', '\\/');
  const keys = [...pnpmLock.matchAll(new RegExp(`^  '${escaped}@([^'(]+)(?:\\([^']*\\))?':`, 'gm'))];
  return [...new Set(keys.map(([, version]) => version))];
}

const rspackCrates = [...cargoPins].filter(([name]) => name.startsWith('rspack_'));
const crateVersion = rspackCrates[0]?.[1];
// What pnpm bump-rspack reads too: the rspack_workspace crate in the graph, and its @rspack/core.
const released = expectedRspackCoreVersion(metadata);
const expectedCoreVersion = released.coreVersion;

describe('the Rspack release is pinned the same everywhere', () => {
  test('Cargo.toml pins every Rspack crate to one exact release, and Cargo.lock has exactly it', () => {
    assert.ok(rspackCrates.length >= 5, 'Rspack crates are pinned with "=x.y.z"');
    for (const [name, version] of rspackCrates) {
      assert.equal(version, crateVersion, `${name} in Cargo.toml`);
      assert.deepEqual(lockedCrateVersions(name), [crateVersion], `${name} in Cargo.lock`);
    }
    assert.equal(
      released.crateVersion,
      crateVersion,
      'rspack_workspace, where EXPECTED_RSPACK_CORE_VERSION comes from',
    );
  });

  test('napi and napi-derive are pinned to what rspack_binding_api declares', () => {
    const declaredPins = napiPinsOf(metadata);
    for (const name of ['napi', 'napi-derive']) {
      const declared = declaredPins[name];
      assert.equal(cargoPins.get(name), declared, `${name} in Cargo.toml`);
      assert.deepEqual(lockedCrateVersions(name), [declared], `${name} in Cargo.lock`);
    }
  });

  test("every crate that Rspack's release lockfile has is at Rspack's version (pnpm align-lockfile)", () => {
    const rspackLock = fs.readFileSync(rspackLockfilePath(metadata), 'utf8');
    assert.match(rspackLock, /name = "swc_ecma_minifier"/, "Rspack's release lockfile is the full one");
    assert.deepEqual(
      describeDrift(lockfileDrift(cargoLock, rspackLock)),
      [],
      'Cargo.lock has moved off the versions Rspack was released with (a bare `cargo update`?): ' +
        'run `pnpm align-lockfile`',
    );
  });

  test('every package.json names exactly EXPECTED_RSPACK_CORE_VERSION of @rspack/core', () => {
    let seen = 0;
    for (const file of PACKAGE_FILES) {
      const manifest = JSON.parse(read(file));
      for (const section of ['dependencies', 'devDependencies', 'peerDependencies']) {
        const range = manifest[section]?.['@rspack/core'];
        if (range === undefined) continue;
        seen++;
        assert.equal(range, expectedCoreVersion, `${file} ${section}`);
      }
    }
    assert.ok(seen >= 2);
  });

  test('pnpm-lock.yaml resolves only that @rspack/core and the pinned @rspack/cli', () => {
    assert.deepEqual(lockedNpmVersions('@rspack/core'), [expectedCoreVersion]);
    const cli = JSON.parse(read('package.json')).devDependencies['@rspack/cli'];
    assert.deepEqual(lockedNpmVersions('@rspack/cli'), [cli]);
    assert.match(
      pnpmLock,
      new RegExp(`'@rspack/core':\\n\\s+specifier: ${expectedCoreVersion.replaceAll('.', '\\.')}\\n`),
    );
  });

  test('the built binding reports the same EXPECTED_RSPACK_CORE_VERSION', () => {
    const require = createRequire(import.meta.url);
    const binding = require(path.join(repoRoot, 'binding'));
    assert.equal(binding.EXPECTED_RSPACK_CORE_VERSION, expectedCoreVersion);
  });
});
