// The benchmark's generator and runner at a tiny size. No timing is asserted: the runner's
// numbers are for people (bench/README.md); here it must run, compare outputs and report.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { generateApp } from '../bench/generate.mjs';
import { assertSameOutput } from '../bench/run.mjs';
import { EXTRAS, ONE_THREAD_VARIANTS, PAIRS, VARIANTS } from '../bench/variants.mjs';
import { currentPlatform } from '../packages/core/src/platform-package.js';
import { readTree, repoRoot, runNode, tempDir } from './helpers.js';

/** The dev .node of this run: the release build is not part of the test command. */
const binding = path.join(repoRoot, 'binding', `rspack-native.${currentPlatform()}.node`);

/** `text` as a regular expression that matches exactly it. */
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('the generator makes the same app from the same seed, with every kind of module', async () => {
  const dir = await tempDir('bench-generate');
  generateApp({ out: path.join(dir, 'a'), modules: 300, packages: 6, seed: 7 });
  generateApp({ out: path.join(dir, 'b'), modules: 300, packages: 6, seed: 7 });
  generateApp({ out: path.join(dir, 'c'), modules: 300, packages: 6, seed: 8 });
  const a = readTree(path.join(dir, 'a'));
  assert.deepEqual(a, readTree(path.join(dir, 'b')));
  assert.notDeepEqual(a, readTree(path.join(dir, 'c')));

  const modules = [...a.keys()].filter((file) => /^src\/(.+\/)?m\d{5}\.\w+$/.test(file));
  assert.equal(modules.length, 300);
  for (const extension of ['.js', '.cjs', '.css', '.json', '.png']) {
    assert.ok(
      modules.some((file) => file.endsWith(extension)),
      `some ${extension} modules`,
    );
  }
  const packages = [...a.keys()].filter(
    (file) => file.startsWith('node_modules') && file.endsWith('package.json'),
  );
  assert.equal(packages.length, 6);
  assert.ok([...a.keys()].filter((file) => file.endsWith('LICENSE')).length === 6);
  assert.ok(
    [...a.values()].some((text) => text.includes('import(')),
    'dynamic imports',
  );
  assert.throws(
    () => generateApp({ out: path.join(dir, 'd'), modules: 3 }),
    /--modules must be an integer ≥ 10, got 3/,
  );
  assert.throws(
    () => generateApp({ out: path.join(dir, 'd'), shape: 'round' }),
    /--shape must be one of deep, flat, react, got round/,
  );
});

test('the deep shape nests folders of 10 modules and 10 subfolders; the flat one has 20 a folder', async () => {
  const dir = await tempDir('bench-shapes');
  /** Folder → [modules, subfolders] of the app generated with `shape`. */
  const folders = (shape) => {
    generateApp({ out: path.join(dir, shape), modules: 1200, packages: 2, seed: 3, shape });
    const counts = new Map();
    for (const file of readTree(path.join(dir, shape)).keys()) {
      if (!/\/m\d{5}\.\w+$/.test(file)) continue;
      const folder = path.posix.dirname(file);
      counts.set(folder, [(counts.get(folder)?.[0] ?? 0) + 1, 0]);
    }
    for (const folder of counts.keys()) {
      const parent = path.posix.dirname(folder);
      if (counts.has(parent)) counts.get(parent)[1] += 1;
    }
    return counts;
  };
  const deep = folders('deep');
  assert.equal(deep.size, 120);
  assert.ok([...deep.values()].every(([modules, subfolders]) => modules === 10 && subfolders <= 10));
  assert.ok(deep.has('src/d0/d0/d0'), 'three levels of folders under src at 1,200 modules');
  const flat = folders('flat');
  assert.equal(flat.size, 60);
  assert.ok([...flat.keys()].every((folder) => /^src\/f\d{3}$/.test(folder)));
});

