// The real npm code of the PGO training (scripts/pgo-train.mjs): popular libraries installed from
// the package registry at training time, and an app generated over them as real React apps are
// written: TSX components with types, hooks and CSS modules that import the libraries side by
// side, pages loaded lazily, services in TypeScript, a tsconfig path alias, and the libraries' own
// CSS with its fonts and images. Nothing here comes from rspack-contrib/build-tools-performance,
// whose apps the PGO build is evaluated on (bench/README.md, "PGO on real apps").
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { random } from '../bench/generate.mjs';

/**
 * The packages installed, at exact versions: React, UI kits, data, charts, text, maps and
 * polyfills; ES modules, CommonJS and UMD; with the peers they need.
 */
export const CORPUS_DEPENDENCIES = {
  '@apollo/client': '4.3.8',
  '@emotion/react': '11.14.0',
  '@emotion/styled': '11.14.1',
  '@fortawesome/fontawesome-free': '7.3.1',
  '@mui/material': '9.6.0',
  '@rspack/plugin-react-refresh': '2.0.2',
  bootstrap: '5.3.9',
  'chart.js': '4.6.2',
  'chroma-js': '3.3.0',
  classnames: '2.5.1',
  'core-js': '3.51.0',
  d3: '7.9.2',
  dompurify: '3.5.0',
  formik: '2.4.9',
  graphql: '16.15.0',
  'highlight.js': '11.12.0',
  immutable: '5.2.1',
  leaflet: '1.9.4',
  lodash: '4.18.1',
  luxon: '3.7.2',
  'markdown-it': '15.0.3',
  marked: '18.3.0',
  moment: '2.31.0',
  'normalize.css': '8.0.1',
  numeral: '2.0.6',
  qs: '6.17.1',
  ramda: '0.32.0',
  react: '19.3.1',
  'react-bootstrap': '2.10.10',
  'react-datepicker': '9.1.0',
  'react-dom': '19.3.1',
  'react-markdown': '10.1.0',
  'react-redux': '9.3.1',
  'react-refresh': '0.19.0',
  'react-select': '5.10.2',
  recharts: '3.11.3',
  redux: '5.0.1',
  rxjs: '7.8.2',
  'socket.io-client': '4.8.4',
  'styled-components': '6.6.0',
  uuid: '14.0.3',
  validator: '13.15.35',
  yup: '1.7.1',
};

/**
 * What components import: a specifier and either named exports, its default export, or the
 * whole namespace (which keeps every export, as `import * as d3` does in real apps).
 */
export const LIBRARY_IMPORTS = [
  { from: '@mui/material', named: ['Button', 'TextField', 'Dialog', 'Card', 'Typography'] },
  { from: '@mui/material/styles', named: ['createTheme', 'ThemeProvider'] },
  { from: '@emotion/react', named: ['css', 'keyframes'] },
  { from: '@emotion/styled', default: true },
  { from: 'react-bootstrap', named: ['Container', 'Row', 'Col', 'Navbar', 'Modal'] },
  { from: 'react-select', default: true },
  { from: 'react-datepicker', default: true },
  { from: 'recharts', named: ['LineChart', 'Line', 'XAxis', 'YAxis', 'Tooltip'] },
  { from: 'react-markdown', default: true },
  { from: 'styled-components', default: true },
  { from: 'formik', named: ['Formik', 'Form', 'Field', 'useFormik'] },
  { from: 'yup', namespace: true },
  { from: 'redux', named: ['combineReducers', 'compose', 'legacy_createStore'] },
  { from: 'react-redux', named: ['Provider', 'useSelector', 'useDispatch'] },
  { from: '@apollo/client', named: ['ApolloClient', 'InMemoryCache', 'gql'] },
  { from: 'graphql', named: ['parse', 'print', 'buildSchema'] },
  { from: 'lodash', default: true },
  { from: 'lodash/debounce', default: true },
  { from: 'moment', default: true },
  { from: 'ramda', namespace: true },
  { from: 'immutable', named: ['Map', 'List', 'fromJS'] },
  { from: 'uuid', named: ['v4'] },
  { from: 'classnames', default: true },
  { from: 'luxon', named: ['DateTime', 'Duration'] },
  { from: 'qs', default: true },
  { from: 'numeral', default: true },
  { from: 'validator', default: true },
  { from: 'chroma-js', default: true },
  { from: 'chart.js', named: ['Chart', 'registerables'] },
  { from: 'd3', namespace: true },
  { from: 'highlight.js', default: true },
  { from: 'marked', named: ['marked'] },
  { from: 'markdown-it', default: true },
  { from: 'dompurify', default: true },
  { from: 'leaflet', namespace: true },
  { from: 'socket.io-client', named: ['io'] },
  { from: 'rxjs', named: ['Observable', 'map', 'filter'] },
];

