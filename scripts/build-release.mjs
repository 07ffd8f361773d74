#!/usr/bin/env node
// Builds the release .node the way Rspack builds `@rspack/binding` for a release, so that ours is
// the same Rspack (same features, same code generation) plus our plugins. Rspack's release build
// (crates/node_binding/scripts/build.js and its workspace's .cargo/config.toml) adds to the
// `release` profile, which Cargo.toml copies:
// - the features `plugin` (Wasm SWC plugins; not on 32-bit and arm64 Windows) and `info-level`;
// - rustflags: no panic locations, no unwind tables (except Windows MSVC), shared generics and v0
//   symbol mangling;
// - std rebuilt with those settings and `panic = "abort"` (`-Zbuild-std`, needs rust-src), and
//   paths trimmed from the binary (`-Ztrim-paths`).
// For WebAssembly (`--target wasm32-wasip1-threads`, with the toolchain of `pnpm setup:wasm`), as
// Rspack's `build:release:wasm`: Cargo.toml's `release-wasi` profile (optimized for size) and no
// `plugin` feature; binding/build.rs links the fixed memory napi's loader gives the `.wasm`; then
// `wasm-opt -Oz` (binaryen, from npm).
//
// Usage: pnpm build:binding:release [--target <triple>] [--use-napi-cross | --cross-compile]
//                                   [--output-dir <dir>]   (default: binding/)
//                                   [--pgo]   profile-guided: instrumented build, training on real
//                                             builds, optimized build (pgo.mjs)
//                                   [--bolt]  then BOLT (Linux, llvm-bolt installed): the .node's
//                                             code laid out by a profile of the same training
//                                             (bolt.mjs)
//                                   [--target-cpu <cpu>]   e.g. x86-64-v3: code for newer CPUs only
//                                   [--speed-profile]  every crate at opt-level 3, without the
//                                                      `opt-level = "s"` of Cargo.toml's
//                                                      [profile.release.package] (Rspack's)
// The last two are for a binding built for your own machines; the published one has neither.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'smol-toml';
import { boltBuildFlags, optimizeWithBolt } from './bolt.mjs';
import { builtNode, buildWithPgo, pgoRefusal, provideBindingLoader } from './pgo.mjs';
import { WASI_TARGET, wasiBuildEnv } from './wasi-toolchain.mjs';
import {
  cargoTargetDir,
  napiCommand,
  readJson,
  repoRoot,
  rustHost,
  rustStdSources,
  wasmArtifact,
} from './workspace.mjs';

/**
 * Targets that Rspack releases without the `plugin` feature: wasmtime does not support them
 * there, nor does it run inside WebAssembly.
 */
const TARGETS_WITHOUT_PLUGIN = ['i686-pc-windows-msvc', 'aarch64-pc-windows-msvc', WASI_TARGET];

/** The cargo features of the binding crate that Rspack's release turns on for `target`. */
function releaseFeatures(target) {
  return TARGETS_WITHOUT_PLUGIN.includes(target) ? ['info-level'] : ['plugin', 'info-level'];
}

/** The rustflags of Rspack's release build for `target`, then `extra`. */
function releaseRustflags(target, extra = []) {
  return [
    '-Zlocation-detail=none',
    ...(target.includes('windows-msvc') ? [] : ['-Cforce-unwind-tables=no']),
    '-Zshare-generics=y',
    '-Csymbol-mangling-version=v0',
    ...extra,
  ];
}

/**
 * Cargo `--config` arguments that set every package of the workspace's
 * `[profile.release.package]` (Rspack's `opt-level = "s"` for large crates off the hot path) to
 * `opt-level = 3`: `--speed-profile`.
 */
export function speedProfileArgs(cargoToml = fs.readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8')) {
  const packages = Object.keys(parse(cargoToml).profile?.release?.package ?? {});
  return packages.flatMap((name) => [
    '--config',
    `profile.release.package.${JSON.stringify(name)}.opt-level=3`,
  ]);
}

/**
 * The `napi build` arguments of a release build for `target`; `extra` are more napi flags (its
 * cross-compile flags, `-o <dir>`), `extraRustflags` more rustflags (the PGO builds',
 * `-Ctarget-cpu`), `extraCargoArgs` more cargo arguments (`--speed-profile`'s).
 */
export function releaseBuildArgs(target, extra = [], extraRustflags = [], extraCargoArgs = []) {
  const rustflags = releaseRustflags(target, extraRustflags)
    .map((flag) => JSON.stringify(flag))
    .join(', ');
  return [
    'build',
    '--platform',
    // WebAssembly: Cargo.toml's `release-wasi` (the release profile, for size), as Rspack's.
    ...(target === WASI_TARGET ? ['--profile', 'release-wasi'] : ['--release']),
    '--dts',
    'index.d.ts',
    '--target',
    target,
    ...extra,
    '--features',
    releaseFeatures(target).join(','),
    '--',
    '-Zbuild-std=panic_abort,std',
    '-Ztrim-paths',
    '--config',
    `target.'cfg(all())'.rustflags = [${rustflags}]`,
    ...extraCargoArgs,
  ];
}

