// The benchmark's chart: each plugin's wall-time overhead over its baseline, JavaScript peer
// against native, across app sizes, with the middle half of the rounds as a whisker. Plain SVG,
// no dependency.

/** The chart's series, in legend order; only those present in the results are drawn. */
const SERIES = [
  { extra: 'manifest', side: 'js', label: 'rspack-manifest-plugin (JS)', color: '#d9822b' },
  { extra: 'manifest', side: 'native', label: 'ManifestPlugin (native)', color: '#2b6cd9' },
  { extra: 'replace', side: 'js', label: 'string-replace-loader (JS)', color: '#f0b37e' },
  { extra: 'replace', side: 'native', label: 'builtin:replace-loader (native)', color: '#8fb3f0' },
  { extra: 'loader', side: 'js', label: 'string-replace-loader, no patterns (JS)', color: '#f5d9bd' },
  {
    extra: 'loader',
    side: 'native',
    label: 'builtin:replace-loader, no patterns (native)',
    color: '#c9dbf7',
  },
  { extra: 'function', side: 'js', label: 'string-replace-loader, functions (JS)', color: '#a8642a' },
  {
    extra: 'function',
    side: 'native',
    label: 'builtin:replace-loader, functions (native)',
    color: '#1d4f9e',
  },
];

const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/**
 * A grouped bar chart of plugin overhead in percent of the baseline's wall time: bars at the
 * median of the per-round ratios, whiskers over their middle half.
 * @param {Array<{ modules: number, extras: Record<string, Record<'js' | 'native',
 *   { median: number, low: number, high: number }>> }>} sizes
 * @returns {string} an SVG document
 */
export function overheadChart(sizes) {
  const series = SERIES.filter(({ extra }) => sizes.every((size) => extra in size.extras));
  const percent = (size, { extra, side }, key) => (size.extras[extra][side][key] - 1) * 100;
  const legendRows = Math.ceil(series.length / 2);
  const width = 820;
  const plot = { left: 70, right: 20, top: 50, bottom: 50 + legendRows * 18 };
  const height = 340 + plot.bottom;
  const values = sizes.flatMap((size) =>
    series.flatMap((s) => [percent(size, s, 'low'), percent(size, s, 'high')]),
  );
  const top = Math.max(5, Math.ceil(Math.max(...values) / 5) * 5);
  const bottom = Math.min(0, Math.floor(Math.min(...values) / 5) * 5);
  const plotHeight = height - plot.top - plot.bottom;
  const y = (value) => plot.top + ((top - value) / (top - bottom)) * plotHeight;
  const groupWidth = (width - plot.left - plot.right) / sizes.length;
  const barWidth = (groupWidth * 0.8) / series.length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">Plugin overhead over its baseline (wall time, median of rounds), JS peer vs native</text>`,
  ];
  const step = top - bottom > 40 ? 10 : 5;
  for (let tick = Math.ceil(bottom / step) * step; tick <= top; tick += step) {
    parts.push(
      `<line x1="${plot.left}" x2="${width - plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${tick === 0 ? '#333' : '#ddd'}"/>`,
      `<text x="${plot.left - 8}" y="${y(tick) + 4}" text-anchor="end">${tick} %</text>`,
    );
  }
  sizes.forEach((size, group) => {
    const x0 = plot.left + group * groupWidth + groupWidth * 0.1;
    series.forEach((s, index) => {
      const middle = percent(size, s, 'median');
      const x = x0 + index * barWidth;
      const centre = (x + barWidth / 2 - 1).toFixed(1);
      const yTop = Math.min(y(middle), y(0));
      const barHeight = Math.max(1, Math.abs(y(middle) - y(0)));
      const [low, high] = [y(percent(size, s, 'low')), y(percent(size, s, 'high'))];
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${yTop.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${s.color}"/>`,
        `<line x1="${centre}" x2="${centre}" y1="${low.toFixed(1)}" y2="${high.toFixed(1)}" stroke="#333"/>`,
        `<text x="${centre}" y="${(Math.min(high, yTop) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${middle.toFixed(1)}</text>`,
      );
    });
    parts.push(
      `<text x="${(plot.left + (group + 0.5) * groupWidth).toFixed(1)}" y="${height - plot.bottom + 20}" text-anchor="middle">${size.modules.toLocaleString('en-US')} modules</text>`,
    );
  });
  series.forEach((s, index) => {
    const x = plot.left + (index % 2) * 340;
    const yLegend = height - plot.bottom + 45 + Math.floor(index / 2) * 18;
    parts.push(
      `<rect x="${x}" y="${yLegend - 10}" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${x + 18}" y="${yLegend}">${escape(s.label)}</text>`,
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
