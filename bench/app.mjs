#!/usr/bin/env node
// `pnpm bench:app --app <dir>`: times a real app's own build, as `rspack build` runs it with its
// own rspack.config, on the official binding (`rspack`) and on ours (`rspack-native`), bare and
// with each plugin pair; prints the ratios side by side. The app is not generated: this is how a
// claim made on `pnpm bench`'s generated apps is checked on apps that are not in this repo.
//
// Usage: pnpm bench:app --app <dir> [--config <file>] [--runs 5] [--plugins case]
//                       [--modes production,development,rebuild] [--edit <file>] [--rebuilds 9]
//                       [--binding [<name>=]<file.node>]...
//   --app      the app's directory, its dependencies installed; builds run there
//   --config   its config, relative to --app (default: what `rspack build` finds there)
//   --plugins  the plugin pairs to run besides the bare builds (bench/app-plugins.mjs), or `none`
//   --modes    `--mode` of the builds; NODE_ENV is set to it too, as configs often read it.
//              `rebuild`: a development build in watch mode (`rspack build --watch`, memory
//              cache), timed by its rebuilds after edits, not by the process
//   --edit     with `rebuild`: the module edited before each rebuild, relative to --app
//   --rebuilds with `rebuild`: how many rebuilds each build times (default 9; their median is
//              its time)
//   --binding  our .node (default: the release build in the Cargo target dir). Given several
//              times, each named (`--binding pgo=a.node --binding bolt=b.node`), every build of
//              ours runs in the same rounds, so two builds of the binding are compared in one run
//              (each also against the official one); the plugin pairs use the first.
//
// Each build runs in a fresh process, with the app's config extended by one that turns off the
// persistent cache (every build is cold; a rebuild build keeps the memory cache, which rebuilds
// need), writes to a folder of its own and adds the plugin (and a rebuild build's timer). The
// app's config must export one configuration, not an array. The app's `@rspack/core` and
// `@rspack/cli` must be this repo's: the bench links them into the app's node_modules when it
// has none, and stops when it has others.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { APP_PLUGINS } from './app-plugins.mjs';
import { DEFAULT_REBUILDS } from './rebuild-timer.mjs';
import { assertSameOutput, positiveInteger, releaseBinding } from './run.mjs';
import { timedNode } from './timed-node.mjs';
import { markdownTable, median, overhead, pairedRatio, ratioText, seconds } from './stats.mjs';
import { repoRoot } from '../scripts/workspace.mjs';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const coreDir = path.join(repoRoot, 'packages/core');
const requireFromCore = createRequire(path.join(coreDir, 'package.json'));

/** The package directory `name` resolves to from @rspack-native/core (symlinks followed). */
const packageDirOfCore = (name) =>
  fs.realpathSync(path.dirname(requireFromCore.resolve(`${name}/package.json`)));

/** The two CLIs: Rspack's own, and ours (the same @rspack/cli, on our binding). */
const CLIS = {
  official: path.join(packageDirOfCore('@rspack/cli'), 'bin/rspack.js'),
  ours: path.join(coreDir, 'bin/rspack-native.js'),
};

/** The longest one build may take: a watch whose edits start no rebuild would never end. */
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

function log(message) {
  console.log(`[bench:app] ${message}`);
}

/**
 * Makes the app's `@rspack/core` and `@rspack/cli` this repo's, so that its config and the CLI
 * share one copy: links them into the app's nearest node_modules when the app has none; throws
 * when it has another copy, which would run on a binding of another release.
 */
export function linkRspackPackages(appDir) {
  const requireFromApp = createRequire(path.join(appDir, 'noop.js'));
  let nodeModules = path.join(appDir, 'node_modules');
  for (let dir = appDir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) {
      nodeModules = path.join(dir, 'node_modules');
      break;
    }
  }
  for (const name of ['@rspack/core', '@rspack/cli']) {
    const ours = packageDirOfCore(name);
    let theirs;
    try {
      theirs = fs.realpathSync(path.dirname(requireFromApp.resolve(`${name}/package.json`)));
    } catch {
      const link = path.join(nodeModules, name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(ours, link, 'junction');
      log(`linked ${link} → ${ours}`);
      continue;
    }
    if (theirs !== ours) {
      throw new Error(
        `bench:app: the app has its own ${name} (${theirs}); the bench builds with this repo's ` +
          `(${ours}). Remove the app's, and the bench links this repo's in its place.`,
      );
    }
  }
}

