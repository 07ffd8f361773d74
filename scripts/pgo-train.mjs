#!/usr/bin/env node
// The training set of the PGO release build (scripts/pgo.mjs, step 2): real builds through the
// instrumented .node, each in its own process (each writes its profile when it exits).
//
// Trained on:
// - real npm code (scripts/pgo-corpus.mjs): 43 popular libraries installed from the registry at
//   training time, under a generated React app of 1,500 TSX components with CSS modules, lazy
//   pages and a tsconfig alias; in production (with and without source maps) and development
//   (React Refresh), and a watch session of 10 rebuilds;
// - two apps of the bench generator that the bench does not measure (seeds 11 and 12: 3,000
//   modules in a deep tree, 2,000 in a flat one), tests/fixtures/styles-app and examples/basic-app;
//   in production and development, with and without source maps, with `builtin:swc-loader`, CSS
//   (native and extracted through css-loader), assets, minification, a watch session with
//   rebuilds, and every native plugin and loader.
// Held out, for evaluation only: every app of rspack-contrib/build-tools-performance (react-5k,
// react-10k, rome, popular-libs, ui-components; bench/README.md, "PGO on real apps"), the bench's
// own generated apps (seed 1, 5,000 and 20,000 modules) and examples/libs-app.
//
// Usage: node scripts/pgo-train.mjs --binding <instrumented .node>
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateApp } from '../bench/generate.mjs';
import { timeRebuilds } from '../bench/rebuild-timer.mjs';
import { rebuildEditedFile } from '../bench/variants.mjs';
import { corpusConfig, generateCorpusApp, installCorpus } from './pgo-corpus.mjs';
import { spawnFailure } from './pgo.mjs';
import { repoRoot } from './workspace.mjs';

/** The generated apps trained on: none of them is one the bench measures. */
const GENERATED_APPS = [
  { modules: 3000, packages: 30, seed: 11, shape: 'deep' },
  { modules: 2000, packages: 20, seed: 12, shape: 'flat' },
];

/** The longest one training build may take (a watch that missed an edit would never end). */
const BUILD_TIMEOUT_MS = 15 * 60 * 1000;

/** What each generated app is built with: name → options of `trainingConfig`. */
const GENERATED_RUNS = {
  'production, every native plugin and loader': { mode: 'production', plugins: true },
  'production, swc-loader, source maps': { mode: 'production', swc: true, devtool: 'source-map' },
  'development, swc-loader, source maps': {
    mode: 'development',
    swc: true,
    devtool: 'eval-cheap-module-source-map',
  },
  'development, watching, 5 rebuilds': { mode: 'development', rebuilds: 5 },
};

/** What the real npm app is built with: name → options of `trainingConfig`. */
const CORPUS_RUNS = {
  production: { mode: 'production' },
  'production, source maps': { mode: 'production', devtool: 'source-map' },
  development: { mode: 'development' },
  'development, watching, 10 rebuilds': { mode: 'development', rebuilds: 10 },
};

function log(message) {
  console.log(`[pgo-train] ${message}`);
}

/**
 * One training build's configuration (in the child): the bench's app config, or the styles and
 * example apps' own, with what `run` asks for.
 */
