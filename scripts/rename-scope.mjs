#!/usr/bin/env node
// Publishes under your own npm scope: renames `@rspack-native/…` to `@<scope>/…` in every file git
// tracks (package names, the platform packages, imports, messages, lockfile, docs) and, with
// --repository, points the packages' `repository` at your GitHub repository (npm provenance
// checks that it is the one the release workflow runs in). Then refreshes pnpm-lock.yaml.
//
// Usage: pnpm rename-scope <@scope> [--repository <owner>/<name>] [--no-install]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readJson, refreshLockfile, repoRoot } from './workspace.mjs';
const BINARY_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.ico',
  '.woff',
  '.woff2',
  '.node',
  '.wasm',
]);

/**
 * Renames the npm scope (and optionally the GitHub repository) in the checkout at `cwd`.
 * @param {{ scope: string, repository?: string, cwd?: string, install?: boolean }} options
 * @returns {string[]} the files that changed
 */
export function renameScope({ scope, repository, cwd = repoRoot, install = true }) {
  if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) {
    throw new Error(`rename-scope: "${scope}" is not an npm scope (expected something like @acme)`);
  }
  if (repository !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new Error(`rename-scope: --repository "${repository}" must be <owner>/<name>`);
  }
  const manifest = readJson(path.join(cwd, 'binding/package.json'));
  const current = manifest.name.split('/')[0];
  const replacements = [[`${current}/`, `${scope}/`]];
  if (repository !== undefined) {
    // git+https://github.com/<owner>/<name>.git: the name may contain dots, `.git` ends it.
    const currentRepository = /github\.com\/([^/]+\/[^/]+?)(?:\.git)?$/.exec(
      manifest.repository?.url ?? '',
    )?.[1];
    if (!currentRepository) {
      throw new Error(
        `rename-scope: binding/package.json's repository.url (${manifest.repository?.url}) is not a GitHub ` +
          'repository URL, so --repository has nothing to replace; set it by hand',
      );
    }
    replacements.push([`github.com/${currentRepository}`, `github.com/${repository}`]);
  }
  const files = execFileSync('git', ['ls-files', '-z'], { cwd, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const changed = [];
  for (const file of files) {
    if (BINARY_EXTENSIONS.has(path.extname(file))) continue;
    const fullPath = path.join(cwd, file);
    if (!fs.existsSync(fullPath)) continue;
    const text = fs.readFileSync(fullPath, 'utf8');
    let next = text;
    for (const [from, to] of replacements) next = next.replaceAll(from, to);
    if (next !== text) {
      fs.writeFileSync(fullPath, next);
      changed.push(file);
    }
  }
  if (install) refreshLockfile(cwd);
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { repository: { type: 'string' }, 'no-install': { type: 'boolean' } },
  });
  if (positionals.length !== 1) {
    console.error('Usage: pnpm rename-scope <@scope> [--repository <owner>/<name>] [--no-install]');
    process.exit(2);
  }
  try {
    const changed = renameScope({
      scope: positionals[0],
      repository: values.repository,
      install: !values['no-install'],
    });
    console.log(
      `[rename-scope] ${changed.length} files now use ${positionals[0]}:\n  ${changed.join('\n  ')}`,
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
