#!/usr/bin/env node
// The distribution path, for real: publish rspack-native to a local npm registry (verdaccio on
// 127.0.0.1) with the same script release.yml uses, install it in a fresh folder outside this
// workspace with pnpm and with npm, and build the example app there with `rspack-native build`.
// Then remove the platform package and check the error that names it.
//
// Usage: node scripts/registry-round-trip.mjs [--node <file>] [--wasm <file>] [--keep]
//   --node  the .node file to ship for this platform (default: the one last written
//           next to binding/index.js: a dev build after `pnpm build:binding`, a release build
//           after `pnpm build:binding:release`)
//   --wasm  the .wasm to ship in @rspack-native/binding-wasm32-wasi, with the loader files `napi
//           build` wrote beside it (binding/rspack-native.wasm32-wasi.wasm after `pnpm
//           build:binding --target wasm32-wasip1-threads`); the apps then install that package
//           instead of this platform's (`--cpu=wasm32`) and build through it
//   --keep  leave the temp folder (registry storage, installs, builds) for inspection
//
// Only this machine's target can be built here, so the other platform packages (and the
// WebAssembly one, without --wasm) are published with placeholder files: that keeps the registry
// shaped like the real one, and shows that the package managers install only the package whose
// os/cpu/libc match.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { checkExampleOutput } from '../examples/basic-app/check-output.js';
import { currentPlatform } from '../packages/core/src/platform-package.js';
import { publish } from './publish.mjs';
import {
  envWithoutForcedBinding,
  pnpmCommand,
  readJson,
  repoRoot,
  shellCommand,
  wasmArtifact,
  WASM_PLATFORM,
  wasmLoaderFiles,
} from './workspace.mjs';

const bindingManifest = readJson(path.join(repoRoot, 'binding/package.json'));
const coreManifest = readJson(path.join(repoRoot, 'packages/core/package.json'));
const rootManifest = readJson(path.join(repoRoot, 'package.json'));
const execFileAsync = promisify(execFile);
/** The npm scope of our packages, from binding/package.json (`pnpm rename-scope` changes it). */
const scope = bindingManifest.name.split('/')[0];

