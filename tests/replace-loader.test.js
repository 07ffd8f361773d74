// builtin:replace-loader against its JavaScript peer, string-replace-loader 3.3.0: the same app
// and rule, built once with each in a fresh process, must give byte-identical bundles, and the
// same errors where both fail. Production builds use named ids: deterministic ids hash each
// module's identifier, which names its loader (`builtin:replace-loader` or the peer's path).
// Production with source maps is left out for the same reason: there the minifier's mangled names
// depend on the loader request string (the same no-op JavaScript loader at a longer path changes
// two names of the runtime code), although the unminified bundles and maps are identical.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createRequire } from 'node:module';
import { REPLACE_LOADER, formatError } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import {
  assertSameFiles,
  build,
  buildExampleInProcess,
  persistentCacheSkip,
  readTree,
  repoRoot,
  runBuild,
  tempDir,
} from './helpers.js';
import { buildApp } from './harness.js';

/** Builds the example with one loader variant in a fresh process. */
async function buildWithLoader(loader, { options, config, loaderTest }) {
  const outputPath = await tempDir(`loader-${loader}`);
  const spec = { loader, loaderOptions: options, loaderTest, config, outputPath };
  const result = await buildExampleInProcess(spec);
  assert.ok(result.code === 0 || result.code === 2, `${loader} build crashed:\n${result.stderr}`);
  const { errors } = JSON.parse(result.stdout);
  return { errors, files: readTree(outputPath) };
}

/**
 * What both loaders must agree on in an error: the loader's own message. (Around it, Rspack
 * names the loader, and prints a stack trace for a JavaScript one.)
 */
const normalizeError = (message) => message.match(/Replace failed.*/)?.[0] ?? message;

async function compare({ options, config = { mode: 'development', devtool: false }, loaderTest }) {
  const [native, peer] = await Promise.all([
    buildWithLoader('native', { options, config, loaderTest }),
    buildWithLoader('peer', { options, config, loaderTest }),
  ]);
  assert.deepEqual(native.errors.map(normalizeError), peer.errors.map(normalizeError));
  // A failed module's bundle embeds Rspack's whole error text, which names the loader.
  if (peer.errors.length > 0) return native;
  assertSameFiles(native.files, peer.files);
  return native;
}

const jsText = (files) =>
  [...files]
    .filter(([file]) => file.endsWith('.js'))
    .map(([, content]) => content.toString('utf8'))
    .join('\n');

