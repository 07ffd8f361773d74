// The dev servers, run for real with a native plugin and loader: `rspack-native dev` on the
// example app, and `rsbuild dev` through the register entry on the Rsbuild example. Each test
// serves on a free port of 127.0.0.1, fetches the page and its script, edits a source file,
// waits for the rebuild, sees the replaced new content, the updated manifest and the hot update
// that HMR would apply, then stops the server as Ctrl-C would and checks that no process is left.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { envWithoutBinding } from '../scripts/workspace.mjs';
import { repoRoot, tempDir } from './helpers.js';

/** Why the Ctrl-C check cannot run here, if it cannot. */
const NO_CTRL_C =
  process.platform === 'win32' &&
  'Windows has no SIGINT that one process can send another, nor process groups: the server is ended with taskkill';

/** A port that nothing listens on right now, on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Copies an example (its files, not its node_modules) to a temp dir, where it resolves its
 * packages through a link to the example's node_modules.
 */
async function copyApp(example) {
  const from = path.join(repoRoot, 'examples', example);
  const dir = await tempDir(`dev-${example}`);
  await fs.cp(from, dir, {
    recursive: true,
    filter: (source) => !/[\\/](node_modules|dist)$/.test(source),
  });
  // A junction on Windows, which needs no privilege there (the type is ignored elsewhere).
  await fs.symlink(path.join(from, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  return dir;
}

/**
 * Starts `args` (a Node command line) in `cwd`, in its own process group (not on Windows), and
 * waits until `http://127.0.0.1:<port>/` answers. Resolves with `{ url, stop, kill, output }`:
 * `stop()` interrupts the server as Ctrl-C would and resolves once every process of the group is
 * gone (not on Windows, see NO_CTRL_C); `kill()` ends the server and its processes at once.
 */
async function startServer(args, { cwd, port, env }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (data) => (output += data));
  child.stderr.on('data', (data) => (output += data));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const kill = async () => {
    if (process.platform === 'win32') {
      if (child.exitCode === null)
        spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
    } else if (groupAlive(child.pid)) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Gone in between.
      }
    }
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = await Promise.race([
      exited.then(() => 'exited'),
      fetch(url).then(
        (r) => r.status,
        () => 0,
      ),
    ]);
    if (status === 200) break;
    if (status === 'exited') assert.fail(`the dev server exited:\n${output}`);
    if (Date.now() > deadline) {
      await kill();
      assert.fail(`the dev server did not answer on ${url}:\n${output}`);
    }
    await delay(200);
  }
  const stop = async () => {
    process.kill(-child.pid, 'SIGINT');
    const result = await Promise.race([exited, delay(30_000).then(() => null)]);
    assert.ok(result, `the dev server stopped within 30 s after SIGINT:\n${output}`);
    // No process of the group may be left (a watcher, a worker process).
    for (let attempt = 0; groupAlive(child.pid); attempt++) {
      assert.ok(attempt < 50, 'every process of the dev server exited');
      await delay(100);
    }
    await assert.rejects(fetch(url), 'nothing listens on the port any more');
    return result;
  };
  return { url, stop, kill, output: () => output };
}

function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function fetchText(url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, `GET ${url}`);
  return response.text();
}

/** Fetches `url` until `check(text)` is true (the rebuild is done); resolves with the text. */
async function waitFor(url, check, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(url);
    const text = response.ok ? await response.text() : '';
    if (check(text)) return text;
    assert.ok(Date.now() < deadline, `${what} within 60 s; last GET ${url}:\n${text.slice(0, 500)}`);
    await delay(200);
  }
}

