/**
 * What the plan says about a click: the first click rule whose conditions all hold
 * gives SERVICE, OUTIL, TYPE, hit type and name. The page's listener (client script)
 * applies the same rules the same way; this is the reference it is tested against.
 * Usage: `describeClick(plan.clicks, toClickTarget("https://ent.example/cdi", "a", { href }))`.
 */

import { GAR_SERVICES, type HitType, type Service } from "../reference/lists.js";
import { matchPath } from "../plan/pattern.js";
import { renderTemplate } from "../plan/template.js";
import { matchesSelector } from "./selector.js";
import type {
  ClickConditions,
  ClickResolution,
  ClickTarget,
  CompiledClickRule,
  CompiledClicks,
} from "./types.js";

/** Page URL that click examples are evaluated on when they give none. */
export const EXAMPLE_PAGE_BASE = "https://ent.example/";

/**
 * A click target from a page URL, a tag and its attributes; `href` (a link's, or the
 * form action of a submit button) is resolved against the page like a browser does.
 */
export function toClickTarget(
  page: string,
  tag: string,
  attributes: Record<string, string>,
  href = attributes.href,
): ClickTarget {
  const pageUrl = new URL(page, EXAMPLE_PAGE_BASE);
  const url = href === undefined ? undefined : toHttpUrl(href, pageUrl);
  return { tag: tag.toLowerCase(), attributes, url, pageHost: pageUrl.hostname };
}

/** The plan's decision for a click; never throws. */
export function describeClick(clicks: CompiledClicks, target: ClickTarget): ClickResolution {
  for (const rule of clicks.rules) {
    const params = matchClickConditions(rule.conditions, target);
    if (params) return fillClick(clicks, rule, target, params);
  }
  return { kind: "skip", reason: "no-rule" };
}

/** Returns whether the target is on another host than its page (scheme and port ignored). */
export function isExternal(target: ClickTarget): boolean {
  return target.url !== undefined && target.url.hostname !== target.pageHost;
}

/** The captured parameters when every condition holds, else undefined. */
export function matchClickConditions(
  conditions: ClickConditions,
  target: ClickTarget,
): Record<string, string> | undefined {
  if (conditions.selector && !matchesSelector(conditions.selector, target)) return undefined;

  const { url } = target;
  const needsUrl = [
    conditions.external,
    conditions.hosts,
    conditions.pattern,
    conditions.query,
  ].some((c) => c !== undefined);
  if (!url) return needsUrl ? undefined : {};

  if (conditions.external !== undefined && conditions.external !== isExternal(target))
    return undefined;
  if (conditions.hosts && !conditions.hosts.some((host) => matchHost(host, url.hostname)))
    return undefined;
  const query = matchQuery(conditions.query, url.searchParams);
  if (!query) return undefined;

  const path = conditions.pattern ? matchPath(conditions.pattern, url.pathname) : {};
  return path && { host: url.hostname, ...query, ...path };
}

function fillClick(
  clicks: CompiledClicks,
  rule: CompiledClickRule,
  target: ClickTarget,
  params: Record<string, string>,
): ClickResolution {
  const gar = rule.gar && readGarCode(rule, target, params);
  const filled = gar ? { ...params, code: gar.code } : params;

  return {
    kind: "click",
    ruleId: rule.id,
    service: gar?.service ?? (rule.service as Service),
    outil: rule.outil,
    type: rule.type ?? (isExternal(target) ? "TIERS" : rule.outilType),
    hit: rule.hit ?? guessHitType(clicks, target),
    name: renderTemplate(rule.name, filled) || rule.id,
    chapters: rule.chapters.map((chapter) => renderTemplate(chapter, filled)),
    garCode: gar?.code,
    isUnknownGarCode: gar !== undefined && !gar.isKnown,
  };
}

function readGarCode(rule: CompiledClickRule, target: ClickTarget, params: Record<string, string>) {
  const { code: source, unknownService } = rule.gar as NonNullable<CompiledClickRule["gar"]>;
  const raw =
    source.from === "query"
      ? target.url?.searchParams.get(source.key)
      : source.from === "attribute"
        ? target.attributes[source.key]
        : decodeSegment(params[source.key] ?? "");
  const code = (raw ?? "").trim().toUpperCase();
  const known = Object.hasOwn(GAR_SERVICES, code) ? GAR_SERVICES[code] : undefined;

  return { code, service: known ?? unknownService, isKnown: known !== undefined };
}

/** download for a `download` attribute or a listed extension; navigation with a URL; else action. */
function guessHitType(clicks: CompiledClicks, target: ClickTarget): HitType {
  if (!target.url) return "action";
  if (target.attributes.download !== undefined) return "download";

  const file = target.url.pathname.slice(target.url.pathname.lastIndexOf("/") + 1);
  const dot = file.lastIndexOf(".");
  const extension = dot > 0 ? file.slice(dot + 1).toLowerCase() : "";
  return clicks.downloadExtensions.includes(extension) ? "download" : "navigation";
}

function matchQuery(
  expected: [string, string][] | undefined,
  query: URLSearchParams,
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [key, value] of expected ?? []) {
    const actual = query.get(key);
    if (actual === null || (value !== "*" && actual !== value)) return undefined;
    values[key] = actual;
  }
  return values;
}

function matchHost(expected: string, host: string): boolean {
  return expected.startsWith(".") ? host.endsWith(expected) : host === expected;
}

function toHttpUrl(href: string, base: URL): URL | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
