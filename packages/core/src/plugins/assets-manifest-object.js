// The manifest object of AssetsManifestPlugin's function options: what webpack-assets-manifest
// 6.5.2 hands `apply`, `customize`, `transform`, `done`, `publicPath` and a `sortManifest`
// comparator, with its documented methods (`set`, `get`, `has`, `delete`, `setRaw`,
// `getExtension`, `getPublicPath`, `utils`, `hooks`…). When a function option is given, Rust finds
// the files, their keys, integrity and entrypoints (what the peer cannot find on Rspack) and
// calls `makeManifest` once per build, which applies the peer's rules with the user's functions
// and returns the manifest's text.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** The peer's defaults. */
const DEFAULTS = {
  enabled: true,
  output: 'assets-manifest.json',
  replacer: null,
  space: 2,
  writeToDisk: 'auto',
  fileExtRegex: /\.\w{2,4}\.(?:map|gz|br)$|\.\w+$/i,
  sortManifest: true,
  merge: false,
  publicPath: undefined,
  contextRelativeKeys: false,
  entrypoints: false,
  entrypointsKey: 'entrypoints',
  entrypointsUseAssets: false,
  integrity: false,
  integrityHashes: ['sha256', 'sha384', 'sha512'],
  integrityPropertyName: 'integrity',
};

/** A tapable-like hook: taps run in the order they were added. */
class Hook {
  #taps = [];

  /** Adds `fn` (the first argument, tapable's name or options, is not used). */
  tap(_options, fn) {
    this.#taps.push(fn);
  }

  /** Adds `fn`, which may return a promise. */
  tapPromise(_options, fn) {
    this.#taps.push(fn);
  }

