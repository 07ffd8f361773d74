// Profile-guided optimization of the release `.node` (`pnpm build:binding:release --pgo`), in four
// steps, each printed with its name and its time:
//   1. instrumented build: the release build with its own flags plus -Cprofile-generate (a profile
//      only fits the code it was taken on, so nothing else changes) and -Clto=thin as a rustflag:
//      the fat-LTO link of the instrumented code peaked at 11.9 GB, more than GitHub's 7 GB macOS
//      arm64 runner has, and the thin one at 4.0 GB. The profile carries over (99.76 % of the edge
//      counts in common over all 273,359 functions, bench/README.md): cargo compiles every crate
//      to the same bitcode either way, and the counters are placed there. Setting the profile's
//      `lto` instead would change every crate's -C metadata, so no symbol would match;
//   2. training: scripts/pgo-train.mjs runs real builds through the instrumented .node;
//   3. merge: llvm-profdata (from `rustup component add llvm-tools`, the toolchain's own LLVM)
//      merges what every process wrote;
//   4. optimized build: the release build plus -Cprofile-use. LLVM then also optimizes for size
//      the code the training never ran: its -pgso is on by default with a profile, so Rspack's
//      -Cllvm-args=-pgso changes nothing (measured in bench/README.md).
// The two builds use their own target dirs under the Cargo target dir, so that neither evicts
// the other's or the plain release build's cache.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BINDING_LOADER_FILES, repoRoot, rustHost } from './workspace.mjs';

/** Where the PGO steps keep their builds and profiles, under the Cargo target dir `targetDir`. */
export function pgoPaths(targetDir) {
  const profiles = path.join(targetDir, 'pgo-profiles');
  return {
    instrumentedTarget: path.join(targetDir, 'pgo-generate'),
    optimizedTarget: path.join(targetDir, 'pgo-use'),
    instrumentedOut: path.join(targetDir, 'pgo-generate', 'node'),
    profiles,
    merged: path.join(profiles, 'merged.profdata'),
  };
}

/**
 * How much each training mode's counts weigh in the merged profile (pgo-train names every
 * profile after its build's mode). LLVM ranks code hot or cold by its share of all the counts,
 * so a weight above 1 keeps code that only development builds run among the hot.
 */
export const PROFILE_WEIGHTS = { production: 1, development: 1 };

/** llvm-profdata's inputs for the `.profraw` files `files`, each with its mode's weight. */
export function weightedInputs(files, weights = PROFILE_WEIGHTS) {
  return files.map((file) => {
    const mode = Object.keys(weights).find((name) => path.basename(file).startsWith(`${name}-`));
    const weight = mode ? weights[mode] : 1;
    return weight === 1 ? file : `--weighted-input=${weight},${file}`;
  });
}

/** The rustflags each build adds to the release build's own. */
export function pgoRustflags(paths) {
  return {
    instrumented: [`-Cprofile-generate=${paths.profiles}`, '-Clto=thin'],
    optimized: [`-Cprofile-use=${paths.merged}`],
  };
}

/**
 * The toolchain's own LLVM tool `name` (llvm-profdata, llvm-strip: from
 * `rustup component add llvm-tools`); throws with that command when it is missing.
 * `sysroot`: `rustc --print sysroot`.
 */
export function llvmTool(sysroot, name, host = rustHost()) {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  const tool = path.join(sysroot, 'lib', 'rustlib', host, 'bin', exe);
  if (!fs.existsSync(tool)) {
    throw new Error(
      `build-release: ${name} from the toolchain's own LLVM is not installed (${tool}).\n` +
        'Fix: rustup component add llvm-tools',
    );
  }
  return tool;
}

/**
 * Runs `fn`, printing the step's name (after `[tool]`) before and its time after; returns what
 * `fn` returns.
 */
export function step(name, fn, tool = 'pgo') {
  console.log(`[${tool}] ${name}…`);
  const started = performance.now();
  const result = fn();
  console.log(`[${tool}] ${name}: ${((performance.now() - started) / 60000).toFixed(1)} min`);
  return result;
}

/** Why a finished `spawnSync` failed (it could not start, timed out or exited non-zero), or null. */
export function spawnFailure(result) {
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `exit ${result.status}`;
}

