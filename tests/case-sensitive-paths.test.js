// CaseSensitivePathsPlugin against its JavaScript peer, case-sensitive-paths-webpack-plugin 2.4.0,
// on a case-insensitive file system (see case-insensitive-fs.js), where a wrongly cased import
// resolves as it does on macOS: both plugins must fail the same builds with the same message, and
// pass the same builds with byte-identical output.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { CaseSensitivePathsPlugin, formatError, rspack } from '@rspack-native/core';
import Peer from 'case-sensitive-paths-webpack-plugin';
import { caseInsensitiveDir } from './case-insensitive-fs.js';
import {
  assertSameFiles,
  persistentCacheSkip,
  readTree,
  repoRoot,
  runBuild,
  tempDir,
  watchSteps,
} from './helpers.js';

/** The app: files cased as on disk, with packages whose names have capitals. */
const APP_FILES = {
  'src/Components/Button.js': 'export const Button = "button";\n',
  'src/utils/format.js': 'export default (value) => `[${value}]`;\n',
  'src/Data/config.json': '{ "name": "config" }\n',
  'src/assets/Logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'src/Café.js': 'export default "café";\n',
  // A name written decomposed (NFD), as macOS used to write them: both plugins compare in NFC.
  'src/De\u0301cor.js': 'export default "décor";\n',
  'src/Lazy/Page.js': 'export default "page";\n',
  'node_modules/Some-Pkg/package.json': '{ "name": "Some-Pkg", "main": "Lib/index.js" }\n',
  'node_modules/Some-Pkg/Lib/index.js': 'export const pkg = "some-pkg";\n',
  'node_modules/Some-Pkg/Lib/Helper.js': 'export const helper = "helper";\n',
  'node_modules/@Scope/Mixed/package.json': '{ "name": "@Scope/Mixed", "main": "index.js" }\n',
  'node_modules/@Scope/Mixed/index.js': 'export const scoped = "scoped";\n',
  // Every kind of import, cased right: a build of it has nothing to report.
  'src/main.js': `import { Button } from './Components/Button.js';
import format from './utils/format.js';
import config from './Data/config.json';
import logo from './assets/Logo.svg';
import raw from './utils/format.js?raw';
import inline from 'data:text/javascript,export default "inline";';
import { pkg } from 'Some-Pkg';
import { helper } from 'Some-Pkg/Lib/Helper.js';
import { scoped } from '@Scope/Mixed';
import cafe from './Café.js';
import decor from './De\u0301cor.js';
console.log(Button, format(config.name), logo, raw, inline, pkg, helper, scoped, cafe, decor);
import('./Lazy/Page.js').then((page) => console.log(page));
`,
};

/**
 * Entries with one wrongly cased import each: the import, the path it resolves to (relative to
 * the app) and the name on disk that the error gives, the lowest component cased wrong.
 */
const WRONG_IMPORTS = {
  'file name': ["import './Components/button.js';", 'src/Components/button.js', 'Button.js'],
  directory: ["import './components/Button.js';", 'src/components/Button.js', 'Components'],
  'directory and file name': ["import './components/button.js';", 'src/components/button.js', 'Button.js'],
  'package name': ["import 'some-pkg';", 'node_modules/some-pkg/Lib/index.js', 'Some-Pkg'],
  'scoped package name': ["import '@scope/Mixed';", 'node_modules/@scope/Mixed/index.js', '@Scope'],
  'file in a package': ["import 'Some-Pkg/lib/Helper.js';", 'node_modules/Some-Pkg/lib/Helper.js', 'Lib'],
  'with a query': ["import './Utils/format.js?raw';", 'src/Utils/format.js', 'utils'],
  'non-ASCII name': ["import './CAFÉ.js';", 'src/CAFÉ.js', 'Café.js'],
  // Imported and stored in NFD, named in NFC.
  'decomposed name': ["import './DE\u0301COR.js';", 'src/DÉCOR.js', 'Décor.js'],
  'dynamic import': ["import('./lazy/Page.js');", 'src/lazy/Page.js', 'Lazy'],
  'JSON module': ["import './Data/Config.json';", 'src/Data/Config.json', 'config.json'],
  'asset module': ["import './assets/logo.svg';", 'src/assets/logo.svg', 'Logo.svg'],
};

