// LicensePlugin against license-webpack-plugin 4.0.2 where the order of chunks and modules
// decides the output: a package installed at two versions (lwp-fixture-twice 1.0.20 at the top of
// node_modules, 3.1.1 nested under lwp-fixture-wrapper). Both plugins key packages by name, and
// the first module met wins: the peer meets them in the order of `compilation.chunks` and
// `chunkGraph.getChunkModulesIterable(chunk)`, and so must the native plugin. Rspack's chunk keys
// are process-wide counters, so each side builds in a fresh process (fixtures/license-app/build.mjs),
// twice in a row, as the same process state gives the same order.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';
import { createLicenseApp } from './fixtures/license-app/setup.mjs';
import { assertSameFiles, readTree, repoRoot, runNode, tempDir } from './helpers.js';

const buildScript = path.join(repoRoot, 'tests/fixtures/license-app/build.mjs');
/**
 * Entries that reach the two copies in either order. Which module of a chunk comes first follows
 * the identifiers' hashes, so it changes with the app's (temporary) path; the chunk order of a
 * fresh process does not. So two layouts give each copy its own chunk, in both orders: whichever
 * way Rspack orders chunks, one of them lists each copy.
 */
const ENTRY_ORDERS = {
  'only the top copy, then only the nested one': {
    top: './src/twice-top-only.js',
    nested: './src/twice-nested-only.js',
  },
  'only the nested copy, then only the top one': {
    nested: './src/twice-nested-only.js',
    top: './src/twice-top-only.js',
  },
  'the top copy first': { top: './src/twice-top-only.js', both: './src/twice-nested-first.js' },
  'the nested copy first': { both: './src/twice-nested-first.js', top: './src/twice-top-only.js' },
  'with an async chunk': { both: './src/twice-top-first.js', top: './src/twice-top-only.js' },
};
/** The fixture's own entries (main with an async chunk, second), for the file name all chunks share. */
const FIXTURE_ENTRIES = { main: './src/main.js', second: './src/second.js' };
const BUILDS = 2;

let app;
before(async () => {
  app = await tempDir('license-order');
  await createLicenseApp(app);
});

/** Builds `BUILDS` times in one fresh process; resolves with each build's files and diagnostics. */
async function buildInProcess(plugin, spec) {
  const outputPath = await tempDir(`license-order-${plugin}`);
  const { code, stdout, stderr } = await runNode(
    [buildScript, JSON.stringify({ ...spec, app, plugin, outputPath })],
    {
      cwd: repoRoot,
    },
  );
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout).map((diagnostics, index) => ({
    ...diagnostics,
    files: readTree(path.join(outputPath, String(index + 1))),
  }));
}

/** The copyright lines of lwp-fixture-twice that the build's license files list. */
const listedCopies = ({ files }) =>
  [...files]
    .filter(([file]) => file.endsWith('.txt'))
    .flatMap(
      ([, content]) => content.toString().match(/Copyright \(c\) 20\d\d lwp-fixture-twice [\d.]+/g) ?? [],
    );

const listed = new Set();
for (const variant of ['development', 'production-noconcat']) {
  for (const perChunkOutput of [true, false]) {
    for (const [order, entry] of Object.entries(ENTRY_ORDERS)) {
      test(`the same copy as the peer: ${variant}, perChunkOutput ${perChunkOutput}, ${order}`, async () => {
        const spec = { variant, entry, options: { perChunkOutput }, builds: BUILDS };
        const [native, peer] = await Promise.all([
          buildInProcess('native', spec),
          buildInProcess('peer', spec),
        ]);
        for (let n = 0; n < BUILDS; n += 1) {
          assertSameFiles(native[n].files, peer[n].files);
          assert.deepEqual(native[n].warnings, peer[n].warnings);
          assert.deepEqual(native[n].errors, peer[n].errors);
          assert.ok(listedCopies(native[n]).length > 0, 'lwp-fixture-twice is listed');
          for (const copy of listedCopies(native[n])) listed.add(copy);
        }
      });
    }
  }
}

for (const variant of ['development', 'production-noconcat']) {
  for (const [name, entry] of Object.entries({ 'the fixture entries': FIXTURE_ENTRIES, ...ENTRY_ORDERS })) {
    // The peer writes each chunk's list to the same file: the last chunk it meets wins.
    test(`the same file as the peer when all chunks share one file name: ${variant}, ${name}`, async () => {
      const spec = { variant, entry, options: { outputFilename: 'THIRD-PARTY.txt' }, builds: BUILDS };
      const [native, peer] = await Promise.all([
        buildInProcess('native', spec),
        buildInProcess('peer', spec),
      ]);
      for (let n = 0; n < BUILDS; n += 1) {
        assert.ok(native[n].files.get('THIRD-PARTY.txt')?.length > 0, 'the shared file is written');
        assertSameFiles(native[n].files, peer[n].files);
      }
    });
  }
}

test('the layouts with one copy per chunk list each copy (the comparison can tell them apart)', () => {
  assert.deepEqual([...listed].map((line) => line.match(/[\d.]+$/)[0]).sort(), ['1.0.20', '3.1.1']);
});
