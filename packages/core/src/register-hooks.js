// The resolve hook of `@rspack-native/core/register` (Node's module customization hooks, run on
// the loader thread): fails the import of any @rspack/core that is not the binding's release,
// naming the package that imports it and the fix.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVersion, rspackCoreMismatch } from './rspack-core-version.js';

/** @type {string} the @rspack/core version the binding is built for */
let expected;
/** @type {Map<string, string>} the version of each @rspack/core package directory met so far */
const versions = new Map();

/** @param {{ expected: string }} data from register.js */
export function initialize(data) {
  expected = data.expected;
}

/** The directory of the @rspack/core package that holds `file`, if any. */
function rspackCoreDir(file) {
  const marker = `${path.sep}node_modules${path.sep}@rspack${path.sep}core${path.sep}`;
  const at = file.lastIndexOf(marker);
  return at === -1 ? undefined : file.slice(0, at + marker.length - 1);
}

/** The name of the package that holds `file` (its nearest package.json with a name). */
function packageName(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (name) return name;
  }
  return file;
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (specifier !== '@rspack/core' && !specifier.startsWith('@rspack/core/')) return result;
  if (!result.url.startsWith('file:')) return result;
  const dir = rspackCoreDir(fileURLToPath(result.url));
  if (dir === undefined) return result;
  const manifestPath = path.join(dir, 'package.json');
  if (!versions.has(dir)) versions.set(dir, packageVersion(manifestPath));
  const version = versions.get(dir);
  if (version === expected) return result;
  const user = context.parentURL?.startsWith('file:')
    ? packageName(fileURLToPath(context.parentURL))
    : 'a module';
  throw rspackCoreMismatch({ user, version, manifestPath, expected });
}
