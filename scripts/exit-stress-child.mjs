// One process of `pnpm stress:exit` (exit-stress.mjs): builds the license fixture app in `app`
// the way one scenario says, prints `done` as its last output, and exits as a test file or a
// user's script does (by itself, except where the scenario says otherwise).
//
// usage: node scripts/exit-stress-child.mjs <native|official> <scenario> <app dir>
//   native: @rspack-native/core and its plugins; official: @rspack/core on @rspack/binding, where
//   the scenarios that are not about a native plugin run with no plugin.
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { licenseAppConfig } from '../tests/fixtures/license-app/setup.mjs';

const jsLoader = path.join(import.meta.dirname, '../tests/fixtures/uppercase-todo-loader.cjs');

/** Builds with `config` and resolves with the stats, closing the compiler unless `close` is false. */
function build(rspack, config, { close = true } = {}) {
  return new Promise((resolve, reject) => {
    const compiler = rspack(config);
    compiler.run((error, stats) => {
      if (!close) return error ? reject(error) : resolve(stats);
      compiler.close((closeError) => (error || closeError ? reject(error ?? closeError) : resolve(stats)));
    });
  });
}

/** Fails unless the build passed (or, with `failing`, failed with an error). */
function expectBuild(stats, { failing = false } = {}) {
  if (stats.hasErrors() !== failing) {
    throw new Error(
      `expected a build ${failing ? 'with' : 'without'} errors:\n${stats.toString('errors-only')}`,
    );
  }
}

/** Each scenario: `native` when it needs a native plugin, `run(context)` to build. */
export const SCENARIOS = {
  manifest: { native: true, run: (c) => c.buildWith([c.native.manifest(false)]) },
  'manifest-functions': { native: true, run: (c) => c.buildWith([c.native.manifest(true)]) },
  license: { native: true, run: (c) => c.buildWith([c.native.license(false)]) },
  'license-functions': { native: true, run: (c) => c.buildWith([c.native.license(true)]) },
  'case-paths': { native: true, run: (c) => c.buildWith([c.native.casePaths(false)]) },
  'case-paths-logger': { native: true, run: (c) => c.buildWith([c.native.casePaths(true)]) },
  replace: { native: true, run: (c) => c.buildWith([], c.native.replaceRule(false)) },
  'replace-function': { native: true, run: (c) => c.buildWith([], c.native.replaceRule(true)) },
  compression: { native: true, run: (c) => c.buildWith([c.native.compression(false)]) },
  'compression-functions': { native: true, run: (c) => c.buildWith([c.native.compression(true)]) },
  'assets-manifest': { native: true, run: (c) => c.buildWith([c.native.assetsManifest(false)]) },
  'assets-manifest-functions': {
    native: true,
    run: (c) => c.buildWith([c.native.assetsManifest(true)]),
  },
  'remove-empty-scripts': { native: true, run: (c) => c.buildWith([c.native.removeEmptyScripts()]) },
  // Every plugin and the loader (on the official binding: none).
  build: { run: (c) => c.buildWith(c.plugins(false), c.rules(false)) },
  'build-with-functions': { native: true, run: (c) => c.buildWith(c.plugins(true), c.rules(true)) },
  'without-close': {
    run: async (c) =>
      expectBuild(await build(c.rspack, c.config(c.plugins(true), c.rules(true)), { close: false })),
  },
  'watch-closed-without-compiler-close': {
    run: (c) =>
      new Promise((resolve, reject) => {
        const compiler = c.rspack(c.config(c.plugins(true), c.rules(true)));
        const watching = compiler.watch({ aggregateTimeout: 20 }, (error, stats) => {
          if (error) return reject(error);
          expectBuild(stats);
          watching.close((closeError) => (closeError ? reject(closeError) : resolve()));
        });
      }),
  },
  'exit-while-watching': {
    run: (c) =>
      new Promise((resolve, reject) => {
        const compiler = c.rspack(c.config(c.plugins(true), c.rules(true)));
        compiler.watch({ aggregateTimeout: 20 }, (error, stats) => {
          if (error) return reject(error);
          expectBuild(stats);
          process.stdout.write('done\n');
          process.exit(0);
        });
      }),
  },
  'build-errors': {
    run: async (c) => {
      const config = c.config(c.plugins(true), c.rules(true));
      config.entry = { ...config.entry, missing: './src/missing.js' };
      expectBuild(await build(c.rspack, config), { failing: true });
      if (c.native) {
        // A function option that throws fails the build with the option named.
        const throwing = new c.native.core.LicensePlugin({
          excludedPackageTest: () => {
            throw new Error('excludedPackageTest failed on purpose');
          },
        });
        // The error comes as the run's error: build() rejects, and the compiler was closed.
        const failed = await build(c.rspack, c.config([throwing])).then(
          (stats) => stats.hasErrors(),
          (error) => /excludedPackageTest failed on purpose/.test(String(error?.message)),
        );
        if (!failed) throw new Error('a throwing function option did not fail the build');
      }
    },
  },
  'invalid-options': {
    run: async (c) => {
      // Rspack validates little of a config: a rule it refuses stands in for a wrong option.
      const config = c.native
        ? c.config([new c.native.core.ManifestPlugin({ fileName: 42 })])
        : c.config([], [{ test: /\.js$/, use: [{ loader: jsLoader, parallel: true }] }]);
      try {
        await build(c.rspack, config);
      } catch {
        return;
      }
      throw new Error('invalid options were accepted');
    },
  },
  'two-compilers-at-once': {
    run: async (c) => {
      const results = await Promise.all([
        build(c.rspack, c.config(c.plugins(true), c.rules(true))),
        build(c.rspack, { ...c.config(c.plugins(true), c.rules(true)), mode: 'development' }),
      ]);
      results.forEach((stats) => expectBuild(stats));
    },
  },
  'many-compilers': {
    run: async (c) => {
      for (let n = 0; n < 8; n += 1) {
        const config = c.config(c.plugins(n % 2 === 0), c.rules(n % 2 === 0));
        config.mode = n % 4 < 2 ? 'production' : 'development';
        // Every fourth build restores from and writes to the persistent cache.
        if (n % 4 === 3) config.cache = { type: 'persistent', storage: { directory: c.cacheDir } };
        expectBuild(await build(c.rspack, config));
      }
    },
  },
  'loader-in-worker-threads': {
    run: async (c) => {
      const config = c.config(c.plugins(true), [
        ...c.rules(true),
        { test: /\.js$/, use: [{ loader: jsLoader, options: {}, parallel: true }] },
      ]);
      config.experiments = { ...config.experiments, parallelLoader: true };
      expectBuild(await build(c.rspack, config));
    },
  },
};