/** The `import` of `names` from the bench's module `file`, as a line of a config. */
const importFromBench = (names, file) =>
  `import { ${names.join(', ')} } from ${JSON.stringify(pathToFileURL(path.join(benchDir, file)).href)};`;

/**
 * The config a build runs with: the app's, extended (as `rspack build` merges `extends`) with no
 * persistent cache, its own output folder and the variant's plugin. A rebuild variant keeps
 * the memory cache, which rebuilds need, and times its rebuilds of `rebuild.file` (an edit
 * before each). Returns its path.
 */
function writeConfig({ work, variant, appConfig, outDir, rebuild }) {
  const file = path.join(work, `${variant.id}.config.mjs`);
  const plugins = [
    ...(variant.plugin
      ? [`await extraPlugin(${JSON.stringify(variant.plugin)}, ${JSON.stringify(variant.binding)})`]
      : []),
    ...(variant.watch
      ? [
          `new RebuildTimerPlugin({ file: ${JSON.stringify(rebuild.file)}, rebuilds: ${rebuild.count}, onTimed: reportAndExit })`,
        ]
      : []),
  ];
  fs.writeFileSync(
    file,
    [
      ...(variant.plugin ? [importFromBench(['extraPlugin'], 'app-plugins.mjs')] : []),
      ...(variant.watch
        ? [importFromBench(['RebuildTimerPlugin', 'reportAndExit'], 'rebuild-timer.mjs')]
        : []),
      'export default {',
      `  extends: ${JSON.stringify(appConfig)},`,
      `  cache: ${variant.watch},`,
      `  output: { path: ${JSON.stringify(outDir)} },`,
      `  plugins: [${plugins.join(', ')}],`,
      '};',
      '',
    ].join('\n'),
  );
  return file;
}

/**
 * Our builds of the binding to time, from the `--binding` values: `[{ name, file }]`. One may go
 * unnamed (`ours`); several must each be named, `<name>=<file.node>`.
 */
function parseBindings(values, defaultFile) {
  if (values.length === 0) return [{ name: 'ours', file: path.resolve(defaultFile()) }];
  const named = values.map((value) => /^([\w.-]+)=(.+)$/.exec(value));
  if (values.length > 1 && named.some((match) => !match)) {
    throw new Error(
      `bench:app: with several --binding, name each one (--binding <name>=<file.node>); got ${values.join(', ')}`,
    );
  }
  const bindings = values.map((value, at) =>
    named[at]
      ? { name: named[at][1], file: path.resolve(named[at][2]) }
      : { name: 'ours', file: path.resolve(value) },
  );
  const names = bindings.map((binding) => binding.name);
  const taken = names.find((name, at) => name === 'official' || names.indexOf(name) !== at);
  if (taken) {
    throw new Error(`bench:app: --binding names must be unique and other than "official"; "${taken}" is not`);
  }
  return bindings;
}

/**
 * Runs one build in a fresh process; resolves with its time (ms: the process's wall time, or a
 * rebuild variant's median rebuild) and peak RSS (MB).
 */
async function buildOnce({ variant, appDir, config }) {
  const reportRss = pathToFileURL(path.join(benchDir, 'report-rss.mjs')).href;
  const mode = variant.watch ? 'development' : variant.mode;
  const { ms, reported } = await timedNode(
    [
      `--import=${reportRss}`,
      CLIS[variant.binding],
      'build',
      ...(variant.watch ? ['--watch'] : []),
      '-c',
      config,
      '--mode',
      mode,
    ],
    {
      cwd: appDir,
      env: {
        ...process.env,
        NODE_ENV: mode,
        ...(variant.binding === 'ours' ? { NAPI_RS_NATIVE_LIBRARY_PATH: variant.file } : {}),
      },
      tool: 'bench:app',
      variant: variant.name,
      timeoutMs: BUILD_TIMEOUT_MS,
    },
  );
  if (variant.watch && !Number.isFinite(reported.ms)) {
    throw new Error(`bench:app: "${variant.name}" reported no rebuild time: ${JSON.stringify(reported)}`);
  }
  return { ms: variant.watch ? reported.ms : ms, rssMb: reported.maxRssKb / 1024 };
}

