// The error @rspack-native/core gives when the addon for this platform cannot be loaded.
// The registry round trip (registry.test.js) checks the real case of a removed platform package;
// these tests cover every branch on a hand-made @rspack-native/binding in a temp dir.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { bindingLoadError, currentPlatform } from '../packages/core/src/platform-package.js';
import { tempDir } from './helpers.js';

const platform = currentPlatform();
const platformPackage = `@rspack-native/binding-${platform}`;
const wasmPackage = '@rspack-native/binding-wasm32-wasi';

/** A fake `node_modules/@rspack-native/binding` whose optional dependencies are `platforms`. */
async function fakeBinding(platforms, { installed = true } = {}) {
  const root = await tempDir('platform-package');
  const bindingDir = path.join(root, installed ? 'node_modules/@rspack-native/binding' : 'binding');
  await fs.mkdir(bindingDir, { recursive: true });
  const optionalDependencies = Object.fromEntries(
    platforms.map((p) => [`@rspack-native/binding-${p}`, '1.2.3']),
  );
  const manifest = {
    name: '@rspack-native/binding',
    version: '1.2.3',
    napi: { binaryName: 'rspack-native' },
  };
  await fs.writeFile(
    path.join(bindingDir, 'package.json'),
    JSON.stringify({ ...manifest, optionalDependencies }),
  );
  await fs.writeFile(path.join(bindingDir, 'index.js'), "throw new Error('Cannot find native binding.');\n");
  return { root, bindingPath: path.join(bindingDir, 'index.js') };
}

const loaderError = new Error('Cannot find native binding.');

describe('missing platform package', () => {
  test('the name of this platform matches a package NAPI-RS builds', () => {
    assert.match(
      platform,
      /^(darwin-(x64|arm64)|win32-(x64|ia32|arm64)-msvc|linux-(x64|arm64|riscv64|ppc64|s390x|loong64)-(gnu|musl)|linux-arm-(gnu|musl)eabihf)$/,
    );
  });

  test('not installed: names the package, its version and how to get it', async () => {
    const { bindingPath } = await fakeBinding(['darwin-arm64', platform]);
    const error = bindingLoadError(bindingPath, loaderError);
    assert.equal(error.cause, loaderError);
    assert.match(
      error.message,
      new RegExp(`^@rspack-native/core: cannot load the rspack-native addon for ${platform}\\.`),
    );
    assert.match(error.message, new RegExp(`The package ${platformPackage}@1\\.2\\.3 is not installed\\.`));
    assert.match(error.message, /pnpm install --force/);
    assert.match(error.message, /rm -rf node_modules package-lock\.json && npm install/);
    assert.match(error.message, new RegExp(`npm install ${platformPackage}@1\\.2\\.3$`));
  });

  test('neither the .node nor the WebAssembly package installed: names both, and how to get each', async () => {
    const { bindingPath } = await fakeBinding([platform, 'wasm32-wasi']);
    const { message } = bindingLoadError(bindingPath, loaderError);
    assert.match(message, new RegExp(`The package ${platformPackage}@1\\.2\\.3 is not installed\\.`));
    assert.match(message, new RegExp(`npm install ${platformPackage}@1\\.2\\.3\n`));
    assert.match(
      message,
      new RegExp(
        `\n${wasmPackage}@1\\.2\\.3 is not installed either: the WebAssembly build .*\`npm install --cpu=wasm32\``,
      ),
    );
  });

  test('no .node for this platform and no WebAssembly package: names the WebAssembly one', async () => {
    const { bindingPath } = await fakeBinding(['darwin-arm64', 'wasm32-wasi']);
    const { message } = bindingLoadError(bindingPath, loaderError);
    assert.match(
      message,
      new RegExp(`has no build for ${platform}; it ships builds for: darwin-arm64, wasm32-wasi\\.`),
    );
    assert.match(message, new RegExp(`\n${wasmPackage}@1\\.2\\.3 is not installed either`));
    assert.match(message, /\nOr build the binding from source on this machine/);
  });

  test('only the WebAssembly package installed, and broken: names it and its loader error', async () => {
    const { root, bindingPath } = await fakeBinding([platform, 'wasm32-wasi']);
    const packageDir = path.join(root, 'node_modules', wasmPackage);
    await fs.mkdir(packageDir, { recursive: true });
    await fs.writeFile(
      path.join(packageDir, 'package.json'),
      JSON.stringify({ name: wasmPackage, main: 'rspack-native.wasi.cjs' }),
    );
    await fs.writeFile(
      path.join(packageDir, 'rspack-native.wasi.cjs'),
      "throw new Error('WebAssembly.Memory(): could not allocate memory');\n",
    );
    const { message } = bindingLoadError(bindingPath, loaderError);
    assert.match(
      message,
      new RegExp(
        `\n${packageDir.replaceAll('\\', '\\\\')} is installed but failed to load: WebAssembly\\.Memory\\(\\): could not allocate memory`,
      ),
    );
  });

  test('unsupported platform: lists the platforms that have builds', async () => {
    const { bindingPath } = await fakeBinding(['darwin-arm64', 'win32-x64-msvc']);
    const error = bindingLoadError(bindingPath, loaderError);
    assert.match(
      error.message,
      new RegExp(
        `@rspack-native/binding@1\\.2\\.3 has no build for ${platform}; it ships builds for: darwin-arm64, win32-x64-msvc\\.`,
      ),
    );
  });

  test('source checkout without a build: says to build the binding', async () => {
    const { root, bindingPath } = await fakeBinding([platform], { installed: false });
    const error = bindingLoadError(bindingPath, loaderError);
    assert.match(
      error.message,
      /is a source checkout .* and its addon has not been built yet\.\nFix: run `pnpm build:binding`/,
    );
    assert.ok(error.message.endsWith(`${path.join(root, 'binding', `rspack-native.${platform}.node`)}.`));
  });

  test('installed but broken: names the file and the loader error', async () => {
    const { root, bindingPath } = await fakeBinding([platform]);
    const packageDir = path.join(root, 'node_modules', platformPackage);
    await fs.mkdir(packageDir, { recursive: true });
    const addon = `rspack-native.${platform}.node`;
    await fs.writeFile(
      path.join(packageDir, 'package.json'),
      JSON.stringify({ name: platformPackage, main: addon }),
    );
    await fs.writeFile(path.join(packageDir, addon), 'not a shared library');
    const error = bindingLoadError(bindingPath, loaderError);
    assert.match(
      error.message,
      new RegExp(`\n${packageDir.replaceAll('\\', '\\\\')} is installed but failed to load: `),
    );
    assert.doesNotMatch(error.message, /Cannot find native binding/);
  });
});
