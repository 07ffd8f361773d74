#!/usr/bin/env node
// `pnpm build:binding`: the dev build of the binding, made for the edit → rebuild loop.
//
// It does what `napi build --platform --dts index.d.ts` does, minus what made each rebuild slow:
// - One fixed type-definition folder (`napiEnv()` in napi-env.mjs), which `pnpm test:rust` passes
//   to cargo as well.
//   napi-derive's crates rebuild whenever NAPI_TYPE_DEF_TMP_FOLDER changes, and `napi build` sets
//   it to a folder named after the checkout and build settings while a bare `cargo test` leaves it
//   unset: every switch between the two recompiled rspack_binding_api or our plugin crates.
// - The `.node` is a hard link to cargo's artifact (a copy where links are impossible), not a
//   copied, hashed and fsynced 400 MB file.
// - `index.d.ts` and the `index.js` loader are regenerated (with napi's own `generateTypeDef` and
//   `writeJsBinding`) only when the type definitions the crates emitted have changed.
// Release builds still go through `napi build` (scripts/build-release.mjs), and so does the
// WebAssembly build (`--target wasm32-wasip1-threads`), which also writes the `.wasm`'s loader
// (`rspack-native.wasi.cjs` and its worker) with the toolchain of scripts/wasi-toolchain.mjs.
//
// usage: node scripts/build-binding.mjs [--target wasm32-wasip1-threads]
//        (prints how long each step took)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { generateTypeDef, parseTriple, writeJsBinding } from '@napi-rs/cli';
import { napiDeriveCrates, napiEnv, typeDefDir } from './napi-env.mjs';
import { WASI_TARGET, wasiBuildEnv } from './wasi-toolchain.mjs';
import { cargoTargetDir, napiCommand, readJson, repoRoot, rustHost, WASM_PLATFORM } from './workspace.mjs';

const bindingDir = path.join(repoRoot, 'binding');
/** The binding's package.json: its name, version and napi settings (`binaryName`). */
const bindingPackage = readJson(path.join(bindingDir, 'package.json'));
const BINDING_CRATE = 'rspack_native_binding';
const napiPackageJson = createRequire(import.meta.url).resolve('@napi-rs/cli/package.json');
/** The WebAssembly flavour the `index.js` loader falls back to when no native package loads. */
const WASI_FLAVORS = [WASM_PLATFORM];
/** Where the dev build records the type definitions it last wrote `index.js` and `index.d.ts` from. */
const typeDefStamp = path.join(bindingDir, 'node_modules', '.rspack-native-typedefs');

/** The file cargo links the cdylib to, for the Rust target `triple` and the cargo `profile`. */
export function cargoArtifact(triple, profile = 'debug') {
  const { platform } = parseTriple(triple);
  const file =
    platform === 'win32'
      ? `${BINDING_CRATE}.dll`
      : platform === 'darwin'
        ? `lib${BINDING_CRATE}.dylib`
        : `lib${BINDING_CRATE}.so`;
  return path.join(cargoTargetDir(), triple, profile, file);
}

/**
 * Puts `from` at `to` as a hard link, or as a copy (with `from`'s modification time) where a link
 * cannot be made, e.g. with the target dir on another drive. Leaves an up-to-date copy alone: on
 * Windows a loaded .node cannot be replaced, and the tests load it while they rebuild.
 */
function linkOrCopy(from, to) {
  // bigint: NTFS file ids can exceed what a double holds exactly.
  const [source, target] = [from, to].map((file) =>
    fs.statSync(file, { throwIfNoEntry: false, bigint: true }),
  );
  if (target && source.ino !== 0n && source.ino === target.ino && source.dev === target.dev) return; // linked
  // Copied, with the time (the time set on a copy can be a millisecond off: it passes as a double).
  const sameTime = target && Math.abs(Number(target.mtimeMs - source.mtimeMs)) <= 1;
  if (target && target.size === source.size && sameTime) return;
  const staged = `${to}.${process.pid}.tmp`;
  try {
    fs.linkSync(from, staged);
  } catch {
    fs.copyFileSync(from, staged);
    fs.utimesSync(staged, source.atime, source.mtime);
  }
  fs.renameSync(staged, to);
}

/**
 * A fingerprint of the type definitions the crates emitted (and of what else `index.js` is made
 * from: napi's version, the WebAssembly fallback).
 */
function typeDefFingerprint(folder) {
  const hash = createHash('sha256').update(readJson(napiPackageJson).version).update(WASI_FLAVORS.join());
  for (const name of fs.readdirSync(folder).sort()) {
    hash.update(`\0${name}\0`).update(fs.readFileSync(path.join(folder, name)));
  }
  return hash.digest('hex');
}

/**
 * The type definitions of the crates this checkout builds, copied from the shared folder (which
 * can hold other checkouts' crates, or crates since removed) into a folder of their own. Throws
 * when two crates declare the same TypeScript name: `index.d.ts` is one namespace, where
 * TypeScript would silently merge two interfaces into a wrong one.
 */
