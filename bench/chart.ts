/**
 * The report's chart, as plain SVG written here: one bar per measured variant with its
 * throughput ratio to the baseline of the same run (target lines drawn), and the engine
 * speeds relative to the htmlparser2 Tokenizer on a log scale.
 * Usage: `writeFileSync("docs/benchmarks.svg", renderChart(results))`.
 */

import type { BenchResults } from "./results.js";
import { ENGINE_TARGET, MIDDLEWARE_TARGET, PROXY_TARGET } from "./targets.js";

interface Bar {
  label: string;
  value: number;
  isOurs: boolean;
  /** Shown instead of a bar when the variant has no figure. */
  note?: string;
  /** The value the bar should reach, marked in red on its row. */
  target?: number;
}

const WIDTH = 900;
const LABEL_WIDTH = 430;
const ROW = 20;
const PLOT = WIDTH - LABEL_WIDTH - 60;

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function text(x: number, y: number, content: string, attributes = ""): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attributes}>${escapeXml(content)}</text>`;
}

/** One panel: grid and ticks, one bar per row with its value, and each row's target mark. */
function renderPanel(
  top: number,
  title: string,
  bars: Bar[],
  scale: (value: number) => number,
  ticks: number[],
  format: (value: number) => string,
): { svg: string; height: number } {
  const parts = [text(10, top + 16, title, 'font-weight="bold"')];
  const plotTop = top + 28;
  const plotHeight = bars.length * ROW;
  for (const tick of ticks) {
    const x = LABEL_WIDTH + scale(tick) * PLOT;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${plotTop}" x2="${x.toFixed(1)}" y2="${plotTop + plotHeight}" stroke="#e1e4e8"/>`,
    );
    parts.push(
      text(x, plotTop + plotHeight + 14, format(tick), 'text-anchor="middle" fill="#57606a"'),
    );
  }
  for (const [index, bar] of bars.entries()) {
    const y = plotTop + index * ROW;
    parts.push(text(LABEL_WIDTH - 8, y + 14, bar.label, 'text-anchor="end"'));
    if (bar.note) {
      parts.push(text(LABEL_WIDTH + 4, y + 14, bar.note, 'fill="#cf222e"'));
      continue;
    }
    const length = Math.max(1, scale(bar.value) * PLOT);
    parts.push(
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${length.toFixed(1)}" height="${ROW - 6}" fill="${bar.isOurs ? "#1f6feb" : "#9aa4b2"}"/>`,
    );
    if (bar.target !== undefined) {
      const x = LABEL_WIDTH + scale(bar.target) * PLOT;
      parts.push(
        `<line x1="${x.toFixed(1)}" y1="${y}" x2="${x.toFixed(1)}" y2="${y + ROW}" stroke="#cf222e" stroke-width="2"/>`,
      );
    }
    parts.push(text(LABEL_WIDTH + length + 4, y + 14, format(bar.value)));
  }
  return { svg: parts.join("\n"), height: 28 + plotHeight + 30 };
}

function throughputBars(results: BenchResults): Bar[] {
  return results.throughput
    .filter((row) => !row.isBaseline)
    .map((row) => ({
      label: `${row.group} ${row.size}${row.encoding ? ` ${row.encoding}` : ""}: ${row.variant}`,
      value: row.summary?.ratio ?? 0,
      isOurs: row.variant.startsWith("dnma"),
      note: row.summary ? undefined : (row.missing ?? "no figures"),
      target: row.variant.startsWith("dnma")
        ? row.group === "middleware"
          ? MIDDLEWARE_TARGET
          : PROXY_TARGET
        : undefined,
    }));
}

function engineBars(results: BenchResults): Bar[] {
  const rows = results.engine?.rows ?? [];
  const tokenizer = rows.find((row) => row.variant === "htmlparser2");
  if (!tokenizer) return [];
  return rows.map((row) => ({
    label: `engine: ${row.label}`,
    value: tokenizer.injectorSpeedup / row.injectorSpeedup,
    isOurs: row.variant === "injector",
    target: row.variant === "injector" ? ENGINE_TARGET : undefined,
  }));
}

function formatTimes(value: number): string {
  if (value >= 10) return `${value.toFixed(0)}×`;
  return value >= 1 ? `${value.toFixed(1)}×` : `${Number(value.toPrecision(2))}×`;
}

/** The whole chart as an SVG document. */
export function renderChart(results: BenchResults): string {
  const linear = (value: number) => Math.min(value, 1.25) / 1.25;
  const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
  const throughput = renderPanel(
    0,
    "Throughput relative to the baseline of the same run (median of per-round ratios)",
    throughputBars(results),
    linear,
    [0, 0.25, 0.5, 0.75, 1],
    percent,
  );

  const logScale = (value: number) => Math.max(0, Math.min(1, (Math.log10(value) + 2) / 5));
  const engine = renderPanel(
    throughput.height + 10,
    "Engine MB/s relative to the htmlparser2 Tokenizer (log scale)",
    engineBars(results),
    logScale,
    [0.01, 0.1, 1, 10, 100, 1000],
    formatTimes,
  );

  const height = throughput.height + engine.height + 30;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="#ffffff"/>
${throughput.svg}
${engine.svg}
${text(10, height - 8, `${results.mode} run of ${results.startedAt}. Blue: dnma-tag; grey: the alternatives; red mark: the target.`, 'fill="#57606a"')}
</svg>
`;
}
