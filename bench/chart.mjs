// The benchmark's chart: each plugin's wall-time overhead over its baseline, JavaScript peer
// against native, across app sizes. Plain SVG, no dependency.

const SERIES = [
  { label: 'rspack-manifest-plugin (JS)', color: '#d9822b', value: (s) => s.manifest.js },
  { label: 'ManifestPlugin (native)', color: '#2b6cd9', value: (s) => s.manifest.native },
  { label: 'string-replace-loader (JS)', color: '#f0b37e', value: (s) => s.replace.js },
  { label: 'builtin:replace-loader (native)', color: '#8fb3f0', value: (s) => s.replace.native },
];

const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

/**
 * A grouped bar chart of plugin overhead (percent of the baseline's median wall time).
 * @param {Array<{ modules: number, manifest: { js: number, native: number }, replace: { js: number, native: number } }>} sizes
 * @returns {string} an SVG document
 */
export function overheadChart(sizes) {
  const width = 760;
  const height = 420;
  const plot = { left: 70, right: 20, top: 50, bottom: 90 };
  const values = sizes.flatMap((size) => SERIES.map((series) => series.value(size) * 100));
  const top = Math.max(5, Math.ceil(Math.max(...values) / 5) * 5);
  const bottom = Math.min(0, Math.floor(Math.min(...values) / 5) * 5);
  const plotHeight = height - plot.top - plot.bottom;
  const y = (percent) => plot.top + ((top - percent) / (top - bottom)) * plotHeight;
  const groupWidth = (width - plot.left - plot.right) / sizes.length;
  const barWidth = (groupWidth * 0.7) / SERIES.length;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15">Plugin overhead over its baseline (median wall time), JS peer vs native</text>`,
  ];
  const step = top - bottom > 40 ? 10 : 5;
  for (let tick = bottom; tick <= top; tick += step) {
    parts.push(
      `<line x1="${plot.left}" x2="${width - plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${tick === 0 ? '#333' : '#ddd'}"/>`,
      `<text x="${plot.left - 8}" y="${y(tick) + 4}" text-anchor="end">${tick} %</text>`,
    );
  }
  sizes.forEach((size, group) => {
    const x0 = plot.left + group * groupWidth + groupWidth * 0.15;
    SERIES.forEach((series, index) => {
      const percent = series.value(size) * 100;
      const x = x0 + index * barWidth;
      const yTop = Math.min(y(percent), y(0));
      const barHeight = Math.max(1, Math.abs(y(percent) - y(0)));
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${yTop.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${series.color}"/>`,
        `<text x="${(x + barWidth / 2 - 1).toFixed(1)}" y="${(percent >= 0 ? yTop - 4 : yTop + barHeight + 12).toFixed(1)}" text-anchor="middle" font-size="10">${percent.toFixed(1)}</text>`,
      );
    });
    parts.push(
      `<text x="${(plot.left + (group + 0.5) * groupWidth).toFixed(1)}" y="${height - plot.bottom + 20}" text-anchor="middle">${size.modules.toLocaleString('en-US')} modules</text>`,
    );
  });
  SERIES.forEach((series, index) => {
    const x = plot.left + (index % 2) * 300;
    const yLegend = height - 45 + Math.floor(index / 2) * 18;
    parts.push(
      `<rect x="${x}" y="${yLegend - 10}" width="12" height="12" fill="${series.color}"/>`,
      `<text x="${x + 18}" y="${yLegend}">${escape(series.label)}</text>`,
    );
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}
