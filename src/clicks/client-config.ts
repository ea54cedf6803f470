/**
 * The compact copy of the plan the page's listener needs: click rules, and for SPA
 * tracking the page rules that can match a GET, with one-letter keys and nothing the
 * browser does not use. Its matching must give what describeClick()/resolvePage() give.
 * Usage: `toScriptJson(toClientConfig(plan))`.
 */

import { GAR_SERVICES } from "../reference/lists.js";
import type { PathPattern } from "../plan/pattern.js";
import { isLiteralTemplate, type LabelTemplate } from "../plan/template.js";
import type { CompiledPlan, CompiledRule, PageValues } from "../plan/types.js";
import type { CompiledClickRule } from "./types.js";

type Compact = Record<string, unknown>;
type Defaults = { outil: string | undefined; type: string | undefined };

/** The config object passed to the client script, or undefined when the page needs none. */
export function toClientConfig(plan: CompiledPlan): Compact | undefined {
  const { clicks } = plan;
  const config: Compact = {};
  if (clicks.rules.length > 0) {
    config.r = clicks.rules.map(toCompactClickRule);
    config.x = clicks.downloadExtensions;
    if (clicks.rules.some((rule) => rule.gar)) config.G = GAR_SERVICES;
    if (clicks.reportPath) config.R = clicks.reportPath;
  }
  if (plan.spa.isEnabled) config.S = toCompactPages(plan);

  return Object.keys(config).length > 0 ? config : undefined;
}

function toCompactClickRule(rule: CompiledClickRule): Compact {
  const { conditions } = rule;
  return withoutUndefined({
    i: rule.id,
    c: conditions.selector?.source,
    x: conditions.external,
    h: conditions.hosts,
    p: conditions.pattern && toRegexSource(conditions.pattern),
    pn: nonEmpty(conditions.pattern?.paramNames),
    q: conditions.query,
    s: rule.service,
    o: rule.outil,
    t: rule.type,
    d: rule.outilType,
    k: rule.hit,
    n: rule.name.source,
    ch: toChapters(rule.chapters),
    g: rule.gar && [rule.gar.code.from, rule.gar.code.key, rule.gar.unknownService],
    e: rule.isCountedWhenPrevented ? 1 : undefined,
  });
}

function toCompactPages(plan: CompiledPlan): Compact {
  // Note: the browser only ever resolves GET navigations; other rules cannot match one.
  const rules = plan.rules.filter(
    (rule) => !rule.conditions.methods || rule.conditions.methods.includes("GET"),
  );
  const defaults = {
    outil: plan.fallback?.outil ?? plan.rules[0]?.outil,
    type: plan.fallback?.type ?? plan.rules[0]?.type,
  };
  return withoutUndefined({
    n: plan.neverTag.patterns.map(toRegexSource),
    e: [...plan.neverTag.extensions],
    o: defaults.outil,
    t: defaults.type,
    r: rules.map((rule) => toCompactPageRule(rule, defaults)),
    f: plan.fallback && toCompactValues("fallback", plan.fallback, defaults),
  });
}

function toCompactPageRule(rule: CompiledRule, defaults: Defaults): Compact {
  const { conditions } = rule;
  return withoutUndefined({
    h: conditions.hosts,
    q: conditions.query,
    p: toRegexSource(conditions.pattern),
    pn: nonEmpty(conditions.pattern.paramNames),
    a: conditions.hash && toRegexSource(conditions.hash),
    an: nonEmpty(conditions.hash?.paramNames),
    ...toCompactValues(rule.id, rule, defaults),
  });
}

/** Values of a page rule; OUTIL and TYPE only when they differ from the most usual ones. */
function toCompactValues(id: string, values: PageValues, defaults: Defaults): Compact {
  const name = values.name.source;
  return withoutUndefined({
    // Note: the id is only used as the name when a name made of captures sanitises to "".
    i: isLiteralTemplate(values.name) ? undefined : id,
    s: values.service,
    o: values.outil === defaults.outil ? undefined : values.outil,
    t: values.type === defaults.type ? undefined : values.type,
    n: name,
    ch: toChapters(values.chapters),
  });
}

/** The pattern's regex without the escaping of "/" that RegExp#source adds. */
function toRegexSource(pattern: PathPattern): string {
  return pattern.regex.source.replace(/\\(.)/g, (pair, char: string) =>
    char === "/" ? "/" : pair,
  );
}

function nonEmpty(list: string[] | undefined): string[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

function toChapters(chapters: LabelTemplate[]): string[] | undefined {
  return chapters.length > 0 ? chapters.map((chapter) => chapter.source) : undefined;
}

function withoutUndefined(object: Compact): Compact {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
