// The plugin authors' guide (docs/writing-a-plugin.md) cannot drift from the code: each of its
// snippets must be the text of a region of a file that is compiled (docs/guide, a crate of the
// workspace, which `pnpm test:rust` tests) or run (this file), its relative links must lead to
// files and headings that exist, and the JavaScript it shows runs here. To copy the sources into
// the guide after a change: `node scripts/sync-snippets.mjs`.
// ANCHOR: harness-imports
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from '../examples/basic-app/app.config.js';
import { buildApp, compareWithPeer } from './harness.js';
// ANCHOR_END: harness-imports
import { describe } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { namedInErrors, wrongResult } from '../packages/core/src/callbacks.js';
import {
  checkLinks,
  checkSnippets,
  docsFiles,
  headingId,
  regionOf,
  relativeLinks,
  snippetsOf,
  sourceReader,
  syncSnippets,
} from '../scripts/sync-snippets.mjs';
import { repoRoot } from './helpers.js';

// ANCHOR: banner-comment-js
/**
 * What the Rust BannerCommentPlugin receives for `new BannerCommentPlugin(options)`: the options
 * as given, plus, when `banner` is a function, `__banners(files)`, which runs it on each file
 * and returns the banners. Rust calls `__banners` once per build, however many files it has.
 * @param {Record<string, unknown>} options
 */
export function bannerCommentOptions(options) {
  const { banner } = options;
  if (typeof banner !== 'function') return options;
  // What the user's function throws names the option: `option "banner" threw: …`.
  const named = namedInErrors('banner', banner);
  const banners = (files) =>
    files.map((file) => {
      const text = named(file);
      // Worded as the binding words a wrong result: `… must return a string, but returned null`.
      if (typeof text !== 'string') throw wrongResult('banner', 'a string', text);
      return text;
    });
  return { ...options, __banners: banners };
}
// ANCHOR_END: banner-comment-js

const readSource = sourceReader(repoRoot);
/** Several lines as one text (marker lines built here, so this file's own regions stay apart). */
const text = (...lines) => `${lines.join('\n')}\n`;
const anchor = (name) => `// ANCHOR: ${name}`;
const anchorEnd = (name) => `// ANCHOR_END: ${name}`;
const marker = (target) => `<!-- snippet: ${target} -->`;

describe('docs/*.md', () => {
  const docs = docsFiles(repoRoot);

  test('there is a guide, and it has snippets', () => {
    assert.ok(docs.includes('docs/writing-a-plugin.md'), docs.join(', '));
    const guide = fs.readFileSync(path.join(repoRoot, 'docs/writing-a-plugin.md'), 'utf8');
    assert.ok(snippetsOf(guide).snippets.length >= 10);
  });

  test('every snippet is the text of its region (fix: node scripts/sync-snippets.mjs)', () => {
    const problems = docs.flatMap((file) =>
      checkSnippets(fs.readFileSync(path.join(repoRoot, file), 'utf8'), readSource, file),
    );
    assert.deepEqual(problems.map(({ message }) => message).join('\n\n'), '');
  });

  test('every relative link leads to a file, and every #heading to a heading of it', () => {
    const problems = docs.flatMap((file) =>
      checkLinks(fs.readFileSync(path.join(repoRoot, file), 'utf8'), file, repoRoot),
    );
    assert.deepEqual(problems.map(({ message }) => message).join('\n'), '');
  });
});

