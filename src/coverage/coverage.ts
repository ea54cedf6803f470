/**
 * Coverage of a tagging plan over access logs: for each page view, the rule that
 * tags it, or the fallback (PAGE_ENT), never_tag, or no rule; counted per rule and
 * per SERVICE, with the top URL groups that no rule names.
 * Usage: `const report = await measureCoverage(plan, ["access.log.gz"])`.
 */

import { stat } from "node:fs/promises";
import { resolvePage, toPageRequest } from "../plan/resolve.js";
import type { CompiledPlan } from "../plan/types.js";
import { checkLogEntry, IGNORE_REASONS, type IgnoreReason } from "./filter.js";
import { parseLogLine } from "./log-entry.js";
import { normalizePath } from "./normalize-path.js";
import { readLogLineBatches } from "./read-lines.js";
import { TopCounter, type TopEntry } from "./top-counter.js";

export interface CoverageOptions {
  /** Host used for rules with host conditions when the log has none. */
  host?: string | undefined;
  /** Length of the top lists (default 20). */
  top?: number | undefined;
  /** Called with the total bytes read over all files, and the lines so far. */
  onProgress?: ((bytesRead: number, lines: number) => void) | undefined;
}

export interface CoverageReport {
  plan: { file: string; name: string; version: string };
  files: string[];
  lines: { read: number; counted: number; ignored: Record<IgnoreReason, number> };
  outcomes: { rule: number; fallback: number; neverTag: number; noRule: number };
  rules: { id: string; line: number | undefined; service: string; hits: number }[];
  services: { service: string; hits: number }[];
  fallbackUrls: TopEntry[];
  noRuleUrls: TopEntry[];
}

type Outcome =
  | { kind: "rule"; ruleId: string; service: string; group: string }
  | { kind: "fallback"; ruleId: string; service: string; group: string }
  | { kind: "neverTag"; group: string }
  | { kind: "noRule"; group: string };

const CACHE_LIMIT = 100_000;

/** Counts page views line by line; feed it lines, then ask for the report. */
export class CoverageCounter {
  private readonly cache = new Map<string, Outcome>();
  private readonly isQueryUsed: boolean;
  private readonly ruleHits = new Map<string, number>();
  private readonly serviceHits = new Map<string, number>();
  private readonly fallbackUrls = new TopCounter();
  private readonly noRuleUrls = new TopCounter();
  private readonly lines = {
    read: 0,
    counted: 0,
    ignored: Object.fromEntries(IGNORE_REASONS.map((r) => [r, 0])) as Record<IgnoreReason, number>,
  };
  private readonly outcomes = { rule: 0, fallback: 0, neverTag: 0, noRule: 0 };

  constructor(
    private readonly plan: CompiledPlan,
    private readonly options: Pick<CoverageOptions, "host" | "top"> = {},
  ) {
    this.isQueryUsed = plan.rules.some((rule) => rule.conditions.query !== undefined);
  }

  /** Counts one log line (blank lines are not counted at all). */
  addLine(line: string): void {
    if (line.trim() === "") return;
    this.lines.read++;

    const entry = parseLogLine(line);
    const reason = entry ? checkLogEntry(entry) : "unparsable";
    if (!entry || reason) {
      this.lines.ignored[reason ?? "unparsable"]++;
      return;
    }
    this.lines.counted++;
    // Note: an absolute-form target (proxy logs) carries its own host; --host only fills a gap.
    const host =
      entry.host ?? (/^https?:\/\//i.test(entry.target) ? "" : (this.options.host ?? ""));
    this.count(this.resolve(entry.method, host, entry.target));
  }

  /** The counts so far. */
  report(files: string[] = []): CoverageReport {
    const { plan } = this;
    const top = this.options.top ?? 20;
    const rules = plan.rules.map((rule) => ({
      id: rule.id,
      line: rule.line,
      service: rule.service,
      hits: this.ruleHits.get(rule.id) ?? 0,
    }));
    if (plan.fallback)
      rules.push({
        id: "fallback",
        line: undefined,
        service: plan.fallback.service,
        hits: this.outcomes.fallback,
      });

    return {
      plan: { file: plan.file, name: plan.name, version: plan.version },
      files,
      lines: { ...this.lines, ignored: { ...this.lines.ignored } },
      outcomes: { ...this.outcomes },
      rules,
      services: [...this.serviceHits]
        .map(([service, hits]) => ({ service, hits }))
        .sort(byHitsThenName),
      fallbackUrls: this.fallbackUrls.top(top),
      noRuleUrls: this.noRuleUrls.top(top),
    };
  }

  private resolve(method: string, host: string, target: string): Outcome {
    const key = `${method} ${host} ${this.isQueryUsed ? target : target.replace(/[?#].*$/, "")}`;
    const cached = this.cache.get(key);
    if (cached) return cached;

    const outcome = this.classify(method, host, target);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, outcome);
    return outcome;
  }

  private classify(method: string, host: string, target: string): Outcome {
    const request = toPageRequest(target, method, host || undefined);
    const group = normalizePath(request.path);
    const resolution = resolvePage(this.plan, request);
    if (resolution.kind === "skip")
      return { kind: resolution.reason === "never-tag" ? "neverTag" : "noRule", group };

    const kind = resolution.ruleId === "fallback" ? ("fallback" as const) : ("rule" as const);
    return { kind, ruleId: resolution.ruleId, service: resolution.service, group };
  }

  private count(outcome: Outcome): void {
    this.outcomes[outcome.kind]++;
    if (outcome.kind === "neverTag") return;
    if (outcome.kind === "noRule") {
      this.noRuleUrls.add(outcome.group);
      return;
    }

    if (outcome.kind === "fallback") this.fallbackUrls.add(outcome.group);
    else this.ruleHits.set(outcome.ruleId, (this.ruleHits.get(outcome.ruleId) ?? 0) + 1);
    this.serviceHits.set(outcome.service, (this.serviceHits.get(outcome.service) ?? 0) + 1);
  }
}

/** Reads every file in turn, streaming, and returns the coverage of the plan over them. */
export async function measureCoverage(
  plan: CompiledPlan,
  files: string[],
  options: CoverageOptions = {},
): Promise<CoverageReport> {
  const counter = new CoverageCounter(plan, options);
  let bytesBefore = 0;
  let lines = 0;
  for (const file of files) {
    const report = (bytes: number) => options.onProgress?.(bytesBefore + bytes, lines);
    for await (const batch of readLogLineBatches(file, report)) {
      for (const line of batch) counter.addLine(line);
      lines += batch.length;
    }
    bytesBefore += (await stat(file)).size;
  }
  return counter.report(files);
}

/** Total size of the files, for a progress bar. */
export async function totalSize(files: string[]): Promise<number> {
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return sizes.reduce((sum, size) => sum + size, 0);
}

function byHitsThenName(
  a: { service: string; hits: number },
  b: { service: string; hits: number },
): number {
  return b.hits - a.hits || a.service.localeCompare(b.service);
}
