// LicensePlugin against its JavaScript peer, license-webpack-plugin 4.0.2: the fixture app of fake
// packages (tests/fixtures/license-app) built with each plugin must give byte-identical files
// (license files and bundles) and the same warnings and errors, for each group of options.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { LicensePlugin, formatError, rspack } from '@rspack-native/core';
import peer from 'license-webpack-plugin';
import { createLicenseApp, licenseAppConfig } from './fixtures/license-app/setup.mjs';
import { assertSameFiles, persistentCacheSkip, readTree, runBuild, tempDir, watchSteps } from './helpers.js';

const { LicenseWebpackPlugin } = peer;

let app;
before(async () => {
  app = await tempDir('license-app');
  await createLicenseApp(app);
  // Builds run from the project's directory, as `rspack build` does: the peer resolves some module
  // identifiers (`javascript/esm|/path`) against the working directory, and would list the
  // package there if it were not the project itself.
  process.chdir(app);
});

/**
 * Builds the app with `plugin` in `variant` (`development`, `production`, or `production-noconcat`:
 * production with `optimization.concatenateModules` off). Resolves with the files written and the
 * diagnostics (toJson messages, sorted: the peer meets modules in a different order every build).
 */
async function buildWith(plugin, variant, configure = (config) => config) {
  const outputPath = await tempDir('license-out');
  const mode = variant === 'development' ? 'development' : 'production';
  const config = configure(licenseAppConfig(app, { mode, plugins: [plugin], outputPath }));
  if (variant === 'production-noconcat') config.optimization = { concatenateModules: false };
  const { error, stats } = await runBuild(config);
  if (error) throw error;
  const json = stats.toJson({ all: false, warnings: true, errors: true });
  // With the code Rspack gives each (`Error` for the peer's, which pushes strings).
  const messages = (list) => list.map((item) => `${item.code}: ${item.message}`).sort();
  return { files: readTree(outputPath), warnings: messages(json.warnings), errors: messages(json.errors) };
}

/** Builds with each plugin and asserts the same files, byte for byte, and the same diagnostics. */
async function compareWithPeer(variant, options, configure) {
  const native = await buildWith(new LicensePlugin(options), variant, configure);
  const javascript = await buildWith(new LicenseWebpackPlugin(options), variant, configure);
  assertSameFiles(native.files, javascript.files);
  assert.deepEqual(native.warnings, javascript.warnings, 'the same warnings');
  assert.deepEqual(native.errors, javascript.errors, 'the same errors');
  return native;
}

/** The option groups compared with the peer; `dir` is the app's directory. */
const OPTION_GROUPS = {
  defaults: () => undefined,
  'one combined file': () => ({ perChunkOutput: false }),
  'banner per chunk': () => ({ addBanner: true }),
  'banner with a combined file': () => ({ addBanner: true, perChunkOutput: false }),
  'hash in the file name': () => ({ outputFilename: '[name].[hash].licenses.txt' }),
  'hash in the combined file name': () => ({
    outputFilename: '[name].[hash].licenses.txt',
    perChunkOutput: false,
  }),
  'files in chunk directories': () => ({ outputFilename: '[name]/LICENSES.txt' }),
  overrides: (dir) => ({
    preferredLicenseTypes: ['Apache-2.0'],
    licenseTypeOverrides: { 'lwp-fixture-nolicensefield': 'WTFPL' },
    licenseTextOverrides: { 'lwp-fixture-nofile': 'Overridden BSD text\r\nline 2 (CRLF kept)' },
    licenseFileOverrides: { '@lwp-fixture/scoped': 'LICENSE.txt' },
    modulesDirectories: [path.join(dir, 'node_modules')],
  }),
  'license templates': (dir) => ({ licenseTemplateDir: path.join(dir, 'templates') }),
  'modules directories that match nothing': () => ({ modulesDirectories: ['/nonexistent'] }),
  'no warnings or errors': () => ({ stats: { warnings: false, errors: false } }),
  'null turns off what it sets, as in the peer': () => ({
    perChunkOutput: null,
    stats: { warnings: null, errors: null },
  }),
  'additional modules': (dir) => ({
    additionalModules: [
      { name: 'lwp-fixture-extra', directory: path.join(dir, 'node_modules/lwp-fixture-extra') },
    ],
  }),
  'additional chunk modules': (dir) => ({
    additionalChunkModules: {
      second: [{ name: 'lwp-fixture-extra', directory: path.join(dir, 'node_modules/lwp-fixture-extra') }],
    },
  }),
  'chunks excluded': () => ({ chunkIncludeExcludeTest: { exclude: ['second'] } }),
  'chunks included': () => ({
    chunkIncludeExcludeTest: { include: ['main', 'second'], exclude: ['second'] },
  }),
  'child compilers skipped': () => ({ skipChildCompilers: true }),
};

