#!/usr/bin/env node
// The code snippets of the docs, copied from code that is compiled or run.
//
// In docs/**/*.md, the fenced code block that comes right after the line (blank lines aside)
//   <!-- snippet: <file>#<anchor> -->
// is a copy of a region of <file> (a path from the repository root): the lines between
// `ANCHOR: <anchor>` and `ANCHOR_END: <anchor>` comment lines (mdBook's convention), without the
// ANCHOR lines of regions nested in it, and without the indentation all its lines share.
// `<!-- snippet: <file> -->` (no anchor) copies the whole file. tests/guide.test.js checks every
// copy with the functions below; this script rewrites the copies from their sources:
//
//   node scripts/sync-snippets.mjs           rewrite every snippet of docs/**/*.md
//   node scripts/sync-snippets.mjs --check   only list the snippets that differ (exit code 1)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/** A line that opens or closes a region: a whole-line `//`, `#` or `<!-- -->` comment. */
const ANCHOR_LINE = /^\s*(?:\/\/|#|<!--)\s*(ANCHOR|ANCHOR_END):\s*([\w-]+)\s*(?:-->)?\s*$/;
/** The line before a snippet. */
const SNIPPET_MARKER = /^<!--\s*snippet:\s*([^\s#]+)(?:#([\w-]+))?\s*-->\s*$/;
/** A fence that opens a code block: three or more backticks or tildes, then the info string. */
const FENCE = /^(`{3,}|~{3,})/;

/** The lines of `text`, without line ends (`\n` or `\r\n`). */
function lines(text) {
  const all = text.split(/\r?\n/);
  if (all.at(-1) === '') all.pop();
  return all;
}

/** `regionLines` without the indentation that all of them (blank lines aside) share. */
function dedent(regionLines) {
  const indents = regionLines
    .filter((line) => line.trim() !== '')
    .map((line) => line.match(/^[ \t]*/)[0].length);
  const shared = indents.length === 0 ? 0 : Math.min(...indents);
  return regionLines.map((line) => (line.trim() === '' ? '' : line.slice(shared)));
}

/**
 * The text of the region `anchor` of `source` (a whole file's text), as a snippet copies it; the
 * whole file without `anchor`. Throws when the file has no such region, or it twice, or it is
 * not closed.
 * @param {string} source
 * @param {string} [anchor]
 * @returns {string[]}
 */
export function regionOf(source, anchor) {
  const all = lines(source);
  if (anchor === undefined) return all;
  const markers = all
    .map((line, index) => ({ index, match: line.match(ANCHOR_LINE) }))
    .filter(({ match }) => match && match[2] === anchor);
  const starts = markers.filter(({ match }) => match[1] === 'ANCHOR');
  if (starts.length === 0) throw new Error(`no line "ANCHOR: ${anchor}"`);
  if (starts.length > 1) throw new Error(`"ANCHOR: ${anchor}" appears ${starts.length} times`);
  const end = markers.find(({ match, index }) => match[1] === 'ANCHOR_END' && index > starts[0].index);
  if (!end) throw new Error(`"ANCHOR: ${anchor}" has no "ANCHOR_END: ${anchor}" after it`);
  const inner = all.slice(starts[0].index + 1, end.index).filter((line) => !ANCHOR_LINE.test(line));
  return dedent(inner);
}

/**
 * Every snippet of `markdown`: where its marker is (`line`, 1-based), what it copies (`source`,
 * `anchor`), and its code block's lines (`body`, from line `bodyStart`, 0-based, to `bodyEnd`,
 * excluded). A marker without a code block right after it is a `problems` entry.
 * @param {string} markdown
 */
export function snippetsOf(markdown) {
  const all = lines(markdown);
  const snippets = [];
  const problems = [];
  for (let index = 0; index < all.length; index++) {
    const marker = all[index].match(SNIPPET_MARKER);
    if (!marker) continue;
    const [, source, anchor] = marker;
    // The next line that is not blank (Prettier puts a blank line after the comment).
    let open = index + 1;
    while (open < all.length && all[open].trim() === '') open++;
    const fence = all[open]?.match(FENCE)?.[1];
    if (!fence) {
      problems.push({
        line: index + 1,
        message: `the snippet marker of ${source} is not followed by a code block`,
      });
      continue;
    }
    const close = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const bodyStart = open + 1;
    let bodyEnd = bodyStart;
    while (bodyEnd < all.length && !close.test(all[bodyEnd])) bodyEnd++;
    if (bodyEnd === all.length) {
      problems.push({ line: open + 1, message: `the code block of the snippet of ${source} is not closed` });
      continue;
    }
    snippets.push({
      line: index + 1,
      source,
      anchor,
      bodyStart,
      bodyEnd,
      body: all.slice(bodyStart, bodyEnd),
    });
    index = bodyEnd;
  }
  return { snippets, problems };
}

/** `source#anchor`, or `source` for a whole file. */
function label({ source, anchor }) {
  return anchor === undefined ? source : `${source}#${anchor}`;
}

/**
 * Reads a snippet's source file; `readFile(relativePath)` returns its text or throws.
 * @typedef {(relativePath: string) => string} ReadSource
 */

/**
 * What is wrong with the snippets of `markdown` (the file `file`, for messages): each problem is
 * `{ line, message }`, where `line` is the markdown line of the first difference. The message of
 * a snippet that differs names the file, the anchor and the first line that differs.
 * @param {string} markdown
 * @param {ReadSource} readSource
 * @param {string} [file]
 */
export function checkSnippets(markdown, readSource, file = '<markdown>') {
  const { snippets, problems } = snippetsOf(markdown);
  for (const snippet of snippets) {
    let region;
    try {
      region = regionOf(readSource(snippet.source), snippet.anchor);
    } catch (error) {
      problems.push({ line: snippet.line, message: `${label(snippet)}: ${error.message}` });
      continue;
    }
    const count = Math.max(region.length, snippet.body.length);
    for (let index = 0; index < count; index++) {
      if (region[index] === snippet.body[index]) continue;
      const show = (text) => (text === undefined ? '(the end)' : JSON.stringify(text));
      problems.push({
        line: snippet.bodyStart + index + 1,
        message:
          `the snippet of ${label(snippet)} differs from its source at line ${index + 1} of the region:\n` +
          `  source: ${show(region[index])}\n  ${path.basename(file)}: ${show(snippet.body[index])}`,
      });
      break;
    }
  }
  return problems
    .sort((a, b) => a.line - b.line)
    .map(({ line, message }) => ({ line, message: `${file}:${line}: ${message}` }));
}

/**
 * `markdown` with every snippet's code block replaced by its region. Throws on a snippet whose
 * source or region is missing.
 * @param {string} markdown
 * @param {ReadSource} readSource
 */
export function syncSnippets(markdown, readSource) {
  const all = lines(markdown);
  const { snippets, problems } = snippetsOf(markdown);
  if (problems.length > 0)
    throw new Error(problems.map(({ line, message }) => `${line}: ${message}`).join('\n'));
  for (const snippet of [...snippets].reverse()) {
    const region = regionOf(readSource(snippet.source), snippet.anchor);
    all.splice(snippet.bodyStart, snippet.bodyEnd - snippet.bodyStart, ...region);
  }
  return `${all.join('\n')}\n`;
}

/**
 * GitHub's id for a heading: lower case, punctuation other than `-` and `_` removed, spaces as
 * `-`. (Headings that repeat get `-1`, `-2`…: see `headingIds`.)
 * @param {string} heading the heading's text, markdown included
 */
export function headingId(heading) {
  return heading
    .trim()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The lines of `markdown` outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown) {
  const prose = [];
  let fence = null;
  lines(markdown).forEach((text, index) => {
    const opening = text.match(/^\s*(`{3,}|~{3,})/)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && text.trim() === opening)
        fence = null;
    } else if (opening) {
      fence = opening;
    } else {
      prose.push({ text, line: index + 1 });
    }
  });
  return prose;
}

/** The ids of the headings of `markdown`, as GitHub makes them. */
export function headingIds(markdown) {
  const seen = new Map();
  const ids = new Set();
  for (const { text } of proseLines(markdown)) {
    const heading = text.match(/^#{1,6}\s+(.*?)\s*#*\s*$/)?.[1];
    if (heading === undefined) continue;
    const id = headingId(heading);
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    ids.add(count === 0 ? id : `${id}-${count}`);
  }
  return ids;
}

/** The relative links of `markdown` (not in code): `{ line, target }`, `target` as written. */
export function relativeLinks(markdown) {
  const links = [];
  for (const { text, line } of proseLines(markdown)) {
    const withoutCode = text.replace(/`[^`]*`/g, '');
    for (const [, target] of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      links.push({ line, target });
    }
  }
  return links;
}

/**
 * What is wrong with the relative links of the markdown file `file` (a path from `rootDir`): a
 * target that does not exist, or a `#heading` that the target (a markdown file, or this one) does
 * not have. Each problem is `{ line, message }`.
 * @param {string} markdown
 * @param {string} file
 * @param {string} [rootDir]
 */
export function checkLinks(markdown, file, rootDir = root) {
  const problems = [];
  for (const { line, target } of relativeLinks(markdown)) {
    const [targetPath, fragment] = target.split('#');
    const resolved =
      targetPath === ''
        ? path.join(rootDir, file)
        : path.resolve(path.dirname(path.join(rootDir, file)), targetPath);
    if (!fs.existsSync(resolved)) {
      problems.push({ line, message: `${file}:${line}: the link ${target} leads to no file` });
      continue;
    }
    if (fragment === undefined || !resolved.endsWith('.md')) continue;
    if (!headingIds(fs.readFileSync(resolved, 'utf8')).has(fragment)) {
      problems.push({
        line,
        message: `${file}:${line}: ${path.relative(rootDir, resolved)} has no heading #${fragment}`,
      });
    }
  }
  return problems;
}

/** The markdown files under docs/, as paths from `rootDir`, sorted. */
export function docsFiles(rootDir = root) {
  const docs = path.join(rootDir, 'docs');
  return fs
    .readdirSync(docs, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(rootDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** Reads a snippet's source from `rootDir`. */
export function sourceReader(rootDir = root) {
  return (relativePath) => {
    const file = path.join(rootDir, relativePath);
    if (!fs.existsSync(file)) throw new Error(`${relativePath} does not exist`);
    return fs.readFileSync(file, 'utf8');
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const readSource = sourceReader();
  let failed = false;
  for (const file of docsFiles()) {
    const markdown = fs.readFileSync(path.join(root, file), 'utf8');
    if (check) {
      for (const { message } of checkSnippets(markdown, readSource, file)) {
        console.error(message);
        failed = true;
      }
      continue;
    }
    const synced = syncSnippets(markdown, readSource);
    if (synced !== markdown) {
      fs.writeFileSync(path.join(root, file), synced);
      console.log(`sync-snippets: rewrote ${file}`);
    }
  }
  process.exit(failed ? 1 : 0);
}
