// `node --import @rspack-native/core/register <tool>`: runs any tool that uses Rspack (Rsbuild,
// Rslib, Rspress, a script) on the rspack-native binding, with the native plugins and loaders
// available. It must run before the tool imports @rspack/core, which `--import` guarantees.
// Child processes get it through NODE_OPTIONS, which this adds to (as a file URL, so that it
// also resolves from another directory). Worker threads get the binding (RSPACK_BINDING is in
// their environment) but do not run `--import` modules on Node 20: a build inside a worker has the
// native plugins when its config imports @rspack-native/core.
import { register } from 'node:module';
import { binding } from './binding.js';
import './index.js';

/** What NODE_OPTIONS needs to run this file first in a child process. */
const importThis = `--import=${import.meta.url}`;

// Every @rspack/core the tool imports must be the binding's release, or it would fail somewhere
// deep inside Rspack: a resolve hook checks each one as it is imported.
register('./register-hooks.js', {
  parentURL: import.meta.url,
  data: { expected: binding.EXPECTED_RSPACK_CORE_VERSION },
});

/** The name users give this entry. */
const ENTRY = '@rspack-native/core/register';
/** `--import <ENTRY>` as written in NODE_OPTIONS, with `=` or a space, quoted or not. */
const importByName = new RegExp(`--import(?:=|\\s+)(["']?)${ENTRY}\\1(?=\\s|$)`, 'g');
const nodeOptions = (process.env.NODE_OPTIONS ?? '').replace(importByName, importThis);
process.env.NODE_OPTIONS = nodeOptions.includes(importThis)
  ? nodeOptions
  : `${nodeOptions} ${importThis}`.trim();
