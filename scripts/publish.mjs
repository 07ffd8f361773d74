#!/usr/bin/env node
// Publishes rspack-native to an npm registry, in dependency order:
//   1. every platform package `@rspack-native/binding-<platform>`, each with its .node file, and
//      the WebAssembly one, `@rspack-native/binding-wasm32-wasi`, with the `.wasm`, its loader and
//      its runtime (napi create-npm-dirs + napi artifacts + napi prepublish),
//   2. `@rspack-native/binding` (the loader that picks the platform package),
//   3. `@rspack-native/core` (packed by pnpm, which turns `workspace:*` into the real version).
//
// release.yml runs it on GitHub Actions with the .node files of every target; the registry round
// trip (scripts/registry-round-trip.mjs) runs it against a local registry. Which registry, the
// credentials and provenance come from npm's own configuration (npm_config_registry,
// NPM_CONFIG_USERCONFIG, NPM_CONFIG_PROVENANCE), never from this repository.
//
// napi prepublish skips platform packages that npm reports as published, and so does this script
// for the binding: after a failure half-way, running it again finishes the release.
//
// Usage: node scripts/publish.mjs --artifacts <dir> [--stage <dir>] [--version <v>]
//   --artifacts  a folder holding `rspack-native.<platform>.node` for every native target of
//                binding/package.json, and `rspack-native.wasm32-wasi.wasm` with the loader files
//                `napi build` wrote beside it (in subfolders is fine: that is how CI downloads them)
//   --stage      where the packages are assembled (default: a new temp dir); the checkout is
//                never modified
//   --version    the version being released (release.yml passes the tag's): every package must
//                have it
// A version whose @rspack-native/core is out already is refused (nothing left to release); a
// prerelease version is published under its dist-tag (`beta` for 1.0.0-beta.1), not `latest`.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import semver from 'semver';
import {
  BINDING_LOADER_FILES,
  napiCommand,
  pnpmCommand,
  readJson,
  repoRoot,
  shellCommand,
  WASM_PLATFORM,
} from './workspace.mjs';

const execFileAsync = promisify(execFile);
const bindingDir = path.join(repoRoot, 'binding');

/** Runs a command with its output on this terminal; rejects if it fails. */
async function run(command, args, cwd, env) {
  console.log(`$ ${[command, ...args].join(' ')}   (in ${cwd})`);
  const child = spawn(...shellCommand(command, args, { cwd, env, stdio: 'inherit' }));
  const code = await new Promise((resolve, reject) => child.once('error', reject).once('exit', resolve));
  if (code !== 0) throw new Error(`publish: \`${[command, ...args].join(' ')}\` failed (exit code ${code})`);
}

/** Throws unless the binding, its platform packages and core share one version (and `expected`, if given). */
function checkVersions(bindingManifest, coreManifest, expected) {
  const versions = [
    [bindingManifest.name, bindingManifest.version],
    [coreManifest.name, coreManifest.version],
    ...Object.entries(bindingManifest.optionalDependencies ?? {}).map(([name, range]) => [
      `${bindingManifest.name}'s optional dependency ${name}`,
      range,
    ]),
  ];
  const wanted = expected ?? bindingManifest.version;
  const wrong = versions.filter(([, version]) => version !== wanted);
  if (wrong.length > 0) {
    throw new Error(
      `publish: expected version ${wanted}${expected ? ' (--version, from the release tag)' : ''}, but ` +
        wrong.map(([name, version]) => `${name} is ${version}`).join(', '),
    );
  }
}

/** Whether `name@version` is on the registry already (a re-run after a failed release resumes). */
async function isPublished(name, version, env) {
  try {
    const { stdout } = await execFileAsync(
      ...shellCommand('npm', ['view', `${name}@${version}`, 'version'], { env, encoding: 'utf8' }),
    );
    return stdout.trim() === version;
  } catch {
    return false;
  }
}

/**
 * The WebAssembly package's runtime at the exact versions the binding is built and tested with
 * (its devDependencies), instead of the newest `@napi-rs/wasm-runtime` that `napi create-npm-dirs`
 * writes as a range: the loader napi generated and that runtime must match.
 */
function pinWasmRuntime(stagedBinding, bindingManifest) {
  const manifestPath = path.join(stagedBinding, 'npm', WASM_PLATFORM, 'package.json');
  const manifest = readJson(manifestPath);
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const version = bindingManifest.devDependencies[name];
    if (!version)
      throw new Error(
        `publish: ${manifest.name} depends on ${name}, which binding/package.json does not pin`,
      );
    manifest.dependencies[name] = version;
  }
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** `env` without the registry: napi create-npm-dirs asks it for `@napi-rs/wasm-runtime`'s latest version. */
function withoutRegistry(env) {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => name.toLowerCase() !== 'npm_config_registry'),
  );
}

