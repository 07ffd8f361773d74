// Generates replace-table.json: what Node's String.prototype.replace returns for each case.
// The Rust engine must return the same. Run: node crates/js-regexp/tests/generate-replace-table.mjs
import fs from 'node:fs';

const text = [
  'const API_URL = "http://localhost:3000"; // TODO: fix',
  'const api_url = API_URL + "/v1";',
  'Ünïcödé — 日本語 😀 $dollar$ a.b.c',
  '',
].join('\n');

/** [search, replace]: search is a string or a RegExp. */
const cases = [
  ['API_URL', 'ENDPOINT'],
  ['', '>'],
  ['missing', 'x'],
  ['.', '!'],
  ['API_URL', '[$&|$$|$1|$<n>|$`]'],
  ['fix', "$'"],
  [/API_URL/, 'ENDPOINT'],
  [/API_URL/g, 'ENDPOINT'],
  [/api_url/gi, 'endpoint'],
  [/^const/gm, 'let'],
  [/^const/g, 'let'],
  [/TODO.*$/gm, ''],
  [/"(.*?)"/g, "'$1'"],
  [/"(?<url>[^"]+)"/g, '<$<url>>'],
  [/(?<a>a)|(?<b>b)/g, '[$<a>|$<b>]'],
  [/(\w+)_(\w+)/g, '$2_$1'],
  [/(\w)(\w)(\w)(\w)(\w)(\w)(\w)(\w)(\w)(\w)(\w)/, '$11-$10-$1-$01-$00-$0-$12'],
  [/(a)/g, '$2$1$'],
  [/./s, '#'],
  [/localhost.3000"; \/\/ TODO: fix.const/s, 'X'],
  [/c/y, 'C'],
  [/c/gy, 'C'],
  [/con/gy, 'CON'],
  [/\u{1F600}/u, ':)'],
  [/[😀]/gu, ':)'],
  [/\p{L}+/gu, 'w'],
  [/x*/gu, '-'],
  [/\b/g, '|'],
  [/(?:)/gu, '.'],
  [/é|ö/gi, 'E'],
  [/ÜNÏ/i, 'uni'],
  [/\$(\w+)\$/g, '$$$1$$'],
  [/(?<=\$)\w+/g, 'D'],
  [/\d+(?!\d)/g, 'N'],
  [/(?<year>\d)(?<rest>\d+)/, '$<rest>$<year>'],
  [/\s+/g, ' '],
];

const table = cases.map(([search, replace]) => ({
  search: search instanceof RegExp ? { source: search.source, flags: search.flags } : search,
  replace,
  expected: text.replace(search, replace),
}));

fs.writeFileSync(
  new URL('./replace-table.json', import.meta.url),
  `${JSON.stringify({ text, cases: table }, null, 2)}\n`,
);
