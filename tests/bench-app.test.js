// `pnpm bench:app` on a tiny app written here, with its own config as an app has one. No timing
// is asserted: it must build the app's config with every variant, compare the pairs and report.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { currentPlatform } from '../packages/core/src/platform-package.js';
import { repoRoot, runNode, tempDir } from './helpers.js';

/** The dev .node of this run: the release build is not part of the test command. */
const binding = path.join(repoRoot, 'binding', `rspack-native.${currentPlatform()}.node`);

/**
 * Writes an app as people write one: a config that imports @rspack/core, extends a shared
 * config (merged by `rspack build`), turns on the persistent cache and reads NODE_ENV; a package
 * in node_modules.
 */
async function writeApp() {
  const dir = await tempDir('bench-app');
  const files = {
    'shared.config.mjs': "export default { cache: { type: 'persistent' }, devtool: false };\n",
    'rspack.config.mjs': [
      "import { rspack } from '@rspack/core';",
      'export default {',
      "  extends: './shared.config.mjs',",
      "  entry: './src/index.js',",
      '  plugins: [new rspack.DefinePlugin({ IS_PROD: JSON.stringify(process.env.NODE_ENV === "production") })],',
      '};',
      '',
    ].join('\n'),
    'src/index.js':
      "import { greet } from './greet.js';\nimport pad from 'left';\nconsole.log(pad(greet(IS_PROD)));\n",
    'src/greet.js': 'export const greet = (prod) => (prod ? "hello" : "hello, dev");\n',
    'node_modules/left/package.json': '{ "name": "left", "version": "1.0.0", "main": "index.js" }\n',
    'node_modules/left/index.js': "module.exports = (text) => ' ' + text;\n",
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** `pnpm bench:app` on `app` for one round, with `flags` after it. */
const benchOneRound = (app, flags) =>
  runNode(['bench/app.mjs', '--app', app, '--runs', '1', ...flags], { cwd: repoRoot });

test("pnpm bench:app builds an app's own config with every variant, checks the pairs, and reports", async () => {
  const app = await writeApp();
  const result = await benchOneRound(app, [
    '--plugins',
    'case,manifest',
    '--modes',
    'production,development',
    '--binding',
    binding,
  ]);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  for (const name of ['@rspack/core', '@rspack/cli']) {
    assert.match(result.stdout, new RegExp(`linked ${path.join(app, 'node_modules', name)} → `));
  }
  for (const mode of ['production', 'development']) {
    for (const [official, ours] of [
      ['official', 'ours'],
      ['official, case-sensitive-paths-webpack-plugin', 'ours, CaseSensitivePathsPlugin'],
      ['official, rspack-manifest-plugin', 'ours, ManifestPlugin'],
    ]) {
      assert.match(
        result.stdout,
        new RegExp(`identical output: "${official}, ${mode}" = "${ours}, ${mode}" \\(\\d+ files\\)`),
      );
    }
    assert.match(
      result.stdout,
      new RegExp(`ours / official, ${mode}, no plugins: time \\d\\.\\d{3} \\(.*\\), peak RSS \\d\\.\\d{3}`),
    );
    for (const plugin of ['case-sensitive paths plugin', 'manifest plugin']) {
      assert.match(
        result.stdout,
        new RegExp(`\\| ${plugin}, ${mode} +(\\| +[+-]\\d+\\.\\d % \\(.*\\) ){4}\\|`),
      );
    }
  }
  assert.match(result.stdout, /fewer than 5: a smoke run/);
  // Every build was cold: the app's persistent cache was turned off.
  assert.equal(fs.existsSync(path.join(app, 'node_modules/.cache')), false);
});

test('several builds of our binding, each named, run in the same rounds and are compared with the first', async () => {
  const app = await writeApp();
  const result = await benchOneRound(app, [
    '--plugins',
    'none',
    '--binding',
    `a=${binding}`,
    '--binding',
    `b=${binding}`,
  ]);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  for (const name of ['a', 'b']) {
    assert.match(
      result.stdout,
      new RegExp(`identical output: "official, production" = "${name}, production"`),
    );
    assert.match(result.stdout, new RegExp(`${name} / official, production, no plugins: time \\d\\.\\d{3}`));
  }
  assert.match(result.stdout, /b \/ a, production, no plugins: time \d\.\d{3}/);
  assert.doesNotMatch(result.stdout, /a \/ a,/);
});

test('--modes rebuild times rebuilds in watch mode after edits, compares the pairs, and restores the file', async () => {
  const app = await writeApp();
  const edited = path.join(app, 'src/greet.js');
  const original = fs.readFileSync(edited, 'utf8');
  const result = await benchOneRound(app, [
    '--modes',
    'rebuild',
    '--edit',
    'src/greet.js',
    '--rebuilds',
    '2',
    '--binding',
    binding,
  ]);
  assert.equal(result.code, 0, result.stderr + result.stdout);
  for (const [official, ours] of [
    ['official', 'ours'],
    ['official, case-sensitive-paths-webpack-plugin', 'ours, CaseSensitivePathsPlugin'],
  ]) {
    assert.match(result.stdout, new RegExp(`identical output: "${official}, rebuild" = "${ours}, rebuild"`));
  }
  assert.match(result.stdout, /ours \/ official, rebuild, no plugins: time \d\.\d{3}/);
  assert.match(
    result.stdout,
    /median of its 2 rebuilds in watch mode \(development\), each\s+after an edit of src\/greet\.js/,
  );
  // Every edit is undone when the builds end.
  assert.equal(fs.readFileSync(edited, 'utf8'), original);
});

test('--modes rebuild refuses to edit a file the build does not depend on, which would never rebuild', async () => {
  const app = await writeApp();
  const result = await benchOneRound(app, [
    '--modes',
    'rebuild',
    '--edit',
    'shared.config.mjs',
    '--binding',
    binding,
  ]);
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    /"official, rebuild" failed \(exit 1\):\s+RebuildTimerPlugin: the build does not depend on .*shared\.config\.mjs, so editing it would start no rebuild/,
  );
});

test("an app with its own @rspack/core is refused, naming it: it would run another release's binding", async () => {
  const app = await writeApp();
  const own = path.join(app, 'node_modules/@rspack/core');
  fs.mkdirSync(own, { recursive: true });
  fs.writeFileSync(path.join(own, 'package.json'), '{ "name": "@rspack/core", "version": "2.0.1" }\n');
  const result = await runNode(['bench/app.mjs', '--app', app, '--binding', 'x.node'], { cwd: repoRoot });
  assert.equal(result.code, 1);
  assert.match(
    result.stderr,
    new RegExp(
      `bench:app: the app has its own @rspack/core \\(${own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`,
    ),
  );
});

test('bad flags are errors that say what is expected', async () => {
  const cases = [
    [[], /--app <dir> is required/],
    [
      ['--app', '.', '--plugins', 'case,minify'],
      /--plugins takes a comma-separated list of case, manifest \(or none\); got "case,minify"/,
    ],
    [
      ['--app', '.', '--modes', 'prod'],
      /--modes takes a comma-separated list of production, development, rebuild; got "prod"/,
    ],
    [['--app', '.', '--runs', '0'], /--runs must be a positive integer, got 0/],
    [['--app', '.', '--modes', 'rebuild'], /--modes rebuild needs --edit <file>: the module edited/],
    [
      ['--app', '.', '--rebuilds', '3'],
      /--edit and --rebuilds go with --modes rebuild, which is not asked for/,
    ],
    [['--app', '.', '--modes', 'rebuild', '--edit', 'nope.js'], /--edit nope.js: no such file in /],
    [
      ['--app', '.', '--modes', 'rebuild', '--edit', 'package.json', '--rebuilds', 'two'],
      /--rebuilds must be a positive integer, got two/,
    ],
    [['--app', 'bench'], /no config in .*bench; name it with --config <file>/],
    [
      ['--app', '.', '--binding', 'y.node', '--binding', 'x.node'],
      /with several --binding, name each one \(--binding <name>=<file.node>\); got y.node, x.node/,
    ],
    [
      ['--app', '.', '--binding', 'a=y.node', '--binding', 'a=x.node'],
      /--binding names must be unique and other than "official"; "a" is not/,
    ],
  ];
  for (const [flags, expected] of cases) {
    const bindingFlags = flags.includes('--binding') ? [] : ['--binding', 'x.node'];
    const result = await runNode(['bench/app.mjs', ...flags, ...bindingFlags], { cwd: repoRoot });
    assert.equal(result.code, 1, flags.join(' '));
    assert.match(result.stderr, expected);
  }
});