describe('the snippet checker', () => {
  const source = text(
    'fn outside() {}',
    anchor('outer'),
    'impl A {',
    '  ' + anchor('inner'),
    '  fn inner() {',
    '',
    '    body();',
    '  }',
    '  ' + anchorEnd('inner'),
    '}',
    anchorEnd('outer'),
  );
  const sources = { 'a.rs': source };
  const read = (file) => {
    if (!(file in sources)) throw new Error(`${file} does not exist`);
    return sources[file];
  };

  test('a region leaves out the ANCHOR lines nested in it, and its shared indentation', () => {
    assert.deepEqual(regionOf(source, 'outer'), [
      'impl A {',
      '  fn inner() {',
      '',
      '    body();',
      '  }',
      '}',
    ]);
    assert.deepEqual(regionOf(source, 'inner'), ['fn inner() {', '', '  body();', '}']);
    assert.equal(regionOf(source).length, 11);
  });

  test('a missing, repeated or unclosed region is an error', () => {
    assert.throws(() => regionOf(source, 'nope'), /no line "ANCHOR: nope"/);
    assert.throws(
      () => regionOf(text(anchor('a'), anchorEnd('a'), anchor('a'), anchorEnd('a')), 'a'),
      /appears 2 times/,
    );
    assert.throws(() => regionOf(text(anchor('a'), 'x'), 'a'), /no "ANCHOR_END: a" after it/);
    assert.throws(() => regionOf(text(anchorEnd('a'), anchor('a')), 'a'), /no "ANCHOR_END: a" after it/);
  });

  test('an ANCHOR inside a line of code is no marker', () => {
    const code = text(anchor('a'), `const s = '${anchor('a')}';`, anchorEnd('a'));
    assert.deepEqual(regionOf(code, 'a'), [`const s = '${anchor('a')}';`]);
  });

  test('a snippet equal to its region passes, in a block of any fence', () => {
    const markdown = text(
      '# Doc',
      marker('a.rs#inner'),
      '```rust',
      'fn inner() {',
      '',
      '  body();',
      '}',
      '```',
      marker('a.rs#inner'),
      '~~~~',
      'fn inner() {',
      '',
      '  body();',
      '}',
      '~~~~',
    );
    assert.deepEqual(checkSnippets(markdown, read, 'doc.md'), []);
  });

  test('a snippet that differs fails, naming the file, the anchor and the first line that differs', () => {
    const markdown = text(
      '# Doc',
      '',
      marker('a.rs#inner'),
      '```rust',
      'fn inner() {',
      '',
      '  other();',
      '}',
      '```',
    );
    assert.deepEqual(checkSnippets(markdown, read, 'docs/doc.md'), [
      {
        line: 7,
        message:
          'docs/doc.md:7: the snippet of a.rs#inner differs from its source at line 3 of the region:\n' +
          '  source: "  body();"\n  doc.md: "  other();"',
      },
    ]);
    const shorter = text(marker('a.rs#inner'), '```rust', 'fn inner() {', '```');
    assert.match(
      checkSnippets(shorter, read)[0].message,
      /at line 2 of the region:\n {2}source: ""\n {2}<markdown>: \(the end\)/,
    );
  });

  test('a marker that names a missing file or anchor fails, and so does one without a code block', () => {
    const markdown = text(
      marker('missing.rs#x'),
      '```',
      '```',
      marker('a.rs#missing'),
      '```',
      '```',
      marker('a.rs#inner'),
      'text',
    );
    assert.deepEqual(
      checkSnippets(markdown, read, 'doc.md').map(({ message }) => message),
      [
        'doc.md:1: missing.rs#x: missing.rs does not exist',
        'doc.md:4: a.rs#missing: no line "ANCHOR: missing"',
        'doc.md:7: the snippet marker of a.rs is not followed by a code block',
      ],
    );
  });

  test('syncing rewrites each snippet from its region and leaves the rest alone', () => {
    const markdown = text('# Doc', marker('a.rs#inner'), '```rust', 'old', '```', 'after');
    const synced = syncSnippets(markdown, read);
    assert.equal(
      synced,
      text('# Doc', marker('a.rs#inner'), '```rust', 'fn inner() {', '', '  body();', '}', '```', 'after'),
    );
    assert.deepEqual(checkSnippets(synced, read), []);
    assert.equal(syncSnippets(synced, read), synced);
  });

  test('links: relative ones outside code, with GitHub heading ids', () => {
    const markdown = text(
      'See [the README](../README.md#release-build), [a site](https://example.com) and [here](#top).',
      '`[not](a-link.md)`',
      '```',
      '[not](a-link-either.md)',
      '```',
    );
    assert.deepEqual(relativeLinks(markdown), [
      { line: 1, target: '../README.md#release-build' },
      { line: 1, target: '#top' },
    ]);
    assert.equal(headingId('The edit loop: `pnpm dev`'), 'the-edit-loop-pnpm-dev');
    assert.equal(
      headingId("Calling your users' JavaScript functions"),
      'calling-your-users-javascript-functions',
    );
    assert.equal(headingId('`builtin:replace-loader`'), 'builtinreplace-loader');
  });
});

describe('the JavaScript of the guide', () => {
  test('bannerCommentOptions gives Rust one function for all files, whose errors name the option', () => {
    assert.deepEqual(bannerCommentOptions({ banner: 'acme' }), { banner: 'acme' });
    const options = bannerCommentOptions({ banner: ({ file, chunkName }) => `${file} of ${chunkName}` });
    assert.deepEqual(
      options.__banners([
        { file: 'js/main.js', chunkName: 'main' },
        { file: 'js/412.js', chunkName: undefined },
      ]),
      ['js/main.js of main', 'js/412.js of undefined'],
    );
    const throwing = bannerCommentOptions({
      banner() {
        throw new Error('no banner today');
      },
    });
    assert.throws(
      () => throwing.__banners([{ file: 'a.js' }]),
      /^Error: option "banner" threw: no banner today/,
    );
    const numeric = bannerCommentOptions({ banner: () => 42 });
    assert.throws(
      () => numeric.__banners([{ file: 'a.js' }]),
      /option "banner" must return a string, but returned a number/,
    );
  });
});

// ANCHOR: harness-build
test('ManifestPlugin maps each entry to its hashed file', async () => {
  const { files, errors, warnings } = await buildApp(
    createConfig({ mode: 'production', plugins: [new ManifestPlugin()] }),
  );
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  const manifest = JSON.parse(files.get('manifest.json'));
  assert.match(manifest['main.js'], /^\/static\/js\/main\.[0-9a-f]{16}\.js$/);
});
// ANCHOR_END: harness-build

// ANCHOR: harness-compare
test('ManifestPlugin writes what rspack-manifest-plugin writes', async () => {
  const config = new URL('./fixtures/manifest-app.config.mjs', import.meta.url);
  const { native } = await compareWithPeer(config, { options: { basePath: 'app/' } });
  assert.ok(native.files.has('manifest.json'));
});
// ANCHOR_END: harness-compare