let fileSystem;
let app;
before(async () => {
  fileSystem = await caseInsensitiveDir('case-paths');
  app = path.join(fileSystem.dir, 'app');
  const entries = Object.entries(WRONG_IMPORTS).map(([name, [code]]) => [entryFile(name), `${code}\n`]);
  for (const [file, text] of [...Object.entries(APP_FILES), ...entries]) {
    await fs.mkdir(path.dirname(path.join(app, file)), { recursive: true });
    await fs.writeFile(path.join(app, file), text);
  }
  // Builds run from the project's directory, as `rspack build` does: both plugins take the
  // working directory's case as right.
  process.chdir(app);
});
after(async () => {
  process.chdir(repoRoot);
  await fileSystem.unmount();
});

/** The file of a WRONG_IMPORTS entry. */
function entryFile(name) {
  return `src/wrong-${name.replace(/\W+/g, '-')}.js`;
}

/** The app's config: development, `.svg` as asset files, `?raw` as source text. */
function appConfig({ context = app, entry = './src/main.js', plugins, outputPath }) {
  return {
    mode: 'development',
    context,
    entry,
    devtool: false,
    output: { path: outputPath },
    module: {
      rules: [
        { resourceQuery: /raw/, type: 'asset/source' },
        { test: /\.svg$/, type: 'asset/resource' },
      ],
    },
    plugins,
  };
}

/**
 * An error as the user reads it: the first line of its message without colours (Rspack adds them
 * when the terminal or FORCE_COLOR asks), without the `× ` mark and without the `Error: ` that the
 * peer's JavaScript error adds (its stack follows on the next lines), and where it points.
 */
function describeError({ message, moduleName, loc }) {
  const text = stripVTControlCharacters(message)
    .split('\n')[0]
    .replace(/^\s*× /, '')
    .replace(/^Error: /, '');
  return { text, moduleName, loc };
}

/** Builds with `plugin`; resolves with the files written and the sorted errors and warnings. */
async function buildWith(plugin, options = {}) {
  const outputPath = await tempDir('case-paths-out');
  const { error, stats } = await runBuild(appConfig({ ...options, plugins: [plugin], outputPath }));
  if (error) throw error;
  const json = stats.toJson({ all: false, errors: true, warnings: true });
  const sorted = (list) => list.map(describeError).sort((a, b) => a.text.localeCompare(b.text));
  return { files: readTree(outputPath), errors: sorted(json.errors), warnings: sorted(json.warnings) };
}

/** Builds with each plugin; asserts the same errors and warnings and, without errors, the same files. */
async function compareWithPeer(options, pluginOptions) {
  const native = await buildWith(new CaseSensitivePathsPlugin(pluginOptions), options);
  const javascript = await buildWith(new Peer(pluginOptions), options);
  assert.deepEqual(native.errors, javascript.errors, 'the same errors');
  assert.deepEqual(native.warnings, javascript.warnings, 'the same warnings');
  if (native.errors.length === 0) assertSameFiles(native.files, javascript.files);
  return native;
}

/** The peer's message for `requested`, whose component on disk is `onDisk`. */
function mismatch(requested, onDisk) {
  return `[CaseSensitivePathsPlugin] \`${requested}\` does not match the corresponding path on disk \`${onDisk}\`.`;
}

