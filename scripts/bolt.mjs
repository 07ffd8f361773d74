// Post-link optimization of the release .node with BOLT (`pnpm build:binding:release --bolt`, on
// Linux): LLVM's binary optimizer lays out the machine code of the finished .node by a profile of
// real builds, hot paths together and cold blocks split out, which a compiler cannot do across
// the whole binary. It runs after the release build (plain or `--pgo`), in four steps:
//   1. instrument: llvm-bolt adds counters to a copy of the .node;
//   2. training: scripts/pgo-train.mjs, the PGO training set, runs through that copy;
//   3. merge: merge-fdata joins what every process wrote;
//   4. optimize: llvm-bolt rewrites the .node by that profile, then it is stripped as the
//      release profile strips it.
// BOLT needs the link's relocations and symbols: the build links with `--emit-relocs` and
// does not strip (`boltBuildFlags`), which leaves the code itself unchanged, so a PGO profile
// still fits. llvm-bolt comes from LLVM, not from rustup: Debian's and Ubuntu's `bolt-<N>`.
import fs from 'node:fs';
import path from 'node:path';
import { llvmTool, run, rustSysroot, step } from './pgo.mjs';
import { repoRoot } from './workspace.mjs';

/** The LLVM major versions whose llvm-bolt is looked for on PATH, newest first. */
const BOLT_VERSIONS = [21, 20, 19, 18, 17];

/** The rustflags and cargo arguments a build adds to be optimized by BOLT afterwards. */
export const boltBuildFlags = {
  rustflags: ['-Clink-arg=-Wl,--emit-relocs'],
  cargoArgs: ['--config', 'profile.release.strip=false'],
};

/** The first of `names` that is an executable file in one of `PATH`'s folders, or null. */
function onPath(names, envPath = process.env.PATH ?? '') {
  for (const name of names) {
    for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return file;
      } catch {
        // not in this folder
      }
    }
  }
  return null;
}

/**
 * llvm-bolt and merge-fdata of one LLVM release: `LLVM_BOLT` (merge-fdata beside it), else the
 * newest `llvm-bolt[-N]` on PATH. Throws with the command that installs them when there is none.
 */
export function findBolt(env = process.env) {
  const suffixes = ['', ...BOLT_VERSIONS.map((version) => `-${version}`)];
  const bolt =
    env.LLVM_BOLT ||
    onPath(
      suffixes.map((suffix) => `llvm-bolt${suffix}`),
      env.PATH,
    );
  if (!bolt || !fs.existsSync(bolt)) {
    throw new Error(
      `build-release --bolt: llvm-bolt was not found (${env.LLVM_BOLT ? `LLVM_BOLT=${env.LLVM_BOLT}` : 'on PATH'}).\n` +
        'Fix: apt-get install bolt-19 (Debian 12) or bolt-18 (Ubuntu 24.04), or set LLVM_BOLT to llvm-bolt',
    );
  }
  const suffix = /llvm-bolt(-\d+)?$/.exec(bolt)?.[1] ?? '';
  const mergeFdata = path.join(path.dirname(bolt), `merge-fdata${suffix}`);
  if (!fs.existsSync(mergeFdata)) {
    throw new Error(`build-release --bolt: merge-fdata is not beside ${bolt} (${mergeFdata})`);
  }
  // Through its real path: llvm-bolt finds its instrumentation runtime (libbolt_rt_instr.a)
  // relative to where it was started from, and Debian's /usr/bin/llvm-bolt-19 is a link.
  return { bolt: fs.realpathSync(bolt), mergeFdata: fs.realpathSync(mergeFdata) };
}

/**
 * How llvm-bolt lays out the code by the profile: blocks in the order they run (ext-tsp),
 * functions that call each other together (cdsort), cold blocks split out of every function,
 * identical functions folded. The rewritten code goes into the old code's place
 * (`-use-old-text`): without it, the old code stays beside the new and the `.node` grew from
 * 47.4 MB to 62.8 MB, more than the official one's 50.8 MB (bench/README.md). It starts on the
 * first 4 KiB page of the old code (`-align-text`): at llvm-bolt's default, a 2 MiB boundary, up
 * to 2 MiB of the old space is lost, and a build whose code began just past one did not fit
 * (it needed 41.9 MB of 40.1 MB). GNU_STACK's header marks any new segment, so that strip keeps
 * it intact.
 */
export const BOLT_OPTIMIZE_FLAGS = [
  '-reorder-blocks=ext-tsp',
  '-reorder-functions=cdsort',
  '-split-functions',
  '-split-all-cold',
  '-split-eh',
  '-icf=1',
  '-use-old-text',
  '-align-text=4096',
  '-use-gnu-stack',
];

/** How much larger than before BOLT its `.node` may be (stripped both): 47.4 → 48.9 MB measured. */
const MAX_GROWTH = 1.1;

/**
 * Why the `.node` BOLT wrote is not fit to ship, or null: `after` bytes against `before`
 * (the same `.node` before BOLT), both stripped. When the new code does not fit in the old
 * code's place, llvm-bolt only warns and writes both: a `.node` half again as large.
 */
export function boltGrowthError(before, after) {
  if (after <= before * MAX_GROWTH) return null;
  const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
  return (
    `build-release --bolt: the optimized .node is ${mb(after)}, against ${mb(before)} before BOLT: ` +
    "llvm-bolt could not put the new code in the old code's place (-use-old-text; its warning " +
    'above says how much space it needed)'
  );
}

/**
 * Optimizes the .node `node` in place with BOLT, trained by scripts/pgo-train.mjs; `workDir`
 * keeps the instrumented copy and the profiles.
 */
export function optimizeWithBolt({ node, workDir }) {
  const { bolt, mergeFdata } = findBolt();
  const strip = llvmTool(rustSysroot(), 'llvm-strip');
  const profiles = path.join(workDir, 'profiles');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(profiles, { recursive: true });
  const instrumented = path.join(workDir, path.basename(node));
  const merged = path.join(workDir, 'merged.fdata');

  const boltStep = (name, fn) => step(name, fn, 'bolt');
  boltStep('1/4 instrument', () =>
    run(bolt, [
      node,
      '-instrument',
      // One profile per process, written when it exits.
      `--instrumentation-file=${path.join(profiles, 'rspack.fdata')}`,
      '--instrumentation-file-append-pid',
      '-o',
      instrumented,
    ]),
  );
  boltStep('2/4 training', () =>
    run(process.execPath, [path.join(repoRoot, 'scripts/pgo-train.mjs'), '--binding', instrumented], {
      cwd: repoRoot,
    }),
  );
  boltStep('3/4 merge', () => {
    const raw = fs.readdirSync(profiles).filter((file) => file.endsWith('.fdata'));
    if (raw.length === 0) {
      throw new Error(`build-release --bolt: the training wrote no profile in ${profiles}`);
    }
    run(mergeFdata, [...raw.map((file) => path.join(profiles, file)), '-o', merged]);
    console.log(`[bolt] merged ${raw.length} profiles into ${merged}`);
  });
  boltStep('4/4 optimize', () => {
    const optimized = `${node}.bolt`;
    const strippedInput = path.join(workDir, 'before-bolt.node');
    run(strip, ['--strip-all', node, '-o', strippedInput]);
    run(bolt, [node, `-data=${merged}`, ...BOLT_OPTIMIZE_FLAGS, '-o', optimized]);
    run(strip, ['--strip-all', optimized]);
    const growth = boltGrowthError(fs.statSync(strippedInput).size, fs.statSync(optimized).size);
    if (growth) throw new Error(growth);
    fs.renameSync(optimized, node);
  });
}
