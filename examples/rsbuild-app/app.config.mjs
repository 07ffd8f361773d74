// The Rsbuild example's configuration, shared by rsbuild.config.mjs and the tests, which swap in
// the JavaScript peers (rspack-manifest-plugin, string-replace-loader) to compare outputs.

/**
 * @param {{ manifestPlugin: unknown, replaceLoader: string, distPath?: string }} options
 *   the manifest plugin to add, the loader request for the replace rule, and where to write
 * @returns {import('@rsbuild/core').RsbuildConfig}
 */
export function createConfig({ manifestPlugin, replaceLoader, distPath }) {
  return {
    html: { title: 'rspack-native on Rsbuild' },
    output: distPath ? { distPath: { root: distPath } } : {},
    // Rspack plugins and rules go through `tools.rspack`, merged into Rsbuild's own.
    tools: {
      rspack: {
        plugins: [manifestPlugin],
        module: {
          rules: [
            {
              test: /greeting\.js$/,
              loader: replaceLoader,
              options: {
                search: /__GREETING_(\w+)__/g,
                replace: (_match, name) => `Hello, ${name.toLowerCase()}`,
              },
            },
          ],
        },
      },
    },
  };
}
