// Times the rebuilds of a compiler in watch mode, for `pnpm bench`'s dev-rebuild variants,
// `pnpm bench:app --modes rebuild` and the watch sessions of the PGO training: after each build
// it edits one module, so that the watcher starts the next, until it has timed the rebuilds it
// was asked for.
import fs from 'node:fs';
import { median } from './stats.mjs';

/** The plugin's name in Rspack's hooks and in its errors. */
const NAME = 'RebuildTimerPlugin';

/** How many rebuilds a build times unless told otherwise. */
export const DEFAULT_REBUILDS = 9;

/** Ends the process with `message`, as an error of the plugin. */
function fail(message) {
  console.error(`${NAME}: ${message}`);
  process.exit(1);
}

/**
 * An Rspack plugin. After the first build it appends a comment (`/* edit N *\/`, which JS, TS and
 * CSS all accept) to `file`, and times each rebuild that follows by its stats (start to end: no
 * watcher delay), `rebuilds` of them; then it restores `file` and calls `onTimed(times)`, the
 * times in ms. A build whose hash is the previous one's (a late event of an edit already built)
 * is not counted. A build with errors, or a first build that does not depend on `file` (whose
 * edits would never start a rebuild), ends the process with an error. `file` is restored when
 * the process exits; a signal that kills it leaves the restoring to whoever started it.
 */
export class RebuildTimerPlugin {
  /** @param {{ file: string, rebuilds: number, onTimed: (times: number[]) => void }} options */
  constructor({ file, rebuilds, onTimed }) {
    // As Rspack records it among the build's files: symlinks resolved.
    this.file = fs.realpathSync(file);
    this.rebuilds = rebuilds;
    this.onTimed = onTimed;
  }

  apply(compiler) {
    const original = fs.readFileSync(this.file, 'utf8');
    const restore = () => fs.writeFileSync(this.file, original);
    process.once('exit', restore);
    const times = [];
    let lastHash;
    compiler.hooks.done.tap(NAME, (stats) => {
      if (stats.hasErrors()) {
        fail(`the build failed (edited: ${this.file}):\n${stats.toString({ all: false, errors: true })}`);
      }
      if (lastHash === undefined && !stats.compilation.fileDependencies.has(this.file)) {
        fail(`the build does not depend on ${this.file}, so editing it would start no rebuild`);
      }
      if (stats.hash === lastHash) return;
      if (lastHash !== undefined) times.push(stats.endTime - stats.startTime);
      lastHash = stats.hash;
      if (times.length === this.rebuilds) {
        restore();
        this.onTimed(times);
        return;
      }
      setTimeout(() => fs.writeFileSync(this.file, `${original}/* edit ${times.length + 1} */\n`), 20);
    });
  }
}

/**
 * Watches with `compiler` (from the JavaScript API) until `rebuilds` rebuilds after edits of
 * `file` are timed; resolves with their times in ms once the watching is closed.
 */
export function timeRebuilds(compiler, { file, rebuilds }) {
  return new Promise((resolve, reject) => {
    const onTimed = (times) => compiler.watching.close(() => resolve(times));
    new RebuildTimerPlugin({ file, rebuilds, onTimed }).apply(compiler);
    compiler.watch({ aggregateTimeout: 5 }, (error) => error && reject(error));
  });
}

/**
 * `onTimed` for a build run by a CLI (`rspack build --watch`), which watches until it is
 * stopped: prints `{"ms": <median>}` as a line of its own and ends the process. The line is
 * written synchronously: a pipe's asynchronous write could be lost on exit.
 */
export function reportAndExit(times) {
  fs.writeSync(1, `\n${JSON.stringify({ ms: median(times) })}\n`);
  process.exit(0);
}
