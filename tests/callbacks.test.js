// The JavaScript callbacks of the native plugins under load and with several compilers: each
// compiler calls its own functions, watch rebuilds call them again with the new build, and
// closed compilers let the garbage collector free them (see fixtures/callback-stress.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { EntryPlugin, ManifestPlugin, REPLACE_LOADER, rspack } from '@rspack-native/core';
import { build, repoRoot, runNode, tempDir } from './helpers.js';

const MB = 1024 * 1024;

/** Runs the stress fixture in a fresh process; resolves with what it printed. */
async function stress(mode, count, options) {
  const dir = await tempDir(`stress-${mode}-${options}`);
  const fixture = path.join(repoRoot, 'tests/fixtures/callback-stress.mjs');
  const result = await runNode(['--expose-gc', fixture, mode, dir, String(count), options], {
    cwd: repoRoot,
    maxBuffer: 64 * MB,
  });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** How much the resident set grew from entry `from` to the last one, in bytes. */
const growth = (rss, from) => rss.at(-1) - rss[from];

const formatMB = (bytes) => `${(bytes / MB).toFixed(1)} MB`;

/**
 * Why the resident set cannot tell a leak, or `false`. On the WebAssembly binding it counts the
 * pages of the `.wasm`'s fixed memory touched so far, which never go back to the system: it
 * follows the allocator's high-water mark, which differs from run to run (measured on 50 watch
 * rebuilds: 11 to 71 MB of growth with functions, 15 to 53 MB without), while the JavaScript
 * heap stays flat.
 */
const rssCannotTell =
  process.env.NAPI_RS_FORCE_WASI === 'error' &&
  "on the WebAssembly binding the resident set is the .wasm memory's high-water mark";

/**
 * Asserts that the resident set grew, from its tenth entry on, no more than 8 MB beyond the
 * baseline's, over `what`; where it cannot tell (`rssCannotTell`), says so in the test's output.
 */
function assertNoExtraGrowth(t, withFunctions, baseline, what) {
  if (rssCannotTell) return t.diagnostic(`memory not compared: ${rssCannotTell}`);
  const extra = growth(withFunctions.rss, 10) - growth(baseline.rss, 10);
  assert.ok(
    extra < 8 * MB,
    `with functions, RSS grew ${formatMB(growth(withFunctions.rss, 10))} over ${what}; ` +
      `with data options, ${formatMB(growth(baseline.rss, 10))}`,
  );
}

describe('JavaScript callbacks over many builds', () => {
  test('50 watch rebuilds call the functions with each new build; memory grows no more than without them', async (t) => {
    const rebuilds = 50;
    const [withFunctions, baseline] = await Promise.all([
      stress('watch', rebuilds, 'functions'),
      stress('watch', rebuilds, 'data'),
    ]);
    assert.equal(withFunctions.builds.length, rebuilds + 1);
    withFunctions.builds.forEach(({ manifest, marker }, n) => {
      assert.equal(marker, `VALUE-${n}`, `build ${n} ran the replace function on the edited module`);
      const { build, ...rest } = manifest;
      assert.deepEqual(rest, { files: ['main.js'], mode: 'development' });
      // `generate` counts its calls; a late watch event can add a build between two edits.
      const previous = withFunctions.builds[n - 1]?.manifest.build ?? 0;
      assert.ok(build > previous, `build ${n}: generate ran again (call ${build}, before ${previous})`);
    });
    // Each rebuild hands the replace function half a megabyte: a leak of it would add 20 MB.
    // The first builds warm caches up; compare from the tenth on.
    assertNoExtraGrowth(t, withFunctions, baseline, '40 rebuilds');
  });

  test('200 compilers created, run and closed free their functions and hold no memory', async (t) => {
    const compilers = 200;
    const [withFunctions, baseline] = await Promise.all([
      stress('compilers', compilers, 'functions'),
      stress('compilers', compilers, 'data'),
    ]);
    // The functions hold their compiler; only a release at close lets both be collected.
    assert.equal(withFunctions.created, 3 * compilers);
    assert.equal(withFunctions.collected, withFunctions.created, 'every function was garbage collected');
    assertNoExtraGrowth(t, withFunctions, baseline, '190 compilers');
  });
});

/** A two-module app in a new temp dir: `src/index.js` and `src/worker.js`, each with a marker. */
async function writeApp(prefix) {
  const dir = await tempDir(prefix);
  await fs.mkdir(path.join(dir, 'src'));
  await fs.writeFile(path.join(dir, 'src/index.js'), "console.log('value-index');\n");
  await fs.writeFile(path.join(dir, 'src/worker.js'), "console.log('value-worker');\n");
  return dir;
}

/**
 * A config for the app in `dir` whose functions all say `who` they belong to: the replace
 * function prefixes each marker with it, ManifestPlugin's `serialize` adds it to the manifest.
 */
function configFor(dir, who, { output = 'dist', plugins = [] } = {}) {
  return {
    name: who,
    mode: 'development',
    devtool: false,
    context: dir,
    entry: './src/index.js',
    output: { path: path.join(dir, output) },
    module: {
      rules: [
        {
          test: /\.js$/,
          use: [
            {
              loader: REPLACE_LOADER,
              options: { search: /value-\w+/g, replace: (match) => `${who}:${match}` },
            },
          ],
        },
      ],
    },
    plugins: [
      new ManifestPlugin({ serialize: (manifest) => JSON.stringify({ by: who, ...manifest }) }),
      ...plugins,
    ],
    infrastructureLogging: { level: 'error' },
  };
}

const readText = (dir, file) => fs.readFile(path.join(dir, file), 'utf8');

describe('JavaScript callbacks with several compilers', () => {
  test('each compiler of a MultiCompiler calls its own functions', async () => {
    const dir = await writeApp('multi');
    const multi = rspack([
      configFor(dir, 'first', { output: 'a' }),
      configFor(dir, 'second', { output: 'b' }),
    ]);
    await new Promise((resolve, reject) =>
      multi.run((error, stats) => {
        if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString()));
        else multi.close(resolve);
      }),
    );
    for (const [output, who] of [
      ['a', 'first'],
      ['b', 'second'],
    ]) {
      assert.match(await readText(dir, `${output}/main.js`), new RegExp(`'${who}:value-index'`));
      assert.deepEqual(JSON.parse(await readText(dir, `${output}/manifest.json`)), {
        by: who,
        'main.js': 'main.js',
      });
    }
  });

  test('two compilers building at once in one process each call their own functions', async () => {
    const dir = await writeApp('concurrent');
    await Promise.all([
      build(configFor(dir, 'left', { output: 'left' })),
      build(configFor(dir, 'right', { output: 'right' })),
    ]);
    for (const who of ['left', 'right']) {
      assert.match(await readText(dir, `${who}/main.js`), new RegExp(`'${who}:value-index'`));
      assert.equal(JSON.parse(await readText(dir, `${who}/manifest.json`)).by, who);
    }
  });

  test("a child compiler calls its own plugin's functions and its parent's loader functions", async () => {
    const dir = await writeApp('child');
    /** Compiles src/worker.js in a child compiler with its own ManifestPlugin, as worker plugins do. */
    const childCompilerPlugin = {
      apply(compiler) {
        compiler.hooks.make.tapAsync('ChildCompilerPlugin', (compilation, callback) => {
          const child = compilation.createChildCompiler('worker', { filename: '[name].js' }, [
            new EntryPlugin(dir, './src/worker.js', { name: 'worker' }),
            new ManifestPlugin({
              fileName: 'worker-manifest.json',
              serialize: (manifest) => JSON.stringify({ by: 'child', ...manifest }),
            }),
          ]);
          child.runAsChild((error) => callback(error));
        });
      },
    };
    await build(configFor(dir, 'parent', { plugins: [childCompilerPlugin] }));

    assert.match(await readText(dir, 'dist/main.js'), /'parent:value-index'/);
    // The child compiler inherits the parent's rules, so the parent's replace function.
    assert.match(await readText(dir, 'dist/worker.js'), /'parent:value-worker'/);
    assert.deepEqual(JSON.parse(await readText(dir, 'dist/worker-manifest.json')), {
      by: 'child',
      'worker.js': 'worker.js',
    });
    const parentManifest = JSON.parse(await readText(dir, 'dist/manifest.json'));
    assert.equal(parentManifest.by, 'parent');
    assert.equal(parentManifest['main.js'], 'main.js');
  });
});