function log(message) {
  console.log(`[round-trip] ${message}`);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts verdaccio with its storage in `dir`; resolves once it answers, with its URL and a stop(). */
async function startRegistry(dir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = path.join(dir, 'verdaccio.yaml');
  // No uplinks: the registry holds only what we publish. Everything else comes from the
  // registry npm is configured with, as for a real user of @rspack-native/core.
  fs.writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
      'uplinks: {}',
      'packages:',
      `  '${scope}/*':`,
      '    access: $all',
      '    publish: $authenticated',
      'max_body_size: 2gb',
      'web:',
      '  enable: false',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const logFile = fs.openSync(path.join(dir, 'verdaccio.log'), 'w');
  const server = path.join(repoRoot, 'scripts/local-registry.mjs');
  const child = spawn(process.execPath, [server, config, String(port)], {
    stdio: ['ignore', logFile, logFile],
  });
  // The child has its own handle; ours would keep Windows from removing the folder at the end.
  fs.closeSync(logFile);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill();
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}-/ping`)).ok) return { url, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`verdaccio did not start on ${url}; see ${path.join(dir, 'verdaccio.log')}`);
}

/** Creates a registry user and returns its token (verdaccio's htpasswd sign-up). */
async function signUp(url) {
  const name = 'rspack-native';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password: 'round-trip',
      type: 'user',
      roles: [],
    }),
  });
  const body = await response.json();
  if (!response.ok || !body.token) throw new Error(`could not sign up to ${url}: ${JSON.stringify(body)}`);
  return body.token;
}

/** The NAPI-RS platform names of the targets in binding/package.json (`linux-x64-gnu`, …). */
async function napiTargetPlatforms() {
  const napiCli = createRequire(path.join(repoRoot, 'binding/package.json')).resolve('@napi-rs/cli');
  const { parseTriple } = await import(pathToFileURL(napiCli).href);
  return bindingManifest.napi.targets.map((triple) => parseTriple(triple).platformArchABI);
}

/**
 * One artifact per configured target: `node` for this platform, `wasm` (with its loader files)
 * for WebAssembly when given, a placeholder for the others.
 */
function writeArtifacts(dir, { node, wasm, platform, platforms }) {
  fs.mkdirSync(dir, { recursive: true });
  const binaryName = bindingManifest.napi.binaryName;
  if (!platforms.includes(platform))
    throw new Error(`binding/package.json has no platform package for ${platform}`);
  const placeholder = (file, target) =>
    fs.writeFileSync(
      path.join(dir, file),
      `placeholder for ${target}: only ${platform} is built by the registry round trip\n`,
    );
  for (const target of platforms) {
    if (target === WASM_PLATFORM) {
      const files = [wasmArtifact(binaryName), ...wasmLoaderFiles(binaryName)];
      for (const file of files) {
        if (wasm) fs.copyFileSync(path.join(path.dirname(wasm), file), path.join(dir, file));
        else placeholder(file, target);
      }
    } else if (target === platform) {
      fs.copyFileSync(node, path.join(dir, `${binaryName}.${target}.node`));
    } else {
      placeholder(`${binaryName}.${target}.node`, target);
    }
  }
}

function sha256(file) {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function runChecked(command, args, options) {
  try {
    return await execFileAsync(
      ...shellCommand(command, args, { ...options, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    );
  } catch (error) {
    throw new Error(
      `${[command, ...args].join(' ')} failed in ${options.cwd}:\n${error.stderr || error.message}`,
    );
  }
}

/**
 * The platform packages the installed binding can load, whatever the package manager's layout:
 * name → folder (its real path, so removing it removes the package).
 */
function installedPlatformPackages(appDir) {
  // The folder of `name` as a package in `dir` resolves it (real paths: pnpm links packages).
  const resolveFrom = (dir, name) =>
    path.dirname(createRequire(path.join(dir, 'package.json')).resolve(`${name}/package.json`));
  const coreDir = fs.realpathSync(path.join(appDir, 'node_modules', coreManifest.name));
  const bindingDir = resolveFrom(coreDir, bindingManifest.name);
  const found = new Map();
  for (const name of Object.keys(bindingManifest.optionalDependencies)) {
    try {
      found.set(name, resolveFrom(bindingDir, name));
    } catch {
      // Not installed.
    }
  }
  return found;
}

/**
 * Installs @rspack-native/core and @rspack/cli with `packageManager` in a new folder under
 * `dir`, builds the example app there, then builds again without the platform package. With
 * `wasm`, the package managers install the WebAssembly package instead of this platform's
 * (`--cpu=wasm32`), and the build goes through it.
 */
async function installAndBuild({ dir, registry, packageManager, platform, artifactHash, wasm }) {
  const appDir = path.join(dir, `app-${packageManager}`);
  fs.mkdirSync(appDir);
  const rspackCli = rootManifest.devDependencies['@rspack/cli'];
  fs.writeFileSync(
    path.join(appDir, 'package.json'),
    `${JSON.stringify(
      {
        name: `round-trip-${packageManager}`,
        private: true,
        type: 'module',
        dependencies: { [coreManifest.name]: coreManifest.version, '@rspack/cli': rspackCli },
      },
      null,
      2,
    )}\n`,
  );
  // Only our scope comes from the local registry, as it would from npm for a real user.
  fs.writeFileSync(path.join(appDir, '.npmrc'), `${scope}:registry=${registry}\n`);
  // pnpm reads the architectures to install for from its workspace settings.
  if (wasm && packageManager === 'pnpm')
    fs.writeFileSync(path.join(appDir, 'pnpm-workspace.yaml'), 'supportedArchitectures:\n  cpu: [wasm32]\n');
  for (const item of ['src', 'app.config.js', 'rspack.config.js', 'check-output.js']) {
    fs.cpSync(path.join(repoRoot, 'examples/basic-app', item), path.join(appDir, item), { recursive: true });
  }

  // Fresh caches (pnpm's store and metadata cache, npm's cache): nothing comes from an earlier
  // run, whose registry may have had the same port, or from this workspace's store.
  const caches = path.join(dir, `cache-${packageManager}`);
  const started = Date.now();
  const [pnpm, pnpmArgs] = pnpmCommand();
  const [command, args] =
    packageManager === 'pnpm'
      ? [
          pnpm,
          [
            ...pnpmArgs,
            'install',
            '--store-dir',
            path.join(caches, 'store'),
            '--cache-dir',
            path.join(caches, 'metadata'),
          ],
        ]
      : ['npm', ['install', '--no-audit', '--no-fund', '--cache', caches, ...(wasm ? ['--cpu=wasm32'] : [])]];
  await runChecked(command, args, { cwd: appDir, env: envWithoutForcedBinding() });
  log(`${packageManager} install: ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const platformPackages = installedPlatformPackages(appDir);
  const expected = `${bindingManifest.name}-${wasm ? WASM_PLATFORM : platform}`;
  if (platformPackages.size !== 1 || !platformPackages.has(expected)) {
    throw new Error(
      `${packageManager} installed ${[...platformPackages.keys()].join(', ') || 'no platform package'}; expected only ${expected}`,
    );
  }
  const platformDir = platformPackages.get(expected);
  const artifact = wasm ? `${WASM_PLATFORM}.wasm` : `${platform}.node`;
  const installedArtifact = path.join(platformDir, `${bindingManifest.napi.binaryName}.${artifact}`);
  if (sha256(installedArtifact) !== artifactHash)
    throw new Error(`${installedArtifact} is not the file that was published`);

  // On Windows the package managers' bin entry is a .cmd script (run through a shell, see shellCommand).
  const rspackNative = path.join(
    appDir,
    'node_modules/.bin',
    process.platform === 'win32' ? 'rspack-native.cmd' : 'rspack-native',
  );
  await runChecked(rspackNative, ['build'], { cwd: appDir, env: envWithoutForcedBinding() });
  const manifest = await checkExampleOutput(path.join(appDir, 'dist'));
  log(`${packageManager}: rspack-native build wrote ${Object.keys(manifest).length} manifest entries`);

  // A missing platform package, as after `npm install --omit=optional` on another machine.
  fs.rmSync(platformDir, { recursive: true, force: true });
  const missing = await execFileAsync(
    ...shellCommand(rspackNative, ['build'], {
      cwd: appDir,
      env: envWithoutForcedBinding(),
      encoding: 'utf8',
    }),
  ).then(
    () => {
      throw new Error(`${packageManager}: rspack-native build succeeded without ${expected}`);
    },
    (error) => error,
  );
  // The error names this platform's package, and the WebAssembly one where that is what was lost.
  const named = [`${platform}@${bindingManifest.version} is not installed.`];
  if (wasm) named.push(`${WASM_PLATFORM}@${bindingManifest.version} is not installed either`);
  if (!named.every((text) => missing.stderr.includes(`${bindingManifest.name}-${text}`))) {
    throw new Error(`${packageManager}: unexpected error without ${expected}:\n${missing.stderr}`);
  }
  return {
    installed: [...platformPackages.keys()],
    manifest,
    missingPackageError: missing.stderr.trim(),
  };
}