/** The libraries' stylesheets the entry imports (with their fonts and images). */
export const GLOBAL_STYLES = [
  'normalize.css',
  'bootstrap/dist/css/bootstrap.css',
  'leaflet/dist/leaflet.css',
  '@fortawesome/fontawesome-free/css/all.css',
  'react-datepicker/dist/react-datepicker.css',
  'highlight.js/styles/github.css',
];

/** The app's size: components (10 to a folder), pages, shared modules and services. */
export const APP_SHAPE = { components: 1500, pages: 50, shared: 40, services: 40 };

/**
 * Installs the corpus's dependencies into `dir` with npm (which comes with Node), from the
 * registry npm is configured for; throws with npm's output when it fails.
 */
export function installCorpus(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { name: 'pgo-corpus', private: true, dependencies: CORPUS_DEPENDENCIES };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  // Peers are listed above: npm's own resolution of them would refuse the graph over ranges that
  // do not matter to a build.
  const args = [
    'install',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    '--legacy-peer-deps',
    '--no-package-lock',
  ];
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, args, { cwd: dir, encoding: 'utf8', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    throw new Error(`pgo-corpus: npm ${args.join(' ')} failed in ${dir}:\n${result.stderr || result.error}`);
  }
}

/** The import line and the local names of one library import, bound as `lib<n>` names. */
function libraryImport(library, n) {
  if (library.default) return { line: `import lib${n} from '${library.from}';`, names: [`lib${n}`] };
  if (library.namespace) return { line: `import * as lib${n} from '${library.from}';`, names: [`lib${n}`] };
  const names = library.named.map((name) => `lib${n}_${name}`);
  const specifiers = library.named.map((name, i) => `${name} as ${names[i]}`).join(', ');
  return { line: `import { ${specifiers} } from '${library.from}';`, names };
}

/** A component: typed props, an enum, a generic helper, hooks, a CSS module and libraries. */
function component(n, { libraries, shared, service }) {
  const imports = libraries.map((library, i) => libraryImport(library, `${n}x${i}`));
  return `import { useCallback, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import * as styles from './Widget${n}.module.css';
import { Shared${shared} } from '@/shared/Shared${shared}';
import { Service${service}, type Record${service} } from '@/services/Service${service}';
${imports.map((entry) => entry.line).join('\n')}

/** One row of the widget's list. */
interface Item${n} {
  id: number;
  label: string;
  tags?: readonly string[];
}

export interface Widget${n}Props {
  title: string;
  items: ReadonlyArray<Item${n}>;
  onSelect?: (id: number) => void;
  children?: ReactNode;
}

enum Mode${n} {
  List = 'list',
  Grid = 'grid',
}

function rank${n}<T extends { id: number }>(items: readonly T[], by: keyof T): T[] {
  return [...items].sort((a, b) => String(a[by]).localeCompare(String(b[by])) || a.id - b.id);
}

const libraries${n}: readonly unknown[] = [${imports.flatMap((entry) => entry.names).join(', ')}];

export default function Widget${n}({ title, items, onSelect, children }: Widget${n}Props) {
  const [mode, setMode] = useState<Mode${n}>(Mode${n}.List);
  const [selected, setSelected] = useState<number | null>(null);
  const sorted = useMemo(() => rank${n}(items, 'label'), [items]);
  const records: Record${service}[] = useMemo(() => new Service${service}().load(sorted.length), [sorted]);
  const select = useCallback(
    (id: number) => {
      setSelected(id);
      onSelect?.(id);
    },
    [onSelect],
  );
  return (
    <section className={styles.root} data-mode={mode} data-libraries={libraries${n}.length}>
      <h2 className={selected === null ? styles.title : styles.active}>{title}</h2>
      <button type="button" onClick={() => setMode(mode === Mode${n}.List ? Mode${n}.Grid : Mode${n}.List)}>
        {mode === Mode${n}.List ? 'Grid' : 'List'}
      </button>
      <ul className={styles.list}>
        {sorted.map((item) => (
          <li key={item.id} onClick={() => select(item.id)}>
            {item.label} {item.tags?.join(', ') ?? ''}
          </li>
        ))}
      </ul>
      <Shared${shared} value={records.length} />
      {children}
    </section>
  );
}
`;
}

