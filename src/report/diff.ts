/**
 * Human text of a plan diff: the plans, how many URLs were checked and from where,
 * what changed in the rules and settings, then one row per changed URL (or group of
 * logged URLs) with its values before and after.
 * Usage: `formatDiff(report)`.
 */

import type { DefinitionDiff } from "../plan/diff-definitions.js";
import type { PageOutcome, UrlDiff } from "../plan/diff.js";
import { formatTable } from "./table.js";

export interface DiffReport {
  old: { file: string; name: string; version: string };
  new: { file: string; name: string; version: string };
  urls: UrlDiff;
  definitions: DefinitionDiff;
  hasChanges: boolean;
}

/** The report as text, ending with a newline. */
export function formatDiff(report: DiffReport, limit = 100): string {
  const parts = [
    formatHeader(report),
    formatDefinitions(report.definitions),
    formatChanges(report.urls, limit),
  ];
  return `${parts.filter((part) => part !== "").join("\n")}\n`;
}

/** `marks: NOTES, ENT_DEMO, NATIF, releve_de_notes` or `skipped (never-tag)`. */
export function describeOutcome(outcome: PageOutcome): string {
  if (outcome.kind === "skip") return `skipped (${outcome.reason})`;
  const chapters = outcome.chapters.length > 0 ? ` [${outcome.chapters.join("/")}]` : "";
  return `${outcome.rule}: ${outcome.service}, ${outcome.outil}, ${outcome.type}, ${outcome.name}${chapters}`;
}

function formatHeader({ old, new: next, urls }: DiffReport): string {
  const sources = Object.entries(urls.bySource)
    .filter(([, count]) => count > 0)
    .map(([source, count]) => `${count} from ${source}`);
  return (
    `Plans ${old.name} ${old.version} (${old.file}) -> ${next.name} ${next.version} (${next.file})\n` +
    `${urls.checked} URLs checked (${sources.join(", ") || "none"})\n`
  );
}

function formatDefinitions({ rules, settings }: DefinitionDiff): string {
  const lines = [
    ...(rules.added.length > 0 ? [`rules added: ${rules.added.join(", ")}`] : []),
    ...(rules.removed.length > 0 ? [`rules removed: ${rules.removed.join(", ")}`] : []),
    ...(rules.reordered.length > 0 ? [`rules moved: ${rules.reordered.join(", ")}`] : []),
    ...rules.changed.map((rule) => `rule ${rule.id} changed: ${rule.fields.join(", ")}`),
    ...settings.map((setting) => `${setting.field}: ${setting.before} -> ${setting.after}`),
  ];
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

function formatChanges(urls: UrlDiff, limit: number): string {
  const renamed = urls.ruleRenamed > 0 ? ` (${urls.ruleRenamed} more only change rule id)` : "";
  if (urls.changes.length === 0)
    return `No URL changes SERVICE, OUTIL, TYPE, name, chapters or tagging${renamed}.`;

  const count = urls.changes.reduce((sum, change) => sum + change.count, 0);
  const rows = urls.changes
    .slice(0, limit)
    .map((change) => [
      change.method,
      change.label,
      String(change.count),
      change.fields.join(","),
      describeOutcome(change.before),
      describeOutcome(change.after),
    ]);
  const table = formatTable(
    [
      { title: "METHOD" },
      { title: "URL" },
      { title: "URLS", align: "right" },
      { title: "CHANGES" },
      { title: "BEFORE" },
      { title: "AFTER" },
    ],
    rows,
  );
  const more =
    urls.changes.length > limit
      ? `... and ${urls.changes.length - limit} more rows (see --json)\n`
      : "";
  return `${count} URLs change${renamed}:\n${table}${more}`.trimEnd();
}