/** Runs a command with inherited output; throws if it cannot start or fails. */
export function run(command, args, options) {
  const why = spawnFailure(spawnSync(command, args, { stdio: 'inherit', ...options }));
  if (why) {
    throw new Error(`build-release: ${path.basename(command)} ${args.join(' ')} failed (${why})`);
  }
}

/**
 * Why `flag` (`--pgo`, `--bolt`) cannot build for `target` here, or null: the instrumented .node
 * must run on this machine (`host`) to be trained. `crossFlags`: the napi cross-compile flags
 * given.
 */
export function pgoRefusal(target, host, crossFlags = [], flag = '--pgo') {
  const crossCompile = crossFlags.includes('--cross-compile');
  if (target === host && !crossCompile) return null;
  return (
    `build-release: ${flag} trains the instrumented .node by running it, so it builds only for ` +
    `this machine (${host}), not for ${target}${crossCompile ? ' with --cross-compile' : ''}`
  );
}

/** The one .node a build wrote into `dir`; throws when there is none or more than one. */
export function builtNode(dir) {
  const nodes = fs.readdirSync(dir).filter((file) => file.endsWith('.node'));
  if (nodes.length !== 1) {
    throw new Error(`build-release: expected one .node in ${dir}, found ${nodes.length}`);
  }
  return path.join(dir, nodes[0]);
}

/**
 * Gives `bindingDir` (`@rspack-native/binding`) the loader the training loads the instrumented
 * .node through, copied from `builtDir`, where the instrumented build wrote it, if it has none: a
 * checkout that never built the binding (a release job's) has none. The loader is the same for
 * every build; one already there is kept. Returns whether it copied.
 */
export function provideBindingLoader(builtDir, bindingDir = path.join(repoRoot, 'binding')) {
  if (fs.existsSync(path.join(bindingDir, BINDING_LOADER_FILES[0]))) return false;
  for (const file of BINDING_LOADER_FILES) {
    fs.copyFileSync(path.join(builtDir, file), path.join(bindingDir, file));
  }
  return true;
}

/** The toolchain's sysroot (`rustc --print sysroot`). */
export function rustSysroot() {
  const result = spawnSync('rustc', ['--print', 'sysroot'], { cwd: repoRoot, encoding: 'utf8' });
  const why = spawnFailure(result);
  if (why) throw new Error(`build-release: rustc --print sysroot failed (${why}): ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * The whole pipeline. `build(rustflags, outputDir, targetDir)` runs one release build with
 * `rustflags` added, writing the .node to `outputDir` (scripts/build-release.mjs provides it).
 */
export function buildWithPgo({ build, targetDir, outputDir }) {
  const paths = pgoPaths(path.resolve(targetDir));
  const flags = pgoRustflags(paths);
  const profdata = llvmTool(rustSysroot(), 'llvm-profdata');
  for (const dir of [paths.profiles, paths.instrumentedOut]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  step('1/4 instrumented build', () =>
    build(flags.instrumented, paths.instrumentedOut, paths.instrumentedTarget),
  );
  const instrumented = builtNode(paths.instrumentedOut);
  if (provideBindingLoader(paths.instrumentedOut)) {
    console.log("[pgo] binding/ had no loader (index.js): using the instrumented build's");
  }
  step('2/4 training', () =>
    run(process.execPath, [path.join(repoRoot, 'scripts/pgo-train.mjs'), '--binding', instrumented], {
      cwd: repoRoot,
      // %p: one file per process; %m: per binary, merged online by processes that share it.
      env: { ...process.env, LLVM_PROFILE_FILE: path.join(paths.profiles, 'rspack-%p-%m.profraw') },
    }),
  );
  step('3/4 merge', () => {
    const raw = fs.readdirSync(paths.profiles).filter((file) => file.endsWith('.profraw'));
    if (raw.length === 0) {
      throw new Error(`build-release --pgo: the training wrote no profile in ${paths.profiles}`);
    }
    const inputs = weightedInputs(raw.map((file) => path.join(paths.profiles, file)));
    run(profdata, ['merge', '-o', paths.merged, ...inputs]);
    console.log(`[pgo] merged ${raw.length} profiles into ${paths.merged}`);
  });
  step('4/4 optimized build', () => build(flags.optimized, outputDir, paths.optimizedTarget));
}
