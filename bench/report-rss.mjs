// Preloaded (`node --import`) into each build of `pnpm bench:app`: prints the process's peak
// RSS as the last line of its output, `{"maxRssKb": …}`, however the build's CLI exits.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeSync(1, `\n${JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
