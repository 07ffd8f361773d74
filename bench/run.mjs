#!/usr/bin/env node
// `pnpm bench`: builds the same generated app in production mode with the official binding and
// with ours (release profile), with no extra plugin, a manifest plugin, a replace loader, the
// same loader with no patterns, a license plugin, a case-sensitive paths plugin and a compression
// plugin (gzip, brotli; the native one also on one thread), and times dev rebuilds with and
// without the case-sensitive one; prints time and peak memory side by side. Checks first that each
// pair (JavaScript peer on the official binding, native on ours) writes identical output
// (compressed files: identical once decompressed), then runs the variants in turn (A B C … A B C
// …) so that machine noise hits them alike.
//
// Usage: pnpm bench [--modules 5000 | --sizes 1000,5000,20000] [--runs 5] [--packages 40]
//                   [--seed 1] [--shape deep|flat|react]
//                   [--plugins manifest,replace,loader,function,license,case,case-rebuild,gzip,brotli,
//                              assets-manifest]
//                   [--binding <file.node>]
//                   [--dev-loop] [--cold-builds]
//   --plugins      which plugin pairs to run besides the two bare baselines (default: all)
//   --binding      our .node (default: the release build in the Cargo target dir, from
//                  `pnpm build:binding:release`)
//   --shape        the app's source tree (bench/generate.mjs): `deep` (default) nests directories
//                  three levels below src/, 10 files and up to 10 subdirectories each; `flat`, one
//                  level of folders; `react`, the shape of build-tools-performance's react-10k:
//                  9 ES modules to a folder of that tree, each importing the same packages (a bare
//                  name, deep paths) and an icon file of its own next to its relative imports
//                  (--packages does not apply)
//   --sizes        several app sizes in one run; writes bench/results.json and bench/overhead.svg
//   --dev-loop     also time the plugin author's loop: edit a crate → dev .node → example built
//                  (with --cold-builds and without --modules/--sizes: only the binding's builds)
//   --cold-builds  also time cold dev and release builds of the binding (fresh target dirs: ~1 h)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from './generate.mjs';
import { overheadChart } from './chart.mjs';
import { timedNode } from './timed-node.mjs';
import { markdownTable, median, overhead, pairedRatio, ratioText, seconds } from './stats.mjs';
import {
  BARE_GROUPS,
  COMPRESSION,
  EXTRAS,
  ONE_THREAD_VARIANTS,
  PAIRS,
  VARIANTS,
  runsWith,
} from './variants.mjs';
import { cargoArtifact } from '../scripts/build-binding.mjs';
import { readTree, repoRoot, rustHost } from '../scripts/workspace.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function log(message) {
  console.log(`[bench] ${message}`);
}

/** `value` of the flag `flag` as a positive integer; throws naming `tool` and the flag otherwise. */
export function positiveInteger(tool, flag, value) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`${tool}: ${flag} must be a positive integer, got ${value}`);
  }
  return number;
}

/** Our release .node, copied where Node can load it (it needs the .node extension). */
export function releaseBinding() {
  const built = cargoArtifact(rustHost(), 'release');
  if (!fs.existsSync(built)) {
    throw new Error(
      `bench: no release build at ${built}; run \`pnpm build:binding:release\` or pass --binding <file.node>`,
    );
  }
  const copy = path.join(os.tmpdir(), `rspack-native-bench-${fs.statSync(built).mtimeMs}.node`);
  if (!fs.existsSync(copy)) fs.copyFileSync(built, copy);
  return copy;
}

/**
 * Runs one build in a fresh process; resolves with its time (ms: the process's wall time, or a
 * dev-rebuild variant's median rebuild) and peak RSS (MB).
 */
