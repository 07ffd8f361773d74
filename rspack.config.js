// The root build: the example app with rspack-native's plugins and loaders, built by
// `rspack-native build` (`pnpm build` at the repository root). Output goes to ./dist.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from './examples/basic-app/app.config.js';

const root = path.dirname(fileURLToPath(import.meta.url));

const config = createConfig({
  context: path.join(root, 'examples/basic-app'),
  outputPath: path.join(root, 'dist'),
  plugins: [new ManifestPlugin({ fileName: 'manifest.json' })],
});

config.module.rules.push({
  test: /shared\.js$/,
  loader: 'builtin:replace-loader',
  options: {
    multiple: [
      { search: '__APP_VERSION__', replace: '1.0.0', strict: true },
      { search: /__APP_ENV__/g, replace: 'production' },
    ],
  },
});

export default config;