/** The compilation hash a bundle's runtime carries, which names its next hot update. */
const runtimeHash = (script) => script.match(/__webpack_require__\.h = \(\) => \(?"(\w+)"/)?.[1];

/** The `src` of each script the page loads, resolved against `base`. */
const scriptUrls = (html, base) =>
  [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map(([, src]) => new URL(src, base).href);

/**
 * The whole scenario against one server: `app` says where its files are, what the first build
 * shows, and what to edit. Checks HMR through the hot-update manifest that the edit produces.
 */
async function exercise(server, app) {
  const page = await fetchText(`${server.url}/`);
  const scripts = scriptUrls(page, server.url);
  assert.ok(scripts.length > 0, `the page loads scripts:\n${page}`);
  const bundles = await Promise.all(scripts.map(fetchText));
  assert.ok(
    bundles.some((text) => text.includes(app.before)),
    `a script shows ${app.before}`,
  );
  const runtime = bundles.map(runtimeHash).find(Boolean);
  assert.ok(runtime, 'the runtime names its compilation hash (HMR is on)');
  const manifest = JSON.parse(await fetchText(`${server.url}/manifest.json`));

  for (const [file, text] of Object.entries(app.edits)) await fs.writeFile(path.join(app.dir, file), text);

  const edited = await waitFor(
    app.editedScript(server.url),
    (text) => text.includes(app.after),
    `${app.after} is served`,
  );
  assert.ok(!edited.includes(app.marker), 'the loader replaced the new marker');
  const updated = await waitFor(
    `${server.url}/manifest.json`,
    (text) => text.length > 0 && Object.keys(JSON.parse(text)).length > Object.keys(manifest).length,
    'the manifest lists the new chunk',
  );
  // With source maps, the new chunk's map and the hot update's map are added too (the hot
  // update's map as rspack-manifest-plugin lists it: it leaves out hot updates but not their maps).
  const newChunk = JSON.parse(updated)[app.newManifestKey];
  assert.ok(
    newChunk && !(app.newManifestKey in manifest),
    `the manifest gained ${app.newManifestKey}:\n${updated}`,
  );
  await fetchText(new URL(newChunk, `${server.url}/`).href);
  // The update HMR applies in the browser: named by the hash of the build it updates.
  const hotUpdate = JSON.parse(await fetchText(`${server.url}/${app.hotUpdatePath(runtime)}`));
  assert.ok(Array.isArray(hotUpdate.c) && hotUpdate.c.length > 0, `the hot update lists changed chunks`);
}

describe('dev servers with native plugins', () => {
  test('rspack-native dev serves, rebuilds on an edit, updates the manifest and HMR', async (t) => {
    const dir = await copyApp('basic-app');
    const port = await freePort();
    await fs.writeFile(
      path.join(dir, 'dev.config.js'),
      `import { rspack } from '@rspack-native/core';
import { nativeConfig } from './rspack.config.js';
const config = nativeConfig({ mode: 'development', devtool: false, publicPath: '/' });
config.plugins.push(new rspack.HtmlRspackPlugin({ chunks: ['main'] }));
config.devServer = { host: '127.0.0.1', port: ${port}, hot: true };
// An edit can take more than one rebuild; cleaning would drop the first one's hot update.
config.output.clean = false;
export default config;
`,
    );
    const bin = path.join(repoRoot, 'packages/core/bin/rspack-native.js');
    const server = await startServer([bin, 'dev', '--config', 'dev.config.js'], {
      cwd: dir,
      port,
      env: envWithoutBinding(),
    });
    try {
      const shared = await fs.readFile(path.join(dir, 'src/shared.js'), 'utf8');
      await exercise(server, {
        dir,
        before: "version: '1.0.0'",
        marker: '__APP_ENV__',
        after: 'production, edited',
        edits: {
          'src/pages/notes.js': 'export const notes = [];\n',
          'src/shared.js': shared.replace(
            "env: '__APP_ENV__'",
            "env: '__APP_ENV__, edited' };\nexport const loadNotes = () => import(/* webpackChunkName: \"notes\" */ './pages/notes.js');\nconst unused = {",
          ),
        },
        editedScript: (url) => `${url}/js/shared.js`,
        newManifestKey: 'notes.js',
        hotUpdatePath: (hash) => `main.${hash}.hot-update.json`,
      });
      await t.test('and stops on Ctrl-C, leaving no process', { skip: NO_CTRL_C }, () => server.stop());
    } finally {
      await server.kill();
    }
  });

  test('rsbuild dev through the register entry does the same', async (t) => {
    const dir = await copyApp('rsbuild-app');
    const port = await freePort();
    const rsbuild = path.join(dir, 'node_modules/@rsbuild/core/bin/rsbuild.js');
    const args = [
      '--import',
      '@rspack-native/core/register',
      rsbuild,
      'dev',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ];
    const server = await startServer(args, { cwd: dir, port, env: envWithoutBinding() });
    try {
      await exercise(server, {
        dir,
        before: 'Hello, world',
        marker: '__GREETING_',
        after: 'Hello, edited',
        edits: {
          'src/later.js': 'export const later = 1;\n',
          'src/greeting.js':
            "export const greeting = '__GREETING_EDITED__';\nexport const loadLater = () => import(/* webpackChunkName: \"later\" */ './later.js');\n",
        },
        editedScript: (url) => `${url}/static/js/index.js`,
        newManifestKey: 'later.js',
        hotUpdatePath: (hash) => `index.${hash}.hot-update.json`,
      });
      await t.test('and stops on Ctrl-C, leaving no process', { skip: NO_CTRL_C }, () => server.stop());
    } finally {
      await server.kill();
    }
  });
});
