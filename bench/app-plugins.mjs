// The plugin pairs `pnpm bench:app` can add to a real app's build, by key: the JavaScript peer
// (run on the official binding) and our native plugin, both with their default options, which
// must write the same output.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * key → { description, official: { name, create() }, ours: { name, create(core) } }, where
 * `core` is @rspack-native/core.
 */
export const APP_PLUGINS = {
  case: {
    description: 'case-sensitive paths plugin',
    official: {
      name: 'case-sensitive-paths-webpack-plugin',
      create: () => new (require('case-sensitive-paths-webpack-plugin'))(),
    },
    ours: {
      name: 'CaseSensitivePathsPlugin',
      create: (core) => new core.CaseSensitivePathsPlugin(),
    },
  },
  manifest: {
    description: 'manifest plugin',
    official: {
      name: 'rspack-manifest-plugin',
      create: () => new (require('rspack-manifest-plugin').RspackManifestPlugin)(),
    },
    ours: { name: 'ManifestPlugin', create: (core) => new core.ManifestPlugin() },
  },
};

/**
 * A new instance of the plugin `key` for the `binding` side ('official' or 'ours'). Our side
 * imports @rspack-native/core only here, in a build that already runs on our binding.
 */
export async function extraPlugin(key, binding) {
  const side = APP_PLUGINS[key][binding];
  return binding === 'ours' ? side.create(await import('@rspack-native/core')) : side.create();
}
