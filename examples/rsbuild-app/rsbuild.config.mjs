// Rsbuild with rspack-native's native plugin and loader. Run Rsbuild with the register entry
// (see package.json): it puts the rspack-native binding under Rsbuild's @rspack/core before
// Rsbuild loads it.
import { defineConfig } from '@rsbuild/core';
import { ManifestPlugin, REPLACE_LOADER } from '@rspack-native/core';
import { createConfig } from './app.config.mjs';

export default defineConfig(
  createConfig({
    manifestPlugin: new ManifestPlugin({ fileName: 'manifest.json' }),
    replaceLoader: REPLACE_LOADER,
  }),
);
