#!/usr/bin/env node
// `pnpm bench:wasm`: what the WebAssembly binding costs against the native one, next to what
// Rspack's own WebAssembly binding costs against its native one. The same generated app
// (bench/generate.mjs), bare (no plugin), in production and in development, built in turn round
// by round (A B C D A B C D …) by:
//   ours, native  our release .node (`pnpm build:binding:release`, or --binding)
//   ours, wasm    binding/rspack-native.wasm32-wasi.wasm, which the release WebAssembly build
//                 writes (`pnpm build:binding:release --target wasm32-wasip1-threads`)
//   Rspack, native / Rspack, wasm  @rspack/core at RSPACK_RELEASE, installed with pnpm in two
//                 temp dirs: one for this machine's cpu, one for wasm32 only, so that its loader
//                 has no .node and takes @rspack/binding-wasm32-wasi (with a .node there, it
//                 ignores NAPI_RS_FORCE_WASI for the package: it tries only ./rspack.wasi.cjs)
// Checks first that each binding's wasm build writes the same files as its native build (the
// unminified development one, but for content hashes; see README, "WebAssembly"). Prints
// each variant's median time and peak RSS, each pair's wasm ÷ native (round by round), and the
// size of both `.wasm` files.
//
// Usage: pnpm bench:wasm [--modules 5000] [--runs 5] [--binding <file.node>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from './generate.mjs';
import { releaseBinding } from './run.mjs';
import { markdownTable, median, pairedRatio, ratioText, seconds } from './stats.mjs';
import { timedNode } from './timed-node.mjs';
import {
  envWithoutForcedBinding,
  pnpmCommand,
  readJson,
  readTree,
  repoRoot,
  shellCommand,
  wasmArtifact,
} from '../scripts/workspace.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
/** Rspack's release compared: 2.3.1 is the first 2.3 with `@rspack/binding-wasm32-wasi`. */
const RSPACK_RELEASE = '2.3.1';
const { binaryName } = readJson(path.join(repoRoot, 'binding/package.json')).napi;
const ourWasm = path.join(repoRoot, 'binding', wasmArtifact(binaryName));

function log(message) {
  console.log(`[bench:wasm] ${message}`);
}

/** Installs Rspack at RSPACK_RELEASE into `dir`, its binding for the cpu `cpu` (pnpm's name). */
function installRspack(dir, cpu) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
  fs.writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), `supportedArchitectures:\n  cpu: [${cpu}]\n`);
  const [pnpm, pnpmArgs] = pnpmCommand();
  execFileSync(
    ...shellCommand(pnpm, [...pnpmArgs, 'add', `@rspack/core@${RSPACK_RELEASE}`], {
      cwd: dir,
      stdio: 'inherit',
    }),
  );
}

/** The `.wasm` file of Rspack's WebAssembly package, as installed in `dir` next to its @rspack/binding. */
function rspackWasm(dir) {
  const coreDir = fs.realpathSync(path.join(dir, 'node_modules/@rspack/core'));
  const bindingDir = fs.realpathSync(path.join(coreDir, '../binding'));
  const wasmPackage = path.join(bindingDir, '../binding-wasm32-wasi');
  const file = fs.readdirSync(wasmPackage).find((name) => name.endsWith('.wasm'));
  return path.join(wasmPackage, file);
}

/**
 * The variants of one mode: name → the arguments and environment of bench/build.mjs. `ours`
 * loads the release .node by path, or its `.wasm` with NAPI_RS_FORCE_WASI=error; Rspack's come
 * from the two installs (`rspackDirs`).
 */
function variants({ development, binding, rspackDirs }) {
  const variant = development ? ', development' : '';
  return {
    'ours, native': { variant: `ours${variant}`, binding },
    'ours, wasm': { variant: `ours${variant}`, env: { NAPI_RS_FORCE_WASI: 'error' } },
    'Rspack, native': { variant: `official${variant}`, env: { BENCH_OFFICIAL_FROM: rspackDirs.native } },
    'Rspack, wasm': { variant: `official${variant}`, env: { BENCH_OFFICIAL_FROM: rspackDirs.wasm } },
  };
}

/**
 * The files in `dir` (names and contents) with every content hash (`[contenthash:16]`) blanked.
 * Without realContentHash (development), Rspack hashes differently on wasm32, whose usize is 32
 * bits: the same files get other hashes there, its own binding's as ours.
 */
