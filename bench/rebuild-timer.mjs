// Times the rebuilds of a compiler in watch mode, for `pnpm bench`'s dev-rebuild variants,
// `pnpm bench:app --modes rebuild` and the watch sessions of the PGO training: after each build
// it edits one module, so that the watcher starts the next, until it has timed the rebuilds it
// was asked for.
import fs from 'node:fs';
import { median } from './stats.mjs';

/** The plugin's name in Rspack's hooks and in its errors. */
const NAME = 'RebuildTimerPlugin';

/**
 * An Rspack plugin. After the first build it appends a comment to `file` (a new one each time),
 * and times each rebuild that follows by its stats (start to end: no watcher delay), `rebuilds`
 * of them; then it restores `file` and calls `onTimed(times)`, the times in ms. A build whose
 * hash is the previous one's (a late event of an edit already built) is not counted. A build
 * with errors ends the process with them; `file` is restored however the process exits.
 */
export class RebuildTimerPlugin {
  /** @param {{ file: string, rebuilds: number, onTimed: (times: number[]) => void }} options */
  constructor({ file, rebuilds, onTimed }) {
    this.file = file;
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
        console.error(`${NAME}: the build failed:\n${stats.toString({ all: false, errors: true })}`);
        process.exit(1);
      }
      if (stats.hash === lastHash) return;
      if (lastHash !== undefined) times.push(stats.endTime - stats.startTime);
      lastHash = stats.hash;
      if (times.length === this.rebuilds) {
        restore();
        this.onTimed(times);
        return;
      }
      setTimeout(() => fs.writeFileSync(this.file, `${original}// edit ${times.length + 1}\n`), 20);
    });
  }
}

/**
 * `onTimed` for a build run by a CLI (`rspack build --watch`), which watches until it is
 * stopped: prints `{"ms": <median>}` as a line of its own and ends the process.
 */
export function reportAndExit(times) {
  console.log(`\n${JSON.stringify({ ms: median(times) })}`);
  process.exit(0);
}
