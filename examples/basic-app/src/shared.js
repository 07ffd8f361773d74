export function formatTitle(name) {
  return `${name[0].toUpperCase()}${name.slice(1)} dashboard`;
}

export function greet(entry) {
  console.log(`hello from ${entry}`);
}
