#!/usr/bin/env node
// The toolchain of the WebAssembly binding (`wasm32-wasip1-threads`), beyond Rust and Node:
// - Rust's std is rebuilt for the target (`-Zbuild-std`, from nightly's `rust-src`): the nightly
//   that Rspack needs has no `rust-std` for it to download;
// - the wasi-libc with threads that links it comes with the stable toolchain's `rust-std` for the
//   target (`lib/rustlib/wasm32-wasip1-threads/lib/self-contained`: `libc.a`, `crt1-reactor.o`);
// - a C compiler for wasm, for the one C library in the graph (brotli, in the compression
//   plugin): zig, from the Python package `ziglang`, behind scripts/wasi/cc and scripts/wasi/ar;
// - emnapi's archives (N-API on wasm), from the npm package `emnapi` in binding/package.json.
//
// Usage: pnpm setup:wasm   (node scripts/wasi-toolchain.mjs --install): installs what is missing
//        node scripts/wasi-toolchain.mjs                              : says what is there
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpmCommand, repoRoot, rustStdSources, shellCommand } from './workspace.mjs';

/** The Rust target of the WebAssembly binding. */
export const WASI_TARGET = 'wasm32-wasip1-threads';
/** The zig release the C code is compiled with (the Python package's version). */
const ZIG_VERSION = '0.17.1';
/** The command that installs every missing piece. */
const SETUP_COMMAND = 'pnpm setup:wasm';

/** Runs `command`; its trimmed stdout, or undefined when it cannot run or fails. */
function output(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: repoRoot, ...options });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Each piece of the toolchain (`id`, and `name` for people): where it is found, and the command
 * that installs it when it is not. `found` is a path or version when present, `undefined` when
 * missing.
 */
export function wasiToolchainPieces() {
  const stable = output('rustup', ['run', 'stable', 'rustc', '--print', 'sysroot']);
  const selfContained = stable && path.join(stable, 'lib/rustlib', WASI_TARGET, 'lib/self-contained');
  const zig = output('python3', ['-m', 'ziglang', 'version']);
  let emnapi;
  try {
    const requireFromBinding = createRequire(path.join(repoRoot, 'binding/package.json'));
    emnapi = path.join(path.dirname(requireFromBinding.resolve('emnapi/package.json')), 'lib', WASI_TARGET);
  } catch {
    emnapi = undefined;
  }
  const present = (file) => (file && fs.existsSync(file) ? file : undefined);
  return [
    {
      id: 'libc',
      name: `the wasi-libc with threads (stable Rust's rust-std for ${WASI_TARGET})`,
      found: present(selfContained && path.join(selfContained, 'libc.a')) && selfContained,
      install: ['rustup', 'target', 'add', WASI_TARGET, '--toolchain', 'stable'],
    },
    {
      id: 'rustSrc',
      name: "Rust's std sources, rebuilt for the target (rust-src)",
      found: present(rustStdSources()),
      install: ['rustup', 'component', 'add', 'rust-src'],
    },
    {
      id: 'zig',
      name: `zig ${ZIG_VERSION}, the C compiler for wasm (Python package ziglang)`,
      found: zig === ZIG_VERSION ? `zig ${zig}` : undefined,
      install: ['python3', '-m', 'pip', 'install', `ziglang==${ZIG_VERSION}`],
    },
    {
      id: 'emnapi',
      name: "emnapi's archives (npm package emnapi)",
      found: present(emnapi),
      install: [...pnpmCommand().flat(), 'install'],
    },
  ];
}

/**
 * The environment cargo needs to build the binding for WASI_TARGET; throws, naming what is
 * missing and the command that installs it, when the toolchain is incomplete.
 */
export function wasiBuildEnv(pieces = wasiToolchainPieces()) {
  const missing = pieces.filter((piece) => !piece.found);
  if (missing.length > 0) {
    throw new Error(
      `The WebAssembly build needs what is not installed:\n${missing
        .map((piece) => `- ${piece.name}: ${piece.install.join(' ')}`)
        .join('\n')}\nInstall them all with: ${SETUP_COMMAND}`,
    );
  }
  const found = Object.fromEntries(pieces.map((piece) => [piece.id, piece.found]));
  const { libc: selfContained, emnapi } = found;
  const wrapper = (name) => path.join(repoRoot, 'scripts/wasi', name);
  const envName = WASI_TARGET.replaceAll('-', '_');
  return {
    [`CC_${envName}`]: wrapper('cc'),
    [`AR_${envName}`]: wrapper('ar'),
    EMNAPI_LINK_DIR: emnapi,
    // The nightly has no rust-std for the target, so the C runtime comes from stable's: libc.a
    // on the library path, and the reactor's start file (napi-build looks for it only in the
    // nightly's sysroot, and says so in a warning).
    [`CARGO_TARGET_${envName.toUpperCase()}_RUSTFLAGS`]: [
      `-Lnative=${selfContained}`,
      `-Clink-arg=${path.join(selfContained, 'crt1-reactor.o')}`,
      '-Clink-arg=--export=_initialize',
      // As Rspack's own WebAssembly build.
      '-Ctarget-feature=+simd128',
      '--cfg',
      'tokio_unstable',
    ].join(' '),
  };
}

/** Installs every missing piece, one command each, printing each command. */
function install() {
  for (const piece of wasiToolchainPieces().filter((p) => !p.found)) {
    const [command, ...args] = piece.install;
    console.log(`[setup:wasm] ${piece.install.join(' ')}`);
    const result = spawnSync(...shellCommand(command, args, { cwd: repoRoot, stdio: 'inherit' }));
    if (result.status !== 0) throw new Error(`setup:wasm: \`${piece.install.join(' ')}\` failed`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--install')) install();
    for (const piece of wasiToolchainPieces()) {
      console.log(
        `${piece.found ? '✓' : '✗'} ${piece.name}: ${piece.found ?? `missing (${piece.install.join(' ')})`}`,
      );
    }
    wasiBuildEnv();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
