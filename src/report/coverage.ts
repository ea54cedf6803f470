/**
 * Human text of a coverage report: what was read and ignored, where page views went,
 * then per rule, per SERVICE and the top URL groups left to the fallback or to no rule.
 * Usage: `formatCoverage(await measureCoverage(plan, files))`.
 */

import type { CoverageReport } from "../coverage/coverage.js";
import type { TopEntry } from "../coverage/top-counter.js";
import { formatTable, percent } from "./table.js";

/** The report as text, ending with a newline. */
export function formatCoverage(report: CoverageReport): string {
  return [
    formatSummary(report),
    formatOutcomes(report),
    formatRules(report),
    formatServices(report),
    ...formatTops(report),
  ].join("\n");
}

function formatSummary({ plan, files, lines }: CoverageReport): string {
  const ignored = Object.entries(lines.ignored).map(([reason, count]) => `${reason} ${count}`);
  const fileCount = `${files.length} file${files.length === 1 ? "" : "s"}`;
  return (
    `Plan ${plan.name} ${plan.version} over ${fileCount}: ${lines.read} lines read, ` +
    `${lines.counted} page views counted, ${lines.read - lines.counted} ignored (${ignored.join(", ")})\n`
  );
}

function formatOutcomes({ outcomes, lines, rules }: CoverageReport): string {
  const fallback = rules.find((rule) => rule.id === "fallback");
  const rows = [
    ["tagged by a rule", outcomes.rule],
    [`fallback (${fallback?.service ?? "none"})`, outcomes.fallback],
    ["never_tag", outcomes.neverTag],
    ["no rule (left untagged)", outcomes.noRule],
  ] as const;
  return formatTable(
    [
      { title: "PAGE VIEWS" },
      { title: "HITS", align: "right" },
      { title: "SHARE", align: "right" },
    ],
    rows.map(([label, hits]) => [label, String(hits), percent(hits, lines.counted)]),
  );
}

function formatRules({ rules, lines }: CoverageReport): string {
  return formatTable(
    [
      { title: "RULE" },
      { title: "LINE", align: "right" },
      { title: "SERVICE" },
      { title: "HITS", align: "right" },
      { title: "SHARE", align: "right" },
    ],
    rules.map((rule) => [
      rule.id,
      rule.line === undefined ? "-" : String(rule.line),
      rule.service,
      String(rule.hits),
      percent(rule.hits, lines.counted),
    ]),
  );
}

function formatServices({ services, lines }: CoverageReport): string {
  return formatTable(
    [{ title: "SERVICE" }, { title: "HITS", align: "right" }, { title: "SHARE", align: "right" }],
    services.map((entry) => [
      entry.service,
      String(entry.hits),
      percent(entry.hits, lines.counted),
    ]),
  );
}

function formatTops(report: CoverageReport): string[] {
  const fallback = report.rules.find((rule) => rule.id === "fallback");
  const tops = [];
  if (fallback)
    tops.push(
      formatTop(
        `Top URLs falling to the fallback (${fallback.service})`,
        report.fallbackUrls,
        report.outcomes.fallback,
      ),
    );
  tops.push(
    formatTop(
      "Top URLs matching no rule (left untagged)",
      report.noRuleUrls,
      report.outcomes.noRule,
    ),
  );
  return tops;
}

function formatTop(title: string, entries: TopEntry[], hits: number): string {
  if (entries.length === 0)
    return hits === 0
      ? `${title}: none\n`
      : `${title}: ${hits} page views, none listed (--top 0)\n`;
  const table = formatTable(
    [{ title: "HITS", align: "right" }, { title: "PATH" }],
    entries.map((entry) => [String(entry.hits), entry.path]),
  );
  return `${title}:\n${table}`;
}
