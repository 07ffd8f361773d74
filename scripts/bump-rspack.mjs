#!/usr/bin/env node
// Moves rspack-native to another Rspack release, in one step: every Rspack crate pin in
// Cargo.toml, the napi pins that rspack_binding_api declares, `@rspack/core` (and `@rspack/cli`, to
// its newest release that accepts that core) in every package.json, then Cargo.lock (every crate
// at the version of Rspack's own release lockfile, see align-lockfile.mjs) and pnpm-lock.yaml.
// The binding only works with the @rspack/core its crates were released with (rspack_binding_api's
// EXPECTED_RSPACK_CORE_VERSION): a pair that does not match is refused and nothing is changed.
//
// Usage: pnpm bump-rspack <@rspack/core version> <Rspack crates version>
//   e.g. pnpm bump-rspack 2.3.0 0.103.0
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import semver from 'semver';
import { alignLockfile, cargoMetadata } from './align-lockfile.mjs';
import { refreshLockfile, repoRoot, shellCommand } from './workspace.mjs';

const exec = promisify(execFile);

/** The package.json files that name @rspack/core or @rspack/cli, relative to the repository. */
export const PACKAGE_FILES = [
  'package.json',
  'packages/core/package.json',
  'examples/basic-app/package.json',
  'examples/libs-app/package.json',
];
/** Where pnpm overrides the @rspack/core of tools that ask for another (`'<tool>>@rspack/core'`). */
export const WORKSPACE_FILE = 'pnpm-workspace.yaml';
/** Files this script rewrites; restored as they were if it fails. */
const TOUCHED_FILES = ['Cargo.toml', 'Cargo.lock', 'pnpm-lock.yaml', WORKSPACE_FILE, ...PACKAGE_FILES];

function log(message) {
  console.log(`[bump-rspack] ${message}`);
}

/** Calls `update(name, range, section)` for each dependency of a package.json; a returned value replaces the range. */
function mapDependencies(manifest, update) {
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(manifest[section] ?? {})) {
      const next = update(name, range, section);
      if (next !== undefined) manifest[section][name] = next;
    }
  }
}

/**
 * The @rspack/core version that the `rspack_workspace` crate in `cargo metadata` was released
 * with (the source of EXPECTED_RSPACK_CORE_VERSION), and that crate's version.
 */
export function expectedRspackCoreVersion(metadata) {
  const workspace = metadata.packages.find((pkg) => pkg.name === 'rspack_workspace');
  if (!workspace) throw new Error('bump-rspack: rspack_workspace is not in the dependency graph');
  const generated = fs.readFileSync(
    path.join(path.dirname(workspace.manifest_path), 'src/generated.rs'),
    'utf8',
  );
  const match = /fn rspack_pkg_version\(\)[^{]*\{\s*"([^"]+)"/.exec(generated);
  if (!match) throw new Error(`bump-rspack: no rspack_pkg_version in ${workspace.manifest_path}`);
  return { crateVersion: workspace.version, coreVersion: match[1] };
}

/** The newest stable @rspack/cli whose version is not past `coreVersion` and that accepts it as a peer. */
async function matchingCliVersion(coreVersion, cwd) {
  const { stdout } = await exec(
    ...shellCommand('npm', ['view', '@rspack/cli', 'versions', '--json'], { cwd }),
  );
  const candidates = JSON.parse(stdout)
    .filter((version) => !semver.prerelease(version) && semver.major(version) === semver.major(coreVersion))
    .filter((version) => semver.lte(version, coreVersion))
    .sort(semver.rcompare);
  for (const version of candidates) {
    const { stdout: peers } = await exec(
      ...shellCommand('npm', ['view', `@rspack/cli@${version}`, 'peerDependencies', '--json'], { cwd }),
    );
    const range = JSON.parse(peers || '{}')['@rspack/core'];
    if (!range || semver.satisfies(coreVersion, range, { includePrerelease: true })) return version;
  }
  throw new Error(`bump-rspack: no @rspack/cli release accepts @rspack/core ${coreVersion}`);
}

/**
 * Rewrites the Rspack crate pins and the napi pins in the root Cargo.toml. A napi pin given as
 * null is loosened to a caret requirement, so that cargo can resolve whatever napi the new
 * rspack_binding_api needs before it is pinned exactly.
 */