/** The native plugins and rules, each with data options or with function options. */
function nativeParts(core) {
  return {
    core,
    manifest: (functions) =>
      new core.ManifestPlugin(
        functions
          ? {
              fileName: 'manifest.json',
              generate: (seed, files) => ({ count: files.length }),
              serialize: JSON.stringify,
            }
          : { fileName: 'manifest.json', basePath: 'app/' },
      ),
    license: (functions) =>
      new core.LicensePlugin(
        functions
          ? {
              excludedPackageTest: (name) => name === 'lwp-fixture-bom',
              renderLicenses: (modules) => `${modules.length}`,
            }
          : { perChunkOutput: false },
      ),
    casePaths: (functions) =>
      new core.CaseSensitivePathsPlugin(functions ? { debug: true, logger: { log() {} } } : {}),
    compression: (functions) =>
      new core.CompressionPlugin(
        functions
          ? { filename: (pathData) => `${pathData.filename}.gz`, deleteOriginalAssets: () => false }
          : { threshold: 0, minRatio: 1 },
      ),
    assetsManifest: (functions) =>
      new core.AssetsManifestPlugin(
        functions
          ? { customize: (entry) => entry, transform: (assets) => assets }
          : { entrypoints: true, integrity: true },
      ),
    // No function options: its ignore and extensions are RegExps.
    removeEmptyScripts: () => new core.RemoveEmptyScriptsPlugin(),
    replaceRule: (functions) => [
      {
        test: /\.js$/,
        use: [
          {
            loader: core.REPLACE_LOADER,
            options: { search: /lazy/g, replace: functions ? (m) => m : 'lazy' },
          },
        ],
      },
    ],
  };
}

async function main() {
  const [binding, scenarioName, app] = process.argv.slice(2);
  const scenario = SCENARIOS[scenarioName];
  if (!scenario || !['native', 'official'].includes(binding) || !app) {
    throw new Error('usage: exit-stress-child.mjs <native|official> <scenario> <app dir>');
  }
  const core = await import(binding === 'native' ? '@rspack-native/core' : '@rspack/core');
  const native = binding === 'native' ? nativeParts(core) : null;
  let outputs = 0;
  const scratch = path.join(app, 'stress', String(process.pid));
  const context = {
    rspack: core.rspack,
    native,
    cacheDir: path.join(scratch, 'cache'),
    plugins: (functions) =>
      native
        ? [
            native.manifest(functions),
            native.license(functions),
            native.casePaths(functions),
            native.compression(functions),
            native.assetsManifest(functions),
            native.removeEmptyScripts(),
          ]
        : [],
    rules: (functions) => (native ? native.replaceRule(functions) : []),
    config(plugins, rules = []) {
      const config = licenseAppConfig(app, {
        plugins,
        outputPath: path.join(scratch, `out-${(outputs += 1)}`),
      });
      return { ...config, module: { rules }, infrastructureLogging: { level: 'error' } };
    },
    async buildWith(plugins, rules) {
      expectBuild(await build(core.rspack, context.config(plugins, rules)));
    },
  };
  await scenario.run(context);
  await fs.rm(scratch, { recursive: true, force: true });
  process.stdout.write('done\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