for (const variant of ['development', 'production-noconcat']) {
  describe(`LicensePlugin matches license-webpack-plugin (${variant})`, () => {
    for (const [group, options] of Object.entries(OPTION_GROUPS)) {
      test(group, async () => {
        await compareWithPeer(variant, options(app));
      });
    }
  });
}

/**
 * Function options, with every call recorded: `make(calls)` returns the options, whose functions
 * push `[option, ...arguments]` to `calls`.
 */
const FUNCTION_GROUPS = {
  renderLicenses: (calls) => ({
    renderLicenses: (modules) => {
      calls.push(['renderLicenses', modules.map((m) => m.name).sort()]);
      // Each module as the peer makes it: every key, in its order, and the whole package.json.
      for (const m of modules) calls.push(['module', m.name, Object.keys(m), JSON.stringify(m.packageJson)]);
      return modules
        .map((m) => [m.name, m.packageJson.version, m.licenseId, typeof m.licenseText, m.directory].join(' '))
        .sort()
        .join('\n');
    },
  }),
  renderBanner: (calls) => ({
    addBanner: true,
    renderBanner: (filename, modules) => {
      calls.push(['renderBanner', filename, modules.length]);
      return `/* ${filename}: ${modules.length} */`;
    },
  }),
  'excludedPackageTest and licenseInclusionTest': (calls) => ({
    excludedPackageTest: (name) => name.startsWith('@lwp-fixture/'),
    licenseInclusionTest: (type) => {
      calls.push(['licenseInclusionTest', type]);
      return type !== 'ISC';
    },
  }),
  'unacceptable licenses': (calls) => ({
    unacceptableLicenseTest: (type) => {
      calls.push(['unacceptableLicenseTest', type]);
      return type === 'ISC' || type === null;
    },
    handleUnacceptableLicense: (name, type) => calls.push(['handleUnacceptableLicense', name, type]),
  }),
  'missing license text and type, ambiguity': (calls) => ({
    handleMissingLicenseText: (name, type) => {
      calls.push(['handleMissingLicenseText', name, type]);
      return `No text for ${name} (${type})`;
    },
    handleMissingLicenseType: (name) => {
      calls.push(['handleMissingLicenseType', name]);
      return `Custom-${name}`;
    },
    handleLicenseAmbiguity: (name, licenses) => {
      calls.push(['handleLicenseAmbiguity', name, licenses]);
      return licenses[1].type;
    },
  }),
  'chunk test function': (calls) => ({
    chunkIncludeExcludeTest: (name) => {
      calls.push(['chunkIncludeExcludeTest', name]);
      return name !== 'second';
    },
  }),
};