export function currentTypeDefs(shared = typeDefDir(), crates = napiDeriveCrates()) {
  const folder = `${shared}.current`;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder);
  const declaredBy = new Map();
  for (const crate of crates) {
    const file = path.join(shared, crate);
    if (!fs.existsSync(file)) continue;
    fs.copyFileSync(file, path.join(folder, crate));
    for (const line of fs.readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { kind, name } = JSON.parse(line);
      if (kind === 'impl') continue; // a class's methods, under its struct's name
      const other = declaredBy.get(name);
      if (other && other !== crate) {
        throw new Error(
          `build-binding: ${other} and ${crate} both declare the TypeScript type ${name}, and the binding's ` +
            `index.d.ts has one namespace. Rename the one in ${crate} (or give it #[napi(js_name = "...")]).`,
        );
      }
      declaredBy.set(name, crate);
    }
  }
  return folder;
}

/**
 * Writes `index.d.ts` and the `index.js` loader from the type definitions, as `napi build
 * --platform --dts index.d.ts` writes them; skipped when the definitions have not changed since
 * the last time, and both files are there. Returns whether it wrote them.
 */
async function writeTypesAndLoader() {
  const folder = currentTypeDefs();
  const fingerprint = typeDefFingerprint(folder);
  const outputs = ['index.d.ts', 'index.js'].map((file) => path.join(bindingDir, file));
  const upToDate = fs.existsSync(typeDefStamp) && fs.readFileSync(typeDefStamp, 'utf8') === fingerprint;
  if (upToDate && outputs.every((file) => fs.existsSync(file))) return false;

  const { napi, name, version } = bindingPackage;
  const { dts, exports } = await generateTypeDef({
    typeDefDir: folder,
    cwd: bindingDir,
    declareBindingTarget: true,
  });
  fs.writeFileSync(outputs[0], dts);
  await writeJsBinding({
    platform: true,
    idents: exports,
    binaryName: napi.binaryName,
    packageName: napi.packageName ?? name,
    version,
    outputDir: bindingDir,
    wasiFlavors: WASI_FLAVORS,
  });
  fs.writeFileSync(typeDefStamp, fingerprint);
  return true;
}

/** Builds the dev binding; logs each step with its duration. */
export async function buildBinding() {
  const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
  const triple = rustHost();
  let started = performance.now();
  // `--target` as `napi build` and `pnpm test:rust` pass it: the same artifacts for all three.
  const cargo = spawnSync('cargo', ['build', '--target', triple, '-p', BINDING_CRATE], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, ...napiEnv() },
  });
  if (cargo.status !== 0)
    throw new Error(`build-binding: cargo build failed (exit ${cargo.status ?? cargo.signal})`);
  console.log(`[build-binding] cargo: ${seconds(started)}`);

  started = performance.now();
  const node = path.join(
    bindingDir,
    `${bindingPackage.napi.binaryName}.${parseTriple(triple).platformArchABI}.node`,
  );
  linkOrCopy(cargoArtifact(triple), node);
  const wrote = await writeTypesAndLoader();
  console.log(
    `[build-binding] ${path.relative(repoRoot, node)}${wrote ? ', index.d.ts, index.js' : ' (types unchanged)'}: ${seconds(started)}`,
  );
  return node;
}

/**
 * Builds the dev binding for WebAssembly with `napi build`, into binding/: the `.wasm`, its
 * loader and worker, and `index.js` and `index.d.ts` (which fall back to the `.wasm`, as the
 * native build's do). Throws with the setup command when the toolchain is incomplete.
 */
export function buildWasmBinding() {
  const env = { ...process.env, ...wasiBuildEnv() };
  const started = performance.now();
  const [napi, napiArgs] = napiCommand();
  const args = ['build', '--platform', '--target', WASI_TARGET, '--dts', 'index.d.ts'];
  // No `plugin` feature: wasmtime (Wasm SWC plugins) does not run inside WebAssembly.
  const cargoArgs = ['-Zbuild-std=panic_abort,std'];
  const result = spawnSync(napi, [...napiArgs, ...args, '--', ...cargoArgs], {
    cwd: bindingDir,
    stdio: 'inherit',
    env,
  });
  if (result.status !== 0)
    throw new Error(`build-binding: napi build failed (exit ${result.status ?? result.signal})`);
  // napi wrote index.js and index.d.ts from its own type definitions: the next native build
  // writes them again from the dev build's.
  fs.rmSync(typeDefStamp, { force: true });
  console.log(`[build-binding] ${WASI_TARGET}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { target: { type: 'string' } } });
  if (values.target !== undefined && values.target !== WASI_TARGET) {
    console.error(
      `build-binding: --target takes ${WASI_TARGET} (the dev build is otherwise for this machine, ${rustHost()}); got ${values.target}`,
    );
    process.exit(2);
  }
  const build = values.target === WASI_TARGET ? async () => buildWasmBinding() : buildBinding;
  build().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
