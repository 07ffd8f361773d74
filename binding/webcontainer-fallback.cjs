'use strict';
// On a WebContainer (StackBlitz), where no .node runs and the WebAssembly package was not
// installed with the app: installs `<this package>-wasm32-wasi` at this package's version into
// a folder of the temp dir, once, with pnpm (as @rspack/binding does there), and loads it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { name, version } = require('./package.json');
const wasmPackage = `${name}-wasm32-wasi`;
const installDir = path.join(os.tmpdir(), `${name.replace(/^@/, '').replace('/', '-')}-${version}`);
const installed = path.join(installDir, 'node_modules', wasmPackage);

if (!fs.existsSync(path.join(installed, 'package.json'))) {
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  console.log(`[rspack-native] WebContainer: installing ${wasmPackage}@${version} into ${installDir}`);
  try {
    execFileSync('pnpm', ['install', `${wasmPackage}@${version}`], { cwd: installDir, stdio: 'inherit' });
  } catch (error) {
    throw new Error(
      `rspack-native: this WebContainer runs only the WebAssembly build, and installing ` +
        `${wasmPackage}@${version} with pnpm failed (${error.message}). ` +
        `Add it to the app's dependencies instead: pnpm add ${wasmPackage}@${version} ` +
        '(npm refuses it without --force: its cpu is wasm32)',
      { cause: error },
    );
  }
}

module.exports = require(installed);
