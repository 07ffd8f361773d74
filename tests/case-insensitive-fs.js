// A case-insensitive directory for the CaseSensitivePathsPlugin tests: on macOS and Windows a
// temp dir already is one; on Linux it is a FUSE mount of fixtures/case-insensitive-fs, a Rust
// helper that cargo builds here on first use (it needs no libfuse, and no system package as root).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cargoTargetDir, fsHelperManifest } from '../scripts/workspace.mjs';
import { repoRoot, tempDir } from './helpers.js';

/** What a mount needs that the system may lack, said in every error. */
const NEEDS =
  'It needs a /dev/fuse this user can open and, unless the tests run as root, the setuid ' +
  '`fusermount3` (Debian and Ubuntu: `apt-get install fuse3`).';

let helper;
/** The helper's executable, built (or found up to date) by cargo once per process. */
function helperBinary() {
  if (helper) return helper;
  const targetDir = cargoTargetDir();
  const cargo = spawnSync(
    'cargo',
    ['build', '--locked', '--manifest-path', fsHelperManifest, '--target-dir', targetDir],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (cargo.status !== 0) {
    throw new Error(
      `could not build the case-insensitive file system helper (cargo build --manifest-path ${fsHelperManifest})`,
    );
  }
  helper = path.join(targetDir, 'debug', 'case-insensitive-fs');
  return helper;
}

/**
 * Resolves when the helper says `mounted`; rejects with its error output when it exits first.
 */
function whenMounted(child, dir) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('mounted\n')) resolve();
    });
    const fail = (reason) =>
      reject(new Error(`could not mount a case-insensitive file system at ${dir} (${reason}). ${NEEDS}`));
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(stderr.trim() || `the helper exited with ${signal ?? code}`));
  });
}

/**
 * A new empty directory whose file names ignore case but keep it. Resolves with `{ dir,
 * unmount }`; `unmount()` ends the FUSE mount on Linux (the helper also ends it by itself when
 * this process exits, since its standard input closes). Fails with what the system lacks when it
 * cannot mount: the tests need it, they do not skip.
 */
export async function caseInsensitiveDir(prefix) {
  const root = await tempDir(prefix);
  if (process.platform !== 'linux') return { dir: root, unmount: async () => {} };

  const backing = path.join(root, 'backing');
  const dir = path.join(root, 'mount');
  await Promise.all([fs.mkdir(backing), fs.mkdir(dir)]);
  const child = spawn(helperBinary(), [backing, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await whenMounted(child, dir);
  return {
    dir,
    async unmount() {
      child.stdin.end();
      await exited;
    },
  };
}
