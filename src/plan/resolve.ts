/**
 * Finds what the plan says about a request: the first matching rule wins; an
 * authenticated page that matches none falls to the plan's fallback (PAGE_ENT).
 * Usage: `resolvePage(plan, toPageRequest("https://ent.fr/timeline"))`.
 */

import { matchPath } from "./pattern.js";
import { renderTemplate } from "./template.js";
import type {
  CompiledPlan,
  CompiledRule,
  PageRequest,
  PageResolution,
  PageValues,
  RuleConditions,
} from "./types.js";

/** Splits a URL (absolute, or a path with an optional query) into what the plan matches on. */
export function toPageRequest(url: string, method = "GET", host?: string): PageRequest {
  const parsed = new URL(url, "http://unknown.invalid");
  const isAbsolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(url);

  return {
    method: method.toUpperCase(),
    host: (host ?? (isAbsolute ? parsed.hostname : "")).toLowerCase().replace(/:\d+$/, ""),
    path: parsed.pathname,
    query: parsed.searchParams,
    hash: toRoute(parsed.hash),
  };
}

/** The plan's decision for a request; never throws. */
export function resolvePage(plan: CompiledPlan, request: PageRequest): PageResolution {
  if (isNeverTagged(plan, request.path)) return { kind: "skip", reason: "never-tag" };

  for (const rule of plan.rules) {
    const params = matchConditions(rule.conditions, request);
    if (params) return fillValues(rule.id, rule, rule, params);
  }

  if (!plan.fallback) return { kind: "skip", reason: "no-rule" };
  return fillValues("fallback", undefined, plan.fallback, {});
}

/** Returns whether the path is on the plan's never-tag list (by pattern or extension). */
export function isNeverTagged(plan: CompiledPlan, path: string): boolean {
  const { patterns, extensions } = plan.neverTag;
  if (extensions.size > 0 && extensions.has(getExtension(path))) return true;

  return patterns.some((pattern) => pattern.regex.test(path));
}

/** The captured parameters when every condition of a rule holds, else undefined. */
export function matchConditions(
  conditions: RuleConditions,
  request: PageRequest,
): Record<string, string> | undefined {
  if (conditions.methods && !conditions.methods.includes(request.method)) return undefined;
  if (conditions.hosts && !conditions.hosts.some((host) => matchHost(host, request.host)))
    return undefined;
  if (
    conditions.query &&
    !conditions.query.every(([key, value]) => matchQuery(request.query, key, value))
  ) {
    return undefined;
  }
  const params = matchPath(conditions.pattern, request.path);
  if (!params || !conditions.hash) return params;

  const hashParams = matchPath(conditions.hash, request.hash ?? "");
  return hashParams && { ...params, ...hashParams };
}

/** The route in a URL fragment: `#/a/b` or `#!/a/b` → `/a/b`; any other fragment → "". */
export function toRoute(fragment: string): string {
  const route = fragment.replace(/^#!?/, "");
  return route.startsWith("/") ? route : "";
}

function fillValues(
  ruleId: string,
  rule: CompiledRule | undefined,
  values: PageValues,
  params: Record<string, string>,
): PageResolution {
  return {
    kind: "page",
    ruleId,
    rule,
    service: values.service,
    outil: values.outil,
    type: values.type,
    // Note: a name made only of captured text can sanitise to nothing; SmartTag needs one.
    name: renderTemplate(values.name, params) || ruleId,
    chapters: values.chapters.map((chapter) => renderTemplate(chapter, params)),
    params,
  };
}

/** Returns whether a request host satisfies one host condition (`.example.fr` = any subdomain). */
export function matchHost(expected: string, host: string): boolean {
  return expected.startsWith(".") ? host.endsWith(expected) : host === expected;
}

/** Returns whether the query has `key` with `value` (`*`: any value). */
export function matchQuery(query: URLSearchParams, key: string, value: string): boolean {
  const actual = query.get(key);
  if (actual === null) return false;
  return value === "*" || actual === value;
}

/** The lower-case extension of the last path segment, or "". */
export function getExtension(path: string): string {
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  const dot = lastSegment.lastIndexOf(".");
  return dot > 0 ? lastSegment.slice(dot + 1).toLowerCase() : "";
}
