// What a correct production build of this app with rspack.config.js looks like. Used by the CLI
// test and by the registry round trip (scripts/registry-round-trip.mjs) on a fresh install.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Checks the manifest and bundle that `rspack-native build` wrote to `dist`; throws an
 * AssertionError naming what is wrong.
 * @param {string} dist the output directory
 * @returns {Promise<Record<string, string>>} the manifest
 */
export async function checkExampleOutput(dist) {
  const manifest = JSON.parse(await fs.readFile(path.join(dist, 'manifest.json'), 'utf8'));
  assert.ok(
    Object.keys(manifest).length >= 8,
    `manifest.json lists only ${Object.keys(manifest).length} files`,
  );
  for (const [key, value] of Object.entries(manifest)) {
    assert.match(value, /^\/static\//, `manifest entry ${key}`);
    await fs.access(path.join(dist, value.slice('/static/'.length)));
  }
  assert.match(manifest['main.js'], /^\/static\/js\/main\.[a-f0-9]{16}\.js$/);
  const shared = await fs.readFile(path.join(dist, manifest['shared.js'].slice('/static/'.length)), 'utf8');
  assert.match(shared, /"1\.0\.0"/, 'builtin:replace-loader replaced __APP_VERSION__ in shared.js');
  assert.doesNotMatch(shared, /__APP_VERSION__/);
  return manifest;
}
