// Rspack reports a plugin's option error as "Failed to create Rspack compiler instance" and keeps
// the real message in `error.cause`; this puts the real message first.

/**
 * A one-message description of `error`, with the causes Rspack wraps around it unfolded.
 * @param {unknown} error
 * @returns {string}
 */
export function formatError(error) {
  if (!(error instanceof Error)) return String(error);
  const messages = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    messages.push(current.message);
  }
  if (messages.length === 1) return error.stack ?? error.message;
  const [outer, ...causes] = messages;
  return `${causes.reverse().join('\n')}\n(${outer})`;
}
