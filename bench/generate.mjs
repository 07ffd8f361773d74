#!/usr/bin/env node
// Generates a large, realistic app for the benchmarks, deterministically from a seed:
// ES modules, CommonJS, CSS, JSON and images in a layered import graph (depth, shared utility
// modules imported from many places, dynamic imports that make async chunks), and fake
// `node_modules` packages with package.json and LICENSE files that import each other.
// Every ES module carries `__APP_VERSION__`/`__BUILD_TARGET__` markers for the replace loaders.
// Two shapes of source tree: `deep` (the default) nests directories as real apps do, 10 files and
// up to 10 subdirectories to a directory (10,000 modules fill 1,000 directories, three levels
// below src/);
// `flat` puts 20 modules in each of one level of feature folders.
// A third shape, `react`, is another app: the import shape of the React app `cases/react-10k` of
// rspack-contrib/build-tools-performance, where every module imports the same few packages next
// to its relative imports (generateReactApp below; `--packages` does not apply to it).
//
// Usage: node bench/generate.mjs --out <dir> [--modules 5000] [--packages 40] [--seed 1] [--shape deep|flat|react]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** mulberry32: a small, fast PRNG, so that the same seed gives the same app everywhere. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LICENSE = (name, year) => `MIT License

Copyright (c) ${year} The ${name} authors

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
`;

/** A small file with a PNG signature and header, different for every `n` (assets are copied as they are). */
function png(n) {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077', 'hex');
  const body = Buffer.from(`${n}`.padStart(8, '0'));
  return Buffer.concat([header, body]);
}

/**
 * The file kinds of the app's modules, with their share of the total. The rest are ES modules.
 * CSS, JSON and images are leaves: JavaScript imports CSS and JSON, CSS references the images.
 */
const KIND_SHARES = [
  ['cjs', 0.15],
  ['css', 0.08],
  ['json', 0.07],
  ['image', 0.05],
];

/** The source tree shapes: the folder (under src/) of module `i`. */
const SHAPES = {
  // Directory k of a complete 10-ary tree, numbered breadth first (its children are 10k+1 …
  // 10k+10), holds modules 10k … 10k+9: src/d3/d1/d4/m00345.js
  deep: (i) => {
    const names = [];
    for (let k = Math.floor(i / 10); k > 0; k = Math.floor((k - 1) / 10)) names.unshift(`d${(k - 1) % 10}`);
    return names.join('/');
  },
  // 20 modules a folder, in feature folders: src/f012/m00243.js
  flat: (i) => `f${String(Math.floor(i / 20)).padStart(3, '0')}`,
  // react-10k's tree: the same 10-ary tree of folders, 9 modules to a folder (generateReactApp).
  react: (i) => SHAPES.deep(Math.floor(i / 9) * 10),
};

/**
 * Writes the app into `out` (which must not exist or be empty).
 * @param {{ out: string, modules?: number, packages?: number, seed?: number, shape?: keyof SHAPES }} options
 * @returns {{ modules: number, packages: number, files: number }}
 */
export function generateApp({ out, modules = 5000, packages = 40, seed = 1, shape = 'deep' }) {
  if (!Number.isInteger(modules) || modules < 10)
    throw new Error(`generate: --modules must be an integer ≥ 10, got ${modules}`);
  if (!Number.isInteger(packages) || packages < 1)
    throw new Error(`generate: --packages must be an integer ≥ 1, got ${packages}`);
  if (!(shape in SHAPES))
    throw new Error(`generate: --shape must be one of ${Object.keys(SHAPES).join(', ')}, got ${shape}`);
  if (shape === 'react') return generateReactApp({ out, modules, seed });
  const folder = SHAPES[shape];
  const rand = random(seed);
  const pick = (n) => Math.floor(rand() * n);
  fs.rmSync(out, { recursive: true, force: true });
  let files = 0;
  const write = (file, content) => {
    const full = path.join(out, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    files++;
  };

  // Kinds, in a deterministic shuffle; module 0 is the entry and always an ES module.
  const kinds = Array.from({ length: modules }, () => 'esm');
  let next = 1;
  for (const [kind, share] of KIND_SHARES) {
    for (let i = 0; i < Math.round(modules * share) && next < modules; i++) kinds[next++] = kind;
  }
  for (let i = modules - 1; i > 1; i--) {
    const j = 1 + pick(i);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const extension = { esm: 'js', cjs: 'cjs', css: 'css', json: 'json', image: 'png' };
  const file = (i) =>
    path.posix.join('src', folder(i), `m${String(i).padStart(5, '0')}.${extension[kinds[i]]}`);
  const relative = (from, to) => {
    const spec = path.posix.relative(path.posix.dirname(file(from)), file(to));
    return spec.startsWith('.') ? spec : `./${spec}`;
  };
  // Shared utilities: the last 2% of the JavaScript modules, imported from many (only earlier
  // modules import them, so the graph stays acyclic).
  const javascript = kinds.flatMap((kind, i) => (i > 0 && (kind === 'esm' || kind === 'cjs') ? [i] : []));
  const shared = new Set(javascript.slice(-Math.max(2, Math.round(javascript.length * 0.02))));

  // Packages: a chain of dependencies so that some import others.
  const packageNames = Array.from({ length: packages }, (_, k) =>
    k % 4 === 0 ? `@bench/pkg-${k}` : `bench-pkg-${k}`,
  );
  packageNames.forEach((name, k) => {
    const dir = `node_modules/${name}`;
    const dependency = k + 1 < packages && k % 3 === 0 ? packageNames[k + 1] : undefined;
    write(
      `${dir}/package.json`,
      `${JSON.stringify(
        {
          name,
          version: `${1 + (k % 5)}.${k % 7}.${k % 3}`,
          license: k % 5 === 4 ? 'Apache-2.0' : 'MIT',
          main: 'index.js',
          sideEffects: false,
          ...(dependency ? { dependencies: { [dependency]: '*' } } : {}),
        },
        null,
        2,
      )}\n`,
    );
    write(`${dir}/LICENSE`, LICENSE(name, 2015 + (k % 10)));
    const imports = dependency
      ? `import { value as dependency } from '${dependency}';\n`
      : 'const dependency = 0;\n';
    write(
      `${dir}/index.js`,
      `${imports}export const name = '${name}';\nexport function value(x) {\n  return x * ${k + 2} + dependency.length;\n}\n` +
        `export function describe() {\n  return \`\${name} at ${k}\`;\n}\n`,
    );
  });

  // The graph. A JavaScript module imports 1–4 of the next 60 modules (a DAG, so the graph has
  // depth), sometimes a shared utility and a package; every 40th also has a dynamic import (an
  // async chunk). Then every module nobody imports yet gets an importer just before it, so the
  // whole app is reachable from the entry.
  const isJavaScript = (i) => kinds[i] === 'esm' || kinds[i] === 'cjs';
  const targetsOf = new Map();
  const dynamicOf = new Map();
  const imported = new Set([0]);
  for (let i = 0; i < modules; i++) {
    if (!isJavaScript(i)) continue;
    const later = modules - i - 1;
    const targets = new Set();
    const count = later === 0 ? 0 : 1 + pick(Math.min(4, later));
    for (let c = 0; c < count; c++) {
      const target = i + 1 + pick(Math.min(later, 60));
      if (kinds[target] !== 'image') targets.add(target);
    }
    if (shared.size && !shared.has(i) && rand() < 0.5) targets.add([...shared][pick(shared.size)]);
    if (i % 40 === 0 && later > 0) {
      const target = i + 1 + pick(later);
      if (kinds[target] !== 'css' && kinds[target] !== 'image') {
        targets.delete(target);
        dynamicOf.set(i, target);
        imported.add(target);
      }
    }
    targetsOf.set(i, targets);
    for (const target of targets) imported.add(target);
  }
  // Images are referenced from CSS only, as in most apps, spread over the stylesheets.
  const stylesheets = kinds.flatMap((kind, i) => (kind === 'css' ? [i] : []));
  const imagesOf = new Map(stylesheets.map((i) => [i, []]));
  kinds.forEach((kind, j) => {
    if (kind === 'image') imagesOf.get(stylesheets[j % stylesheets.length]).push(j);
  });
  for (let j = 1; j < modules; j++) {
    if (imported.has(j) || kinds[j] === 'image') continue;
    let importer = j - 1 - pick(Math.min(j, 5));
    while (!isJavaScript(importer)) importer--;
    targetsOf.get(importer).add(j);
  }

  for (let i = 0; i < modules; i++) {
    const kind = kinds[i];
    if (kind === 'css') {
      const background = imagesOf
        .get(i)
        .map((image) => `  background-image: url(${relative(i, image)});\n`)
        .join('');
      write(
        file(i),
        `.c${i} {\n  color: #${String(i % 999).padStart(3, '0')};\n  padding: ${i % 17}px;\n${background}}\n.c${i}:hover {\n  opacity: 0.${(i % 9) + 1};\n}\n`,
      );
      continue;
    }
    if (kind === 'json') {
      write(
        file(i),
        `${JSON.stringify({ id: i, label: `item ${i}`, tags: ['a', 'b', String(i % 13)] }, null, 2)}\n`,
      );
      continue;
    }
    if (kind === 'image') {
      write(file(i), png(i));
      continue;
    }
    const targets = targetsOf.get(i);
    const dynamicTarget = dynamicOf.get(i);
    const packageName = rand() < 0.3 ? packageNames[pick(packages)] : undefined;
    const lines = [];
    const uses = [];
    if (kind === 'esm') {
      for (const [n, target] of [...targets].entries()) {
        if (kinds[target] === 'css') lines.push(`import '${relative(i, target)}';`);
        else {
          lines.push(`import d${n} from '${relative(i, target)}';`);
          uses.push(`d${n}`);
        }
      }
      if (packageName) {
        lines.push(`import { value as pkg } from '${packageName}';`);
        uses.push('pkg(1)');
      }
      lines.push(`const VERSION = '__APP_VERSION__';`, `const TARGET = '__BUILD_TARGET__';`);
      if (dynamicTarget !== undefined && kinds[dynamicTarget] !== 'css') {
        lines.push(`export function load${i}() {`, `  return import('${relative(i, dynamicTarget)}');`, '}');
      }
      lines.push(
        `export function run${i}(input) {`,
        `  const parts = [${uses.join(', ')}];`,
        `  return { id: ${i}, version: VERSION, target: TARGET, size: parts.length + String(input).length };`,
        '}',
        `export default { id: ${i}, run: run${i} };`,
      );
    } else {
      for (const [n, target] of [...targets].entries()) {
        if (kinds[target] === 'css') continue;
        lines.push(`const d${n} = require('${relative(i, target)}');`);
        uses.push(`d${n}`);
      }
      if (packageName) {
        lines.push(`const pkg = require('${packageName}');`);
        uses.push('pkg.name');
      }
      lines.push(
        `module.exports = {`,
        `  id: ${i},`,
        `  version: '__APP_VERSION__',`,
        `  run(input) {`,
        `    return [${uses.join(', ')}].length + String(input).length;`,
        '  },',
        '};',
      );
    }
    write(file(i), `${lines.join('\n')}\n`);
  }
  write('src/index.js', `import app from '../${file(0)}';\nconsole.log(app.run('start'));\n`);
  write(
    'package.json',
    `${JSON.stringify({ name: 'bench-app', private: true, version: '1.0.0' }, null, 2)}\n`,
  );
  return { modules, packages, files };
}