/** `npm publish` of the package in `cwd`, unless that version is out already. */
async function publishOnce({ name, version }, cwd, env) {
  if (await isPublished(name, version, env)) {
    console.log(`${name}@${version} is already published: skipped`);
    return;
  }
  await run('npm', ['publish'], cwd, env);
}

/**
 * Publishes the binding's platform packages, the binding and the core package.
 * @param {{ artifacts: string, stage?: string, version?: string, env?: NodeJS.ProcessEnv }} options `env` is the
 *   environment of the commands that publish (default: this process's), where the registry
 *   settings are; packing with pnpm needs no registry and runs in this process's environment
 */
export async function publish({ artifacts, stage, version, env: callerEnv = process.env }) {
  const bindingManifest = readJson(path.join(bindingDir, 'package.json'));
  const coreManifest = readJson(path.join(repoRoot, 'packages/core/package.json'));
  checkVersions(bindingManifest, coreManifest, version);
  if (await isPublished(coreManifest.name, coreManifest.version, callerEnv)) {
    throw new Error(
      `publish: ${coreManifest.name}@${coreManifest.version} is already published, so this version is released. ` +
        'Bump the versions (binding/package.json, its optionalDependencies, packages/core/package.json) first.',
    );
  }
  // npm refuses to publish a prerelease without a dist-tag (it would become `latest`).
  const prerelease = semver.prerelease(bindingManifest.version);
  const env =
    prerelease && !callerEnv.npm_config_tag && !callerEnv.NPM_CONFIG_TAG
      ? { ...callerEnv, NPM_CONFIG_TAG: typeof prerelease[0] === 'string' ? prerelease[0] : 'next' }
      : callerEnv;
  const artifactsDir = path.resolve(artifacts);
  if (!fs.existsSync(artifactsDir))
    throw new Error(`publish: --artifacts folder ${artifactsDir} does not exist`);
  for (const generated of BINDING_LOADER_FILES) {
    if (!fs.existsSync(path.join(bindingDir, generated))) {
      throw new Error(
        `publish: binding/${generated} is missing. It is written by \`napi build\` ` +
          '(`pnpm build:binding`); in release.yml it comes with the x86_64-unknown-linux-gnu build.',
      );
    }
  }
  const stageDir = stage
    ? path.resolve(stage)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-publish-'));
  const stagedBinding = path.join(stageDir, 'binding');
  fs.rmSync(stagedBinding, { recursive: true, force: true });
  fs.mkdirSync(stagedBinding, { recursive: true });
  // What the binding package ships (its `files`: the generated loader and the hand-written entry).
  for (const item of ['package.json', ...bindingManifest.files, 'npm']) {
    fs.cpSync(path.join(bindingDir, item), path.join(stagedBinding, item), { recursive: true });
  }

  console.log('== @rspack-native/binding-<platform>: one package per target, with its .node or .wasm');
  const [napi, napiArgs] = napiCommand();
  // The registry we publish to need not have the public packages (the round trip's has none).
  await run(napi, [...napiArgs, 'create-npm-dirs'], stagedBinding, withoutRegistry(env));
  pinWasmRuntime(stagedBinding, bindingManifest);
  await run(
    napi,
    [...napiArgs, 'artifacts', '--output-dir', artifactsDir, '--npm-dir', 'npm'],
    stagedBinding,
    env,
  );
  await run(napi, [...napiArgs, 'prepublish', '--tag-style', 'npm', '--no-gh-release'], stagedBinding, env);

  console.log('== @rspack-native/binding');
  await publishOnce(bindingManifest, stagedBinding, env);

  console.log('== @rspack-native/core');
  const [pnpm, pnpmArgs] = pnpmCommand();
  const coreDir = path.join(repoRoot, 'packages/core');
  const packArgs = [...pnpmArgs, 'pack', '--json', '--pack-destination', stageDir];
  console.log(`$ ${[pnpm, ...packArgs].join(' ')}   (in ${coreDir})`);
  const { stdout } = await execFileAsync(...shellCommand(pnpm, packArgs, { cwd: coreDir, encoding: 'utf8' }));
  const packed = JSON.parse(stdout);
  await run('npm', ['publish', packed.filename], stageDir, env);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { artifacts: { type: 'string' }, stage: { type: 'string' }, version: { type: 'string' } },
  });
  if (!values.artifacts) {
    console.error('Usage: node scripts/publish.mjs --artifacts <dir> [--stage <dir>] [--version <v>]');
    process.exit(2);
  }
  publish(values).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