/**
 * The variants of one mode and the pairs whose outputs must be equal: the bare official build and
 * each of `bindings` bare, then each plugin pair (the peer on the official binding, ours on the
 * first of `bindings`). Returns `{ variants, pairs }`, pairs as `[official, ours]`.
 */
function variantsOf(mode, plugins, bindings) {
  const variant = (ours, plugin) => {
    const side = ours ? ours.name : 'official';
    const label = plugin ? `${side}, ${APP_PLUGINS[plugin][ours ? 'ours' : 'official'].name}` : side;
    const name = `${label}, ${mode}`;
    return {
      name,
      id: name.replace(/[^a-z0-9]+/gi, '-'),
      binding: ours ? 'ours' : 'official',
      ours: ours?.name,
      file: ours?.file,
      plugin,
      mode,
      watch: mode === 'rebuild',
    };
  };
  const official = variant();
  const bare = bindings.map((ours) => variant(ours));
  const pluginPairs = plugins.map((plugin) => [variant(undefined, plugin), variant(bindings[0], plugin)]);
  return {
    variants: [official, ...bare, ...pluginPairs.flat()],
    pairs: [...bare.map((ours) => [official, ours]), ...pluginPairs],
  };
}

/**
 * Puts `file` back as it is now when the bench ends, however it ends: a rebuild build restores
 * what it edits, but not when a signal kills it.
 */
function restoreWhenDone(file) {
  const original = fs.readFileSync(file);
  process.once('exit', () => fs.writeFileSync(file, original));
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
}

/** The module `--modes rebuild` edits, `edit` relative to the app; throws when it is not a file. */
function editedFile(appDir, edit) {
  if (!edit) {
    throw new Error(
      'bench:app: --modes rebuild needs --edit <file>: the module edited before each rebuild, relative to --app',
    );
  }
  const file = path.resolve(appDir, edit);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`bench:app: --edit ${edit}: no such file in ${appDir}`);
  }
  return file;
}

async function main() {
  const { values } = parseArgs({
    options: {
      app: { type: 'string' },
      config: { type: 'string' },
      runs: { type: 'string', default: '5' },
      plugins: { type: 'string', default: 'case' },
      modes: { type: 'string', default: 'production' },
      binding: { type: 'string', multiple: true, default: [] },
      edit: { type: 'string' },
      rebuilds: { type: 'string' },
    },
  });
  if (!values.app) throw new Error('bench:app: --app <dir> is required: the app to build');
  const appDir = path.resolve(values.app);
  const plugins = values.plugins === 'none' ? [] : values.plugins.split(',');
  const unknown = plugins.filter((plugin) => !(plugin in APP_PLUGINS));
  if (unknown.length > 0) {
    throw new Error(
      `bench:app: --plugins takes a comma-separated list of ${Object.keys(APP_PLUGINS).join(', ')} (or none); got "${values.plugins}"`,
    );
  }
  const modes = values.modes.split(',');
  if (!modes.every((mode) => ['production', 'development', 'rebuild'].includes(mode))) {
    throw new Error(
      `bench:app: --modes takes a comma-separated list of production, development, rebuild; got "${values.modes}"`,
    );
  }
  const runs = positiveInteger('bench:app', '--runs', values.runs);
  if (!modes.includes('rebuild') && (values.edit || values.rebuilds)) {
    throw new Error('bench:app: --edit and --rebuilds go with --modes rebuild, which is not asked for');
  }
  const rebuild = modes.includes('rebuild') && {
    file: editedFile(appDir, values.edit),
    count: positiveInteger('bench:app', '--rebuilds', values.rebuilds ?? String(DEFAULT_REBUILDS)),
  };
  const appConfig = values.config
    ? path.resolve(appDir, values.config)
    : ['rspack.config.mjs', 'rspack.config.js', 'rspack.config.cjs', 'rspack.config.ts']
        .map((name) => path.join(appDir, name))
        .find((file) => fs.existsSync(file));
  if (!appConfig || !fs.existsSync(appConfig)) {
    throw new Error(`bench:app: no config in ${appDir}; name it with --config <file>`);
  }
  const bindings = parseBindings(values.binding, releaseBinding);
  linkRspackPackages(appDir);
  if (rebuild) restoreWhenDone(rebuild.file);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-bench-app-'));
  const perMode = modes.map((mode) => variantsOf(mode, plugins, bindings));
  const variants = perMode.flatMap((mode) => mode.variants);
  const outDir = (variant) => path.join(work, 'out', variant.id);
  // Each variant's config, written once.
  const builds = new Map(
    variants.map((variant) => [
      variant,
      {
        variant,
        appDir,
        config: writeConfig({ work, variant, appConfig, outDir: outDir(variant), rebuild }),
      },
    ]),
  );
  const ours = bindings.map(({ name, file }) => (bindings.length > 1 ? `${name} ${file}` : file));
  log(`app: ${appDir}, config ${path.relative(appDir, appConfig)}; our binding: ${ours.join(', ')}`);
  // Warm-up round, which also writes the outputs each pair is compared on.
  for (const variant of variants) await buildOnce(builds.get(variant));
  for (const [official, ours] of perMode.flatMap((mode) => mode.pairs)) {
    const { files } = assertSameOutput(official.name, outDir(official), ours.name, outDir(ours));
    log(`identical output: "${official.name}" = "${ours.name}" (${files} files)`);
  }

  const measured = new Map(variants.map((variant) => [variant, { ms: [], rssMb: [] }]));
  for (let round = 1; round <= runs; round++) {
    for (const variant of variants) {
      const { ms, rssMb } = await buildOnce(builds.get(variant));
      measured.get(variant).ms.push(ms);
      measured.get(variant).rssMb.push(rssMb);
    }
    log(`round ${round}/${runs} done`);
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`\n${report({ appDir, runs, modes, plugins, bindings, variants, measured, rebuild })}`);
}

