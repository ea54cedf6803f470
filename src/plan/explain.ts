/**
 * Why the plan decides what it decides for a request: the never_tag entry that skips
 * it, or each rule tried in order with every condition checked, up to the one that
 * wins. Shared by `dnma-tag match` and the admin page's URL tester.
 * Usage: `explainMatch(plan, toPageRequest("/notes"))`.
 */

import { matchPath } from "./pattern.js";
import { getExtension, matchConditions, matchHost, matchQuery, resolvePage } from "./resolve.js";
import type {
  CompiledPlan,
  CompiledRule,
  PageRequest,
  PageResolution,
  RuleConditions,
} from "./types.js";

export interface ConditionCheck {
  /** `other`: a condition of the rule that this explanation does not spell out. */
  condition: "path" | "hash" | "method" | "host" | "query" | "other";
  expected: string;
  actual: string;
  holds: boolean;
}

export interface RuleTrial {
  id: string;
  line: number | undefined;
  matched: boolean;
  checks: ConditionCheck[];
}

export interface NeverTagHit {
  kind: "path" | "extension";
  entry: string;
  line: number | undefined;
}

export type ExplainedResolution =
  | {
      kind: "page";
      ruleId: string;
      line: number | undefined;
      service: string;
      outil: string;
      type: string;
      name: string;
      chapters: string[];
      params: Record<string, string>;
    }
  | { kind: "skip"; reason: "never-tag" | "no-rule" };

export interface MatchExplanation {
  request: { method: string; host: string; path: string; query: string; hash: string };
  neverTag: NeverTagHit | undefined;
  /** The rules tried, in plan order, the matching one last (none when never_tag skips). */
  trials: RuleTrial[];
  result: ExplainedResolution;
}

/** Explains the plan's decision for a request; the result is the one resolvePage gives. */
export function explainMatch(plan: CompiledPlan, request: PageRequest): MatchExplanation {
  const neverTag = findNeverTagHit(plan, request.path);
  const trials = neverTag ? [] : tryRules(plan.rules, request);
  const requestSummary = {
    method: request.method,
    host: request.host,
    path: request.path,
    query: request.query.toString(),
    hash: request.hash ?? "",
  };
  return {
    request: requestSummary,
    neverTag,
    trials,
    result: summarize(resolvePage(plan, request)),
  };
}

/** The never_tag entry that covers `path`: the extension first, as resolvePage checks it. */
export function findNeverTagHit(plan: CompiledPlan, path: string): NeverTagHit | undefined {
  const { patterns, extensions, lines } = plan.neverTag;
  const extension = getExtension(path);
  if (extensions.has(extension)) return { kind: "extension", entry: extension, line: undefined };

  const index = patterns.findIndex((pattern) => pattern.regex.test(path));
  if (index < 0) return undefined;
  return { kind: "path", entry: patterns[index]?.source ?? "", line: lines[index] };
}

/** Each condition of a rule, checked against the request (all of them, not only the first failing). */
export function checkConditions(
  conditions: RuleConditions,
  request: PageRequest,
): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  const { methods, hosts, query, pattern } = conditions;
  if (methods) {
    checks.push({
      condition: "method",
      expected: methods.join(","),
      actual: request.method,
      holds: methods.includes(request.method),
    });
  }
  if (hosts) {
    const holds = hosts.some((host) => matchHost(host, request.host));
    checks.push({
      condition: "host",
      expected: hosts.map(showHost).join(","),
      actual: request.host || "(none)",
      holds,
    });
  }
  for (const [key, value] of query ?? []) {
    const actual = request.query.get(key);
    const holds = matchQuery(request.query, key, value);
    checks.push({
      condition: "query",
      expected: `${key}=${value}`,
      actual: actual === null ? `${key} absent` : `${key}=${actual}`,
      holds,
    });
  }
  const holds = matchPath(pattern, request.path) !== undefined;
  checks.push({ condition: "path", expected: pattern.source, actual: request.path, holds });
  if (conditions.hash) {
    const hash = request.hash ?? "";
    const isHashHeld = matchPath(conditions.hash, hash) !== undefined;
    checks.push({
      condition: "hash",
      expected: `#${conditions.hash.source}`,
      actual: hash ? `#${hash}` : "(no #route)",
      holds: isHashHeld,
    });
  }
  return checks;
}

function tryRules(rules: readonly CompiledRule[], request: PageRequest): RuleTrial[] {
  const trials: RuleTrial[] = [];
  for (const rule of rules) {
    const checks = checkConditions(rule.conditions, request);
    // Note: resolvePage's own matcher decides; a condition not spelled out above still counts.
    const matched = matchConditions(rule.conditions, request) !== undefined;
    if (!matched && checks.every((check) => check.holds)) {
      checks.push({
        condition: "other",
        expected: "the rule's other conditions",
        actual: "not met",
        holds: false,
      });
    }
    trials.push({ id: rule.id, line: rule.line, matched, checks });
    if (matched) break;
  }
  return trials;
}

function summarize(resolution: PageResolution): ExplainedResolution {
  if (resolution.kind === "skip") return resolution;

  const { ruleId, rule, service, outil, type, name, chapters, params } = resolution;
  return { kind: "page", ruleId, line: rule?.line, service, outil, type, name, chapters, params };
}

function showHost(host: string): string {
  return host.startsWith(".") ? `*${host}` : host;
}
