#!/usr/bin/env node
// Starts verdaccio (a real npm registry server) from its API: `node local-registry.mjs <config> <port>`.
// Used by scripts/registry-round-trip.mjs; listens on 127.0.0.1 only.
// - Its CLI refuses Node < 22, but the server itself runs on Node 20, which rspack-native supports.
// - Its abbreviated metadata (`Accept: application/vnd.npm.install-v1+json`, what npm and pnpm ask
//   for) leaves out `libc`, which the npm registry keeps; without it pnpm installs the musl platform
//   package next to the glibc one. So every request gets the full metadata, which has it.
import { runServer } from 'verdaccio';

const [config, port] = process.argv.slice(2);
const server = await runServer(config);
const abbreviated = 'application/vnd.npm.install-v1+json';
// Runs before verdaccio's own request handler.
server.prependListener('request', (request) => {
  if (request.headers.accept?.includes(abbreviated)) request.headers.accept = 'application/json';
});
server.listen(Number(port), '127.0.0.1');