describe('CaseSensitivePathsPlugin matches case-sensitive-paths-webpack-plugin', () => {
  test('imports cased right pass, node_modules, queries and data: URIs included', async () => {
    const { errors, warnings, files } = await compareWithPeer({});
    assert.deepEqual(errors, []);
    assert.deepEqual(warnings, []);
    assert.match(files.get('main.js').toString(), /some-pkg/);
  });

  for (const [name, [code, resolved, onDisk]] of Object.entries(WRONG_IMPORTS)) {
    test(`a wrongly cased ${name} fails the import`, async () => {
      const { errors } = await compareWithPeer({ entry: `./${entryFile(name)}` });
      assert.equal(errors.length, 1, `one error for ${code}`);
      const [error] = errors;
      assert.equal(error.moduleName, `./${entryFile(name)}`);
      assert.equal(error.text, mismatch(path.join(app, resolved), onDisk));
    });
  }

  test('the same module imported twice, wrongly cased once, fails once', async () => {
    const entry = './src/wrong-twice.js';
    const code = "import './Components/Button.js';\nimport './Components/BUTTON.js';\n";
    await fs.writeFile(path.join(app, entry), code);
    const { errors } = await compareWithPeer({ entry });
    assert.deepEqual(
      errors.map((error) => error.text),
      [mismatch(path.join(app, 'src/Components/BUTTON.js'), 'Button.js')],
    );
  });

  test('a fragment without a query is left unchecked, as the peer leaves it', async () => {
    const entry = './src/wrong-fragment.js';
    await fs.writeFile(path.join(app, entry), "import './utils/Format.js#top';\n");
    const { errors } = await compareWithPeer({ entry });
    assert.deepEqual(errors, []);
  });

  test('the working directory is taken as cased right, as it is written', async (t) => {
    // The project reached through a wrongly cased path: `APP` for `app`.
    const context = path.join(fileSystem.dir, 'APP');
    process.chdir(context);
    try {
      if (process.cwd() !== context && process.platform === 'darwin') {
        // macOS gives the working directory as the file system names it (getcwd), whatever the
        // path given to chdir: no process there runs from a wrongly cased directory.
        t.skip(`macOS names the working directory ${process.cwd()}, not ${context} as written`);
        return;
      }
      assert.equal(process.cwd(), context);
      assert.deepEqual((await compareWithPeer({ context })).errors, [], 'run from APP, as written');
    } finally {
      process.chdir(app);
    }
  });

  test('a project reached through a wrongly cased path fails when run from elsewhere', async () => {
    const context = path.join(fileSystem.dir, 'APP');
    try {
      for (const cwd of [app, repoRoot]) {
        process.chdir(cwd);
        const { errors } = await compareWithPeer({ context });
        assert.ok(errors.length > 0, `run from ${cwd}`);
        for (const error of errors) assert.match(error.text, /on disk `app`\.$/);
      }
    } finally {
      process.chdir(app);
    }
  });

  test('debug reports the same directory reads', async () => {
    const logs = async (Plugin) => {
      const lines = [];
      const logger = { log: (...args) => lines.push(args.join(' ')) };
      await buildWith(new Plugin({ debug: true, logger }), { entry: `./${entryFile('directory')}` });
      return lines;
    };
    const native = await logs(CaseSensitivePathsPlugin);
    const javascript = await logs(Peer);
    // The peer may read a directory twice when two of its checks overlap; each is read once here.
    const reads = (lines) => lines.filter((line) => line.includes('Reading directory'));
    const distinct = (lines) => [...new Set(lines)].sort();
    assert.deepEqual(distinct(reads(native)), distinct(reads(javascript)));
    assert.equal(reads(native).length, distinct(reads(native)).length, 'no directory read twice');
    assert.ok(
      reads(native).includes(`[CaseSensitivePathsPlugin] Reading directory ${path.join(app, 'src')}`),
    );
    const total = (lines) => {
      const match = /^\[CaseSensitivePathsPlugin\] Total filesystem reads: (\d+)$/.exec(lines.at(-1));
      assert.ok(match, `the last line is the total: ${lines.at(-1)}`);
      return Number(match[1]);
    };
    assert.ok(total(native) <= total(javascript), 'no more lookups than the peer');
  });

  test('debug with a falsy logger writes to the console, as the peer', async () => {
    const consoleLines = async (plugin) => {
      const lines = [];
      const { log } = console;
      console.log = (...args) => lines.push(args.join(' '));
      try {
        await buildWith(plugin);
      } finally {
        console.log = log;
      }
      return lines.filter((line) => line.startsWith('[CaseSensitivePathsPlugin] Total filesystem reads:'));
    };
    for (const logger of [false, null, 0]) {
      assert.equal((await consoleLines(new CaseSensitivePathsPlugin({ debug: true, logger }))).length, 1);
      assert.equal((await consoleLines(new Peer({ debug: true, logger }))).length, 1);
    }
  });

  test('debug with useBeforeEmitHook says so first, as the peer does when applied', async () => {
    const firstLine = async (Plugin) => {
      const lines = [];
      const logger = { log: (...args) => lines.push(args.join(' ')) };
      await buildWith(new Plugin({ debug: true, useBeforeEmitHook: true, logger }));
      return lines[0];
    };
    const native = await firstLine(CaseSensitivePathsPlugin);
    assert.equal(native, '[CaseSensitivePathsPlugin] Using the hook for before emit.');
    assert.equal(await firstLine(Peer), native);
  });
});

/**
 * Compiles `entry` in a child compiler, as worker and HTML plugins do, and puts the child
 * compilation's errors in `errors` (Rspack's stats leave them out; such plugins report them).
 */
