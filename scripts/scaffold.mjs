// What `pnpm new-plugin` and `pnpm new-loader` share: checking that nothing is overwritten,
// writing the new files (formatted as `pnpm lint` wants them), adding a line to an existing
// file, and the crate manifest every plugin or loader crate starts from.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './workspace.mjs';

/** Ends the scaffold (named `command`) with `message`. */
export function fail(command, message) {
  console.error(`${command}: ${message}`);
  process.exit(1);
}

/** The path of `file` relative to the repository, with `/`. */
export const relative = (file) => path.relative(repoRoot, file).split(path.sep).join('/');

/** Fails unless none of `files` exists: a scaffold never overwrites. */
export function assertNew(command, files) {
  for (const file of files) if (fs.existsSync(file)) fail(command, `${relative(file)} already exists`);
}

/** Writes `text` to `file`, creating its folder. */
export function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Inserts `line` after the last line of `file` matching `after`; fails (as `command`) if none does. */
export function insertAfterLast(command, file, after, line) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findLastIndex((text) => after.test(text));
  if (index < 0) fail(command, `${relative(file)}: no line matches ${after}`);
  lines.splice(index + 1, 0, line);
  fs.writeFileSync(file, lines.join('\n'));
}

/**
 * Formats the generated `files` as `pnpm lint` checks them: Rust with rustfmt, JavaScript and
 * declarations with Prettier (their line breaks depend on the names). Says what it could not do.
 */
export async function formatGenerated(files) {
  const rust = files.filter((file) => file.endsWith('.rs'));
  const rustfmt = spawnSync('rustfmt', ['--edition', '2024', ...rust], { cwd: repoRoot, encoding: 'utf8' });
  if (rustfmt.status !== 0)
    console.warn(`rustfmt failed, format the Rust files yourself:\n${rustfmt.stderr}`);
  let prettier;
  try {
    prettier = await import('prettier');
  } catch {
    console.warn(
      'Prettier is not installed (run `pnpm install`): the JavaScript files are left unformatted.',
    );
    return;
  }
  for (const file of files.filter((name) => /\.(js|mjs|ts)$/.test(name))) {
    const options = await prettier.resolveConfig(file);
    fs.writeFileSync(
      file,
      await prettier.format(fs.readFileSync(file, 'utf8'), { ...options, filepath: file }),
    );
  }
}

/**
 * The Cargo.toml of a new plugin or loader crate: the dependencies every one of them has, and
 * `extra` ones (lines of `[dependencies]`, in order).
 */
export function crateManifest({ crateName, description, extra = [] }) {
  const dependencies = [
    'napi = { workspace = true }',
    'napi-derive = { workspace = true }',
    'rspack_core = { workspace = true }',
    'rspack_error = { workspace = true }',
    'rspack_hook = { workspace = true }',
    ...extra,
    'rspack_native_plugin_options = { workspace = true }',
    '# `#[plugin_hook]` expands to `tracing::instrument`.',
    'tracing = { workspace = true }',
  ];
  return `[package]
name = "${crateName}"
description = "${description}"
version.workspace = true
edition.workspace = true
license.workspace = true

[dependencies]
${dependencies.join('\n')}

[build-dependencies]
napi-build = { workspace = true }
`;
}

/** The build.rs of a new crate: napi regenerates its TypeScript definitions from it. */
export const BUILD_RS = `fn main() {
  // Lets the binding's build regenerate this crate's TypeScript definitions when it needs them.
  napi_build::setup();
}
`;

/** Adds the crate to the binding (binding/Cargo.toml; its build.rs registers `NATIVE_PLUGIN`). */
export function addToBinding(command, crateName, dirName) {
  insertAfterLast(
    command,
    path.join(repoRoot, 'binding/Cargo.toml'),
    /^rspack_native_[a-z_]+ = \{ path = "\.\.\/crates\//,
    `${crateName} = { path = "../crates/${dirName}" }`,
  );
}

/** Exports the plugin file `jsName` from @rspack-native/core: `names` from index.js, its types from index.d.ts. */
export function exportFromCore(command, jsName, names) {
  const src = path.join(repoRoot, 'packages/core/src');
  insertAfterLast(
    command,
    path.join(src, 'index.js'),
    /^export \{ [A-Za-z_]+ \} from '\.\/plugins\//,
    `export { ${names.join(', ')} } from './plugins/${jsName}.js';`,
  );
  insertAfterLast(
    command,
    path.join(src, 'index.d.ts'),
    /^export \* from '\.\/plugins\//,
    `export * from './plugins/${jsName}.js';`,
  );
}

/** What to run next, printed by both scaffolds. */
export function nextSteps({ crateName, testFile, use }) {
  return `Next:
  pnpm build:binding                    rebuild the .node with it
  pnpm test:rust -p ${crateName}
                                        its cargo unit tests
  pnpm test:js ${testFile}
                                        its Node test, which builds the example app with it
  pnpm dev --test                       or: rebuild and run those on every save
Then use it: ${use}
The guide: docs/writing-a-plugin.md`;
}
