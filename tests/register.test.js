// `@rspack-native/core/register`: `node --import` (or NODE_OPTIONS) puts any tool on our binding
// with the native plugins and loaders, passes itself on to child processes, gives worker threads
// the binding, and stops with a clear error when a tool brings another @rspack/core or when
// @rspack/core was loaded first.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { repoRoot, runNode, tempDir } from './helpers.js';

const REGISTER = '@rspack-native/core/register';
const ourBinding = path.join(repoRoot, 'packages/core/src/rspack-binding.cjs');

/** Runs an ES module `script` in a fresh process, with `nodeArgs` before it and no inherited binding. */
function runScript(script, { nodeArgs = [], env = {}, cwd = repoRoot } = {}) {
  return runNode([...nodeArgs, '--input-type=module', '-e', script], { cwd, env: envWithoutBinding(env) });
}

/** What a script prints about the process it runs in: binding, registered plugins, NODE_OPTIONS. */
const reportProcess = `
  const registered = globalThis[Symbol.for('rspack-native.registered-plugins')];
  console.log(JSON.stringify({
    binding: process.env.RSPACK_BINDING ?? null,
    registered: registered ? [...registered].sort() : [],
    nodeOptions: process.env.NODE_OPTIONS ?? '',
  }));`;

describe('@rspack-native/core/register', () => {
  test('a script that only knows @rspack/core builds with the native loader and plugin', async () => {
    const outputPath = await tempDir('register-build');
    const script = `
      import { rspack, experiments } from '@rspack/core';
      import { createConfig } from './examples/basic-app/app.config.js';
      const ManifestPlugin = experiments.createNativePlugin('ManifestPlugin', (options) => options);
      const config = createConfig({ mode: 'development', devtool: false, outputPath: ${JSON.stringify(outputPath)},
        plugins: [new ManifestPlugin({ fileName: 'from-register.json' })] });
      config.module.rules.push({ test: /shared\\.js$/, loader: 'builtin:replace-loader',
        options: { search: /__APP_(\\w+)__/g, replace: (_match, name) => name.toLowerCase() } });
      const compiler = rspack(config);
      compiler.run((error, stats) => {
        if (error || stats.hasErrors()) { console.error(error ?? stats.toString()); process.exit(1); }
        compiler.close(() => {});
      });`;
    const result = await runScript(script, { nodeArgs: ['--import', REGISTER] });
    assert.equal(result.code, 0, result.stderr);
    const shared = await fs.readFile(path.join(outputPath, 'js/shared.js'), 'utf8');
    assert.match(shared, /version: 'version', env: 'env'/);
    const manifest = JSON.parse(await fs.readFile(path.join(outputPath, 'from-register.json'), 'utf8'));
    assert.equal(manifest['shared.js'], '/static/js/shared.js');
  });

  test('through NODE_OPTIONS too, and child processes started elsewhere inherit it', async () => {
    const outside = await tempDir('register-child');
    const script = `
      import { execFileSync } from 'node:child_process';
      ${reportProcess}
      process.stdout.write(execFileSync(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(reportProcess)}],
        { cwd: ${JSON.stringify(outside)}, encoding: 'utf8' }));`;
    const result = await runScript(script, {
      env: { NODE_OPTIONS: `--max-old-space-size=2048 --import ${REGISTER}` },
    });
    assert.equal(result.code, 0, result.stderr);
    const [parent, child] = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    for (const report of [parent, child]) {
      assert.equal(report.binding, ourBinding);
      assert.deepEqual(report.registered, [
        'AssetsManifestPlugin',
        'CaseSensitivePathsPlugin',
        'CompressionPlugin',
        'LicensePlugin',
        'ManifestPlugin',
        'RemoveEmptyScriptsPlugin',
        'ReplaceLoaderPlugin',
      ]);
    }
    // The bare specifier would not resolve from the child's directory: it became a file URL.
    const registerUrl = pathToFileURL(path.join(repoRoot, 'packages/core/src/register.js')).href;
    assert.equal(child.nodeOptions, `--max-old-space-size=2048 --import=${registerUrl}`);
  });

  test('worker threads load @rspack/core on our binding', async () => {
    const script = `
      import { Worker } from 'node:worker_threads';
      // The worker's code is an ES module: it inherits --input-type=module. (A URL, not a path:
      // a Windows path's backslashes would be escapes in this template literal.)
      const worker = new Worker(\`
        import { createRequire } from 'node:module';
        import { parentPort } from 'node:worker_threads';
        const requireHere = createRequire(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'package.json')).href)});
        await import(requireHere.resolve('@rspack/core'));
        parentPort.postMessage(Object.keys(requireHere.cache).filter((file) => /binding/.test(file) && /\.c?js$/.test(file)));\`,
        { eval: true });
      worker.once('message', (bindings) => { console.log(JSON.stringify(bindings)); worker.terminate(); });`;
    const result = await runScript(script, { nodeArgs: ['--import', REGISTER] });
    assert.equal(result.code, 0, result.stderr);
    const bindings = JSON.parse(result.stdout);
    assert.ok(bindings.includes(ourBinding), `the worker loaded ${bindings}`);
    assert.ok(
      !bindings.some((file) => /[\\/]@rspack[\\/]binding[\\/]/.test(file)),
      'and not @rspack/binding',
    );
  });

  test('a tool that brings another @rspack/core is stopped with a message naming it and the fix', async () => {
    // node_modules/some-tool imports its own @rspack/core 2.99.0.
    const dir = await tempDir('register-mismatch');
    const tool = path.join(dir, 'node_modules/some-tool');
    const nested = path.join(tool, 'node_modules/@rspack/core');
    await fs.mkdir(nested, { recursive: true });
    await fs.writeFile(
      path.join(tool, 'package.json'),
      '{ "name": "some-tool", "type": "module", "main": "index.js" }',
    );
    await fs.writeFile(path.join(tool, 'index.js'), "export * from '@rspack/core';\n");
    await fs.writeFile(
      path.join(nested, 'package.json'),
      '{ "name": "@rspack/core", "version": "2.99.0", "main": "index.js" }',
    );
    await fs.writeFile(
      path.join(nested, 'index.js'),
      'throw new Error("this @rspack/core must not be evaluated");\n',
    );

    const registerUrl = pathToFileURL(path.join(repoRoot, 'packages/core/src/register.js')).href;
    const result = await runScript("await import('some-tool');", {
      nodeArgs: ['--import', registerUrl],
      cwd: dir,
    });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /some-tool uses @rspack\/core 2\.99\.0 \(.*some-tool.*package\.json\)/);
    assert.match(result.stderr, /built for @rspack\/core 2\.3\.0/);
    assert.match(result.stderr, /"overrides": \{ "@rspack\/core": "2\.3\.0" \}/);
    assert.doesNotMatch(result.stderr, /must not be evaluated/);
  });

  test('after @rspack/core was loaded, the register entry says so and names the fix', async () => {
    const result = await runScript('', { nodeArgs: ['--import', '@rspack/core', '--import', REGISTER] });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /@rspack\/core was already loaded with another binding/);
    assert.ok(result.stderr.includes('node --import @rspack-native/core/register'), result.stderr);
  });
});
