/**
 * The constructor arguments of a native plugin whose options are `Options` (the interface the
 * binding generates from the plugin's Rust options): the options may be left out, or be `null`,
 * only when none of them is required.
 */
export type NativePluginArguments<Options> = {} extends Options
  ? [options?: Options | null]
  : [options: Options];
