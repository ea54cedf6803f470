/**
 * What changed in the text of a plan, beside the URLs it resolves differently: rules
 * added, removed, reordered or edited, and settings that change every tag (platform
 * labels, loader, sites, profiles, outils, never_tag, fallback).
 * Usage: `diffDefinitions(oldPlan, newPlan).settings`.
 */

import type { CompiledPlan, CompiledRule, PageValues } from "./types.js";

export interface SettingChange {
  field: string;
  before: string;
  after: string;
}

export interface DefinitionDiff {
  rules: {
    added: string[];
    removed: string[];
    reordered: string[];
    changed: { id: string; fields: string[] }[];
  };
  settings: SettingChange[];
}

const ABSENT = "(none)";
const LISTED = "listed";

/** Compares two plans rule by rule (by id) and setting by setting. */
export function diffDefinitions(oldPlan: CompiledPlan, newPlan: CompiledPlan): DefinitionDiff {
  const oldIds = oldPlan.rules.map((rule) => rule.id);
  const newIds = newPlan.rules.map((rule) => rule.id);
  const common = oldIds.filter((id) => newIds.includes(id));
  const newOrder = newIds.filter((id) => common.includes(id));

  const changed = common.flatMap((id) => {
    const fields = compareRules(findRule(oldPlan, id), findRule(newPlan, id));
    return fields.length > 0 ? [{ id, fields }] : [];
  });
  return {
    rules: {
      added: newIds.filter((id) => !oldIds.includes(id)),
      removed: oldIds.filter((id) => !newIds.includes(id)),
      reordered: common.filter((id, index) => newOrder[index] !== id),
      changed,
    },
    settings: compareSettings(describeSettings(oldPlan), describeSettings(newPlan)),
  };
}

/** Returns whether the diff holds any change at all. */
export function hasDefinitionChanges(diff: DefinitionDiff): boolean {
  const { added, removed, reordered, changed } = diff.rules;
  return (
    added.length + removed.length + reordered.length + changed.length + diff.settings.length > 0
  );
}

function compareRules(before: CompiledRule, after: CompiledRule): string[] {
  const a = describeRule(before);
  const b = describeRule(after);
  return Object.keys(a).filter((field) => a[field] !== b[field]);
}

function describeRule(rule: CompiledRule): Record<string, string> {
  const { pattern, hosts, methods, query } = rule.conditions;
  return {
    path: pattern.source,
    host: hosts?.join(",") ?? ABSENT,
    method: methods?.join(",") ?? ABSENT,
    query: query?.map(([key, value]) => `${key}=${value}`).join("&") ?? ABSENT,
    ...describeValues(rule),
  };
}

function describeValues(values: PageValues): Record<string, string> {
  return {
    SERVICE: values.service,
    OUTIL: values.outil,
    TYPE: values.type,
    name: values.name.source,
    chapters: values.chapters.map((chapter) => chapter.source).join("/") || ABSENT,
  };
}

function describeSettings(plan: CompiledPlan): Map<string, string> {
  const settings = new Map<string, string>([
    ["platform.projet", plan.platform.projet],
    ["platform.exploitant", plan.platform.exploitant],
    ["platform.plateforme", plan.platform.plateforme],
    ["loader", plan.loaderSrc],
    ["sites.default", plan.sites.fallback ?? ABSENT],
  ]);
  for (const pattern of plan.neverTag.patterns)
    settings.set(`never_tag.paths ${pattern.source}`, LISTED);
  for (const extension of plan.neverTag.extensions)
    settings.set(`never_tag.extensions ${extension}`, LISTED);
  for (const [uai, site] of plan.sites.byUai) settings.set(`sites.by_uai.${uai}`, site);
  for (const [prefix, site] of plan.sites.byPrefix) settings.set(`sites.by_prefix.${prefix}`, site);
  for (const [outil, type] of plan.outils) settings.set(`outils.${outil}`, type);
  for (const [category, profile] of Object.entries(plan.aafProfiles))
    settings.set(`profiles.${category}`, profile);

  const fallback = plan.fallback ? describeValues(plan.fallback) : { SERVICE: "false" };
  for (const [field, value] of Object.entries(fallback)) settings.set(`fallback.${field}`, value);
  return settings;
}

function compareSettings(before: Map<string, string>, after: Map<string, string>): SettingChange[] {
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields.flatMap((field) => {
    const a = before.get(field) ?? ABSENT;
    const b = after.get(field) ?? ABSENT;
    return a === b ? [] : [{ field, before: a, after: b }];
  });
}

function findRule(plan: CompiledPlan, id: string): CompiledRule {
  return plan.rules.find((rule) => rule.id === id) as CompiledRule;
}
