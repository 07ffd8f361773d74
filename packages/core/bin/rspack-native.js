#!/usr/bin/env node
// `rspack-native`: the `rspack` CLI of @rspack/cli (same commands and flags), run on the
// rspack-native binding so that rspack.config.js can use our native plugins.
// First: chooses the binding, then loads @rspack/core and makes the native loaders available.
import '../src/index.js';
import { formatError } from '../src/errors.js';

async function main() {
  const { RspackCLI } = await import('@rspack/cli');
  const cli = new RspackCLI();
  cli.program.name = 'rspack-native';
  const getLogger = cli.getLogger.bind(cli);
  // Errors from our plugins' option checks arrive wrapped; print the real message.
  cli.getLogger = () => {
    const logger = getLogger();
    return { ...logger, error: (value) => logger.error(value instanceof Error ? formatError(value) : value) };
  };
  await cli.run(process.argv);
}

main().catch((error) => {
  console.error(`[rspack-native] ${formatError(error)}`);
  process.exit(1);
});
