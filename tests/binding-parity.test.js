// Our binding is Rspack: for an app without our plugins it writes exactly what the official
// `@rspack/binding` writes. examples/libs-app (widely used npm libraries, production mode with
// Rspack's defaults) is built with plain `rspack build` on the official binding and with
// `rspack-native build` on ours. A crate compiled at another version than Rspack's release used
// (a newer minifier, say) shows up here as a differing file; see `pnpm align-lockfile`.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { readTree, repoRoot, runNode, tempDir } from './helpers.js';

const appDir = path.join(repoRoot, 'examples/libs-app');
const requireFromApp = createRequire(path.join(appDir, 'package.json'));
const rspackBin = path.join(
  path.dirname(requireFromApp.resolve('@rspack/cli/package.json')),
  'bin/rspack.js',
);
const rspackNativeBin = path.join(repoRoot, 'packages/core/bin/rspack-native.js');

/** Runs `bin build` in the app with `env`; resolves with the files it wrote. */
async function buildApp(bin, env) {
  const outDir = await tempDir('parity');
  const result = await runNode([bin, 'build', '--output-path', outDir], { cwd: appDir, env });
  assert.equal(result.code, 0, `${path.basename(bin)} build failed:\n${result.stdout}\n${result.stderr}`);
  return readTree(outDir);
}

/** `main.a1b77afb5d4522d2.css` → `main.[contenthash].css`: files pair up even when hashes differ. */
const unhashed = (file) => file.replace(/\.[0-9a-f]{16}\./, '.[contenthash].');

/** Asserts the same files with the same bytes; a failure names the file and shows where it differs. */
function assertSameOutput(ours, official) {
  const names = (tree) => [...tree.keys()].map(unhashed).sort();
  assert.deepEqual(names(ours), names(official), 'both bindings write the same files');
  const byName = (tree) => new Map([...tree].map(([file, bytes]) => [unhashed(file), { file, bytes }]));
  const ourFiles = byName(ours);
  for (const [name, theirs] of byName(official)) {
    const mine = ourFiles.get(name);
    if (mine.bytes.equals(theirs.bytes)) continue;
    let at = 0;
    while (mine.bytes[at] === theirs.bytes[at]) at++;
    const around = (bytes) => JSON.stringify(bytes.subarray(Math.max(0, at - 60), at + 60).toString());
    assert.fail(
      `${name} differs (official ${theirs.file}: ${theirs.bytes.length} bytes, ours ${mine.file}: ` +
        `${mine.bytes.length} bytes), first at byte ${at}:\n  official: ${around(theirs.bytes)}\n` +
        `  ours:     ${around(mine.bytes)}`,
    );
  }
}

describe('our binding writes what @rspack/binding writes', () => {
  test('examples/libs-app in production, no native plugin: byte-identical files', async () => {
    // A fresh shell's environment: no RSPACK_BINDING, so @rspack/core loads @rspack/binding.
    // NAPI_RS_NATIVE_LIBRARY_PATH (another .node for ours, as the bench uses) would redirect the
    // official binding's loader too, so it only reaches our build.
    const { NAPI_RS_NATIVE_LIBRARY_PATH: ourNode, ...fresh } = envWithoutBinding();
    const official = await buildApp(rspackBin, fresh);
    const ours = await buildApp(rspackNativeBin, {
      ...fresh,
      ...(ourNode && { NAPI_RS_NATIVE_LIBRARY_PATH: ourNode }),
    });

    // The build is the one the test is about: minified, hashed, with CSS and an async chunk.
    const files = [...official.keys()];
    const main = files.find((file) => /^main\.[0-9a-f]{16}\.js$/.test(file));
    assert.ok(main, `a hashed main bundle among ${files.join(', ')}`);
    assert.ok(official.get(main).length > 200_000, 'main bundles React, Redux Toolkit, zod, axios…');
    assert.doesNotMatch(official.get(main).toString(), /\n\s+\w+\(/, 'main is minified');
    assert.ok(
      files.some((file) => /^main\.[0-9a-f]{16}\.css$/.test(file)),
      'main CSS',
    );
    assert.ok(
      files.some((file) => /\.chunk\.js$/.test(file)) && files.some((file) => /\.chunk\.css$/.test(file)),
    );

    assertSameOutput(ours, official);
  });
});
