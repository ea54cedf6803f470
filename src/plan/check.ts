/**
 * Whole-plan checks run at load time: no rule shadowed by an earlier one, and every
 * example resolving as it declares. Usage: `[...findShadowedRules(plan), ...checkExamples(plan)]`.
 */

import { patternCovers } from "./pattern.js";
import { resolvePage, toPageRequest } from "./resolve.js";
import type {
  CompiledExample,
  CompiledPlan,
  CompiledRule,
  PageResolution,
  RuleConditions,
} from "./types.js";
import type { PathIssue } from "./compile.js";

/** One issue per rule that can never match because an earlier rule matches all its URLs. */
export function findShadowedRules(plan: CompiledPlan): PathIssue[] {
  const issues: PathIssue[] = [];
  for (const [later, rule] of plan.rules.entries()) {
    const earlier = plan.rules
      .slice(0, later)
      .find((candidate) => conditionsCover(candidate.conditions, rule.conditions));
    if (!earlier) continue;

    issues.push({
      path: ["pages", later, "path"],
      message:
        `rule "${rule.id}" (${describePattern(rule.conditions)}) can never match: ` +
        `rule "${earlier.id}" (${earlier.conditions.pattern.source}, line ${earlier.line ?? "?"}) comes first and matches every URL it matches`,
    });
  }
  return issues;
}

/** Returns whether every request that `narrow` accepts is accepted by `wide`. */
export function conditionsCover(wide: RuleConditions, narrow: RuleConditions): boolean {
  if (!patternCovers(wide.pattern, narrow.pattern)) return false;
  if (wide.hash && !(narrow.hash && patternCovers(wide.hash, narrow.hash))) return false;
  if (wide.methods && !narrow.methods?.every((method) => wide.methods?.includes(method)))
    return false;
  if (wide.hosts && !narrow.hosts?.every((host) => wide.hosts?.some((w) => hostCovers(w, host))))
    return false;
  if (!wide.query) return true;

  return wide.query.every(([key, value]) =>
    narrow.query?.some(
      ([otherKey, otherValue]) => otherKey === key && (value === "*" || value === otherValue),
    ),
  );
}

/**
 * One issue per example that cannot hold: it names a rule the plan lacks, a rule that
 * can never match (unreachable), or its URL resolves otherwise than it declares.
 */
export function checkExamples(plan: CompiledPlan): PathIssue[] {
  const shadowedBy = new Map(findShadowing(plan).map(({ rule, earlier }) => [rule.id, earlier]));
  return plan.examples.flatMap((example) => {
    const message =
      checkExampleRule(plan, example, shadowedBy) ?? checkExampleResolution(plan, example);
    return message ? [{ path: ["examples", example.index, "expect"], message }] : [];
  });
}

function checkExampleRule(
  plan: CompiledPlan,
  example: CompiledExample,
  shadowedBy: Map<string, CompiledRule>,
): string | undefined {
  const expected = example.expect.rule;
  if (expected === undefined || expected === "fallback") return undefined;

  const where = `example ${example.method} ${example.url} expects rule "${expected}"`;
  if (!plan.rules.some((rule) => rule.id === expected)) {
    return `${where}, which the plan does not have (rules: ${plan.rules.map((rule) => rule.id).join(", ") || "none"})`;
  }
  const earlier = shadowedBy.get(expected);
  if (!earlier) return undefined;
  return `${where}, which is unreachable: rule "${earlier.id}" (line ${earlier.line ?? "?"}) comes first and matches every URL it matches`;
}

function checkExampleResolution(plan: CompiledPlan, example: CompiledExample): string | undefined {
  const resolution = resolvePage(plan, toPageRequest(example.url, example.method));
  const mismatches = compareExample(example, resolution);
  if (mismatches.length === 0) return undefined;

  return `example ${example.method} ${example.url} resolves to ${describeResolution(resolution)}; expected ${mismatches.join(", ")}`;
}

/** A rule that can never match, and the earlier rule that always wins over it. */
export interface Shadowing {
  rule: CompiledRule;
  earlier: CompiledRule;
}

/** Every rule that an earlier rule shadows, in plan order. */
export function findShadowing(plan: CompiledPlan): Shadowing[] {
  const found: Shadowing[] = [];
  for (const [later, rule] of plan.rules.entries()) {
    const earlier = plan.rules
      .slice(0, later)
      .find((candidate) => conditionsCover(candidate.conditions, rule.conditions));
    if (earlier) found.push({ rule, earlier });
  }
  return found;
}

/** `rule "home": SERVICE ACCUEIL, OUTIL ENT, TYPE NATIF, name "accueil"` or `skip (never-tag)`. */
export function describeResolution(resolution: PageResolution): string {
  if (resolution.kind === "skip") return `skip (${resolution.reason})`;

  const chapters =
    resolution.chapters.length > 0 ? `, chapters ${resolution.chapters.join("/")}` : "";
  return (
    `rule "${resolution.ruleId}": SERVICE ${resolution.service}, OUTIL ${resolution.outil}, ` +
    `TYPE ${resolution.type}, name "${resolution.name}"${chapters}`
  );
}

function compareExample(example: CompiledExample, resolution: PageResolution): string[] {
  const { expect } = example;
  if (expect.skip !== undefined) {
    return resolution.kind === "skip" && resolution.reason === expect.skip
      ? []
      : [`skip (${expect.skip})`];
  }
  if (resolution.kind === "skip") return ["a tagged page"];

  return listMismatches(expect, resolution);
}

/** The values an example expects; absent fields are not checked. */
export interface ExpectedValues {
  rule?: string | undefined;
  service?: string | undefined;
  outil?: string | undefined;
  type?: string | undefined;
  hit?: string | undefined;
  name?: string | undefined;
  chapters?: string[] | undefined;
}

/** `SERVICE "NOTES"` for each value an example expects and the resolution does not give. */
export function listMismatches(
  expected: ExpectedValues,
  actual: {
    ruleId: string;
    service: string;
    outil: string;
    type: string;
    hit?: string;
    name: string;
    chapters: string[];
  },
): string[] {
  const pairs: [string, string | undefined, string | undefined][] = [
    ["rule", expected.rule, actual.ruleId],
    ["SERVICE", expected.service, actual.service],
    ["OUTIL", expected.outil, actual.outil],
    ["TYPE", expected.type, actual.type],
    ["hit", expected.hit, actual.hit],
    ["name", expected.name, actual.name],
    ["chapters", expected.chapters?.join("/"), actual.chapters.join("/")],
  ];
  return pairs
    .filter(([, wanted, got]) => wanted !== undefined && wanted !== got)
    .map(([label, wanted]) => `${label} ${JSON.stringify(wanted)}`);
}

function describePattern(conditions: RuleConditions): string {
  return conditions.hash
    ? `${conditions.pattern.source}#${conditions.hash.source}`
    : conditions.pattern.source;
}

function hostCovers(wide: string, narrow: string): boolean {
  if (wide === narrow) return true;
  return wide.startsWith(".") && narrow.endsWith(wide);
}
