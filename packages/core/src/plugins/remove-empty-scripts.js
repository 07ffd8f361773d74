// RemoveEmptyScriptsPlugin: a native port of webpack-remove-empty-scripts 1.1.1
// (crates/remove-empty-scripts-plugin). Nothing here runs during the build.
import { nativePlugin } from '../native-plugin.js';

/**
 * Native port of `webpack-remove-empty-scripts` 1.1.1: removes the script that an entry made only
 * of styles emits next to its CSS (`entry: { style: './style.css' }` → no `style.js`).
 */
export const RemoveEmptyScriptsPlugin = Object.assign(nativePlugin('RemoveEmptyScriptsPlugin'), {
  /** `stage`: remove before any plugin processes the assets (the default). */
  STAGE_BEFORE_PROCESS_PLUGINS: 100,
  /** `stage`: remove after every plugin processed the assets. */
  STAGE_AFTER_PROCESS_PLUGINS: 200,
});
