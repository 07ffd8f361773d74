#!/usr/bin/env node
// Measures when LicensePlugin's output depends on the order Rspack gives chunks and modules, for
// license-webpack-plugin 4.0.2 and for the native plugin (which meets them in the same order):
// the license fixture app built N times in N fresh processes, and N times in one process, in the
// cases where the order decides something (a package installed at two versions; one file name for
// every chunk) and in one where it decides nothing. Prints how many different outputs each gave.
//
// usage: node scripts/license-order.mjs [--builds 20]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLicenseApp } from '../tests/fixtures/license-app/setup.mjs';
import { readTree } from './workspace.mjs';

const { values } = parseArgs({ options: { builds: { type: 'string', default: '20' } } });
const builds = Number(values.builds);
const buildScript = path.join(import.meta.dirname, '../tests/fixtures/license-app/build.mjs');

const CASES = {
  'two versions, entries a (top copy) and b (both copies)': {
    entry: { a: './src/twice-top-only.js', b: './src/twice-nested-first.js' },
  },
  'the same, one combined file': {
    entry: { a: './src/twice-top-only.js', b: './src/twice-nested-first.js' },
    options: { perChunkOutput: false },
  },
  'two versions, entries a (both copies, async chunk) and b (top copy)': {
    entry: { a: './src/twice-top-first.js', b: './src/twice-top-only.js' },
  },
  'one file name for every chunk': { options: { outputFilename: 'THIRD-PARTY.txt' } },
  'the fixture app, defaults (nothing depends on the order)': {},
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-license-order-'));
const app = path.join(work, 'app');
await createLicenseApp(app);

/** Runs build.mjs once; returns the outputs of its builds as comparable strings. */
function run(plugin, spec, count) {
  const outputPath = fs.mkdtempSync(path.join(work, `${plugin}-`));
  execFileSync(
    process.execPath,
    [
      buildScript,
      JSON.stringify({ ...spec, app, plugin, outputPath, variant: 'development', builds: count }),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const dirs =
    count === 1 ? [outputPath] : Array.from({ length: count }, (_, n) => path.join(outputPath, `${n + 1}`));
  return dirs.map((dir) =>
    [...readTree(dir)]
      .filter(([file]) => file.endsWith('.txt'))
      .map(([file, content]) => `${file}\n${content}`)
      .join('\n'),
  );
}

const distinct = (outputs) => new Set(outputs).size;
const rows = {};
try {
  for (const [name, spec] of Object.entries(CASES)) {
    for (const plugin of ['peer', 'native']) {
      const fresh = Array.from({ length: builds }, () => run(plugin, spec, 1)[0]);
      const inOneProcess = run(plugin, spec, builds);
      rows[`${name} (${plugin})`] = {
        [`${builds} fresh processes`]: `${distinct(fresh)} output(s)`,
        [`${builds} builds in one process`]: `${distinct(inOneProcess)} output(s)`,
        'first build = fresh': inOneProcess[0] === fresh[0],
      };
    }
  }
  console.table(rows);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
