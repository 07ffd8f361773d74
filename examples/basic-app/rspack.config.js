// The example app with rspack-native's native ManifestPlugin and builtin:replace-loader:
// `rspack-native build` in this folder. The root rspack.config.js builds the same app into ./dist.
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from './app.config.js';

/**
 * The app's configuration with the native plugin and loader.
 * @param {Parameters<typeof createConfig>[0]} [options] see createConfig
 */
export function nativeConfig(options) {
  const config = createConfig({ ...options, plugins: [new ManifestPlugin({ fileName: 'manifest.json' })] });
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
  return config;
}

export default nativeConfig();
