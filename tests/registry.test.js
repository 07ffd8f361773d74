// The distribution path through a real registry: publish to verdaccio on 127.0.0.1, install with
// pnpm and npm outside the workspace, build the example there, then remove the platform package.
// Ships the .node that `pnpm test` built just before (dev profile: a cold release build would
// add about 25 minutes to every CI run); `pnpm round-trip --node <file>` ships any other one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { publish } from '../scripts/publish.mjs';
import { roundTrip } from '../scripts/registry-round-trip.mjs';
import { repoRoot } from './helpers.js';

const binding = JSON.parse(fs.readFileSync(path.join(repoRoot, 'binding/package.json'), 'utf8'));

test('publish to a local registry, install with pnpm and npm, build the example', async () => {
  const { platform, optionalDependencies, results } = await roundTrip();
  const platformPackage = `@rspack-native/binding-${platform}`;

  // The published binding lists every platform package at its own version.
  assert.equal(Object.keys(optionalDependencies).length, binding.napi.targets.length);
  for (const [name, version] of Object.entries(optionalDependencies)) {
    assert.ok(name.startsWith(`${binding.name}-`), name);
    assert.equal(version, binding.version, name);
  }
  assert.ok(platformPackage in optionalDependencies);

  for (const packageManager of ['pnpm', 'npm']) {
    const { installed, manifest, missingPackageError } = results[packageManager];
    assert.deepEqual(installed, [platformPackage], `${packageManager} installs only this platform's package`);
    assert.match(manifest['main.js'], /^\/static\/js\/main\.[a-f0-9]{16}\.js$/);
    assert.match(
      missingPackageError,
      new RegExp(`The package ${platformPackage}@${binding.version} is not installed\\.`),
    );
    assert.match(missingPackageError, /pnpm install --force/);
    assert.doesNotMatch(missingPackageError, /Cannot find native binding/);
  }
});

test("publish refuses a release tag that is not the packages' version, before touching a registry", async () => {
  await assert.rejects(
    publish({ artifacts: 'no-such-dir', version: '9.9.9' }),
    new RegExp(
      `^Error: publish: expected version 9\\.9\\.9 \\(--version, from the release tag\\), but ` +
        `${binding.name} is ${binding.version}, @rspack-native/core is ${binding.version}`,
    ),
  );
});
