// ManifestPlugin: a native port of rspack-manifest-plugin 5.2.2 (crates/manifest-plugin).
//
// The Rust plugin collects the build's files and writes the manifest. When the user gives
// `filter`, `map`, `sort`, `generate` or `serialize`, it hands the files to one function made
// here, which runs all of them exactly as the peer does and returns the manifest's text: one call
// into JavaScript per build, whatever the number of files or functions. With data options only,
// nothing here runs during the build.
import { wrongResult } from '../callbacks.js';
import { givenFunctions, nativePlugin } from '../native-plugin.js';

/** Native port of `rspack-manifest-plugin` 5.2.2: writes `manifest.json`. */
export const ManifestPlugin = nativePlugin('ManifestPlugin', { resolve: manifestOptions });

/**
 * What the Rust ManifestPlugin receives for `new ManifestPlugin(options)` (`this` is the
 * compiler): the options as given, plus `__pipeline` when one of them is a function. The Rust
 * side checks every option's type, so a function option that is not a function is reported there.
 * @this {import('@rspack/core').Compiler}
 * @param {Record<string, unknown>} options (`null` counts as none)
 */
export function manifestOptions(options) {
  // Own enumerable properties only, as the peer's Object.assign copies them.
  const own = { ...options };
  const functions = givenFunctions('ManifestPlugin', own);
  if (Object.keys(functions).length === 0) return options ?? own;
  return { ...own, __pipeline: manifestPipeline(this, own.seed, functions) };
}

/**
 * `pipeline(files) → string`: the peer's `transformFiles`, `generateManifest` and `serialize`,
 * with the user's `functions` (each named in what it throws). Options are read once, as the peer
 * copies them in its constructor; the seed is the user's object, so entries the default
 * `generate` adds to it stay there across watch rebuilds.
 */
function manifestPipeline(compiler, seed, functions) {
  // The pipeline lives as long as the compiler's Rust plugin: a strong reference back to the
  // compiler would be a cycle that only closing the compiler breaks.
  const compilerRef = new WeakRef(compiler);
  const { generate: generateNamed, serialize: serializeNamed } = functions;
  // The peer's order: filter, then map, then sort.
  const transforms = ['filter', 'map', 'sort']
    .filter((name) => functions[name])
    .map((name) => [name, functions[name]]);

  return function runManifestFunctions(descriptors) {
    const compilation = compilerRef.deref().__internal__get_compilation();
    const chunks = Array.from(compilation.chunks);
    // The peer's descriptors: `chunk` first, and only for chunk files.
    let files = descriptors.map(({ chunk, ...file }) =>
      chunk === undefined || chunk === null ? file : { chunk: chunks[chunk], ...file },
    );
    for (const [name, transform] of transforms) files = files[name](transform);
    files = files.map(standardizeFilePaths);

    const base = seed === undefined ? {} : seed;
    let manifest;
    if (generateNamed) {
      const entrypoints = {};
      for (const [name, entrypoint] of compilation.entrypoints) entrypoints[name] = entrypoint.getFiles();
      manifest = generateNamed(base, files, entrypoints, { compilation });
    } else {
      manifest = files.reduce((result, file) => Object.assign(result, { [file.name]: file.path }), base);
    }
    if (!serializeNamed) {
      // JSON.stringify writes nothing for undefined or a function: the peer's build fails too.
      const text = JSON.stringify(manifest, null, 2);
      if (text === undefined) throw wrongResult('generate', 'a value JSON.stringify can write', manifest);
      return text;
    }
    const output = serializeNamed(manifest);
    if (typeof output !== 'string') throw wrongResult('serialize', 'a string', output);
    return output;
  };
}

/** As the peer: `\` → `/` in key and value, on a copy, after the user's transforms. */
function standardizeFilePaths(file) {
  const result = Object.assign({}, file);
  result.name = file.name.replace(/\\/g, '/');
  result.path = file.path.replace(/\\/g, '/');
  return result;
}