describe('LicensePlugin function options match license-webpack-plugin', () => {
  for (const [group, make] of Object.entries(FUNCTION_GROUPS)) {
    test(group, async () => {
      const calls = { native: [], peer: [] };
      const native = await buildWith(new LicensePlugin(make(calls.native)), 'development');
      const javascript = await buildWith(new LicenseWebpackPlugin(make(calls.peer)), 'development');
      assertSameFiles(native.files, javascript.files);
      assert.deepEqual(native.warnings, javascript.warnings, 'the same warnings');
      assert.deepEqual(native.errors, javascript.errors, 'the same errors');
      // The same calls with the same arguments (the peer's order changes from build to build).
      const sorted = (list) => list.map((call) => JSON.stringify(call)).sort();
      assert.deepEqual(sorted(calls.native), sorted(calls.peer));
      assert.ok(calls.native.length > 0, 'the functions were called');
    });
  }

  test('excludedPackageTest is asked once per package, not once per module', async () => {
    const asked = { native: [], peer: [] };
    const test = (names) => (name) => names.push(name) && false;
    await buildWith(new LicensePlugin({ excludedPackageTest: test(asked.native) }), 'development');
    await buildWith(new LicenseWebpackPlugin({ excludedPackageTest: test(asked.peer) }), 'development');
    assert.equal(asked.native.length, new Set(asked.native).size, 'no package asked twice');
    assert.deepEqual(new Set(asked.native), new Set(asked.peer), 'the same packages asked');
  });

  test('a throwing function fails the build with its option named', async () => {
    const plugin = new LicensePlugin({
      licenseInclusionTest: () => {
        throw new Error('no licenses today');
      },
    });
    const { error, stats } = await runBuild(
      licenseAppConfig(app, { plugins: [plugin], outputPath: await tempDir('x') }),
    );
    const message = error ? formatError(error) : stats.toString({ all: false, errors: true });
    assert.match(message, /LicensePlugin: option "licenseInclusionTest" threw: (Error: )?no licenses today/);
  });
});

/** Replaces `file` at once (a watch build never reads it half written). */
async function replaceFile(file, text) {
  await fs.writeFile(`${file}.tmp`, text);
  await fs.rename(`${file}.tmp`, file);
}

/** The app's main.js without the SPDX package: a dependency removed by an edit. */
async function removeSpdxImport(dir) {
  const file = path.join(dir, 'src/main.js');
  const source = await fs.readFile(file, 'utf8');
  await replaceFile(file, source.replace("import { spdx } from 'lwp-fixture-spdx';", "const spdx = 'none';"));
}

/** The app's main.js as the fixture has it. */
async function restoreMain(dir) {
  const original = await fs.readFile(new URL('./fixtures/license-app/src/main.js', import.meta.url), 'utf8');
  await replaceFile(path.join(dir, 'src/main.js'), original);
}

/** A fresh copy of the app, with `edit` applied if given. */
async function appCopy(prefix, edit) {
  const dir = await tempDir(prefix);
  await createLicenseApp(dir);
  if (edit) await edit(dir);
  return dir;
}

/** The license files a build of `dir` writes (`cache`: a persistent cache directory). */
async function licenseFilesOf(dir, { cache } = {}) {
  const outputPath = await tempDir('license-out');
  const config = licenseAppConfig(dir, { mode: 'development', plugins: [new LicensePlugin()], outputPath });
  if (cache) config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: cache } };
  const { error } = await runBuild(config);
  if (error) throw error;
  return onlyLicenseFiles(readTree(outputPath));
}

function onlyLicenseFiles(files) {
  return new Map([...files].filter(([file]) => file.endsWith('.licenses.txt')));
}

/** Compiles src/child.js in a child compiler as the chunk `child`, as worker and HTML plugins do. */
const childCompilerPlugin = {
  apply(compiler) {
    compiler.hooks.make.tapAsync('ChildCompilerPlugin', (compilation, callback) => {
      const entry = new compiler.webpack.EntryPlugin(compiler.context, './src/child.js', { name: 'child' });
      const child = compilation.createChildCompiler('child', { filename: 'child-[name].js' }, [entry]);
      child.runAsChild((error) => callback(error));
    });
  },
};

describe('LicensePlugin with a child compiler matches license-webpack-plugin', () => {
  const withChild = (config) => ({ ...config, plugins: [...config.plugins, childCompilerPlugin] });
  for (const [group, options] of Object.entries({
    'per-chunk files': undefined,
    'one combined file': { perChunkOutput: false },
    'child compilers skipped': { skipChildCompilers: true },
    'child compilers skipped, one combined file': { skipChildCompilers: true, perChunkOutput: false },
  })) {
    test(group, async () => {
      const native = await compareWithPeer('development', options, withChild);
      assert.ok(native.files.has('child-child.js'), 'the child compiler wrote its bundle');
      const childFile = native.files.get('child.licenses.txt');
      const combined = native.files.get('licenses.txt')?.toString();
      if (options?.skipChildCompilers) {
        assert.equal(childFile, undefined);
        if (combined) assert.doesNotMatch(combined, /lwp-fixture-extra/);
      } else if (combined) {
        assert.match(combined, /^lwp-fixture-extra$/m, "the combined file lists the child's packages");
      } else {
        assert.match(childFile.toString(), /^lwp-fixture-extra$/m);
      }
    });
  }
});

