// Loaded on demand: the Markdown renderer and its stylesheet.
import './notes.css';
import { marked } from 'marked';

/** The HTML of `text`, read as GitHub-flavoured Markdown. */
export function renderMarkdown(text) {
  return marked.parse(text, { gfm: true, breaks: true });
}