function withoutHashes(dir) {
  const blank = (text) => text.replace(/\b[a-f0-9]{16}\b/g, '#'.repeat(16));
  return new Map([...readTree(dir)].map(([file, bytes]) => [blank(file), blank(bytes.toString('latin1'))]));
}

/** Runs one build in a fresh process; resolves with its wall time (ms) and peak RSS (MB). */
async function buildOnce(name, { variant, binding, env = {} }, appDir, outDir) {
  const { ms, reported } = await timedNode(
    [path.join(benchDir, 'build.mjs'), variant, appDir, outDir, ...(binding ? [binding] : [])],
    { cwd: appDir, env: envWithoutForcedBinding(env), tool: 'bench:wasm', variant: name },
  );
  return { ms, rssMb: reported.maxRssKb / 1024 };
}

/** Times one mode's four variants over `runs` rounds; returns the table's rows. */
async function benchMode({ development, runs, appDir, work, binding, rspackDirs }) {
  const mode = development ? 'development' : 'production';
  const all = variants({ development, binding, rspackDirs });
  const outDir = (name) => path.join(work, 'out', mode, name.replace(/[^a-z0-9]+/gi, '-'));
  for (const [name, spec] of Object.entries(all)) await buildOnce(name, spec, appDir, outDir(name));
  if (development) {
    for (const side of ['ours', 'Rspack']) {
      const [native, wasm] = [`${side}, native`, `${side}, wasm`].map((name) => withoutHashes(outDir(name)));
      const differ = [...new Set([...native.keys(), ...wasm.keys()])].filter(
        (file) => native.get(file) !== wasm.get(file),
      );
      if (differ.length > 0)
        throw new Error(`bench:wasm: ${side}'s wasm and native builds differ (${differ.join(', ')})`);
      log(
        `identical output but for content hashes: ${side}, wasm = ${side}, native (${native.size} files, development)`,
      );
    }
  }
  const measured = Object.fromEntries(Object.keys(all).map((name) => [name, { ms: [], rssMb: [] }]));
  for (let round = 1; round <= runs; round++) {
    for (const [name, spec] of Object.entries(all)) {
      const { ms, rssMb } = await buildOnce(name, spec, appDir, outDir(name));
      measured[name].ms.push(ms);
      measured[name].rssMb.push(rssMb);
    }
    log(`${mode}: round ${round}/${runs} done`);
  }
  return ['ours', 'Rspack'].map((side) => {
    const [native, wasm] = [measured[`${side}, native`], measured[`${side}, wasm`]];
    return [
      `${side}, ${mode}`,
      seconds(median(native.ms)),
      seconds(median(wasm.ms)),
      ratioText(pairedRatio(wasm.ms, native.ms)),
      `${median(native.rssMb).toFixed(0)} / ${median(wasm.rssMb).toFixed(0)}`,
    ];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      modules: { type: 'string', default: '5000' },
      runs: { type: 'string', default: '5' },
      binding: { type: 'string' },
    },
  });
  if (!fs.existsSync(ourWasm)) {
    console.error(
      `bench:wasm: no ${path.relative(repoRoot, ourWasm)}; build it with ` +
        '`pnpm setup:wasm && pnpm build:binding:release --target wasm32-wasip1-threads`',
    );
    process.exit(1);
  }
  const binding = values.binding ? path.resolve(values.binding) : releaseBinding();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-bench-wasm-'));
  try {
    const rspackDirs = { native: path.join(work, 'rspack-native'), wasm: path.join(work, 'rspack-wasm') };
    installRspack(rspackDirs.native, 'current');
    installRspack(rspackDirs.wasm, 'wasm32');
    const appDir = path.join(work, 'app');
    generateApp({ out: appDir, modules: Number(values.modules) });
    log(`app: ${values.modules} modules in ${appDir}; our .node ${binding}`);
    const rows = [['binding, mode', 'native (s)', 'wasm (s)', 'wasm ÷ native', 'peak RSS MB, native / wasm']];
    for (const development of [false, true]) {
      rows.push(
        ...(await benchMode({ development, runs: Number(values.runs), appDir, work, binding, rspackDirs })),
      );
    }
    const mb = (file) => `${(fs.statSync(file).size / 1e6).toFixed(1)} MB`;
    console.log(`\n${markdownTable(rows).join('\n')}\n`);
    console.log(
      `.wasm size: ours ${mb(ourWasm)}, Rspack ${RSPACK_RELEASE}'s ${mb(rspackWasm(rspackDirs.wasm))}`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