/** Throws a message with the fix when the toolchain has no std sources for -Zbuild-std. */
function checkRustSrc() {
  const library = rustStdSources();
  if (!fs.existsSync(library)) {
    throw new Error(
      `build-release: the release build recompiles Rust's std for size, as Rspack's release does ` +
        `(-Zbuild-std), and needs the std sources, which are not installed (${library}).\n` +
        `Fix: rustup component add rust-src`,
    );
  }
}

/**
 * The WebAssembly features the `.wasm` is compiled with, named for wasm-opt, which cannot read
 * them from the module: the release profile strips its `target_features` section. Those of the
 * wasm32-wasip1-threads target (threads, bulk memory, mutable globals, sign extension), LLVM's
 * non-trapping float-to-int, and SIMD (`+simd128` in the build's rustflags).
 */
const WASM_FEATURES = [
  'threads',
  'bulk-memory',
  'mutable-globals',
  'sign-ext',
  'nontrapping-float-to-int',
  'simd',
];

/**
 * Shrinks the release `.wasm` in `dir` in place with `wasm-opt -Oz`, as Rspack's release does,
 * with binaryen from npm (binding/package.json's devDependencies, the version Rspack uses). The
 * `.debug.wasm` napi build copies beside it goes: stripped, it holds no more than the `.wasm`, and
 * napi's loader would take it instead of the optimized one.
 */
export function optimizeWasm(dir) {
  const bindingManifest = path.join(repoRoot, 'binding/package.json');
  const wasm = path.join(dir, wasmArtifact(readJson(bindingManifest).napi.binaryName));
  const wasmOpt = createRequire(bindingManifest).resolve('binaryen/bin/wasm-opt');
  const optimized = `${wasm}.optimized`;
  const before = fs.statSync(wasm).size;
  const args = ['-Oz', ...WASM_FEATURES.map((feature) => `--enable-${feature}`), wasm, '-o', optimized];
  console.log(`[build-release] wasm-opt ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [wasmOpt, ...args], { stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error(`build-release: wasm-opt failed (exit ${result.status ?? result.signal})`);
  fs.renameSync(optimized, wasm);
  fs.rmSync(wasm.replace(/\.wasm$/, '.debug.wasm'), { force: true });
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  console.log(`[build-release] ${path.basename(wasm)}: ${mb(before)} → ${mb(fs.statSync(wasm).size)}`);
}

/** The command line's options (see the usage above); a wrong one exits with its name. */
function releaseOptions() {
  const options = {
    target: { type: 'string', default: rustHost() },
    'use-napi-cross': { type: 'boolean' },
    'cross-compile': { type: 'boolean' },
    'output-dir': { type: 'string' },
    pgo: { type: 'boolean' },
    bolt: { type: 'boolean' },
    'target-cpu': { type: 'string' },
    'speed-profile': { type: 'boolean' },
  };
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    console.error(`build-release: ${error.message} (usage: scripts/build-release.mjs, at the top)`);
    process.exit(2);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const values = releaseOptions();
  const tuning = [
    ...(values['target-cpu'] ? [`-Ctarget-cpu=${values['target-cpu']}`] : []),
    ...(values.bolt ? boltBuildFlags.rustflags : []),
  ];
  const cargoArgs = [
    ...(values['speed-profile'] ? speedProfileArgs() : []),
    ...(values.bolt ? boltBuildFlags.cargoArgs : []),
  ];
  const cross = ['use-napi-cross', 'cross-compile'].filter((flag) => values[flag]).map((flag) => `--${flag}`);
  const outputDir = values['output-dir'] && path.resolve(values['output-dir']);
  /** One release build with `rustflags` added, into `out` (default: binding/), with `targetDir`. */
  const build = (rustflags = [], out = outputDir, targetDir = undefined) => {
    const napiFlags = [...cross, ...(out ? ['-o', out] : [])];
    const args = releaseBuildArgs(values.target, napiFlags, [...tuning, ...rustflags], cargoArgs);
    console.log(`[build-release] napi ${args.join(' ')}`);
    const [napi, napiArgs] = napiCommand();
    const result = spawnSync(napi, [...napiArgs, ...args], {
      cwd: path.join(repoRoot, 'binding'),
      stdio: 'inherit',
      env: {
        ...process.env,
        ...(values.target === WASI_TARGET ? wasiBuildEnv() : {}),
        ...(targetDir ? { CARGO_TARGET_DIR: targetDir } : {}),
      },
    });
    if (result.status !== 0) throw new Error(`build-release: napi build failed (exit ${result.status})`);
  };
  try {
    checkRustSrc();
    const refusal =
      (values.pgo || values.bolt) &&
      pgoRefusal(values.target, rustHost(), cross, values.bolt ? '--bolt' : '--pgo');
    if (refusal) throw new Error(refusal);
    if (values.bolt && process.platform !== 'linux') {
      throw new Error(
        `build-release: --bolt optimizes ELF files, on Linux only (this is ${process.platform})`,
      );
    }
    const outDir = outputDir ?? path.join(repoRoot, 'binding');
    if (values.pgo) {
      buildWithPgo({ build, targetDir: cargoTargetDir(), outputDir });
    } else {
      build();
      if (values.target === WASI_TARGET) optimizeWasm(outDir);
    }
    if (values.bolt) {
      provideBindingLoader(outDir);
      optimizeWithBolt({ node: builtNode(outDir), workDir: path.join(cargoTargetDir(), 'bolt') });
    }
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
