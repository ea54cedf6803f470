/**
 * The guarantee process as a function: for a set of URLs, which ones two plans tag
 * differently (SERVICE, OUTIL, TYPE, name, chapters, or tagged ↔ skipped).
 * Usage: `diffPlans(oldPlan, newPlan, [{ method: "GET", url: "/notes", label: "/notes", source: "urls" }])`.
 */

import { resolvePage, toPageRequest } from "./resolve.js";
import type { CompiledPlan, PageResolution } from "./types.js";

export type UrlSource = "urls" | "log" | "old-examples" | "new-examples";

export interface DiffRequest {
  method: string;
  url: string;
  host?: string | undefined;
  /** What reports show for the URL: the URL itself, or a group of logged URLs. */
  label: string;
  source: UrlSource;
}

export type PageOutcome =
  | {
      kind: "page";
      rule: string;
      service: string;
      outil: string;
      type: string;
      name: string;
      chapters: string[];
    }
  | { kind: "skip"; reason: string };

export type ChangedField = "tagging" | "SERVICE" | "OUTIL" | "TYPE" | "name" | "chapters";

export interface UrlChange {
  method: string;
  label: string;
  /** How many checked URLs share this label and change (more than 1 for log groups). */
  count: number;
  sources: UrlSource[];
  fields: ChangedField[];
  before: PageOutcome;
  after: PageOutcome;
}

export interface UrlDiff {
  checked: number;
  bySource: Record<UrlSource, number>;
  /** URLs that keep their values but move to a rule of another id. */
  ruleRenamed: number;
  changes: UrlChange[];
}

/** Resolves every request in both plans; URLs met twice (same method, host and URL) are checked once. */
export function diffPlans(
  oldPlan: CompiledPlan,
  newPlan: CompiledPlan,
  requests: Iterable<DiffRequest>,
): UrlDiff {
  const diff: UrlDiff = {
    checked: 0,
    bySource: { urls: 0, log: 0, "old-examples": 0, "new-examples": 0 },
    ruleRenamed: 0,
    changes: [],
  };
  const seen = new Set<string>();
  const groups = new Map<string, UrlChange>();

  for (const request of requests) {
    const key = `${request.method} ${request.host ?? ""} ${request.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diff.checked++;
    diff.bySource[request.source]++;

    const before = outcomeOf(oldPlan, request);
    const after = outcomeOf(newPlan, request);
    const fields = compareOutcomes(before, after);
    if (fields.length === 0) {
      if (before.kind === "page" && after.kind === "page" && before.rule !== after.rule)
        diff.ruleRenamed++;
      continue;
    }
    addChange(groups, request, { before, after, fields });
  }
  diff.changes = [...groups.values()];
  return diff;
}

/** What a plan makes of one request, without the parts that cannot change between plans. */
export function outcomeOf(
  plan: CompiledPlan,
  request: Pick<DiffRequest, "method" | "url" | "host">,
): PageOutcome {
  return toOutcome(resolvePage(plan, toPageRequest(request.url, request.method, request.host)));
}

/** The fields that differ between two outcomes; empty when the page is tagged the same. */
export function compareOutcomes(before: PageOutcome, after: PageOutcome): ChangedField[] {
  if (before.kind !== after.kind) return ["tagging"];
  if (before.kind === "skip" || after.kind === "skip") return [];

  const fields: ChangedField[] = [];
  if (before.service !== after.service) fields.push("SERVICE");
  if (before.outil !== after.outil) fields.push("OUTIL");
  if (before.type !== after.type) fields.push("TYPE");
  if (before.name !== after.name) fields.push("name");
  if (before.chapters.join("/") !== after.chapters.join("/")) fields.push("chapters");
  return fields;
}

function toOutcome(resolution: PageResolution): PageOutcome {
  if (resolution.kind === "skip") return { kind: "skip", reason: resolution.reason };

  const { ruleId, service, outil, type, name, chapters } = resolution;
  return { kind: "page", rule: ruleId, service, outil, type, name, chapters };
}

function addChange(
  groups: Map<string, UrlChange>,
  request: DiffRequest,
  change: Pick<UrlChange, "before" | "after" | "fields">,
): void {
  const key = JSON.stringify([request.method, request.label, change.before, change.after]);
  const group = groups.get(key);
  if (!group) {
    groups.set(key, {
      method: request.method,
      label: request.label,
      count: 1,
      sources: [request.source],
      ...change,
    });
    return;
  }
  group.count++;
  if (!group.sources.includes(request.source)) group.sources.push(request.source);
}
