// The root build: the example app with rspack-native's plugins, built by `rspack-native build`
// (`pnpm build` at the repository root). Output goes to ./dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from './examples/basic-app/app.config.js';

const root = path.dirname(fileURLToPath(import.meta.url));

export default createConfig({
  context: path.join(root, 'examples/basic-app'),
  outputPath: path.join(root, 'dist'),
  plugins: [new ManifestPlugin({ fileName: 'manifest.json' })],
});
