// The benchmarks' arithmetic and formatting: quantiles, ratios taken round by round, and the
// Markdown tables they print.

/** The q-quantile of `values`, interpolating linearly between the closest ranks. */
export function quantile(values, q) {
  const sorted = [...values].sort((x, y) => x - y);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  return sorted[below] + (sorted[Math.ceil(position)] - sorted[below]) * (position - below);
}

/** The median of `values`. */
export const median = (values) => quantile(values, 0.5);

/**
 * `numerator / denominator` round by round (both ran in the same round, so slow spells of the
 * machine cancel): the median ratio and the middle half of them, its spread.
 * @returns {{ median: number, low: number, high: number }}
 */
export function pairedRatio(numerator, denominator) {
  const ratios = numerator.map((value, round) => value / denominator[round]);
  return { median: median(ratios), low: quantile(ratios, 0.25), high: quantile(ratios, 0.75) };
}

/** Milliseconds as seconds with two decimals. */
export const seconds = (ms) => (ms / 1000).toFixed(2);

/** A ratio over a baseline as a signed percentage without its unit: 1.121 → "+12.1". */
const signedPercent = (ratio) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)}`;

/** An overhead as "+12.1 % (+9.8 … +14.0)": the median, then the middle half of the rounds. */
export const overhead = ({ median: middle, low, high }) =>
  `${signedPercent(middle)} % (${signedPercent(low)} … ${signedPercent(high)})`;

/** A ratio as "0.906 (0.899 … 0.912)": the median, then the middle half of the rounds. */
export const ratioText = ({ median: middle, low, high }) =>
  `${middle.toFixed(3)} (${low.toFixed(3)} … ${high.toFixed(3)})`;

/** Rows of cells as a Markdown table; the first row is the header, numbers align right. */
export function markdownTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row) =>
    `| ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ];
}