async function trainingConfig(run, outDir) {
  const core = await import('@rspack-native/core');
  if (run.app === 'styles') return stylesConfig(core, run, outDir);
  if (run.app === 'corpus')
    return corpusConfig(core, { dir: run.appDir, outDir, mode: run.mode, devtool: run.devtool });
  if (run.app === 'example') {
    const { createConfig } = await import('../examples/basic-app/app.config.js');
    return createConfig({
      mode: run.mode,
      outputPath: outDir,
      plugins: [new core.ManifestPlugin(), new core.CompressionPlugin()],
    });
  }
  const { benchConfig } = await import('../bench/variants.mjs');
  const config = benchConfig({
    appDir: run.appDir,
    outDir,
    extra: 'none',
    rebuild: run.mode === 'development',
  });
  config.mode = run.mode;
  config.devtool = run.devtool ?? false;
  if (run.swc) {
    config.module.rules.push({
      test: /\.js$/,
      exclude: /node_modules/,
      loader: 'builtin:swc-loader',
      options: { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2017' } },
    });
  }
  if (run.plugins) {
    config.module.rules.push({
      test: /\.c?js$/,
      loader: core.REPLACE_LOADER,
      options: { search: '__APP_VERSION__', replace: '1.2.3', flags: 'g' },
    });
    config.optimization.concatenateModules = false;
    config.plugins = [
      new core.ManifestPlugin(),
      new core.LicensePlugin(),
      new core.CaseSensitivePathsPlugin(),
      new core.CompressionPlugin(),
      new core.CompressionPlugin({
        algorithm: 'brotliCompress',
        filename: '[path][base].br',
        compressionOptions: { params: { 1: 5 } },
      }),
      new core.AssetsManifestPlugin({ entrypoints: true, integrity: true }),
    ];
  }
  return config;
}

/**
 * The styles fixture as the webpack-oracle tests build it (CSS extracted through css-loader), with
 * a style-only entry removed, a manifest, and the minimizers on.
 */
async function stylesConfig(core, run, outDir) {
  const fixture = await import('../tests/fixtures/styles-app/config.mjs');
  const config = fixture.stylesConfig({
    bundler: 'rspack',
    outputPath: outDir,
    entry: { main: './src/index.js', theme: './src/theme.css' },
    mode: run.mode,
    plugins: [new core.RemoveEmptyScriptsPlugin(), new core.AssetsManifestPlugin({ entrypoints: true })],
  });
  return { ...config, optimization: {} };
}

/** Runs one build in this (child) process, watching for `run.rebuilds` edits if asked. */
async function childBuild(run, outDir) {
  const { rspack } = await import('@rspack-native/core');
  const compiler = rspack(await trainingConfig(run, outDir));
  const check = (stats) => {
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  };
  if (!run.rebuilds) {
    const stats = await new Promise((resolve, reject) =>
      compiler.run((error, result) => compiler.close(() => (error ? reject(error) : resolve(result)))),
    );
    return check(stats);
  }
  await timeRebuilds(compiler, { file: run.edited, rebuilds: run.rebuilds });
  await new Promise((resolve) => compiler.close(resolve));
}

/** Every training run, in order. */
function trainingRuns(work) {
  const runs = [];
  const corpusDir = path.join(work, 'corpus');
  const started = performance.now();
  installCorpus(corpusDir);
  const edited = generateCorpusApp(corpusDir);
  log(`real npm app: installed and generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const [name, options] of Object.entries(CORPUS_RUNS)) {
    runs.push({ name: `real npm app: ${name}`, app: 'corpus', appDir: corpusDir, edited, ...options });
  }
  for (const app of GENERATED_APPS) {
    const appDir = path.join(work, `app-${app.seed}`);
    generateApp({ out: appDir, ...app });
    const edited = rebuildEditedFile(appDir);
    for (const [name, options] of Object.entries(GENERATED_RUNS)) {
      runs.push({ name: `${app.modules} modules (${app.shape}): ${name}`, appDir, edited, ...options });
    }
  }
  for (const mode of ['production', 'development']) {
    runs.push({ name: `styles fixture, ${mode}`, app: 'styles', mode });
    runs.push({ name: `example app, ${mode}`, app: 'example', mode });
  }
  return runs;
}

/**
 * The child's environment for `run`: our `binding`, and `LLVM_PROFILE_FILE` (where an instrumented
 * .node writes its profile), when set, renamed to start with the run's mode, so that the merge
 * can weigh development against production (scripts/pgo.mjs).
 */
export function childEnv(run, binding, env = process.env) {
  const profile = env.LLVM_PROFILE_FILE;
  return {
    ...env,
    NAPI_RS_NATIVE_LIBRARY_PATH: path.resolve(binding),
    ...(profile
      ? { LLVM_PROFILE_FILE: path.join(path.dirname(profile), `${run.mode}-${path.basename(profile)}`) }
      : {}),
  };
}

async function main() {
  const { values } = parseArgs({ options: { binding: { type: 'string' }, child: { type: 'string' } } });
  if (values.child) {
    const { run, outDir } = JSON.parse(values.child);
    return childBuild(run, outDir);
  }
  if (!values.binding) throw new Error('pgo-train: --binding <instrumented .node> is required');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-pgo-train-'));
  try {
    for (const run of trainingRuns(work)) {
      const started = performance.now();
      const result = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--child', JSON.stringify({ run, outDir: path.join(work, 'out') })],
        {
          cwd: repoRoot,
          stdio: 'inherit',
          timeout: BUILD_TIMEOUT_MS,
          env: childEnv(run, values.binding),
        },
      );
      const why = spawnFailure(result);
      if (why) throw new Error(`pgo-train: "${run.name}" failed (${why})`);
      log(`${run.name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