/**
 * The printed report: every variant's times, each of ours over official (and over the first of
 * ours, when there are several), each plugin's overhead.
 */
function report({ appDir, runs, modes, plugins, bindings, variants, measured, rebuild }) {
  const times = [['variant', 'median s', 'min s', 'max s', 'peak RSS MB']];
  for (const variant of variants) {
    const { ms, rssMb } = measured.get(variant);
    times.push([
      variant.name,
      // A rebuild lasts tenths of a second: one more digit.
      ...[median(ms), Math.min(...ms), Math.max(...ms)].map((value) =>
        variant.watch ? (value / 1000).toFixed(3) : seconds(value),
      ),
      median(rssMb).toFixed(0),
    ]);
  }
  // `ours`: the name of one of `bindings`, or undefined for the official binding.
  const find = (ours, plugin, mode) =>
    measured.get(variants.find((v) => v.ours === ours && v.plugin === plugin && v.mode === mode));
  const ratio = (name, over, overName, mode) =>
    `${name} / ${overName}, ${mode}, no plugins: time ${ratioText(pairedRatio(find(name, undefined, mode).ms, over.ms))}, ` +
    `peak RSS ${ratioText(pairedRatio(find(name, undefined, mode).rssMb, over.rssMb))}`;
  const first = bindings[0].name;
  const ratios = modes.flatMap((mode) => [
    ...bindings.map(({ name }) => ratio(name, find(undefined, undefined, mode), 'official', mode)),
    ...bindings.slice(1).map(({ name }) => ratio(name, find(first, undefined, mode), first, mode)),
  ]);
  const overheads = [['over its own bare build', 'JS peer time', 'native time', 'JS peer RSS', 'native RSS']];
  for (const mode of modes) {
    for (const plugin of plugins) {
      const over = (ours, measure) =>
        overhead(pairedRatio(find(ours, plugin, mode)[measure], find(ours, undefined, mode)[measure]));
      overheads.push([
        `${APP_PLUGINS[plugin].description}, ${mode}`,
        over(undefined, 'ms'),
        over(first, 'ms'),
        over(undefined, 'rssMb'),
        over(first, 'rssMb'),
      ]);
    }
  }
  return [
    `${path.basename(appDir)}, ${runs} runs each${runs < 5 ? ' (fewer than 5: a smoke run, not a measurement)' : ''}:`,
    '',
    ...markdownTable(times),
    '',
    ...ratios,
    ...(plugins.length > 0 ? ['', ...markdownTable(overheads)] : []),
    '',
    'Ratios are taken round by round (each variant against its baseline of the same round): the median,',
    'and in brackets the middle half of the rounds.',
    ...(rebuild
      ? [
          `A rebuild build's time is the median of its ${rebuild.count} rebuilds in watch mode (development), each`,
          `after an edit of ${path.relative(appDir, rebuild.file)}; its peak RSS is the whole process's.`,
        ]
      : []),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