describe('builtin:replace-loader matches string-replace-loader byte for byte', () => {
  const cases = [
    {
      name: 'string search replaces the first occurrence',
      options: { search: '__APP_VERSION__', replace: '1.2.3' },
      expect: /version: '1\.2\.3'/,
    },
    {
      name: 'string search with flags becomes a RegExp',
      options: { search: '__APP_(\\w+)__', replace: '<$1>', flags: 'g' },
      expect: /version: '<VERSION>', env: '<ENV>'/,
    },
    {
      name: 'RegExp with g and $& / $$ patterns',
      options: { search: /localhost:(\d+)/g, replace: '$$[$&]' },
      expect: /http:\/\/\$\[localhost:3000\]\/api/,
    },
    {
      name: 'RegExp flags rule and flags is ignored',
      options: { search: /DASHBOARD/i, replace: 'panel', flags: 'g' },
      expect: /panel`/,
    },
    {
      name: 'multiline anchors',
      options: { search: /^  console\.log/gm, replace: '  console.info' },
      loaderTest: /shared\.js$/,
      expect: /console\.info\(`hello from/,
    },
    {
      name: 'dotAll',
      options: { search: /\/\/ TODO.*?logger.\s+/s, replace: '' },
      loaderTest: /shared\.js$/,
      expect: /greet\(entry\) \{\n\s*console\.log\(`hello from/,
    },
    {
      name: 'unicode and sticky',
      options: { search: /export default \{/uy, replace: 'export default { sticky: "😀",' },
      loaderTest: /settings\.js$/,
      expect: /sticky: "😀"/,
    },
    {
      name: 'named groups',
      options: { search: /(?<proto>https?):\/\/(?<host>[^/:']+)/g, replace: '$<proto>://cdn.$<host>' },
      expect: /http:\/\/cdn\.localhost:3000/,
    },
    {
      name: 'backtick and quote patterns',
      options: { search: "'dark'", replace: "`[$`|$']`" },
      loaderTest: /settings\.js$/,
      expect: /theme: `\[export default \{\n  theme: \|,\n  notifications: true,/,
    },
    {
      name: 'multiple, applied in order',
      options: {
        multiple: [
          { search: '__APP_VERSION__', replace: '__APP_ENV__' },
          { search: /__APP_ENV__/g, replace: 'production', strict: true },
        ],
      },
      loaderTest: /shared\.js$/,
      expect: /version: 'production', env: 'production'/,
    },
    {
      name: 'strict with a match',
      options: { search: 'hello from', replace: 'hi from', strict: true },
      loaderTest: /shared\.js$/,
      expect: /hi from \$\{entry\}/,
    },
    {
      name: 'production mode',
      options: { search: /localhost:3000/g, replace: 'api.example.com' },
      config: { mode: 'production', devtool: false, namedIds: true },
      expect: /"http:\/\/api\.example\.com\/api"/,
    },
    {
      name: 'source maps on, with CSS through the loader too',
      options: { search: /#0f172a/g, replace: '#111827' },
      loaderTest: /\.css$/,
      config: { mode: 'development', devtool: 'source-map' },
      expect: null,
    },
    {
      name: 'source maps on, JavaScript modules',
      options: { search: 'localhost', replace: 'example.com' },
      config: { mode: 'development', devtool: 'source-map' },
      expect: /example\.com/,
    },
    // Function replacements: sent to the build process as their source (no outside variables).
    {
      name: 'a function gets the match, the groups, the offset, the string and the named groups',
      options: {
        search: /(?<proto>https?):\/\/(?<host>[^/:']+)/g,
        replace: (match, proto, host, offset, string, groups) =>
          `${groups.proto}://${host.toUpperCase()}.${proto}.${offset}.${string.length}.${match.length}`,
      },
      expect: /http:\/\/LOCALHOST\.http\.\d+\.\d+\.16:3000/,
    },
    {
      name: 'a function with a string search and flags, this.resourcePath and this.resourceQuery',
      options: {
        search: '__APP_(\\w+)__',
        flags: 'g',
        replace: function (match, name) {
          return `${name}@${this.resourcePath.split(/[\\/]/).pop()}${this.resourceQuery}`;
        },
      },
      expect: /version: 'VERSION@shared\.js', env: 'ENV@shared\.js'/,
    },
    {
      name: 'functions and strings mixed in multiple, strict',
      options: {
        multiple: [
          { search: '__APP_VERSION__', replace: (match) => match.toLowerCase(), strict: true },
          { search: /__APP_ENV__/g, replace: 'prod', strict: true },
          { search: 'hello from', replace: () => 'hi from', strict: true },
        ],
      },
      loaderTest: /shared\.js$/,
      expect: /version: '__app_version__', env: 'prod'/,
    },
    {
      name: 'a function in production',
      options: {
        search: /localhost:(\d+)/g,
        replace: (match, port) => `api.example.com:${Number(port) + 1}`,
      },
      config: { mode: 'production', devtool: false, namedIds: true },
      expect: /"http:\/\/api\.example\.com:3001\/api"/,
    },
  ];
  for (const { name, options, config, loaderTest, expect } of cases) {
    test(name, async () => {
      const native = await compare({ options, config, loaderTest });
      assert.deepEqual(native.errors, []);
      if (expect) assert.match(jsText(native.files), expect, 'the replacement happened');
    });
  }

  test('strict with no match fails the module in both, with the same message', async () => {
    const native = await compare({ options: { search: 'not in the app', replace: 'x', strict: true } });
    assert.ok(native.errors.length >= 2, 'every matched module failed');
    for (const error of native.errors) {
      assert.match(error, /Module build failed \(from builtin:replace-loader\)/);
      assert.match(error, /Replace failed \(strict mode\) : not in the app → x/);
    }
  });

  test('a strict function that changes nothing fails with its source, as the peer prints it', async () => {
    const native = await compare({
      options: { search: /absent/g, replace: (match) => match, strict: true },
      loaderTest: /shared\.js$/,
    });
    assert.match(native.errors[0], /Replace failed \(strict mode\) : \/absent\/g → \(match\) => match/);
  });

  test('a strict RegExp names the pattern as the peer does', async () => {
    const native = await compare({ options: { search: /nope\d/g, replace: 'x', strict: true } });
    assert.match(native.errors[0], /Replace failed \(strict mode\) : \/nope\\d\/g → x/);
  });
});

/**
 * Builds in this process with a builtin:replace-loader rule (whose `use` is `use` when given);
 * resolves with the error texts.
 */
async function errorsFor(options, use = [{ loader: REPLACE_LOADER, options }]) {
  const outputPath = await tempDir('loader-errors');
  const config = createConfig({ mode: 'development', outputPath });
  config.module.rules.push({ test: /shared\.js$/, use });
  const { error, stats } = await runBuild(config);
  if (error) return [formatError(error)];
  return stats.toJson({ all: false, errors: true }).errors.map((e) => e.message);
}

describe('builtin:replace-loader option errors', () => {
  const cases = [
    [
      {
        search: 'hello',
        replace: () => {
          throw new Error('no greetings');
        },
      },
      /option "replace" threw: Error: no greetings\n.*at (Object\.)?replace \(/,
    ],
    [
      {
        multiple: [
          { search: 'a', replace: 'b' },
          { search: 'hello', replace: () => null.x },
        ],
      },
      /option "multiple\[1\]\.replace" threw: TypeError: Cannot read properties of null/,
    ],
    [{ search: 42, replace: 'b' }, /option "search" must be a string or a RegExp, but got a number/],
    [{ search: '(', flags: 'g', replace: 'b' }, /option "search" is an invalid regular expression \/\(\/g/],
    [{ search: 'a', flags: 'gz', replace: 'b' }, /unknown flag 'z'/],
    [{ search: 'a', replace: 'b', strict: 'yes' }, /option "strict" must be a boolean/],
    [{ search: 'a', replace: 'b', serach: 1 }, /unknown option "serach"/],
    [{ replace: 'b' }, /option "search" is required/],
    [
      { multiple: [{ search: 'a', replace: 'b' }, { search: /b/ }] },
      /option "multiple\[1\]\.replace" is required/,
    ],
  ];
  for (const [options, expected] of cases) {
    test(`${expected.source.slice(0, 60)}`, async () => {
      const errors = await errorsFor(options);
      assert.ok(errors.length > 0, 'the build reports an error');
      assert.match(errors[0], /builtin:replace-loader/);
      assert.match(errors[0], expected);
    });
  }

  test("a rule's bad options fail the modules it applies to, not the build of the others", async () => {
    const outputPath = await tempDir('loader-bad-rule');
    const config = createConfig({ mode: 'development', devtool: false, outputPath });
    config.module.rules.push(
      { test: /nothing-matches-this$/, use: [{ loader: REPLACE_LOADER, options: { search: 42 } }] },
      {
        test: /shared\.js$/,
        use: [{ loader: REPLACE_LOADER, options: { search: /__APP_(\w+)__/g, replace: '<$1>' } }],
      },
    );
    await build(config);
    assert.match(await fs.readFile(path.join(outputPath, 'js/shared.js'), 'utf8'), /version: '<VERSION>'/);
  });

  test('options from a function `use` come as JSON: data options work, a RegExp is reported', async () => {
    const outputPath = await tempDir('loader-function-use');
    const config = createConfig({ mode: 'development', devtool: false, outputPath });
    config.module.rules.push({
      test: /shared\.js$/,
      use: ({ resource }) => [
        { loader: REPLACE_LOADER, options: { search: '__APP_VERSION__', replace: path.basename(resource) } },
      ],
    });
    await build(config);
    assert.match(await fs.readFile(path.join(outputPath, 'js/shared.js'), 'utf8'), /version: 'shared\.js'/);

    const errors = await errorsFor(undefined, () => [
      { loader: REPLACE_LOADER, options: { search: /a/g, replace: 'b' } },
    ]);
    assert.match(
      errors[0],
      /builtin:replace-loader: option "search" must be a string or a RegExp, but got an object/,
    );
    assert.match(errors[0], /reached the loader as JSON/);
  });

  test("an inline request's JSON query gives the options, as string-replace-loader reads it", async () => {
    const dir = await tempDir('loader-inline');
    await fs.mkdir(path.join(dir, 'src'));
    await fs.writeFile(path.join(dir, 'src/greeting.js'), "export default 'hello WORLD, WORLD';\n");
    const query = JSON.stringify({ search: 'WORLD', replace: 'rspack', flags: 'g' });
    const bundle = async (loader) => {
      await fs.writeFile(
        path.join(dir, 'src/index.js'),
        `import greeting from ${JSON.stringify(`${loader}?${query}!./greeting.js`)};\nconsole.log(greeting);\n`,
      );
      const { files, errors } = await buildApp({
        mode: 'development',
        devtool: false,
        context: dir,
        entry: './src/index.js',
      });
      assert.deepEqual(errors, []);
      return files.get('main.js').toString('utf8');
    };
    const peer = await bundle(createRequire(import.meta.url).resolve('string-replace-loader'));
    const native = await bundle(REPLACE_LOADER);
    for (const text of [peer, native]) assert.match(text, /hello rspack, rspack/);
  });

  test('other modules still build when one fails', async () => {
    const outputPath = await tempDir('loader-partial');
    const config = createConfig({ mode: 'development', outputPath });
    config.module.rules.push({
      test: /admin\.js$/,
      use: [{ loader: REPLACE_LOADER, options: { search: 'absent', replace: 'x', strict: true } }],
    });
    const error = await build(config).catch((e) => e);
    assert.match(error.message, /Replace failed \(strict mode\) : absent → x/);
    const files = readTree(outputPath);
    assert.match(files.get('js/main.js').toString('utf8'), /formatTitle\)\('rspack-native'\)/);
  });
});

describe('builtin:replace-loader function replacements cross into JavaScript once per module', () => {
  test('the function runs once per match, all matches of a module in one call from Rust', async () => {
    // Each call from Rust into JavaScript brings its own loader context, which the function gets
    // as `this` (as the peer binds it): the contexts tell the calls apart. (Microtasks do not:
    // on the WebAssembly binding, several calls run in one task.)
    const calls = [];
    function replace(match, offset, string) {
      calls.push({ context: this, string });
      return match;
    }
    const outputPath = await tempDir('loader-calls');
    const config = createConfig({ mode: 'development', devtool: false, outputPath });
    config.module.rules.push({
      test: /\.js$/,
      use: [{ loader: REPLACE_LOADER, options: { search: /o/g, replace } }],
    });
    await build(config);
    const sources = new Set(calls.map((call) => call.string));
    assert.ok(sources.size >= 4, 'several modules');
    for (const source of sources) {
      const ofModule = calls.filter((call) => call.string === source);
      assert.equal(ofModule.length, source.match(/o/g).length, 'once per match');
      assert.equal(new Set(ofModule.map((call) => call.context)).size, 1, 'one call from Rust per module');
    }
    assert.equal(new Set(calls.map((call) => call.context)).size, sources.size, 'a call per module');
  });
});

describe('builtin:replace-loader with the persistent cache', { skip: persistentCacheSkip }, () => {
  test('a second build reuses the cached modules and writes the same output', async () => {
    const dir = await tempDir('loader-cache');
    const configFor = (outputPath) => {
      const config = createConfig({ mode: 'production', outputPath });
      config.cache = {
        type: 'persistent',
        storage: { type: 'filesystem', directory: path.join(dir, 'cache') },
      };
      config.module.rules.push({
        test: /\.js$/,
        use: [{ loader: REPLACE_LOADER, options: { search: /__APP_(\w+)__/g, replace: '[$1]' } }],
      });
      return config;
    };
    const first = await build(configFor(path.join(dir, 'first')));
    const second = await build(configFor(path.join(dir, 'second')));
    const built = (stats) =>
      stats.toJson({ all: false, modules: true }).modules.filter((module) => module.built).length;
    assert.ok(built(first) > 5, 'the first build builds the modules');
    assert.ok(built(second) < built(first), `the second build restores modules (${built(second)} built)`);
    const [a, b] = [readTree(path.join(dir, 'first')), readTree(path.join(dir, 'second'))];
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [file, content] of a) assert.ok(content.equals(b.get(file)), `${file} is the same`);
    assert.match(jsText(a), /"\[VERSION\]"/);
  });

  test('a function replace runs again for an edited module after a restore, with the new compiler', async () => {
    const dir = await tempDir('loader-cache-function');
    const write = (file, text) => fs.writeFile(path.join(dir, 'src', file), text);
    await fs.mkdir(path.join(dir, 'src'));
    await write('index.js', "import './other.js';\nconsole.log('value-one');\n");
    await write('other.js', "console.log('value-other');\n");
    const configFor = (output, prefix) => ({
      mode: 'development',
      devtool: false,
      context: dir,
      entry: './src/index.js',
      output: { path: path.join(dir, output) },
      cache: { type: 'persistent', storage: { type: 'filesystem', directory: path.join(dir, 'cache') } },
      module: {
        rules: [
          {
            test: /\.js$/,
            use: [
              { loader: REPLACE_LOADER, options: { search: /value-\w+/g, replace: (m) => `${prefix}${m}` } },
            ],
          },
        ],
      },
      infrastructureLogging: { level: 'error' },
    });
    await build(configFor('first', 'first:'));
    await write('index.js', "import './other.js';\nconsole.log('value-two');\n");
    const stats = await build(configFor('second', 'second:'));

    const built = stats.toJson({ all: false, modules: true }).modules.filter((module) => module.built);
    assert.deepEqual(
      built.map((module) => module.name),
      ['./src/index.js'],
      'only the edited module is built again',
    );
    const bundle = await fs.readFile(path.join(dir, 'second/main.js'), 'utf8');
    assert.match(bundle, /'second:value-two'/, "the edited module ran the second compiler's function");
    assert.match(bundle, /'first:value-other'/, 'the restored module kept what the first build made');
  });
});

describe('JavaScript loaders on our binding', () => {
  test('a plain JavaScript loader runs', async () => {
    const outputPath = await tempDir('js-loader');
    const config = createConfig({ mode: 'development', outputPath });
    config.module.rules.push({
      test: /shared\.js$/,
      use: [{ loader: path.join(repoRoot, 'tests/fixtures/uppercase-todo-loader.cjs') }],
    });
    await build(config);
    assert.match(readTree(outputPath).get('js/shared.js').toString('utf8'), /\/\/ TODO: REPLACE WITH/);
  });
});
