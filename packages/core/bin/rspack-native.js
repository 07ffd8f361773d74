#!/usr/bin/env node
// `rspack-native`: the `rspack` CLI of @rspack/cli (same commands and flags), run on the
// rspack-native binding so that rspack.config.js can use our native plugins.
import { formatError } from '../src/errors.js';

/** Chooses the binding, then loads @rspack/core and makes the native loaders available. */
async function loadRspackNative() {
  try {
    await import('../src/index.js');
    const { assertRspackCoreMatches } = await import('../src/binding.js');
    // npm can give @rspack/cli its own newer @rspack/core (it only asks for ^2), which would run
    // on our binding and fail in obscure ways.
    assertRspackCoreMatches(import.meta.resolve('@rspack/cli'), '@rspack/cli');
  } catch (error) {
    // These errors (no addon for this platform, @rspack/core loaded first) say what to do in
    // their message; their causes are the low-level details.
    console.error(`[rspack-native] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

async function main() {
  await loadRspackNative();
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