function rewriteCargoToml(text, crateVersion, napiPins) {
  let next = text.replace(/^(rspack_[a-z_]+ = ")=[^"]+(")/gm, `$1=${crateVersion}$2`);
  for (const [name, version] of Object.entries(napiPins)) {
    next = next.replace(
      new RegExp(`^(${name} = \\{ version = ")=?([^"]+)(")`, 'm'),
      (_, start, current, end) =>
        version === null ? `${start}${current}${end}` : `${start}=${version}${end}`,
    );
  }
  return next.replace(/(rspack_binding_api )\d+\.\d+\.\d+( declares)/, `$1${crateVersion}$2`);
}

/** The napi and napi-derive versions that rspack_binding_api declares. */
export function napiPinsOf(metadata) {
  const api = metadata.packages.find((pkg) => pkg.name === 'rspack_binding_api');
  const pins = {};
  for (const name of ['napi', 'napi-derive']) {
    const dependency = api?.dependencies.find((dep) => dep.name === name && dep.kind === null);
    if (!dependency) throw new Error(`bump-rspack: rspack_binding_api does not depend on ${name}`);
    pins[name] = dependency.req.replace(/^[=^~]/, '');
  }
  return pins;
}

/**
 * Moves the repository at `cwd` to @rspack/core `coreVersion` and the Rspack crates `crateVersion`.
 * @param {{ coreVersion: string, crateVersion: string, cwd?: string, install?: boolean }} options
 *   `install: false` skips `pnpm install` (pnpm-lock.yaml is then left as it was)
 */
export async function bumpRspack({ coreVersion, crateVersion, cwd = repoRoot, install = true }) {
  for (const [what, version] of [
    ['@rspack/core version', coreVersion],
    ['Rspack crates version', crateVersion],
  ]) {
    if (!semver.valid(version)) throw new Error(`bump-rspack: ${what} "${version}" is not a semver version`);
  }
  const saved = new Map(TOUCHED_FILES.map((file) => [file, fs.readFileSync(path.join(cwd, file), 'utf8')]));
  const restore = () => {
    for (const [file, text] of saved) fs.writeFileSync(path.join(cwd, file), text);
  };
  try {
    log(`Rspack crates → =${crateVersion}`);
    fs.writeFileSync(
      path.join(cwd, 'Cargo.toml'),
      rewriteCargoToml(saved.get('Cargo.toml'), crateVersion, { napi: null, 'napi-derive': null }),
    );
    const metadata = await cargoMetadata(cwd);
    const expected = expectedRspackCoreVersion(metadata);
    if (expected.coreVersion !== coreVersion) {
      throw new Error(
        `bump-rspack: the Rspack crates ${crateVersion} are built for @rspack/core ${expected.coreVersion} ` +
          `(EXPECTED_RSPACK_CORE_VERSION), not ${coreVersion}. Refusing: the binding would not work with ` +
          `that @rspack/core. Pass the crate release that matches ${coreVersion}.`,
      );
    }
    const napiPins = napiPinsOf(metadata);
    log(`napi pins of rspack_binding_api ${crateVersion}: ${JSON.stringify(napiPins)}`);
    fs.writeFileSync(
      path.join(cwd, 'Cargo.toml'),
      rewriteCargoToml(saved.get('Cargo.toml'), crateVersion, napiPins),
    );
    await cargoMetadata(cwd); // brings Cargo.lock to the exact napi pins
    log("Cargo.lock → the versions of Rspack's release lockfile");
    await alignLockfile(cwd);

    const cliVersion = await matchingCliVersion(coreVersion, cwd);
    log(`@rspack/core → ${coreVersion}, @rspack/cli → ${cliVersion}`);
    for (const file of PACKAGE_FILES) {
      const manifest = JSON.parse(saved.get(file));
      mapDependencies(manifest, (name, range, section) => {
        if (name === '@rspack/core') return coreVersion;
        if (name === '@rspack/cli') return section === 'peerDependencies' ? `^${cliVersion}` : cliVersion;
        return undefined;
      });
      fs.writeFileSync(path.join(cwd, file), `${JSON.stringify(manifest, null, 2)}\n`);
    }
    log(`${WORKSPACE_FILE}: the overrides of tools' @rspack/core → ${coreVersion}`);
    fs.writeFileSync(
      path.join(cwd, WORKSPACE_FILE),
      saved.get(WORKSPACE_FILE).replace(/^(\s+'[^']+>@rspack\/core': ).+$/gm, `$1${coreVersion}`),
    );
    if (install) {
      log('updating pnpm-lock.yaml');
      refreshLockfile(cwd);
    }
    log(`done: now run ${install ? '' : '`pnpm install`, then '}\`pnpm build:binding && pnpm test\``);
    return { cliVersion, napiPins };
  } catch (error) {
    restore();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [coreVersion, crateVersion] = process.argv.slice(2);
  if (!coreVersion || !crateVersion) {
    console.error(
      'Usage: pnpm bump-rspack <@rspack/core version> <Rspack crates version>   (e.g. 2.3.0 0.103.0)',
    );
    process.exit(2);
  }
  bumpRspack({ coreVersion, crateVersion }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
