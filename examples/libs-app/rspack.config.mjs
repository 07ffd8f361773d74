// An app of widely used npm libraries, with no native plugin: `rspack build` with the official
// binding and `rspack-native build` with ours must write byte-identical files. Production mode
// with Rspack's defaults (minified, deterministic ids, real content hashes), a CSS file from npm
// and our own, and an async chunk. tests/binding-parity.test.js builds it both ways.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('@rspack/core').Configuration} */
export default {
  mode: 'production',
  context: here,
  entry: './src/index.js',
  output: {
    path: path.join(here, 'dist'),
    clean: true,
    filename: '[name].[contenthash].js',
    chunkFilename: '[name].[contenthash].chunk.js',
    cssFilename: '[name].[contenthash].css',
    cssChunkFilename: '[name].[contenthash].chunk.css',
  },
  module: {
    rules: [{ test: /\.css$/, type: 'css/auto' }],
  },
  // Only quiets the size warning that React makes main cross; no output changes.
  performance: { hints: false },
  infrastructureLogging: { level: 'error' },
  stats: 'errors-warnings',
};
