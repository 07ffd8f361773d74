// RemoveEmptyScriptsPlugin against webpack-remove-empty-scripts 1.1.1. The peer does nothing on
// Rspack (a test records it), so its oracle is webpack 5 with mini-css-extract-plugin and
// css-loader, building the same app (tests/fixtures/styles-app: React from npm, CSS-only entries,
// an npm stylesheet, an image, an async chunk, source maps) with output names without hashes: the
// native plugin on Rspack must leave the same files as the peer on webpack.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { RemoveEmptyScriptsPlugin, formatError, rspack } from '@rspack-native/core';
import Peer from 'webpack-remove-empty-scripts';
import { stylesAppDir } from './fixtures/styles-app/app.mjs';
import { runWebpack, stylesConfig } from './fixtures/styles-app/config.mjs';
import { persistentCacheSkip, readTree, runBuild, tempDir, watchSteps } from './helpers.js';

const fixture = stylesAppDir;

/** The app's entries: a script, two of styles only (one from npm), and one of both. */
const ENTRIES = {
  main: './src/index.js',
  theme: './src/theme.css',
  'vendor-styles': ['normalize.css', './src/print.css'],
  'styles-with-script': ['./src/print.css', './src/extra.js'],
};

/** The scripts the peer removes from ENTRIES on webpack. */
const EMPTY_SCRIPTS = ['theme.js', 'vendor-styles.js'];

/** The app's build for `bundler`, with ENTRIES unless `entry` is given. */
function stylesAppConfig({ entry = ENTRIES, ...options }) {
  return stylesConfig({ entry, ...options });
}

/** Builds the app with `bundler` and `plugins`; resolves with the names of the files written. */
async function buildApp(bundler, { mode = 'production', plugins, entry, configure } = {}) {
  const outputPath = await tempDir(`remove-empty-scripts-${bundler}`);
  const config = stylesAppConfig({ bundler, mode, outputPath, plugins, entry });
  configure?.(config);
  if (bundler === 'webpack') {
    await runWebpack(config);
  } else {
    const { error, stats } = await runBuild(config);
    if (error) throw error;
    assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  }
  return [...readTree(outputPath).keys()].sort();
}

describe('webpack-remove-empty-scripts on Rspack', () => {
  test('still does nothing: the scripts of style entries stay (if this fails, the peer works on Rspack and is the oracle)', async () => {
    const files = await buildApp('rspack', { plugins: [new Peer()] });
    for (const script of EMPTY_SCRIPTS) assert.ok(files.includes(script), `${script} is still written`);
  });
});

for (const mode of ['production', 'development']) {
  describe(`RemoveEmptyScriptsPlugin on Rspack leaves the files the peer leaves on webpack (${mode})`, () => {
    for (const stage of [Peer.STAGE_BEFORE_PROCESS_PLUGINS, Peer.STAGE_AFTER_PROCESS_PLUGINS]) {
      test(`stage ${stage}`, async () => {
        const native = await buildApp('rspack', {
          mode,
          plugins: [new RemoveEmptyScriptsPlugin({ stage })],
        });
        const peer = await buildApp('webpack', { mode, plugins: [new Peer({ stage })] });
        const bare = await buildApp('rspack', { mode });
        assert.deepEqual(
          bare.filter((file) => !native.includes(file)),
          EMPTY_SCRIPTS.flatMap((script) => [script, `${script}.map`]),
          'the native plugin removes the scripts of the style entries and their maps, nothing else',
        );
        assert.deepEqual(native, peer, 'the same files as the peer on webpack');
      });
    }
  });
}

describe('RemoveEmptyScriptsPlugin keeps what the peer would break', () => {
  test("a style entry's script that holds another entry's runtime (dependOn) stays", async () => {
    const entry = {
      admin: './src/admin.css',
      'admin-app': { import: './src/admin.js', dependOn: 'admin' },
    };
    const native = await buildApp('rspack', { entry, plugins: [new RemoveEmptyScriptsPlugin()] });
    assert.ok(native.includes('admin.js'), 'admin.js, the runtime admin-app needs, is kept');
    const peer = await buildApp('webpack', { entry, plugins: [new Peer()] });
    assert.ok(!peer.includes('admin.js'), 'the peer removes it on webpack, and admin-app cannot start');
  });
});

