import './styles.css';
import logoUrl from './images/logo.png';
import { formatTitle, greet } from './shared.js';

const title = document.createElement('h1');
title.textContent = formatTitle('rspack-native');
document.body.append(title);

const logo = document.createElement('img');
logo.src = logoUrl;
document.body.append(logo);

document.querySelector('button')?.addEventListener('click', async () => {
  const { renderChart } = await import(/* webpackChunkName: "chart" */ './pages/chart.js');
  renderChart(document.body, [3, 1, 4, 1, 5, 9, 2, 6]);
});

greet('main');