/** A component's CSS module. */
function componentStyles(n) {
  const hue = (n * 37) % 360;
  return `.root {
  display: grid;
  gap: ${4 + (n % 5)}px;
  padding: 0.5rem 1rem;
  border: 1px solid hsl(${hue} 40% 80%);
}

.title {
  color: hsl(${hue} 60% 30%);
  font-size: ${1 + (n % 4) / 10}rem;
}

.active {
  composes: title;
  text-decoration: underline;
}

.list > li:hover {
  background: hsl(${hue} 80% 95%);
}

@media (max-width: 600px) {
  .root {
    grid-template-columns: 1fr;
  }
}
`;
}

/** A shared presentational module, reached through the tsconfig alias `@/`. */
function sharedModule(n) {
  return `export interface Shared${n}Props {
  value: number;
}

export function Shared${n}({ value }: Shared${n}Props) {
  return <output aria-label="shared-${n}">{value.toFixed(${n % 3})}</output>;
}
`;
}

/** A service in plain TypeScript: a class with generics, a type export and an abstract base. */
function serviceModule(n) {
  return `export type Record${n} = { readonly id: number; value: string; createdAt: Date };

abstract class Store${n}<T extends { id: number }> {
  protected readonly items = new Map<number, T>();
  abstract create(id: number): T;
  load(count: number): T[] {
    for (let id = 0; id < count; id++) if (!this.items.has(id)) this.items.set(id, this.create(id));
    return [...this.items.values()];
  }
}

export class Service${n} extends Store${n}<Record${n}> {
  create(id: number): Record${n} {
    return { id, value: \`service-${n}-\${id}\`, createdAt: new Date(${n} * 1000 + id) };
  }
}
`;
}

/** A page: a lazily loaded chunk of components. */
function page(n, widgets) {
  const imports = widgets.map((w) => `import Widget${w} from '@/features/${folderOf(w)}/Widget${w}';`);
  const items = `[{ id: 1, label: 'one' }, { id: 2, label: 'two', tags: ['a'] }]`;
  return `${imports.join('\n')}

export default function Page${n}() {
  return (
    <main>
${widgets.map((w) => `      <Widget${w} title="Widget ${w}" items={${items}} />`).join('\n')}
    </main>
  );
}
`;
}

/** A component's folder under src/features: ten components to a folder, two levels deep. */
const folderOf = (n) => `area${Math.floor(n / 100)}/group${Math.floor(n / 10)}`;

/** The entry: polyfills, the libraries' styles, and a router of lazy pages. */
function entry(pages) {
  return `import 'core-js/stable';
${GLOBAL_STYLES.map((style) => `import '${style}';`).join('\n')}
import { lazy, StrictMode, Suspense, useState } from 'react';
import { createRoot } from 'react-dom/client';

const pages = [
${Array.from({ length: pages }, (_, n) => `  lazy(() => import('./pages/Page${n}')),`).join('\n')}
];

function App() {
  const [current, setCurrent] = useState(0);
  const Page = pages[current];
  return (
    <StrictMode>
      <nav>
        {pages.map((_, n) => (
          <button key={n} type="button" onClick={() => setCurrent(n)}>
            {n}
          </button>
        ))}
      </nav>
      <Suspense fallback={<p>Loading…</p>}>
        <Page />
      </Suspense>
    </StrictMode>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`;
}

