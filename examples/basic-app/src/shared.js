export const API_URL = 'http://localhost:3000/api';
export const BUILD_INFO = { version: '__APP_VERSION__', env: '__APP_ENV__' };

export function formatTitle(name) {
  return `${name[0].toUpperCase()}${name.slice(1)} dashboard`;
}

export function greet(entry) {
  // TODO: replace with the real logger
  console.log(`hello from ${entry}`, API_URL, BUILD_INFO.version);
}
