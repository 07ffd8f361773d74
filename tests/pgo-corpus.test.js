// The real npm app of the PGO training (scripts/pgo-corpus.mjs): what it imports is what it
// installs, and the app is the same for the same seed, with every import of its own resolved.
// (Installing it takes the registry and 370 MB: the release build's training does that.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import {
  APP_SHAPE,
  CORPUS_DEPENDENCIES,
  GLOBAL_STYLES,
  LIBRARY_IMPORTS,
  generateCorpusApp,
} from '../scripts/pgo-corpus.mjs';
import { readTree } from '../scripts/workspace.mjs';

// No binding is needed here, so not tests/helpers.js, which loads it.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rspack-native-pgo-corpus-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the PGO training corpus', () => {
  test('imports only packages it installs, each pinned to an exact version', () => {
    const imported = [...LIBRARY_IMPORTS.map((library) => library.from), ...GLOBAL_STYLES, 'core-js/stable'];
    for (const specifier of imported) {
      assert.ok(packageOf(specifier) in CORPUS_DEPENDENCIES, `${specifier} is installed`);
    }
    for (const [name, version] of Object.entries(CORPUS_DEPENDENCIES)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
    }
  });

  test('generates the same app for the same seed, every import of its own resolved', () => {
    const [first, second] = [path.join(work, 'a'), path.join(work, 'b')];
    const edited = generateCorpusApp(first);
    generateCorpusApp(second);
    const files = readTree(first);
    assert.deepEqual(files, readTree(second));
    const { components, pages, shared, services } = APP_SHAPE;
    // Each component with its CSS module, the rest, the entry, the page and the tsconfig.
    assert.equal(files.size, components * 2 + pages + shared + services + 3);
    assert.ok(fs.existsSync(edited), 'the file a watch session edits is in the app');

    const extensions = ['', '.tsx', '.ts'];
    let checked = 0;
    for (const [file, content] of files) {
      for (const [, specifier] of content.toString().matchAll(/(?:from |import\()'([@.][^']*)'/g)) {
        if (!specifier.startsWith('@/') && !specifier.startsWith('.')) continue; // a package
        const base = specifier.startsWith('@/')
          ? path.join(first, 'src', specifier.slice(2))
          : path.resolve(path.dirname(path.join(first, file)), specifier);
        assert.ok(
          extensions.some((extension) => fs.existsSync(base + extension)),
          `${file} imports ${specifier}, which the app has`,
        );
        checked++;
      }
    }
    // A CSS module, a shared module and a service per component, a component per page slot, a page per page.
    assert.equal(checked, components * 4 + pages);
  });
});
