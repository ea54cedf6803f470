/**
 * Human text of a match explanation: the request, the never_tag verdict, each rule
 * tried with why it did or did not match, and the values the page gets.
 * Usage: `formatMatch(explainMatch(plan, request))`.
 */

import type { ConditionCheck, MatchExplanation, NeverTagHit, RuleTrial } from "../plan/explain.js";
import { formatTable } from "./table.js";

/** The explanation as text, ending with a newline. */
export function formatMatch(explanation: MatchExplanation): string {
  const { request, neverTag, trials } = explanation;
  const query = request.query ? `?${request.query}` : "";
  const host = request.host ? ` (host ${request.host})` : " (no host)";
  const hash = request.hash ? `#${request.hash}` : "";
  const head = `${request.method} ${request.path}${query}${hash}${host}\n`;
  if (neverTag) return `${head}skipped: ${describeNeverTag(neverTag)}: the page is never tagged\n`;

  const table = formatTable(
    [{ title: "RULE" }, { title: "LINE", align: "right" }, { title: "MATCH" }, { title: "WHY" }],
    trials.map((trial) => [
      trial.id,
      String(trial.line ?? "?"),
      trial.matched ? "yes" : "no",
      explainTrial(trial),
    ]),
  );
  return `${head}never_tag: no entry matches\n\n${trials.length > 0 ? `${table}\n` : ""}${describeResult(explanation)}`;
}

/** `never_tag path "/api/*" (line 66) matches` or `never_tag extension "css" matches`. */
export function describeNeverTag(hit: NeverTagHit): string {
  const line = hit.line === undefined ? "" : ` (line ${hit.line})`;
  return `never_tag ${hit.kind} "${hit.entry}"${line} matches`;
}

/** Why a rule did or did not match: its failing conditions, or all its conditions when it matched. */
export function explainTrial(trial: RuleTrial): string {
  const shown = trial.matched ? trial.checks : trial.checks.filter((check) => !check.holds);
  return shown.map(describeCheck).join("; ");
}

function describeCheck(check: ConditionCheck): string {
  if (check.holds)
    return `${check.condition} ${check.condition === "path" ? check.expected : check.actual}`;

  switch (check.condition) {
    case "other":
      return `${check.expected}: ${check.actual}`;
    case "path":
      return `path ${check.expected} does not match`;
    case "query":
      return `query wants ${check.expected}, has ${check.actual}`;
    default:
      return `${check.condition} ${check.actual} not in ${check.expected}`;
  }
}

function describeResult({ result, trials }: MatchExplanation): string {
  if (result.kind === "skip")
    return "skipped: no rule matches and the plan has no fallback (no-rule)\n";

  const isFallback = result.ruleId === "fallback";
  const origin = isFallback
    ? `fallback (none of the ${trials.length} rules matches)`
    : `rule "${result.ruleId}" (line ${result.line ?? "?"})`;
  const params = Object.entries(result.params).map(([key, value]) => `${key}=${value}`);
  const rows = [
    ["result", origin],
    ["SERVICE", result.service],
    ["OUTIL", result.outil],
    ["TYPE", result.type],
    ["name", result.name],
    ["chapters", result.chapters.join(", ") || "-"],
    ...(params.length > 0 ? [["params", params.join(", ")]] : []),
  ];
  return `${rows.map(([key, value]) => `${(key ?? "").padEnd(9)}${value}`).join("\n")}\n`;
}