/**
 * Writes the app into `dir` (where `installCorpus` installed its dependencies), the same for the
 * same seed. Returns the file a watch session edits.
 */
export function generateCorpusApp(dir, seed = 21) {
  const rand = random(seed);
  const pick = (n) => Math.floor(rand() * n);
  const write = (file, content) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  const { components, pages, shared, services } = APP_SHAPE;
  for (let n = 0; n < components; n++) {
    const libraries = [
      LIBRARY_IMPORTS[n % LIBRARY_IMPORTS.length],
      LIBRARY_IMPORTS[pick(LIBRARY_IMPORTS.length)],
    ];
    const options = { libraries, shared: pick(shared), service: pick(services) };
    write(`src/features/${folderOf(n)}/Widget${n}.tsx`, component(n, options));
    write(`src/features/${folderOf(n)}/Widget${n}.module.css`, componentStyles(n));
  }
  for (let n = 0; n < shared; n++) write(`src/shared/Shared${n}.tsx`, sharedModule(n));
  for (let n = 0; n < services; n++) write(`src/services/Service${n}.ts`, serviceModule(n));
  const perPage = components / pages;
  for (let n = 0; n < pages; n++) {
    write(
      `src/pages/Page${n}.tsx`,
      page(
        n,
        Array.from({ length: perPage }, (_, i) => n * perPage + i),
      ),
    );
  }
  write('src/index.tsx', entry(pages));
  write('index.html', '<!doctype html>\n<html>\n<body>\n<div id="root"></div>\n</body>\n</html>\n');
  const tsconfig = {
    compilerOptions: { jsx: 'react-jsx', strict: true, baseUrl: '.', paths: { '@/*': ['./src/*'] } },
    include: ['src'],
  };
  write('tsconfig.json', `${JSON.stringify(tsconfig, null, 2)}\n`);
  return path.join(dir, 'src', 'features', folderOf(0), 'Widget0.tsx');
}

/**
 * The corpus app's configuration for `mode`, as a React app built with Rspack sets it up:
 * `builtin:swc-loader` for TypeScript and JSX (React Refresh in development), native CSS with
 * CSS modules, assets, the HTML page. `core` is `@rspack-native/core`.
 */
export function corpusConfig(core, { dir, outDir, mode, devtool }) {
  const development = mode === 'development';
  const plugins = [new core.HtmlRspackPlugin({ template: path.join(dir, 'index.html') })];
  if (development) {
    const { ReactRefreshRspackPlugin } = createRequire(path.join(dir, 'package.json'))(
      '@rspack/plugin-react-refresh',
    );
    plugins.push(new ReactRefreshRspackPlugin());
  }
  return {
    mode,
    context: dir,
    entry: './src/index.tsx',
    devtool: devtool ?? (development ? 'cheap-module-source-map' : false),
    target: ['web', 'es2020'],
    output: { path: outDir, clean: true },
    resolve: {
      extensions: ['...', '.tsx', '.ts', '.jsx'],
      tsConfig: path.join(dir, 'tsconfig.json'),
    },
    module: {
      rules: [
        {
          test: /\.[jt]sx?$/,
          exclude: /node_modules/,
          loader: 'builtin:swc-loader',
          options: {
            detectSyntax: 'auto',
            jsc: { transform: { react: { runtime: 'automatic', development, refresh: development } } },
          },
        },
        { test: /\.css$/, type: 'css/auto' },
        { test: /\.(png|svg|gif|jpe?g|woff2?|ttf|eot)$/, type: 'asset' },
      ],
    },
    plugins,
    infrastructureLogging: { level: 'error' },
  };
}
