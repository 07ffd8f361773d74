import './index.css';
import { greeting } from './greeting.js';

const heading = document.createElement('h1');
heading.textContent = greeting;
document.body.append(heading);

import('./lazy.js').then(({ note }) => {
  const paragraph = document.createElement('p');
  paragraph.textContent = note;
  document.body.append(paragraph);
});
