/**
 * Server-rendered HTML for the admin page: escaping, tables and the page shell. Every
 * value goes through escapeHtml; the page loads only its own stylesheet and script,
 * as its Content-Security-Policy allows.
 * Usage: `renderShell("dnma-tag admin", [section("plan", "Plan", table(...))])`.
 */

/** The admin page's own policy: nothing inline, nothing from elsewhere, no framing. */
export const ADMIN_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

/** A table with a header row; cells are escaped unless given as `{ html }`. */
export function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  attributes = "",
): string {
  const head = headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${renderCell(cell)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table${attributes}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export type Cell = string | number | undefined | { html: string };

/** A titled section with an id the page's script and tests can find. */
export function section(id: string, title: string, content: string): string {
  return `<section id="${escapeHtml(id)}"><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

/** The whole page. */
export function renderShell(
  title: string,
  subtitle: string,
  sections: readonly string[],
  refreshMs = 5000,
): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="admin.css">
<script src="admin.js" defer></script>
</head>
<body data-refresh-ms="${Math.max(200, Math.round(refreshMs))}">
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p></header>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}

function renderCell(cell: Cell): string {
  if (typeof cell === "object" && cell !== null) return cell.html;
  return escapeHtml(cell ?? "");
}