describe('LicensePlugin across builds: each build writes what a cold build writes', () => {
  test('watch rebuilds after a dependency is removed and added back', async () => {
    const dir = await appCopy('license-watch');
    const outputPath = await tempDir('license-watch-out');
    const compiler = rspack(
      licenseAppConfig(dir, { mode: 'development', plugins: [new LicensePlugin()], outputPath }),
    );
    // Each step: an edit, and how to tell the build that has it (a build may also start from a
    // late event of the app's copy, before the edit is written).
    const edited = (files) => files.get('main.js').toString().includes("const spdx = 'none'");
    const takeWhen = (ready) => () => {
      const files = readTree(outputPath);
      return ready(files) ? onlyLicenseFiles(files) : undefined;
    };
    const outputs = await watchSteps(compiler, [
      { take: takeWhen(() => true) },
      { edit: () => removeSpdxImport(dir), take: takeWhen(edited) },
      { edit: () => restoreMain(dir), take: takeWhen((files) => !edited(files)) },
    ]);
    const [before, removed, restored] = outputs;
    assert.doesNotMatch(removed.get('main.licenses.txt').toString(), /lwp-fixture-spdx/);
    assertSameFiles(removed, await licenseFilesOf(await appCopy('license-cold', removeSpdxImport)));
    assertSameFiles(restored, before);
    assertSameFiles(before, await licenseFilesOf(await appCopy('license-cold')));
  });

  test('builds restored from the persistent cache', { skip: persistentCacheSkip }, async () => {
    const dir = await appCopy('license-cache');
    const cache = path.join(dir, '.cache');
    const cold = await licenseFilesOf(dir, { cache });
    assertSameFiles(await licenseFilesOf(dir, { cache }), cold);
    await removeSpdxImport(dir);
    const edited = await licenseFilesOf(dir, { cache });
    assertSameFiles(edited, await licenseFilesOf(await appCopy('license-cold', removeSpdxImport)));
    assert.notDeepEqual(edited, cold);
  });
});

describe('LicensePlugin on its own', () => {
  test('lists the packages of the default fixture, with the peer warnings', async () => {
    const { files, warnings } = await compareWithPeer('development', undefined);
    const main = files.get('main.licenses.txt').toString();
    for (const name of [
      '@lwp-fixture/scoped',
      'lwp-fixture-nested',
      'lwp-fixture-nested-inner',
      'lwp-fixture-spdx',
    ]) {
      assert.match(main, new RegExp(`^${name}$`, 'm'), `${name} is listed`);
    }
    assert.equal(warnings.length, 3);
  });

  test('lists the packages inside concatenated modules, as a build without concatenation does', async () => {
    const concatenated = await buildWith(new LicensePlugin(), 'production');
    const separate = await buildWith(new LicensePlugin(), 'production-noconcat');
    const licenseTexts = ({ files }) =>
      [...files]
        .filter(([name]) => name.endsWith('.licenses.txt'))
        .map(([, content]) => content.toString())
        .sort();
    assert.equal(licenseTexts(concatenated).length, 3, 'one license file per chunk');
    assert.deepEqual(licenseTexts(concatenated), licenseTexts(separate));
    assert.deepEqual(concatenated.warnings, separate.warnings);
  });

  test('rejects a wrong option with a message naming it', async () => {
    const { error } = await runBuild(
      licenseAppConfig(app, {
        plugins: [new LicensePlugin({ stats: { warnings: 'no' } })],
        outputPath: await tempDir('x'),
      }),
    );
    assert.match(
      formatError(error),
      /LicensePlugin: option "stats\.warnings" must be a boolean, but got a string/,
    );
  });
});
