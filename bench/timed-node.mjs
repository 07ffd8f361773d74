// One benchmark build as a fresh Node process, timed from spawn to exit: what `pnpm bench` and
// `pnpm bench:app` both measure (a rebuild build reports its own time besides).
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Runs `node <args>` in `cwd` with `env`; resolves with its wall time in ms and the JSON objects
 * it printed as the last lines of its output, merged (a rebuild timer's `{"ms": …}`, then
 * report-rss.mjs's `{"maxRssKb": …}`). Rejects with its output, naming the `tool` and the
 * `variant`, when it exits with an error, or when it runs longer than `timeoutMs` (if given; it
 * is then killed).
 * @returns {Promise<{ ms: number, reported: Record<string, number> }>}
 */
export function timedNode(args, { cwd, env, tool, variant, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let ms;
    let timedOut = false;
    const timer = timeoutMs && setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutMs);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', () => (ms = performance.now() - started));
    // 'close' comes once its output is read to the end, after 'exit'.
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) {
        const minutes = timeoutMs / 60000;
        return reject(
          new Error(
            `${tool}: "${variant}" ran longer than ${minutes} min and was stopped:\n${stderr || stdout}`,
          ),
        );
      }
      if (code !== 0) {
        return reject(new Error(`${tool}: "${variant}" failed (exit ${code}):\n${stderr || stdout}`));
      }
      const reported = lastJsonLines(stdout);
      if (!reported) {
        return reject(new Error(`${tool}: "${variant}" printed no JSON report at its end:\n${stdout}`));
      }
      resolve({ ms, reported });
    });
  });
}

/**
 * The JSON objects at the end of `output`, one per line (blank lines skipped), merged; null when
 * its last line is not one.
 */
function lastJsonLines(output) {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const objects = [];
  for (let at = lines.length - 1; at >= 0 && lines[at].startsWith('{'); at--) {
    try {
      objects.unshift(JSON.parse(lines[at]));
    } catch {
      break;
    }
  }
  return objects.length > 0 ? Object.assign({}, ...objects) : null;
}