async function buildOnce(variant, appDir, outDir, binding) {
  const { ms, reported } = await timedNode(
    [path.join(benchDir, 'build.mjs'), variant, appDir, outDir, binding],
    {
      // From the app's directory, as `rspack build` runs (license-webpack-plugin resolves some
      // module identifiers against the working directory).
      cwd: appDir,
      env: { ...process.env, ...VARIANTS[variant].env },
      tool: 'bench',
      variant,
    },
  );
  // A dev-rebuild variant reports its rebuilds' time, the measure instead of the process's.
  return { ms: reported.ms ?? ms, rssMb: reported.maxRssKb / 1024 };
}

/** What a compression pair's files end with, and how to decompress them, by extra. */
const DECOMPRESS = {
  gzip: ['.gz', zlib.gunzipSync],
  brotli: ['.br', zlib.brotliDecompressSync],
};

/**
 * Throws unless the two output folders hold the same files with the same bytes; for a compression
 * pair (`extra` a key of COMPRESSION), its compressed files need only decompress to the same
 * bytes (Node's zlib and ours make different, equally valid streams). Returns the number of files
 * and of compressed files that are byte-identical too.
 */
export function assertSameOutput(leftName, left, rightName, right, extra) {
  const a = readTree(left);
  const b = readTree(right);
  const [suffix, decompress] = extra in COMPRESSION ? DECOMPRESS[extra] : [];
  const isCompressed = (name) => suffix !== undefined && name.endsWith(suffix);
  const names = new Set([...a.keys(), ...b.keys()]);
  const different = [...names].filter((name) => {
    if (!a.has(name) || !b.has(name)) return true;
    if (a.get(name).equals(b.get(name))) return false;
    return !isCompressed(name) || !decompress(a.get(name)).equals(decompress(b.get(name)));
  });
  if (different.length > 0) {
    throw new Error(
      `bench: "${leftName}" and "${rightName}" wrote different output (${different.length} files: ${different.slice(0, 5).join(', ')}); ` +
        'times are not comparable, so none are reported',
    );
  }
  const compressed = [...names].filter(isCompressed);
  const byteIdentical = compressed.filter((name) => a.get(name).equals(b.get(name))).length;
  return { files: a.size, compressed: compressed.length, byteIdentical };
}

/**
 * Benchmarks one app size with the variants `names`.
 * @returns {Promise<{ modules: number, runs: number, variants: Record<string, { ms: number[], rssMb: number[] }>,
 *   summary: ReturnType<typeof summarize> }>}
 */
async function benchSize({ modules, packages, seed, shape, runs, binding, names }) {
  const work = path.join(os.tmpdir(), `rspack-native-bench-${modules}-${packages}-${seed}-${shape}`);
  const appDir = path.join(work, 'app');
  const app = generateApp({ out: appDir, modules, packages, seed, shape });
  log(`app: ${modules} modules (${shape} tree), ${app.packages} packages (seed ${seed}) in ${appDir}`);

  const outDir = (variant) => path.join(work, 'out', variant.replace(/[^a-z0-9]+/gi, '-'));
  // Warm-up round, which also writes the outputs the pairs are compared on.
  for (const variant of names) await buildOnce(variant, appDir, outDir(variant), binding);
  for (const [official, ours] of PAIRS.filter(([official]) => names.includes(official))) {
    const { extra } = VARIANTS[ours];
    const same = assertSameOutput(official, outDir(official), ours, outDir(ours), extra);
    const compressed = same.compressed
      ? `; ${same.compressed} compressed, identical once decompressed, ${same.byteIdentical} byte for byte`
      : '';
    log(`identical output: "${official}" = "${ours}" (${same.files} files${compressed})`);
    const oneThread = ONE_THREAD_VARIANTS[extra];
    if (names.includes(oneThread)) {
      const { files } = assertSameOutput(ours, outDir(ours), oneThread, outDir(oneThread));
      log(`identical output: "${ours}" = "${oneThread}" (${files} files, byte for byte)`);
    }
  }

  const variants = Object.fromEntries(names.map((name) => [name, { ms: [], rssMb: [] }]));
  for (let run = 1; run <= runs; run++) {
    for (const variant of names) {
      const { ms, rssMb } = await buildOnce(variant, appDir, outDir(variant), binding);
      variants[variant].ms.push(ms);
      variants[variant].rssMb.push(rssMb);
    }
    log(`round ${run}/${runs} done`);
  }
  fs.rmSync(work, { recursive: true, force: true });
  return { modules, runs, variants, summary: summarize(variants) };
}