/**
 * The packages of the `react` shape, stand-ins for those of react-10k: `react` (imported by its
 * bare name and, through the automatic JSX runtime, as `react/jsx-runtime`), `@iconify/react`
 * (imported as `@iconify/react/dist/offline`, a path its `exports` map) and
 * `@iconify-icons/material-symbols` (one flat folder of 14,838 icons, `.js` and `.d.ts` each,
 * from which every module imports its own icon by file name).
 */
const REACT_PACKAGES = {
  react: 'bench-react',
  iconComponent: '@bench/icon-react',
  icons: '@bench/icons',
};
/** Icons in the icon package, as in @iconify-icons/material-symbols 1.2.58. */
const ICONS = 14838;
const ICON_WORDS = `
  add alarm arrow battery bolt book calendar camera chat check
  cloud code contact credit dashboard delete done download edit email
  event face favorite filter flag folder home image info label
  language light list lock map menu mic music notifications palette
  people phone photo print receipt search settings share star wifi
`
  .trim()
  .split(/\s+/);
const ICON_STYLES = ['', '-outline', '-rounded', '-sharp', '-outline-rounded', '-outline-sharp'];
/** Icon `k`'s file name without extension, unique for k < 15,000: `phone-list-outline-sharp`. */
function iconName(k) {
  const words = ICON_WORDS.length;
  return `${ICON_WORDS[k % words]}-${ICON_WORDS[Math.floor(k / words) % words]}${ICON_STYLES[Math.floor(k / words ** 2)]}`;
}

