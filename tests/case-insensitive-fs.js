// A case-insensitive directory for the CaseSensitivePathsPlugin tests: on macOS and Windows a
// temp dir already is one; on Linux it is a FUSE mount of fixtures/case-insensitive-fs.py.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, tempDir } from './helpers.js';

const mountScript = path.join(repoRoot, 'tests/fixtures/case-insensitive-fs.py');
/** Debian's python3, which has the `fusepy` module (`apt-get install fuse3 python3-fusepy`). */
const python = '/usr/bin/python3';

const mounted = new Set();
process.on('exit', () => {
  for (const dir of mounted) spawnSync('fusermount3', ['-u', '-z', dir]);
});

/** Whether `dir` is itself a mount point (its device differs from its parent's). */
async function isMountPoint(dir) {
  const [own, parent] = await Promise.all([fs.stat(dir), fs.stat(path.dirname(dir))]);
  return own.dev !== parent.dev;
}

/**
 * A new empty directory whose file names ignore case but keep it. Resolves with `{ dir,
 * unmount }`; `unmount()` (also run when the process exits) ends the FUSE mount on Linux.
 * Fails with what to install when FUSE or fusepy is missing: the tests need it, not skip it.
 */
export async function caseInsensitiveDir(prefix) {
  const root = await tempDir(prefix);
  if (process.platform !== 'linux') return { dir: root, unmount: async () => {} };

  const backing = path.join(root, 'backing');
  const dir = path.join(root, 'mount');
  await Promise.all([fs.mkdir(backing), fs.mkdir(dir)]);
  const child = spawn(python, [mountScript, backing, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (error) => (stderr += error.message));

  for (let waited = 0; !(await isMountPoint(dir)); waited += 20) {
    if (child.exitCode !== null || child.signalCode !== null || waited > 10_000) {
      child.kill();
      throw new Error(
        `could not mount a case-insensitive file system at ${dir} (${stderr.trim() || 'timed out'}). ` +
          'It needs a /dev/fuse this user can open (root, or chmod 666) and `apt-get install fuse3 python3-fusepy`.',
      );
    }
    await sleep(20);
  }
  mounted.add(dir);
  return {
    dir,
    async unmount() {
      mounted.delete(dir);
      spawnSync('fusermount3', ['-u', '-z', dir]);
      await exited;
    },
  };
}