/**
 * The ratios that matter, from one size's raw numbers: ours/official with no plugins, and for
 * each plugin pair run, the time and peak RSS of each side over its own binding's bare baseline.
 */
function summarize(variants) {
  const ratio = (measure, name, baseline) =>
    pairedRatio(variants[name][measure], variants[baseline][measure]);
  // The bare variants are named after their binding: 'official' and 'ours'.
  const overBaseline = (measure, name) =>
    ratio(measure, name, VARIANTS[name].baseline ?? VARIANTS[name].binding);
  const summary = {
    oursOverOfficial: ratio('ms', 'ours', 'official'),
    rssOursOverOfficial: ratio('rssMb', 'ours', 'official'),
    // The other bare pairs (development, dev rebuild): ours over official, by our variant's name.
    bare: {},
    extras: {},
  };
  for (const [official, ours] of PAIRS.filter(
    ([official, ours]) => official in variants && VARIANTS[ours].extra === 'none' && ours !== 'ours',
  )) {
    summary.bare[ours] = { ms: ratio('ms', ours, official), rss: ratio('rssMb', ours, official) };
  }
  for (const [js, native] of PAIRS.filter(([js]) => js in variants && VARIANTS[js].extra !== 'none')) {
    const { extra } = VARIANTS[js];
    summary.extras[extra] = {
      js: overBaseline('ms', js),
      native: overBaseline('ms', native),
      jsRss: overBaseline('rssMb', js),
      nativeRss: overBaseline('rssMb', native),
    };
    const oneThread = ONE_THREAD_VARIANTS[extra];
    if (oneThread in variants) {
      summary.extras[extra].nativeOneThread = overBaseline('ms', oneThread);
      summary.extras[extra].nativeOneThreadRss = overBaseline('rssMb', oneThread);
    }
  }
  return summary;
}

/** The printed report of one size. */
function report({ modules, runs, variants, summary: s }) {
  const times = [['variant', 'median s', 'min s', 'max s', 'peak RSS MB']];
  for (const [name, { ms, rssMb }] of Object.entries(variants)) {
    times.push([
      name,
      seconds(median(ms)),
      seconds(Math.min(...ms)),
      seconds(Math.max(...ms)),
      median(rssMb).toFixed(0),
    ]);
  }
  const overheads = [['over its own baseline', 'JS peer time', 'native time', 'JS peer RSS', 'native RSS']];
  for (const [extra, o] of Object.entries(s.extras)) {
    overheads.push([
      EXTRAS[extra],
      overhead(o.js),
      overhead(o.native),
      overhead(o.jsRss),
      overhead(o.nativeRss),
    ]);
    if (o.nativeOneThread) {
      const notRun = '—';
      overheads.push([
        `${EXTRAS[extra]}, 1 thread (both sides of the ratio)`,
        notRun,
        overhead(o.nativeOneThread),
        notRun,
        overhead(o.nativeOneThreadRss),
      ]);
    }
  }
  return [
    `${modules} modules, production, ${runs} runs each${runs < 5 ? ' (fewer than 5: a smoke run, not a measurement)' : ''}:`,
    '',
    ...markdownTable(times),
    '',
    `ours / official, no plugins: time ${ratioText(s.oursOverOfficial)}, peak RSS ${s.rssOursOverOfficial.median.toFixed(3)}`,
    ...Object.entries(s.bare).map(
      ([ours, { ms, rss }]) =>
        `"${ours}" / official: time ${ratioText(ms)}, peak RSS ${rss.median.toFixed(3)}`,
    ),
    '',
    ...markdownTable(overheads),
    '',
    'Ratios are taken round by round (each variant against its baseline of the same round): the median,',
    'and in brackets the middle half of the rounds. A bracket that spans 0 % is within the noise.',
  ].join('\n');
}

