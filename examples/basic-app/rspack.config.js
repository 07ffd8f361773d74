// Builds the example app with the native ManifestPlugin: `rspack-native build` in this folder.
import { ManifestPlugin } from '@rspack-native/core';
import { createConfig } from './app.config.js';

export default createConfig({ plugins: [new ManifestPlugin()] });
