/**
 * Plain-text tables for the human output of the CLI: one header line, a rule of
 * dashes, then the rows, columns padded to their widest cell.
 * Usage: `formatTable([{ title: "RULE" }, { title: "HITS", align: "right" }], rows)`.
 */

export interface Column {
  title: string;
  align?: "left" | "right";
}

const GAP = "  ";

/** The table as text, ending with a newline; an empty table still shows its header. */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const widths = columns.map((column, index) =>
    Math.max(column.title.length, ...rows.map((row) => (row[index] ?? "").length)),
  );
  const header = formatRow(
    columns.map((column) => column.title),
    columns,
    widths,
  );
  const rule = widths.map((width) => "-".repeat(width)).join(GAP);
  const body = rows.map((row) => formatRow(row, columns, widths));

  return `${[header, rule, ...body].join("\n")}\n`;
}

/** A share as a percentage with one decimal: `percent(1, 3) === "33.3%"`. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return "0.0%";
  return `${((100 * part) / whole).toFixed(1)}%`;
}

function formatRow(cells: readonly string[], columns: readonly Column[], widths: number[]): string {
  const padded = columns.map((column, index) => {
    const cell = cells[index] ?? "";
    const width = widths[index] ?? 0;
    return column.align === "right" ? cell.padStart(width) : cell.padEnd(width);
  });
  return padded.join(GAP).trimEnd();
}