test("the react shape is react-10k's: 9 modules a folder, every one importing the same packages", async () => {
  const dir = await tempDir('bench-react-shape');
  const app = path.join(dir, 'a');
  assert.deepEqual(generateApp({ out: app, modules: 1200, packages: 2, seed: 3, shape: 'react' }), {
    modules: 1200,
    packages: 3,
    files: 1200 + 29678 + 8 + 1, // src/, the icon package, the two others, package.json
  });
  generateApp({ out: path.join(dir, 'b'), modules: 1200, seed: 3, shape: 'react' });
  const tree = readTree(app);
  assert.deepEqual(tree, readTree(path.join(dir, 'b')), 'the same app from the same seed');

  // The tree: src/index.js and 1,199 modules, 9 to a folder, breadth first in a 10-ary tree.
  const sources = [...tree.keys()].filter((file) => file.startsWith('src/'));
  assert.equal(sources.length, 1200);
  assert.ok(sources.every((file) => /^src\/(d\d\/)*(m\d{5}|index)\.js$/.test(file)));
  const folders = new Map();
  for (const file of sources) {
    const folder = path.posix.dirname(file);
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
  }
  const depths = [0, 0, 0, 0];
  for (const folder of folders.keys()) depths[folder.split('/').length - 1] += 1;
  assert.deepEqual(depths, [1, 10, 100, 23], 'folders at each depth below src/');
  assert.equal(folders.get('src'), 10, 'src/: the entry and 9 modules');
  assert.equal(folders.get('src/d0/d2/d2'), 2, 'the last folder: the 1,199th module and the one before');
  assert.equal([...folders.values()].filter((count) => count === 9).length, 132);

  // Imports: every module imports the same packages and an icon of its own; 4 package imports to
  // 1 relative one, as react-10k's build resolves them.
  const packageImports = [
    'bench-react',
    'bench-react/jsx-runtime',
    /^@bench\/icons\/[a-z-]+\.js$/,
    '@bench/icon-react/dist/offline',
  ];
  const icons = new Set();
  const imported = new Map();
  let [relative, packages] = [0, 0];
  for (const file of sources) {
    const specifiers = [
      ...tree
        .get(file)
        .toString()
        .matchAll(/(?:from |import\()'([^']+)'/g),
    ].map(([, specifier]) => specifier);
    const local = specifiers.filter((specifier) => specifier.startsWith('.'));
    relative += local.length;
    packages += specifiers.length - local.length;
    for (const specifier of local) {
      const target = path.posix.join(path.posix.dirname(file), specifier);
      assert.ok(tree.has(target), `${file} imports ${specifier}, which exists`);
      imported.set(target, (imported.get(target) ?? 0) + 1);
    }
    if (file === 'src/index.js') continue;
    const external = specifiers.filter((specifier) => !specifier.startsWith('.'));
    assert.equal(external.length, 4, file);
    packageImports.forEach((expected, n) =>
      typeof expected === 'string'
        ? assert.equal(external[n], expected, file)
        : assert.match(external[n], expected, file),
    );
    icons.add(external[2]);
  }
  assert.equal(relative, 1199);
  assert.equal(packages, 4 * 1199 + 2);
  assert.ok(Math.abs(packages / (packages + relative) - 0.8) < 0.001, 'package share of the imports');
  assert.equal(imported.size, 1199, 'every module is imported, once');
  assert.ok([...imported.values()].every((count) => count === 1));
  assert.equal(icons.size, 1199, 'a different icon for every module');
  for (const icon of icons) assert.ok(tree.has(`node_modules/${icon}`), icon);
  const iconFolder = [...tree.keys()].filter((file) => file.startsWith('node_modules/@bench/icons/'));
  assert.equal(iconFolder.length, 29678, "the icon package's folder: 14,838 icons, .js and .d.ts");

  // The deep paths resolve into the packages through their `exports`.
  const require = createRequire(path.join(app, 'src/index.js'));
  assert.equal(
    require.resolve('@bench/icon-react/dist/offline'),
    path.join(app, 'node_modules/@bench/icon-react/dist/offline.js'),
  );
  assert.equal(
    require.resolve('bench-react/jsx-runtime'),
    path.join(app, 'node_modules/bench-react/jsx-runtime.js'),
  );
});

test('pnpm bench runs the case-sensitive pair on the react shape', async () => {
  const result = await runNode(
    [
      'bench/run.mjs',
      '--modules',
      '60',
      '--runs',
      '1',
      '--shape',
      'react',
      '--plugins',
      'case',
      '--binding',
      binding,
    ],
    { cwd: repoRoot },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /app: 60 modules \(react tree\), 3 packages/);
  assert.match(
    result.stdout,
    /identical output: "official \+ case-sensitive-paths-webpack-plugin" = "ours \+ CaseSensitivePathsPlugin"/,
  );
  assert.match(result.stdout, /\| case-sensitive paths plugin +\|/);
});

