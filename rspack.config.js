// The root build: the example app with rspack-native's plugins and loaders, built by
// `rspack-native build` (`pnpm build` at the repository root). Output goes to ./dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeConfig } from './examples/basic-app/rspack.config.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default nativeConfig({ outputPath: path.join(root, 'dist') });