/**
 * Runs the whole round trip; resolves with what each package manager installed and built.
 * @param {{ node?: string, wasm?: string, keep?: boolean }} [options] `wasm`: ship that `.wasm`
 *   and install and build through it instead of the `.node` (see the usage above)
 */
export async function roundTrip({ node, wasm, keep = false } = {}) {
  const platform = currentPlatform();
  const nodeFile = path.resolve(
    node ?? path.join(repoRoot, 'binding', `${bindingManifest.napi.binaryName}.${platform}.node`),
  );
  if (!fs.existsSync(nodeFile)) {
    throw new Error(
      `${nodeFile} does not exist: run \`pnpm build:binding\` (or build:binding:release) first, or pass --node`,
    );
  }
  const wasmFile = wasm && path.resolve(wasm);
  if (wasmFile && !fs.existsSync(wasmFile)) {
    throw new Error(
      `${wasmFile} does not exist: run \`pnpm build:binding --target wasm32-wasip1-threads\` first`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-round-trip-'));
  log(`working in ${dir} with ${nodeFile} (${(fs.statSync(nodeFile).size / 1e6).toFixed(1)} MB)`);
  const registry = await startRegistry(dir);
  try {
    log(`verdaccio listening on ${registry.url}`);
    const token = await signUp(registry.url);
    const npmrc = path.join(dir, 'publish.npmrc');
    fs.writeFileSync(npmrc, `//${new URL(registry.url).host}/:_authToken=${token}\n`);

    const artifacts = path.join(dir, 'artifacts');
    writeArtifacts(artifacts, {
      node: nodeFile,
      wasm: wasmFile,
      platform,
      platforms: await napiTargetPlatforms(),
    });
    const started = Date.now();
    const env = { ...process.env, npm_config_registry: registry.url, NPM_CONFIG_USERCONFIG: npmrc };
    await publish({ artifacts, stage: path.join(dir, 'stage'), env });
    log(`published in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const published = await (
      await fetch(`${registry.url}${encodeURIComponent(bindingManifest.name)}`)
    ).json();
    const optionalDependencies = published.versions[bindingManifest.version].optionalDependencies;

    const artifactHash = sha256(wasmFile ?? nodeFile);
    const results = {};
    for (const packageManager of ['pnpm', 'npm']) {
      results[packageManager] = await installAndBuild({
        dir,
        registry: registry.url,
        packageManager,
        platform,
        artifactHash,
        wasm: Boolean(wasmFile),
      });
    }
    return { platform, optionalDependencies, results };
  } finally {
    await registry.stop();
    if (keep) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { node: { type: 'string' }, wasm: { type: 'string' }, keep: { type: 'boolean' } },
  });
  roundTrip(values).then(
    ({ results }) => {
      for (const [packageManager, { installed }] of Object.entries(results)) {
        log(
          `${packageManager}: installed ${installed.join(', ')}, built the example, and named the missing package`,
        );
      }
      log('ok');
    },
    (error) => {
      console.error(
        `[round-trip] failed: ${error.message}${error.cause ? ` (${error.cause.message ?? error.cause})` : ''}`,
      );
      process.exit(1);
    },
  );
}
