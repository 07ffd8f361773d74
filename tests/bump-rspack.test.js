// `pnpm bump-rspack`, run on a copy of the repository's manifests (it never touches this checkout
// here): it rewrites every pin, puts Cargo.lock back on Rspack's release lockfile, and refuses a
// crate release made for another @rspack/core.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  cargoMetadata,
  lockedPackages,
  lockfileDrift,
  rspackLockfilePath,
} from '../scripts/align-lockfile.mjs';
import { bumpRspack, PACKAGE_FILES, WORKSPACE_FILE } from '../scripts/bump-rspack.mjs';
import { repoRoot, tempDir } from './helpers.js';

const WORKSPACE_ITEMS = [
  'Cargo.toml',
  'Cargo.lock',
  'rust-toolchain.toml',
  'pnpm-lock.yaml',
  WORKSPACE_FILE,
  'crates',
  'docs/guide',
  'binding/Cargo.toml',
  'binding/build.rs',
  'binding/src',
];

/** A copy of what cargo metadata and the bump read: manifests, lockfiles and crate sources. */
async function copyWorkspace() {
  const dir = await tempDir('bump');
  for (const item of [...WORKSPACE_ITEMS, ...PACKAGE_FILES]) {
    await fs.cp(path.join(repoRoot, item), path.join(dir, item), {
      recursive: true,
      filter: (source) =>
        !source.includes(`${path.sep}node_modules`) && !source.includes(`${path.sep}target`),
    });
  }
  return dir;
}

const readAll = async (dir, files) =>
  Object.fromEntries(
    await Promise.all(files.map(async (file) => [file, await fs.readFile(path.join(dir, file), 'utf8')])),
  );

const rootManifest = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8'));
const coreVersion = rootManifest.devDependencies['@rspack/core'];
const cliVersion = rootManifest.devDependencies['@rspack/cli'];
const crateVersion = /^rspack_core = "=([^"]+)"/m.exec(
  await fs.readFile(path.join(repoRoot, 'Cargo.toml'), 'utf8'),
)[1];

describe('pnpm bump-rspack', () => {
  test('moves every pin to the given release, and Cargo.lock onto its release lockfile', async () => {
    const dir = await copyWorkspace();
    // A drifted Cargo.lock, as a bare `cargo update` leaves it: the newest compatible crates.
    execFileSync('cargo', ['update', '--quiet'], { cwd: dir, stdio: 'inherit' });
    const drifted = await fs.readFile(path.join(dir, 'Cargo.lock'), 'utf8');
    const rspackLock = await fs.readFile(rspackLockfilePath(await cargoMetadata(dir)), 'utf8');
    assert.notDeepEqual(
      lockfileDrift(drifted, rspackLock),
      [],
      "`cargo update` moved crates off Rspack's versions",
    );
    // An older state, by hand: other pins everywhere.
    const cargoToml = path.join(dir, 'Cargo.toml');
    await fs.writeFile(
      cargoToml,
      (await fs.readFile(cargoToml, 'utf8')).replace(/^(rspack_\w+ = ")=[^"]+/gm, '$1=0.102.0'),
    );
    for (const file of PACKAGE_FILES) {
      const text = await fs.readFile(path.join(dir, file), 'utf8');
      await fs.writeFile(
        path.join(dir, file),
        text
          .replaceAll(`"@rspack/core": "${coreVersion}"`, '"@rspack/core": "2.2.9"')
          .replaceAll(`"${cliVersion}"`, '"2.2.7"'),
      );
    }
    const workspaceFile = path.join(dir, WORKSPACE_FILE);
    const workspace = await fs.readFile(workspaceFile, 'utf8');
    assert.match(workspace, new RegExp(`'@rsbuild/core>@rspack/core': ${coreVersion}`));
    await fs.writeFile(
      workspaceFile,
      workspace.replace(`>@rspack/core': ${coreVersion}`, ">@rspack/core': 2.2.9"),
    );

    // pnpm-lock.yaml is left out (install: false): pnpm install is the same command as always.
    const result = await bumpRspack({ coreVersion, crateVersion, cwd: dir, install: false });
    assert.equal(result.cliVersion, cliVersion);

    const after = await readAll(dir, ['Cargo.toml', WORKSPACE_FILE, ...PACKAGE_FILES]);
    const pins = [...after['Cargo.toml'].matchAll(/^rspack_\w+ = "=([^"]+)"/gm)].map(
      ([, version]) => version,
    );
    assert.ok(pins.length >= 5);
    assert.deepEqual(new Set(pins), new Set([crateVersion]));
    const root = JSON.parse(after['package.json']);
    assert.equal(root.devDependencies['@rspack/core'], coreVersion);
    assert.equal(root.devDependencies['@rspack/cli'], cliVersion);
    const core = JSON.parse(after['packages/core/package.json']);
    assert.equal(core.peerDependencies['@rspack/core'], coreVersion);
    assert.equal(core.devDependencies['@rspack/core'], coreVersion);
    assert.equal(core.peerDependencies['@rspack/cli'], `^${cliVersion}`);
    assert.equal(
      JSON.parse(after['examples/basic-app/package.json']).devDependencies['@rspack/cli'],
      cliVersion,
    );
    // Back where this checkout is: the same files, byte for byte.
    assert.deepEqual(after, await readAll(repoRoot, ['Cargo.toml', WORKSPACE_FILE, ...PACKAGE_FILES]));
    // And every crate of Rspack's release lockfile is back at its version, the minifier among them.
    const aligned = await fs.readFile(path.join(dir, 'Cargo.lock'), 'utf8');
    assert.deepEqual(lockfileDrift(aligned, rspackLock), []);
    const minifier = (text) => lockedPackages(text).find((pkg) => pkg.name === 'swc_ecma_minifier').version;
    assert.equal(minifier(aligned), minifier(await fs.readFile(path.join(repoRoot, 'Cargo.lock'), 'utf8')));
  });

  test('refuses crates released for another @rspack/core, and changes nothing', async () => {
    const dir = await copyWorkspace();
    const files = ['Cargo.toml', 'Cargo.lock', 'pnpm-lock.yaml', WORKSPACE_FILE, ...PACKAGE_FILES];
    const before = await readAll(dir, files);
    await assert.rejects(
      bumpRspack({ coreVersion: '2.3.2', crateVersion, cwd: dir }),
      new RegExp(
        `^Error: bump-rspack: the Rspack crates ${crateVersion} are built for @rspack/core ${coreVersion} ` +
          '\\(EXPECTED_RSPACK_CORE_VERSION\\), not 2\\.3\\.2\\. Refusing',
      ),
    );
    assert.deepEqual(await readAll(dir, files), before);
  });

  test('rejects a version that is not semver', async () => {
    await assert.rejects(
      bumpRspack({ coreVersion: 'latest', crateVersion, cwd: repoRoot }),
      /"latest" is not a semver version/,
    );
  });
});