describe('RemoveEmptyScriptsPlugin keeps a script with module code', () => {
  // In production both bundlers concatenate the two modules, and the peer, finding no resource
  // on the concatenated module, follows its dependencies to inject.js and keeps the script too.
  test('a style entry injected by a script (as style-loader does) keeps its script', async () => {
    const injected = (config) => {
      config.module.rules[0] = {
        test: /\.css$/,
        use: path.join(fixture, 'inject-style-loader.cjs'),
        type: 'javascript/auto',
      };
    };
    const entry = { theme: './src/theme.css' };
    for (const mode of ['production', 'development']) {
      const native = await buildApp('rspack', {
        mode,
        entry,
        plugins: [new RemoveEmptyScriptsPlugin()],
        configure: injected,
      });
      assert.ok(native.includes('theme.js'), `${mode}: theme.js, which injects the styles, is kept`);
    }
    const peerBuild = (mode) =>
      buildApp('webpack', {
        mode,
        entry,
        plugins: [new Peer()],
        configure: (config) => {
          injected(config);
          delete config.module.rules[0].type;
        },
      });
    assert.ok(
      !(await peerBuild('development')).includes('theme.js'),
      'in development the peer removes it on webpack, and no style is applied',
    );
    assert.ok(
      (await peerBuild('production')).includes('theme.js'),
      'in production the peer keeps it: its walk of the concatenated module finds inject.js',
    );
  });
});

describe('RemoveEmptyScriptsPlugin options', () => {
  test('ignore, extensions and remove follow the peer', async () => {
    const make = (options) => [new RemoveEmptyScriptsPlugin(options)];
    const peerMake = (options) => [new Peer(options)];
    for (const options of [
      { ignore: 'extra' },
      { ignore: [/print/, 'theme'] },
      { extensions: /\.css$/ },
      { extensions: ['scss'] },
      { remove: /^theme\.js$/ },
      { enabled: false },
    ]) {
      const native = await buildApp('rspack', { plugins: make(options) });
      const peer = await buildApp('webpack', { plugins: peerMake(options) });
      assert.deepEqual(
        native,
        peer,
        `the same files with ${JSON.stringify(options, (_, v) => (v instanceof RegExp ? String(v) : v))}`,
      );
    }
  });

  async function optionError(options) {
    const outputPath = await tempDir('remove-empty-scripts-errors');
    const config = stylesAppConfig({
      bundler: 'rspack',
      mode: 'production',
      outputPath,
      plugins: [new RemoveEmptyScriptsPlugin(options)],
    });
    const { error } = await runBuild(config);
    assert.ok(error instanceof Error, 'the build fails');
    return formatError(error);
  }
  const cases = [
    [
      { stage: 300 },
      /^RemoveEmptyScriptsPlugin: option "stage" must be 100 \(RemoveEmptyScriptsPlugin\.STAGE_BEFORE_PROCESS_PLUGINS\) or 200 \(RemoveEmptyScriptsPlugin\.STAGE_AFTER_PROCESS_PLUGINS\), but got 300/,
    ],
    [{ extensions: ['c++('] }, /^RemoveEmptyScriptsPlugin: option "extensions" .*invalid regular expression/],
    [
      { ignore: ['ok', '(['] },
      /^RemoveEmptyScriptsPlugin: option "ignore\[1\]" .*invalid regular expression/,
    ],
    [{ remove: '.js' }, /^RemoveEmptyScriptsPlugin: option "remove" must be a RegExp, but got a string/],
    [{ verbos: true }, /^RemoveEmptyScriptsPlugin: unknown option "verbos"/],
  ];
  for (const [options, expected] of cases) {
    test(expected.source.slice(1, 80), async () => {
      assert.match(await optionError(options), expected);
    });
  }
});

describe('RemoveEmptyScriptsPlugin across builds', () => {
  test('a watch rebuild and a build from the persistent cache leave what a cold build leaves', async (t) => {
    const cold = await buildApp('rspack', { plugins: [new RemoveEmptyScriptsPlugin()] });

    const cache = await tempDir('remove-empty-scripts-cache');
    const persistent = (config) => {
      config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: cache } };
    };
    const rounds = persistentCacheSkip ? [] : ['filling the cache', 'restored from it'];
    if (persistentCacheSkip) t.diagnostic(`persistent cache not tested: ${persistentCacheSkip}`);
    for (const round of rounds) {
      const files = await buildApp('rspack', {
        plugins: [new RemoveEmptyScriptsPlugin()],
        configure: persistent,
      });
      assert.deepEqual(files, cold, `persistent cache, ${round}`);
      assert.ok((await fs.readdir(cache)).length > 0, 'the cache was written');
    }

    const app = await tempDir('remove-empty-scripts-watch');
    await fs.cp(fixture, app, { recursive: true });
    const outputPath = path.join(app, 'dist');
    const config = stylesAppConfig({
      bundler: 'rspack',
      mode: 'production',
      outputPath,
      plugins: [new RemoveEmptyScriptsPlugin()],
    });
    const themeCss = path.join(outputPath, 'theme.css');
    const [, files] = await watchSteps(
      rspack({ ...config, context: app }),
      [
        { take: () => true },
        {
          edit: () => fs.appendFile(path.join(app, 'src/theme.css'), '.edited { color: red; }\n'),
          // A rebuild that started before the edit was seen may come first: take the edited one.
          take: () =>
            readFileSync(themeCss, 'utf8').includes('.edited')
              ? [...readTree(outputPath).keys()].sort()
              : undefined,
        },
      ],
      { aggregateTimeout: 50 },
    );
    assert.deepEqual(files, cold, 'after a rebuild');
  });
});