function childCompilerPlugin(entry, errors) {
  return {
    apply(compiler) {
      compiler.hooks.make.tapAsync('ChildCompilerPlugin', (compilation, callback) => {
        const plugin = new compiler.webpack.EntryPlugin(compiler.context, entry, { name: 'child' });
        const child = compilation.createChildCompiler('child', { filename: 'child-[name].js' }, [plugin]);
        child.runAsChild((error, _entries, childCompilation) => {
          errors.push(...(childCompilation?.errors ?? []).map((e) => describeError(e).text));
          callback(error);
        });
      });
    },
  };
}

describe('CaseSensitivePathsPlugin beyond the main build', () => {
  /** Builds the app with `plugin` and a child compiler of a wrongly cased entry; its errors. */
  const childErrors = async (plugin) => {
    const errors = [];
    const child = childCompilerPlugin(`./${entryFile('file name')}`, errors);
    const config = appConfig({ plugins: [plugin, child], outputPath: await tempDir('case-paths-child') });
    const { error } = await runBuild(config);
    if (error) throw error;
    return errors;
  };

  test('child compilers are checked, as they inherit the peer', async () => {
    const native = await childErrors(new CaseSensitivePathsPlugin());
    assert.deepEqual(native, await childErrors(new Peer()));
    assert.deepEqual(native, [mismatch(path.join(app, 'src/Components/button.js'), 'Button.js')]);
  });

  test("with useBeforeEmitHook, child compilers are not checked, as the peer's emit tap is not inherited", async () => {
    // The peer crashes Node on the parent's wrongly cased files in this mode; the native plugin
    // alone is run, and its child compilation must have no error.
    assert.deepEqual(await childErrors(new CaseSensitivePathsPlugin({ useBeforeEmitHook: true })), []);
  });

  test('useBeforeEmitHook: file dependencies are checked before emitting', async () => {
    // Cased right, both pass with the same files.
    assert.deepEqual((await compareWithPeer({}, { useBeforeEmitHook: true })).errors, []);
    // Cased wrong, the peer crashes Node on Rspack (`compilation.errors` takes no
    // `push.apply`); the native plugin reports the file as a compilation error.
    const { errors, files } = await buildWith(new CaseSensitivePathsPlugin({ useBeforeEmitHook: true }), {
      entry: `./${entryFile('directory')}`,
    });
    assert.deepEqual(
      errors.map((error) => error.text),
      [mismatch(path.join(app, 'src/components/Button.js'), 'Components')],
    );
    assert.ok(files.size > 0, 'the build still emits, as Rspack does for compilation errors');
  });

  test(
    'a build restored from the persistent cache reports the error again',
    { skip: persistentCacheSkip },
    async () => {
      const cachedBuilds = async (Plugin) => {
        const cache = await tempDir('case-paths-cache');
        const errors = [];
        for (let build = 0; build < 2; build++) {
          const outputPath = await tempDir('case-paths-cache-out');
          const config = appConfig({
            entry: `./${entryFile('file name')}`,
            plugins: [new Plugin()],
            outputPath,
          });
          config.cache = { type: 'persistent', storage: { type: 'filesystem', directory: cache } };
          const { error, stats } = await runBuild(config);
          if (error) throw error;
          errors.push(stats.toJson({ all: false, errors: true }).errors.map((e) => describeError(e).text));
        }
        return errors;
      };
      const native = await cachedBuilds(CaseSensitivePathsPlugin);
      const expected = [mismatch(path.join(app, 'src/Components/button.js'), 'Button.js')];
      assert.deepEqual(native, [expected, expected]);
      assert.deepEqual(await cachedBuilds(Peer), native);
    },
  );

  /**
   * Watches an app of `files` (path in the app → text) in a fresh folder `name` of the
   * case-insensitive file system, with `plugin`; `edits` are made one before each rebuild.
   * Resolves with each build's error texts. A build may start from a late event of the step
   * before: only a change of errors is the step's build.
   */
  const watchedErrors = async (name, files, plugin, edits) => {
    const dir = path.join(fileSystem.dir, name);
    await fs.rm(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), text);
    }
    let last;
    const changed = (stats) => {
      const errors = stats.toJson({ all: false, errors: true }).errors.map((e) => describeError(e).text);
      if (last !== undefined && last.join() === errors.join()) return undefined;
      return (last = errors);
    };
    const outputPath = await tempDir(`case-paths-${name}`);
    const compiler = rspack(appConfig({ context: dir, plugins: [plugin], outputPath }));
    return watchSteps(
      compiler,
      [{ take: changed }, ...edits.map((edit) => ({ edit, take: changed }))],
      // The mismatch is a compilation error: it is what the steps keep.
      { allowErrors: true },
    );
  };

  test('a case rename during watch is found on the next rebuild', async () => {
    const dir = path.join(fileSystem.dir, 'watched');
    const main = path.join(dir, 'src/main.js');
    // Each edit renames the file and edits its importer: whether Rspack takes a rename that
    // only changes case as the file's removal is up to its watcher, but an edited importer
    // resolves its imports again, so the rebuild runs the check either way.
    const rename = (from, to) => async () => {
      await fs.rename(path.join(dir, 'src', from), path.join(dir, 'src', to));
      await fs.appendFile(main, `// renamed to ${to}\n`);
    };
    const watchBuilds = (plugin) =>
      watchedErrors(
        'watched',
        { 'src/main.js': "import './button.js';\n", 'src/button.js': 'export default 1;\n' },
        plugin,
        [rename('button.js', 'Button.js'), rename('Button.js', 'button.js')],
      );
    const native = await watchBuilds(new CaseSensitivePathsPlugin());
    assert.deepEqual(native, [[], [mismatch(path.join(dir, 'src/button.js'), 'Button.js')], []]);
    assert.deepEqual(await watchBuilds(new Peer()), native);
  });

  test('a rebuild finds a wrong case in a folder the build before listed, and a file added there since', async () => {
    const dir = path.join(fileSystem.dir, 'listed');
    // Each edit changes only the importer: the watcher reports `main.js`, never `src/lib`,
    // whose listing a plugin that keeps listings across rebuilds still has from the first build.
    const importing = (specifier, create) => async () => {
      if (create) await fs.writeFile(path.join(dir, 'src/lib', create), 'export default 2;\n');
      await fs.writeFile(path.join(dir, 'src/main.js'), `import '${specifier}';\n`);
    };
    const watchBuilds = (plugin) =>
      watchedErrors(
        'listed',
        { 'src/main.js': "import './lib/a.js';\n", 'src/lib/a.js': 'export default 1;\n' },
        plugin,
        [importing('./lib/A.js'), importing('./lib/b.js', 'B.js')],
      );
    const native = await watchBuilds(new CaseSensitivePathsPlugin());
    assert.deepEqual(native, [
      [],
      [mismatch(path.join(dir, 'src/lib/A.js'), 'a.js')],
      [mismatch(path.join(dir, 'src/lib/b.js'), 'B.js')],
    ]);
    assert.deepEqual(await watchBuilds(new Peer()), native);
  });
});

