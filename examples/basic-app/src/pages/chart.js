import './chart.css';

export function renderChart(root, values) {
  const max = Math.max(...values);
  const chart = document.createElement('div');
  chart.className = 'chart';
  for (const value of values) {
    const bar = document.createElement('span');
    bar.style.height = `${(value / max) * 100}%`;
    chart.append(bar);
  }
  root.append(chart);
}
