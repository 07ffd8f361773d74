import './admin.css';
import { formatTitle, greet } from './shared.js';

document.title = formatTitle('admin');
greet('admin');

export async function openSettings() {
  const { default: settings } = await import('./pages/settings.js');
  return settings;
}