describe('CaseSensitivePathsPlugin options', () => {
  for (const [options, message] of [
    [{ debug: 'yes' }, 'CaseSensitivePathsPlugin: option "debug" must be a boolean, but got a string'],
    [
      { useBeforeEmitHook: 1 },
      'CaseSensitivePathsPlugin: option "useBeforeEmitHook" must be a boolean, but got a number',
    ],
    [{ debug: true, logger: {} }, 'CaseSensitivePathsPlugin: option "logger.log" must be a function'],
    [{ logger: 'console' }, 'CaseSensitivePathsPlugin: option "logger" must be an object, but got a string'],
    [{ debgu: true }, 'CaseSensitivePathsPlugin: unknown option "debgu"'],
  ]) {
    test(`${JSON.stringify(options)} is refused with a message naming the option`, async () => {
      const { error } = await runBuild(
        appConfig({ plugins: [new CaseSensitivePathsPlugin(options)], outputPath: await tempDir('x') }),
      );
      assert.ok(error, 'the compiler is not created');
      assert.ok(formatError(error).startsWith(message), formatError(error));
    });
  }

  test('without debug, a logger without `log` is accepted, as the peer never calls it', async () => {
    await compareWithPeer({}, { logger: {} });
  });

  test('a logger that throws fails the build with its message', async () => {
    const logger = {
      log() {
        throw new Error('logger is full');
      },
    };
    const config = appConfig({
      plugins: [new CaseSensitivePathsPlugin({ debug: true, logger })],
      outputPath: await tempDir('x'),
    });
    const { error, stats } = await runBuild(config);
    const message = error ? formatError(error) : stats.toString({ all: false, errors: true });
    assert.match(message, /CaseSensitivePathsPlugin: (Error: )?logger is full/);
  });
});