const napi = path.join(repoRoot, 'binding/node_modules/.bin/napi');

/**
 * Runs a command; returns its wall time in seconds, throws with its output if it fails. Its
 * output is kept back unless `options.stdio` says otherwise.
 */
function timed(command, args, options) {
  const started = performance.now();
  try {
    execFileSync(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      ...options,
    });
  } catch (error) {
    throw new Error(
      `bench: ${path.basename(command)} ${args.join(' ')} failed:\n${error.stderr ?? ''}${error.stdout ?? ''}`,
    );
  }
  return (performance.now() - started) / 1000;
}

/**
 * The plugin author's loop, as lived: edit crates/manifest-plugin (a new comment line each
 * time), rebuild the dev binding, build the example with `rspack-native build`. `edits` rounds
 * with `napi build --platform --dts index.d.ts` (what `pnpm build:binding` ran before
 * scripts/build-binding.mjs), then with `pnpm build:binding`, then once right after `pnpm
 * test:rust`. Each way gets one untimed build first: switching between them recompiles the
 * crates that use napi-derive, which is the cost the second way removes. The crate is restored.
 */
function devLoop(edits = 5) {
  const source = path.join(repoRoot, 'crates/manifest-plugin/src/lib.rs');
  const original = fs.readFileSync(source, 'utf8');
  const builds = {
    'napi build': [
      napi,
      ['build', '--platform', '--dts', 'index.d.ts'],
      { cwd: path.join(repoRoot, 'binding') },
    ],
    'pnpm build:binding': [
      process.execPath,
      [path.join(repoRoot, 'scripts/build-binding.mjs')],
      { cwd: repoRoot },
    ],
  };
  const example = [
    process.execPath,
    [path.join(repoRoot, 'packages/core/bin/rspack-native.js'), 'build'],
    { cwd: repoRoot },
  ];
  let edit = 0;
  const round = (build) => {
    fs.writeFileSync(source, `${original}// dev-loop edit ${++edit}\n`);
    const binding = timed(...build);
    return { binding, example: timed(...example) };
  };
  const rows = [
    ['binding build', 'edit → binding (median)', 'example build', 'edit → example built', 'rounds'],
  ];
  const row = (name, rounds) => {
    const [binding, built, total] = [
      median(rounds.map((r) => r.binding)),
      median(rounds.map((r) => r.example)),
      median(rounds.map((r) => r.binding + r.example)),
    ];
    rows.push([
      name,
      `${binding.toFixed(1)} s`,
      `${built.toFixed(1)} s`,
      `${total.toFixed(1)} s`,
      String(rounds.length),
    ]);
  };
  try {
    for (const [name, build] of Object.entries(builds)) {
      log(`dev loop: ${name}, one untimed build, then ${edits} edits`);
      timed(...build);
      row(
        name,
        Array.from({ length: edits }, () => round(build)),
      );
    }
    log('dev loop: the first edit after `pnpm test:rust`');
    timed(process.execPath, [path.join(repoRoot, 'scripts/test-rust.mjs')], { cwd: repoRoot });
    row('pnpm build:binding, first edit after pnpm test:rust', [round(builds['pnpm build:binding'])]);
  } finally {
    fs.writeFileSync(source, original);
  }
  return [
    'dev loop (edit crates/manifest-plugin → rebuilt dev .node → example built):',
    '',
    ...markdownTable(rows),
  ].join('\n');
}

