// The one rule every @rspack/core in a process must follow: be the exact release the binding is
// built for. Used on the main thread (binding.js) and by the register entry's resolve hook,
// which runs on Node's loader thread, so this module must not load the binding.
import fs from 'node:fs';

/** The version in the `package.json` at `manifestPath`. */
export function packageVersion(manifestPath) {
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')).version;
}

/**
 * The error for a `user` (a package name) whose @rspack/core is `version`, at `manifestPath`,
 * when the binding needs `expected`; its fix covers both a direct dependency and one that a
 * tool (Rsbuild, …) brings with it.
 */
export function rspackCoreMismatch({ user, version, manifestPath, expected }) {
  return new Error(
    `@rspack-native/core: ${user} uses @rspack/core ${version} (${manifestPath}), but the ` +
      `rspack-native binding is built for @rspack/core ${expected}; a binding only works with its own release.\n` +
      `Fix: install that exact version next to @rspack-native/core: npm install --save-exact @rspack/core@${expected} ` +
      `(or pnpm add --save-exact @rspack/core@${expected}). If ${user} is a tool that depends on ` +
      `another @rspack/core, override it: in package.json, "overrides": { "@rspack/core": "${expected}" } ` +
      `for npm, or "pnpm": { "overrides": { "@rspack/core": "${expected}" } } for pnpm ` +
      '(see "Rsbuild and other tools" in the README of @rspack-native/core).',
  );
}
