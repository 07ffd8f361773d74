// The example app's Rspack configuration, shared by its own rspack.config.js, the root build and
// the tests (which vary the options and add the plugins they compare).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * @param {{ mode?: 'development' | 'production', devtool?: string | false, publicPath?: string,
 *   outputPath?: string, context?: string, plugins?: unknown[] }} [options]
 * @returns {import('@rspack/core').Configuration}
 */
export function createConfig({
  mode = 'production',
  devtool = 'source-map',
  publicPath = '/static/',
  outputPath = path.join(here, 'dist'),
  context = here,
  plugins = [],
} = {}) {
  const hash = mode === 'production' ? '.[contenthash:16]' : '';
  return {
    mode,
    context,
    devtool,
    entry: {
      main: './src/main.js',
      admin: './src/admin.js',
    },
    output: {
      path: outputPath,
      publicPath,
      clean: true,
      filename: `js/[name]${hash}.js`,
      chunkFilename: `js/[name]${hash}.chunk.js`,
      cssFilename: `css/[name]${hash}.css`,
      cssChunkFilename: `css/[name]${hash}.chunk.css`,
      assetModuleFilename: `assets/[name]${hash}[ext]`,
    },
    module: {
      rules: [
        { test: /\.css$/, type: 'css/auto' },
        { test: /\.(png|svg|jpe?g|gif)$/, type: 'asset/resource' },
        {
          test: /\.(woff2?|ttf)$/,
          type: 'asset/resource',
          generator: { filename: `fonts/[name]${hash}[ext]` },
        },
      ],
    },
    optimization: {
      splitChunks: { chunks: 'all', minSize: 0, cacheGroups: { shared: { test: /shared/, name: 'shared' } } },
    },
    plugins,
    infrastructureLogging: { level: 'error' },
    stats: 'errors-warnings',
  };
}
