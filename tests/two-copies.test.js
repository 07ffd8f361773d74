// Two physical copies of the same @rspack/core release in one process, as npm nesting and pnpm's
// peer variants install them: `builtin:replace-loader` (with a RegExp and a function, which only
// reach the native loader as the rule's own objects) and a native plugin work in compilers made by
// either copy. Nothing patches @rspack/core: every copy loads the binding from RSPACK_BINDING, whose
// JsCompiler gives each compiler the native loader's plugin (packages/core/src/rspack-binding.cjs).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { repoRoot, runNode, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
const appDir = path.join(repoRoot, 'examples/rsbuild-app');
const url = (file) => JSON.stringify(pathToFileURL(file).href);
/** The directory of the installed package `name`, as resolved from `from`. */
const packageDir = (name, from = repoRoot) =>
  path.dirname(createRequire(path.join(from, 'package.json')).resolve(`${name}/package.json`));
const rspackCoreDir = packageDir('@rspack/core');

/** Copies the package at `source` (links resolved) to `<root>/node_modules/<name>`; resolves with it. */
async function copyPackage(source, root, name) {
  const target = path.join(root, 'node_modules', name);
  await fs.cp(await fs.realpath(source), target, { recursive: true, dereference: true });
  return target;
}

/** Links `<root>/node_modules/<name>` to the installed package (a dependency the copies share). */
async function linkPackage(name, root, from) {
  const target = path.join(root, 'node_modules', name);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.symlink(await fs.realpath(packageDir(name, from)), target, 'junction');
}

describe('two copies of @rspack/core in one process', () => {
  test('a plain script whose config imports the other copy: native loader and plugin both work', async () => {
    const dir = await tempDir('two-copies-script');
    const otherCopy = await copyPackage(rspackCoreDir, dir, '@rspack/core');
    await linkPackage('@swc/helpers', dir, rspackCoreDir);
    const outputPath = path.join(dir, 'dist');
    const script = `
      import { ManifestPlugin, REPLACE_LOADER, Compiler as OurCompiler } from ${url(require.resolve('@rspack-native/core'))};
      import { rspack } from ${url(path.join(otherCopy, 'dist/index.js'))};
      import { createConfig } from ${url(path.join(repoRoot, 'examples/basic-app/app.config.js'))};
      const config = createConfig({ mode: 'development', devtool: false, outputPath: ${JSON.stringify(outputPath)},
        plugins: [new ManifestPlugin({ fileName: 'other-copy.json' })] });
      config.module.rules.push({ test: /shared\\.js$/, use: [{ loader: REPLACE_LOADER,
        options: { search: /__APP_(\\w+)__/g, replace: (_match, name) => name.toLowerCase() + '-from-the-other-copy' } }] });
      const compiler = rspack(config);
      if (compiler instanceof OurCompiler) throw new Error('the compiler comes from the copy @rspack-native/core uses');
      compiler.run((error, stats) => {
        if (error || stats.hasErrors()) { console.error(error ?? stats.toString()); process.exit(1); }
        compiler.close(() => {});
      });`;
    const result = await runNode(['--input-type=module', '-e', script], {
      cwd: dir,
      env: envWithoutBinding(),
    });
    assert.equal(result.code, 0, result.stderr);
    const shared = await fs.readFile(path.join(outputPath, 'js/shared.js'), 'utf8');
    assert.match(shared, /version: 'version-from-the-other-copy'/);
    const manifest = JSON.parse(await fs.readFile(path.join(outputPath, 'other-copy.json'), 'utf8'));
    assert.equal(manifest['shared.js'], '/static/js/shared.js');
  });

  test('Rsbuild with its own nested copy, through the register entry', async () => {
    const dir = await tempDir('two-copies-rsbuild');
    const rsbuildSource = packageDir('@rsbuild/core', appDir);
    const rsbuild = await copyPackage(rsbuildSource, dir, '@rsbuild/core');
    // Rsbuild's own @rspack/core, nested under it: the copy its compilers come from.
    await copyPackage(rspackCoreDir, rsbuild, '@rspack/core');
    await linkPackage('@swc/helpers', dir, rsbuildSource);
    await linkPackage('core-js', dir, rsbuildSource);
    const distPath = path.join(dir, 'dist');
    const report = path.join(dir, 'compiler.json');
    const config = path.join(dir, 'rsbuild.config.mjs');
    await fs.writeFile(
      config,
      `import fs from 'node:fs';
import { Compiler as OurCompiler, ManifestPlugin, REPLACE_LOADER } from ${url(require.resolve('@rspack-native/core'))};
import { createConfig } from ${url(path.join(appDir, 'app.config.mjs'))};
const config = createConfig({ manifestPlugin: new ManifestPlugin(), replaceLoader: REPLACE_LOADER, distPath: ${JSON.stringify(distPath)} });
config.plugins = [{ name: 'report-compiler', setup(api) {
  api.onAfterCreateCompiler(({ compiler }) => fs.writeFileSync(${JSON.stringify(report)},
    JSON.stringify({ fromOurCopy: compiler instanceof OurCompiler })));
} }];
export default config;
`,
    );
    const result = await runNode(
      [
        '--import',
        '@rspack-native/core/register',
        path.join(rsbuild, 'bin/rsbuild.js'),
        'build',
        '--config',
        config,
      ],
      { cwd: appDir, env: envWithoutBinding() },
    );
    assert.equal(result.code, 0, `rsbuild build failed:\n${result.stdout}\n${result.stderr}`);
    assert.deepEqual(JSON.parse(await fs.readFile(report, 'utf8')), { fromOurCopy: false });
    const files = await fs.readdir(path.join(distPath, 'static/js'), { recursive: true });
    const js = await Promise.all(
      files
        .filter((file) => file.endsWith('.js'))
        .map((file) => fs.readFile(path.join(distPath, 'static/js', file), 'utf8')),
    );
    assert.match(js.join('\n'), /Hello, world/);
    const manifest = JSON.parse(await fs.readFile(path.join(distPath, 'manifest.json'), 'utf8'));
    assert.ok(
      Object.keys(manifest).some((key) => key.endsWith('.js')),
      'the native ManifestPlugin wrote the manifest',
    );
  });
});