/** Cold builds of the binding in fresh target dirs, dev then release; each printed when done. */
function coldBuilds() {
  const builds = {
    dev: (out) => [napi, ['build', '--platform', '-o', out]],
    release: (out) => [
      process.execPath,
      [path.join(repoRoot, 'scripts/build-release.mjs'), '--output-dir', out],
    ],
  };
  for (const [profile, command] of Object.entries(builds)) {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), `rspack-native-bench-cold-${profile}-`));
    log(`cold ${profile} build in ${fresh}`);
    const secondsTaken = timed(...command(path.join(fresh, 'out')), {
      stdio: 'inherit',
      cwd: path.join(repoRoot, 'binding'),
      env: { ...process.env, CARGO_TARGET_DIR: path.join(fresh, 'target') },
    });
    const node = fs.readdirSync(path.join(fresh, 'out')).find((file) => file.endsWith('.node'));
    const size = fs.statSync(path.join(fresh, 'out', node)).size / 1e6;
    console.log(`cold ${profile} build: ${(secondsTaken / 60).toFixed(1)} min, .node ${size.toFixed(1)} MB`);
    fs.rmSync(fresh, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      modules: { type: 'string' },
      sizes: { type: 'string' },
      runs: { type: 'string', default: '5' },
      packages: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'deep' },
      binding: { type: 'string' },
      'dev-loop': { type: 'boolean' },
      'cold-builds': { type: 'boolean' },
      plugins: { type: 'string', default: Object.keys({ ...EXTRAS, ...BARE_GROUPS }).join(',') },
    },
  });
  const plugins = values.plugins.split(',');
  const groups = Object.keys({ ...EXTRAS, ...BARE_GROUPS });
  const unknown = plugins.filter((plugin) => !groups.includes(plugin));
  if (unknown.length > 0 || values.plugins === '') {
    throw new Error(
      `bench: --plugins takes a comma-separated list of ${groups.join(', ')}; got "${values.plugins}"`,
    );
  }
  const names = Object.keys(VARIANTS).filter((name) => runsWith(VARIANTS[name], plugins));
  // `--dev-loop` or `--cold-builds` alone measure only the builds of the binding.
  const buildsOnly = (values['dev-loop'] || values['cold-builds']) && !values.sizes && !values.modules;
  const sizesText = values.sizes ?? values.modules ?? '5000';
  const sizes = sizesText.split(',').map(Number);
  if (!sizes.every((size) => Number.isInteger(size) && size >= 10)) {
    throw new Error(
      `bench: ${values.sizes ? '--sizes' : '--modules'} must be integers ≥ 10 (comma-separated for --sizes), got "${sizesText}"`,
    );
  }
  const runs = positiveInteger('bench', '--runs', values.runs);
  if (buildsOnly) {
    if (values['dev-loop']) console.log(devLoop());
    if (values['cold-builds']) coldBuilds();
    return;
  }
  const binding = path.resolve(values.binding ?? releaseBinding());
  log(
    `our binding: ${binding} (${(fs.statSync(binding).size / 1e6).toFixed(1)} MB); ${os.cpus().length} cores, Node ${process.version}`,
  );

  const results = [];
  for (const modules of sizes) {
    const result = await benchSize({
      modules,
      packages: Number(values.packages),
      seed: Number(values.seed),
      shape: values.shape,
      runs,
      binding,
      names,
    });
    results.push(result);
    console.log(`\n${report(result)}\n`);
  }
  if (sizes.length > 1) {
    const json = path.join(benchDir, 'results.json');
    fs.writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    const svg = path.join(benchDir, 'overhead.svg');
    fs.writeFileSync(
      svg,
      overheadChart(results.map(({ modules, summary }) => ({ modules, extras: summary.extras }))),
    );
    log(`wrote ${path.relative(repoRoot, json)} and ${path.relative(repoRoot, svg)}`);
  }
  if (values['dev-loop']) console.log(devLoop());
  if (values['cold-builds']) coldBuilds();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