/**
 * The `react` shape: what a resolver-bound plugin sees of build-tools-performance's react-10k
 * (10,000 JSX modules; the numbers are in bench/README.md). `src/index.js` is one of the
 * `modules`, as react-10k's `index.jsx` is; the others fill the folders of a 10-ary tree breadth
 * first, 9 to a folder, so 10,000 modules make react-10k's tree: 1,111 folders, three levels below
 * `src/`. Module j of a folder imports the 9 modules of its subfolder `d<j>`, the last module those
 * of `d8` and `d9`; the entry imports the first module of `src/` and the other 8 with `import()`.
 * Every module also imports `bench-react`, `bench-react/jsx-runtime` (written out: react-10k's
 * `swc-loader` adds it, and the bench runs no JSX transform), `@bench/icon-react/dist/offline` and
 * its own icon from `@bench/icons`, a different one for each module (from the seed): 4 package
 * imports to 1 relative one. All modules are ES modules carrying the replace loaders' markers.
 * @param {{ out: string, modules: number, seed: number }} options
 * @returns {{ modules: number, packages: number, files: number }}
 */
function generateReactApp({ out, modules, seed }) {
  const rand = random(seed);
  fs.rmSync(out, { recursive: true, force: true });
  let files = 0;
  const made = new Set();
  const write = (file, content) => {
    const dir = path.join(out, path.dirname(file));
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    fs.writeFileSync(path.join(out, file), content);
    files++;
  };
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const { react, iconComponent, icons } = REACT_PACKAGES;

  write(
    `node_modules/${react}/package.json`,
    json({
      name: react,
      version: '19.2.5',
      license: 'MIT',
      main: 'index.js',
      exports: {
        '.': './index.js',
        './jsx-runtime': './jsx-runtime.js',
        './package.json': './package.json',
      },
    }),
  );
  write(`node_modules/${react}/LICENSE`, LICENSE(react, 2013));
  write(
    `node_modules/${react}/index.js`,
    `export const version = '19.2.5';\nexport const Fragment = Symbol.for('react.fragment');\n` +
      `export function createElement(type, props, ...children) {\n  return { type, props: { ...props, children } };\n}\n` +
      'export default { version, Fragment, createElement };\n',
  );
  write(
    `node_modules/${react}/jsx-runtime.js`,
    `import { Fragment } from './index.js';\nexport { Fragment };\n` +
      'export function jsx(type, props) {\n  return { type, props };\n}\nexport const jsxs = jsx;\n',
  );

  const entryPoint = (file) => ({ import: file, default: file });
  write(
    `node_modules/${iconComponent}/package.json`,
    json({
      name: iconComponent,
      version: '6.0.2',
      license: 'MIT',
      type: 'module',
      main: 'dist/iconify.js',
      exports: {
        '.': entryPoint('./dist/iconify.js'),
        './offline': entryPoint('./dist/offline.js'),
        './dist/offline': entryPoint('./dist/offline.js'),
        './*': './*',
      },
      peerDependencies: { [react]: '>=16' },
    }),
  );
  write(`node_modules/${iconComponent}/LICENSE`, LICENSE(iconComponent, 2021));
  const component = (kind) =>
    `import { createElement } from '${react}';\nexport function Icon(props) {\n` +
    `  return createElement('svg', { mode: '${kind}', viewBox: \`0 0 \${props.icon.width} \${props.icon.height}\`, body: props.icon.body });\n}\n`;
  write(`node_modules/${iconComponent}/dist/iconify.js`, component('online'));
  write(`node_modules/${iconComponent}/dist/offline.js`, component('offline'));

  // The icon package, as @iconify-icons/material-symbols is: no LICENSE file, no `exports`.
  write(
    `node_modules/${icons}/package.json`,
    json({ name: icons, version: '1.2.58', type: 'module', license: 'Apache-2.0' }),
  );
  write(`node_modules/${icons}/README.md`, `# ${icons}\n\nOne file for each icon.\n`);
  for (let k = 0; k < ICONS; k++) {
    write(
      `node_modules/${icons}/${iconName(k)}.js`,
      `const data = {\n\t"width": 24,\n\t"height": 24,\n\t"body": "<path fill=\\"currentColor\\" d=\\"M${k % 24} ${(k >> 3) % 24}h4v-1h-4v1Zm-5 3V1h14v22H5Z\\"/>"\n};\nexport default data;\n`,
    );
    write(
      `node_modules/${icons}/${iconName(k)}.d.ts`,
      "import type { IconifyIcon } from '@iconify/types';\ndeclare const data: IconifyIcon;\nexport default data;\n",
    );
  }
  // Which icon each module imports: a shuffle of them all, so no two modules share one (below
  // 14,838 modules).
  const order = Array.from({ length: ICONS }, (_, k) => k);
  for (let k = ICONS - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }

  const tree = modules - 1;
  const file = (t) => path.posix.join('src', SHAPES.react(t), `m${String(t).padStart(5, '0')}.js`);
  const relative = (from, to) => {
    const spec = path.posix.relative(path.posix.dirname(from), file(to));
    return spec.startsWith('.') ? spec : `./${spec}`;
  };
  /** The modules of folder `k` (breadth-first), those that exist. */
  const inFolder = (k) => Array.from({ length: 9 }, (_, j) => 9 * k + j).filter((t) => t < tree);
  for (let t = 0; t < tree; t++) {
    const [k, j] = [Math.floor(t / 9), t % 9];
    const children = (j === 8 ? [10 * k + 9, 10 * k + 10] : [10 * k + 1 + j]).flatMap(inFolder);
    const lines = [
      `import React from '${react}';`,
      `import { jsx } from '${react}/jsx-runtime';`,
      `import I from '${icons}/${iconName(order[t % ICONS])}.js';`,
      `import { Icon } from '${iconComponent}/dist/offline';`,
      ...children.map((child, n) => `import C${n} from '${relative(file(t), child)}';`),
      `const VERSION = '__APP_VERSION__';`,
      `const TARGET = '__BUILD_TARGET__';`,
      'function Component() {',
      '  return jsx(React.Fragment, {',
      `    id: ${t},`,
      '    version: VERSION,',
      '    target: TARGET,',
      `    children: [jsx(Icon, { icon: I })${children.map((_, n) => `, jsx(C${n}, {})`).join('')}],`,
      '  });',
      '}',
      'export default Component;',
    ];
    write(file(t), `${lines.join('\n')}\n`);
  }
  const pages = inFolder(0).slice(1);
  write(
    'src/index.js',
    [
      `import App from '${relative('src/index.js', 0)}';`,
      `import React from '${react}';`,
      `import { jsx } from '${react}/jsx-runtime';`,
      ...pages.map((page) => `const Page${page} = () => import('${relative('src/index.js', page)}');`),
      `console.log(jsx(React.Fragment, { children: [jsx(App, {})] }), [${pages.map((page) => `Page${page}`).join(', ')}].length);`,
      '',
    ].join('\n'),
  );
  write('package.json', json({ name: 'bench-app', private: true, version: '1.0.0' }));
  return { modules, packages: Object.keys(REACT_PACKAGES).length, files };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      modules: { type: 'string', default: '5000' },
      packages: { type: 'string', default: '40' },
      seed: { type: 'string', default: '1' },
      shape: { type: 'string', default: 'deep' },
    },
  });
  if (!values.out) {
    console.error(
      'Usage: node bench/generate.mjs --out <dir> [--modules 5000] [--packages 40] [--seed 1] [--shape deep|flat|react]',
    );
    process.exit(2);
  }
  try {
    const result = generateApp({
      out: path.resolve(values.out),
      modules: Number(values.modules),
      packages: Number(values.packages),
      seed: Number(values.seed),
      shape: values.shape,
    });
    console.log(
      `[bench] generated ${result.modules} modules (${values.shape}), ${result.packages} packages (${result.files} files) in ${values.out}`,
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
