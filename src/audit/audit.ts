/**
 * `dnma-tag audit` as a function: reads a page (ours or tagged by hand by any ENT),
 * runs its inline scripts against a recording SmartTag stand-in and judges the
 * result against the DNMA reference, and optionally against a tagging plan.
 * Usage: `const report = auditPage(html, { source: "page.html", user: "jdupont" })`.
 */

import type { CompiledPlan } from "../plan/types.js";
import { checkAgainstPlan } from "./check-plan.js";
import { checkPlacement, findLoaders } from "./check-placement.js";
import { checkValues } from "./check-values.js";
import { type Finding, finding } from "./findings.js";
import { type ScriptFacts, readPage } from "./read-page.js";
import { readTag, type TagReading } from "./read-tag.js";
import { runScripts, type ScriptRun } from "./sandbox.js";
import { describeVisitorId } from "./visitor-id.js";

export interface AuditOptions {
  /** File name or URL, used in reports and as the file name of script errors. */
  source: string;
  /** Raw login of the user the page was fetched for: the visitor id must not be it. */
  user?: string | undefined;
  /** With `url`, the values must be those the plan gives for the page. */
  plan?: CompiledPlan | undefined;
  url?: string | undefined;
  timeoutMs?: number | undefined;
}

export interface AuditReport {
  source: string;
  isConformant: boolean;
  errors: number;
  warnings: number;
  loader: { src: string; line: number | undefined; isInHead: boolean } | undefined;
  tag:
    | { line: number | undefined; values: Record<string, unknown>; dispatches: number }
    | undefined;
  findings: Finding[];
  /** Errors of scripts that are not the tag's, for information. */
  notes: string[];
}

const TAG_MENTION = /ATInternet|ATTag/;

/** Audits one page's HTML; never throws for what the page contains. */
export function auditPage(html: string, options: AuditOptions): AuditReport {
  const facts = readPage(html);
  const inline = facts.scripts.filter((script) => script.isClassic && script.src === undefined);
  const { calls, runs } = runScripts(inline, {
    fileName: options.source,
    timeoutMs: options.timeoutMs,
  });
  const tag = readTag(calls);
  const tagScript = tag ? inline[tag.script] : undefined;

  const findings = [...checkPlacement(facts, tagScript), ...checkRuns(runs, inline, tag)];
  if (tag)
    findings.push(
      ...checkValues(tag, { line: tagScript?.line, code: tagScript?.code, user: options.user }),
    );
  else
    findings.push(
      finding(
        "tag-missing",
        "tag",
        undefined,
        "no script creates new ATInternet.Tracker.Tag(): the page sends no hit",
      ),
    );
  if (tag && options.plan && options.url)
    findings.push(
      ...checkAgainstPlan(tag, options.plan, options.url, {
        line: tagScript?.line,
        code: tagScript?.code,
      }),
    );

  return summarize(
    options,
    findings,
    facts.scripts,
    tag,
    tagScript,
    describeOtherErrors(runs, inline, tag),
  );
}

function checkRuns(
  runs: ScriptRun[],
  inline: ScriptFacts[],
  tag: TagReading | undefined,
): Finding[] {
  return runs
    .filter((run) => run.error !== undefined && isTagRun(run, inline, tag))
    .map((run) => {
      const line = inline[run.script]?.line;
      const where = run.script < 0 ? "a load handler or timer of the tag" : "the tag script";
      if (run.isTimedOut)
        return finding(
          "script-timeout",
          "tag",
          line,
          `${where} did not finish in time (endless loop?)`,
        );
      return finding("script-error", "tag", line, `${where} throws: ${run.error}`);
    });
}

function isTagRun(run: ScriptRun, inline: ScriptFacts[], tag: TagReading | undefined): boolean {
  if (run.script < 0) return true;
  if (tag && (run.script === tag.script || run.script === tag.dispatchScript)) return true;
  return TAG_MENTION.test(inline[run.script]?.code ?? "");
}

function describeOtherErrors(
  runs: ScriptRun[],
  inline: ScriptFacts[],
  tag: TagReading | undefined,
): string[] {
  return runs
    .filter((run) => run.error !== undefined && !isTagRun(run, inline, tag))
    .map(
      (run) =>
        `script at line ${inline[run.script]?.line ?? "?"} (not the tag) fails in the audit sandbox: ${run.error}`,
    );
}

function summarize(
  options: AuditOptions,
  findings: Finding[],
  scripts: ScriptFacts[],
  tag: TagReading | undefined,
  tagScript: ScriptFacts | undefined,
  notes: string[],
): AuditReport {
  const errors = findings.filter((item) => item.severity === "error").length;
  const loader = findLoaders(scripts)[0];
  return {
    source: options.source,
    isConformant: errors === 0,
    errors,
    warnings: findings.length - errors,
    loader: loader
      ? { src: loader.src ?? "", line: loader.line, isInHead: loader.isInHead }
      : undefined,
    tag: tag
      ? {
          line: tagScript?.line,
          values: describeValues(tag, options.user),
          dispatches: tag.dispatches,
        }
      : undefined,
    findings: findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
    notes,
  };
}

function describeValues(tag: TagReading, user: string | undefined): Record<string, unknown> {
  const { id, ...visitor } = tag.visitor ?? {};
  return {
    site: tag.site,
    ...tag.props,
    ...(tag.visitor
      ? { "visitor.id": describeVisitorId(id, user), "visitor.category": visitor.category }
      : {}),
    ...Object.fromEntries(
      Object.entries(tag.page ?? {}).map(([key, value]) => [`page.${key}`, value]),
    ),
  };
}
