/**
 * Human text of an audit: the verdict, where the loader and the tag are, the values
 * the tag sends (the visitor id shown only as the start of a hash), then one line per
 * finding as `source:line: field: severity: message (code)`.
 * Usage: `formatAudit(auditPage(html, { source }))`.
 */

import type { AuditReport } from "../audit/audit.js";
import type { Finding } from "../audit/findings.js";
import { formatTable } from "./table.js";

/** The report as text, ending with a newline. */
export function formatAudit(report: AuditReport): string {
  const verdict = report.isConformant ? "conformant" : "NOT CONFORMANT";
  const counts = `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`;
  const parts = [`${report.source}: ${verdict} (${counts})\n${describePlacement(report)}`];

  if (report.tag)
    parts.push(
      formatTable(
        [{ title: "FIELD" }, { title: "VALUE" }],
        Object.entries(report.tag.values).map(([key, value]) => [key, showValue(value)]),
      ),
    );
  const lines = [
    ...report.findings.map((item) => formatFinding(report.source, item)),
    ...report.notes.map((note) => `note: ${note}`),
  ];
  if (lines.length > 0) parts.push(`${lines.join("\n")}\n`);
  return parts.join("\n");
}

/** `page.html:40: UAI: error: UAI "0021593X" is not ... (uai-invalid)` */
export function formatFinding(source: string, item: Finding): string {
  const where = item.line === undefined ? source : `${source}:${item.line}`;
  return `${where}: ${item.field}: ${item.severity}: ${item.message} (${item.code})`;
}

function describePlacement({ loader, tag }: AuditReport): string {
  const loaderText = loader
    ? `${loader.src}, in ${loader.isInHead ? "<head>" : "the wrong place"} (line ${loader.line ?? "?"})`
    : "none";
  const tagText = tag
    ? `script at line ${tag.line ?? "?"}, dispatch() called ${tag.dispatches} time${tag.dispatches === 1 ? "" : "s"}`
    : "none";
  return `loader   ${loaderText}\ntag      ${tagText}\n`;
}

function showValue(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
}