  /** Runs the taps with `args`. */
  call(...args) {
    for (const fn of this.#taps) fn(...args);
  }

  /** Runs the taps one after the other, each given what the last one returned, if not `undefined`. */
  waterfall(value, ...args) {
    for (const fn of this.#taps) {
      const result = fn(value, ...args);
      if (result !== undefined) value = result;
    }
    return value;
  }

  /** Runs the taps one after the other, awaiting each. */
  async promise(...args) {
    for (const fn of this.#taps) await fn(...args);
  }
}

/** A plain object, not an array or `null`. */
function isObject(input) {
  return input !== null && typeof input === 'object' && !Array.isArray(input);
}

/** An object with an own `key` or `value`. */
function isKeyValuePair(input) {
  return isObject(input) && (Object.hasOwn(input, 'key') || Object.hasOwn(input, 'value'));
}

/** `<algorithm>-<base64 digest>`. */
function getSRIHash(algorithm, content) {
  return `${algorithm}-${createHash(algorithm).update(content).digest('base64')}`;
}

/** deepmerge 4's merge with `arrayMerge: (_, source) => source`. */
function deepmerge(target, source) {
  if (Array.isArray(target) !== Array.isArray(source)) return structuredClone(source);
  if (Array.isArray(source)) return source;
  const merged = {};
  if (target !== null && typeof target === 'object') {
    for (const key of Object.keys(target)) merged[key] = structuredClone(target[key]);
  }
  for (const key of Object.keys(source)) {
    const onTarget = target !== null && typeof target === 'object' && key in target;
    if (onTarget && !(Object.hasOwn(target, key) && Object.prototype.propertyIsEnumerable.call(target, key)))
      continue;
    const value = source[key];
    merged[key] =
      onTarget && value !== null && typeof value === 'object'
        ? deepmerge(target[key], value)
        : structuredClone(value);
  }
  return merged;
}

/** `[a, b]` → `{ [group(a)]: [map(a)], … }`, groups in the order first seen. */
function group(items, groupOf, map) {
  const groups = Object.create(null);
  for (const item of items) {
    const name = groupOf(item);
    (groups[name] ??= []).push(map(item));
  }
  return groups;
}

/** The manifest, as the peer's plugin object presents it to the user's functions. */
export class AssetsManifest {
  #compiler;
  #isMerging = false;

  /**
   * @param {WeakRef<import('@rspack/core').Compiler>} compiler
   * @param {Record<string, unknown>} options the user's options (functions wrapped to be named in errors)
   */
  constructor(compiler, options) {
    this.#compiler = compiler;
    this.options = { ...DEFAULTS, assets: Object.create(null), extra: Object.create(null), ...options };
    /** The entries: the `assets` option's object, as the peer's. */
    this.assets = this.options.assets;
    /** Keys found for files, by key. */
    this.assetNames = new Map();
    /** The asset being added, while `customize` runs. */
    this.currentAsset = undefined;
    this.hooks = Object.freeze({
      apply: new Hook(),
      customize: new Hook(),
      transform: new Hook(),
      done: new Hook(),
    });
    this.hooks.transform.tap('AssetsManifestPlugin', (assets) => {
      const { sortManifest } = this.options;
      if (!sortManifest) return assets;
      const compare = typeof sortManifest === 'function' ? sortManifest.bind(this) : undefined;
      const entries = Object.entries(assets);
      return Object.fromEntries(compare ? entries.sort((a, b) => compare(a[0], b[0])) : entries.sort());
    });
    for (const name of ['apply', 'customize', 'transform']) {
      if (this.options[name]) this.hooks[name].tap('AssetsManifestPlugin', this.options[name]);
    }
    if (this.options.done) this.hooks.done.tapPromise('AssetsManifestPlugin', this.options.done);
  }

  /** The compiler. */
  get compiler() {
    return this.#compiler.deref();
  }

  /** Helpers for `customize`. */
  get utils() {
    return { isKeyValuePair, isObject, getSRIHash };
  }

  /** Whether the manifest on disk is being merged. */
  get isMerging() {
    return this.#isMerging;
  }

  /** The extension of `filename` without its query, as `fileExtRegex` (or `path.extname`) finds it. */
  getExtension(filename) {
    if (!filename || typeof filename !== 'string') return '';
    const [file] = filename.split(/[?#]/);
    if (this.options.fileExtRegex instanceof RegExp) return file.match(this.options.fileExtRegex)?.[0] ?? '';
    return path.extname(file);
  }

  /** `\` → `/`. */
  fixKey(key) {
    return typeof key === 'string' ? key.replace(/\\/g, '/') : key;
  }

  /** Sets `key` as it is. */
  setRaw(key, value) {
    this.assets[key] = value;
    return this;
  }

  /** Adds an entry through `customize` and the public path (and integrity, when on). */
  set(key, value) {
    if (this.isMerging && this.options.merge !== 'customize') return this.setRaw(key, value);
    const fixedKey = this.fixKey(key);
    const publicPath = typeof value === 'string' ? this.getPublicPath(value) : value;
    const entry = this.hooks.customize.waterfall(
      { key: fixedKey, value: publicPath },
      { key, value },
      this,
      this.currentAsset,
    );
    if (entry === false) return this;
    if (!isKeyValuePair(entry)) return this.setRaw(fixedKey, publicPath);
    let { key: entryKey = fixedKey, value: entryValue = publicPath } = entry;
    if (entryValue === publicPath && this.options.integrity) {
      entryValue = {
        src: entryValue,
        integrity: this.currentAsset?.info[this.options.integrityPropertyName] ?? '',
      };
    }
    return this.setRaw(entryKey, entryValue);
  }

  /** Whether `key` (or its fixed form) is in the manifest. */
  has(key) {
    return Object.hasOwn(this.assets, key) || Object.hasOwn(this.assets, this.fixKey(key));
  }

  /** The value at `key` (or its fixed form), or `defaultValue`. */
  get(key, defaultValue) {
    return this.assets[key] || this.assets[this.fixKey(key)] || defaultValue;
  }

  /** Removes `key` (or its fixed form). */
  delete(key) {
    for (const candidate of [key, this.fixKey(key)]) {
      if (Object.hasOwn(this.assets, candidate)) return delete this.assets[candidate];
    }
    return false;
  }

  /** Empties the manifest. */
  clear() {
    for (const key of Object.keys(this.assets)) delete this.assets[key];
  }

  /** The manifest through `transform` (sorted first, unless `sortManifest` is false). */
  toJSON() {
    return this.hooks.transform.waterfall(this.assets, this);
  }

  /** The manifest's text. */
  toString() {
    return JSON.stringify(this, this.options.replacer, this.options.space) || '{}';
  }

  /** Writes the manifest's text to `destination`. */
  async writeTo(destination) {
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.writeFile(destination, this.toString());
  }

  /** The absolute path of `output`. */
  getOutputPath() {
    const { output } = this.options;
    if (path.isAbsolute(output)) return output;
    return this.compiler ? path.resolve(this.compiler.outputPath, output) : '';
  }

  /** `filename` with the public path. */
  getPublicPath(filename) {
    const { publicPath } = this.options;
    if (typeof publicPath === 'function') return publicPath(filename, this);
    if (!publicPath) return filename;
    const resolve = (base) => {
      try {
        return new URL(filename, base).toString();
      } catch {
        return base + filename;
      }
    };
    if (typeof publicPath === 'string') return resolve(publicPath);
    const outputPublicPath = this.compiler?.options.output.publicPath;
    return typeof outputPublicPath === 'string' && outputPublicPath !== 'auto'
      ? resolve(outputPublicPath)
      : filename;
  }

  /**
   * The manifest's text for this build, from what Rust found: every key found for a file
   * (`assetNames`), the entrypoints' files, and the manifest on disk when merging.
   * @param {{ assetNames: Array<{ key: string, file: string }>, entrypoints: Array<{ name: string, assets: string[], preload?: string[], prefetch?: string[] }>, existing?: string | null }} found
   */
  makeManifest({ assetNames, entrypoints, existing }) {
    const compilation = this.compiler.__internal__get_compilation();
    this.assetNames = new Map(assetNames.map(({ key, file }) => [key, file]));
    const hotUpdates = new Set();
    const assets = compilation.getAssets().filter((asset) => {
      if (asset.info.hotModuleReplacement) hotUpdates.add(asset.name);
      return !asset.info.hotModuleReplacement && !asset.info.assetsManifest;
    });
    const keysByFile = new Map();
    for (const [key, file] of this.assetNames) keysByFile.set(file, [...(keysByFile.get(file) ?? []), key]);
    const keysFor = (file) => [...(keysByFile.get(file) ?? [])];

    for (const asset of assets) {
      const keys = keysFor(asset.name);
      if (keys.length === 0) {
        const { sourceFilename } = asset.info;
        const byName = this.options.contextRelativeKeys
          ? sourceFilename
          : sourceFilename && path.basename(sourceFilename);
        keys.push(byName || asset.name);
      }
      for (const key of keys) {
        this.currentAsset = asset;
        this.set(key, asset.name);
        this.currentAsset = undefined;
      }
    }

    if (this.options.entrypoints) {
      const groupFiles = (files) =>
        group(
          files.filter((file) => !hotUpdates.has(file)),
          (file) => this.getExtension(file).substring(1).toLowerCase(),
          (file) => {
            let value;
            if (this.options.entrypointsUseAssets) {
              const lastKey = keysFor(file).pop();
              value = lastKey ? this.assets[lastKey] || this.assets[file] : this.assets[file];
            }
            return value || this.getPublicPath(file);
          },
        );
      const section = {};
      for (const entrypoint of entrypoints) {
        const value = { assets: groupFiles(entrypoint.assets) };
        if (entrypoint.preload) value.preload = groupFiles(entrypoint.preload);
        if (entrypoint.prefetch) value.prefetch = groupFiles(entrypoint.prefetch);
        section[entrypoint.name] = value;
      }
      const { entrypointsKey } = this.options;
      if (entrypointsKey === false) {
        for (const name in section) this.setRaw(name, section[name]);
      } else {
        this.setRaw(entrypointsKey, { ...this.get(entrypointsKey), ...section });
      }
    }

    if (typeof existing === 'string') this.#merge(JSON.parse(existing));
    return this.toString();
  }

  /** Merges the manifest that was on disk, as the peer's `maybeMerge`. */
  #merge(existing) {
    this.#isMerging = true;
    try {
      for (const [key, oldValue] of Object.entries(existing)) {
        if (!this.has(key)) {
          this.set(key, oldValue);
          continue;
        }
        const current = this.get(key);
        if (isObject(oldValue) && isObject(current)) this.set(key, deepmerge(oldValue, current));
      }
    } finally {
      this.#isMerging = false;
    }
  }
}