test('pnpm bench runs every variant, checks the pairs, and prints the table', async () => {
  const result = await runNode(
    ['bench/run.mjs', '--modules', '80', '--packages', '3', '--runs', '1', '--binding', binding],
    { cwd: repoRoot },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout.match(/identical output: /g)?.length,
    PAIRS.length + Object.keys(ONE_THREAD_VARIANTS).length,
  );
  assert.match(
    result.stdout,
    /"ours \+ CompressionPlugin, brotli" \(\d+ files; \d+ compressed, identical once decompressed, \d+ byte for byte\)/,
  );
  for (const variant of Object.keys(VARIANTS)) {
    assert.match(result.stdout, new RegExp(`\\| ${escapeRegExp(variant)} +\\| +\\d+\\.\\d\\d \\|`));
  }
  assert.match(
    result.stdout,
    /ours \/ official, no plugins: time \d+\.\d{3} \(\d+\.\d{3} … \d+\.\d{3}\), peak RSS \d+\.\d{3}/,
  );
  const overhead = '[+-]\\d+\\.\\d % \\([+-]\\d+\\.\\d … [+-]\\d+\\.\\d\\)';
  for (const extra of Object.values(EXTRAS)) {
    assert.match(result.stdout, new RegExp(`\\| ${extra} +(\\| +${overhead} ){4}\\|`));
  }
  for (const extra of Object.keys(ONE_THREAD_VARIANTS)) {
    const row = `${EXTRAS[extra]}, 1 thread \\(both sides of the ratio\\)`;
    assert.match(
      result.stdout,
      new RegExp(`\\| ${row} +\\| +— \\| +${overhead} \\| +— \\| +${overhead} \\|`),
    );
  }
  assert.match(result.stdout, /fewer than 5: a smoke run/);
  for (const ours of ['ours, development', 'ours, dev rebuild']) {
    assert.match(result.stdout, new RegExp(`"${ours}" / official: time \\d+\\.\\d{3} \\(`));
  }
});

test('--plugins runs only the pairs it names, next to both baselines', async () => {
  const result = await runNode(
    [
      'bench/run.mjs',
      '--modules',
      '40',
      '--packages',
      '2',
      '--runs',
      '1',
      '--plugins',
      'manifest',
      '--binding',
      binding,
    ],
    { cwd: repoRoot },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.match(/identical output: /g)?.length, 2);
  assert.match(result.stdout, /\| ours \+ ManifestPlugin +\|/);
  assert.doesNotMatch(result.stdout, /replace-loader|concatenation/);
  assert.match(result.stdout, /\| manifest plugin +\|/);
});

/** Runs the bench with bad `flags` (no build starts) and asserts it exits with 1. */
async function runBenchExpectingFailure(flags) {
  const result = await runNode(['bench/run.mjs', ...flags, '--binding', 'x.node'], { cwd: repoRoot });
  assert.equal(result.code, 1);
  return result;
}

test('an unknown plugin pair is an error that lists the known ones', async () => {
  const result = await runBenchExpectingFailure(['--plugins', 'manifest,minify']);
  assert.match(
    result.stderr,
    /bench: --plugins takes a comma-separated list of manifest, replace, loader, function, license, case, case-rebuild, gzip, brotli, assets-manifest, development; got "manifest,minify"/,
  );
});

test('a bad size is an error that names the flag', async () => {
  const result = await runBenchExpectingFailure(['--modules', 'many']);
  assert.match(
    result.stderr,
    /bench: --modules must be integers ≥ 10 \(comma-separated for --sizes\), got "many"/,
  );
});

test('a compression pair may differ in compressed bytes, never in what they decompress to', async () => {
  const dir = await tempDir('bench-same-output');
  const write = async (side, files) => {
    await fs.mkdir(path.join(dir, side), { recursive: true });
    for (const [name, bytes] of Object.entries(files)) await fs.writeFile(path.join(dir, side, name), bytes);
  };
  const js = 'console.log(1);'.repeat(50);
  await write('node', { 'main.js': js, 'main.js.gz': zlib.gzipSync(js, { level: 9 }) });
  await write('ours', { 'main.js': js, 'main.js.gz': zlib.gzipSync(js, { level: 1 }) });
  await write('other', { 'main.js': js, 'main.js.gz': zlib.gzipSync(`${js}//`) });
  const side = (name) => path.join(dir, name);

  assert.deepEqual(assertSameOutput('node', side('node'), 'ours', side('ours'), 'gzip'), {
    files: 2,
    compressed: 1,
    byteIdentical: 0,
  });
  assert.throws(
    () => assertSameOutput('node', side('node'), 'ours', side('ours')),
    /"node" and "ours" wrote different output \(1 files: main\.js\.gz\)/,
  );
  assert.throws(
    () => assertSameOutput('node', side('node'), 'other', side('other'), 'gzip'),
    /"node" and "other" wrote different output \(1 files: main\.js\.gz\)/,
  );
});
