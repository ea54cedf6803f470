/**
 * `dnma-tag validate` as a function: everything the loader refuses (errors, each at
 * file:line and field), plus warnings about what weakens the guarantee process
 * (rules no example pins down, rules that never_tag makes useless).
 * Usage: `const { report } = await validatePlanFile("plan.yaml")`.
 */

import { DnmaError, type FileIssue, formatFieldPath } from "../errors.js";
import { loadPlan } from "./load.js";
import { patternCovers } from "./pattern.js";
import { resolvePage, toPageRequest } from "./resolve.js";
import type { CompiledPlan } from "./types.js";

export type PlanStatus = "valid" | "invalid" | "unreadable";

export interface PlanValidation {
  file: string;
  status: PlanStatus;
  plan: { name: string; version: string; rules: number; examples: number } | undefined;
  errors: FileIssue[];
  warnings: FileIssue[];
}

/** Validates one plan file; never throws for a bad or missing file. */
export async function validatePlanFile(
  file: string,
): Promise<{ report: PlanValidation; plan?: CompiledPlan }> {
  try {
    const plan = await loadPlan(file);
    const summary = {
      name: plan.name,
      version: plan.version,
      rules: plan.rules.length,
      examples: plan.examples.length,
    };
    return {
      plan,
      report: {
        file,
        status: "valid",
        plan: summary,
        errors: [],
        warnings: findPlanWarnings(plan),
      },
    };
  } catch (err) {
    if (!(err instanceof DnmaError)) throw err;

    const status = err.code === "PLAN_NOT_FOUND" ? "unreadable" : "invalid";
    const errors =
      err.issues.length > 0
        ? [...err.issues]
        : [{ file, line: undefined, field: "", message: err.message }];
    return { report: { file, status, plan: undefined, errors, warnings: [] } };
  }
}

/** What a valid plan should still fix: rules without examples, rules never_tag swallows. */
export function findPlanWarnings(plan: CompiledPlan): FileIssue[] {
  const underNeverTag = findRulesUnderNeverTag(plan);
  const useless = new Set(underNeverTag.map((issue) => issue.field));
  const withoutExample = findRulesWithoutExample(plan).filter(
    (issue) => !useless.has(`${issue.field}.path`),
  );
  return [...underNeverTag, ...withoutExample].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

function findRulesWithoutExample(plan: CompiledPlan): FileIssue[] {
  const covered = new Set(
    plan.examples.map((example) => ruleOfExample(plan, example.url, example.method)),
  );

  return plan.rules
    .filter((rule) => !covered.has(rule.id))
    .map((rule) => ({
      file: plan.file,
      line: rule.line,
      field: formatFieldPath(["pages", rule.index]),
      message: `rule "${rule.id}" has no example (add one under examples: to pin its values)`,
    }));
}

function findRulesUnderNeverTag(plan: CompiledPlan): FileIssue[] {
  return plan.rules.flatMap((rule) => {
    const index = plan.neverTag.patterns.findIndex((pattern) =>
      patternCovers(pattern, rule.conditions.pattern),
    );
    if (index < 0) return [];

    const pattern = plan.neverTag.patterns[index];
    return [
      {
        file: plan.file,
        line: rule.line,
        field: formatFieldPath(["pages", rule.index, "path"]),
        message: `rule "${rule.id}" can never tag a page: never_tag path "${pattern?.source}" (line ${plan.neverTag.lines[index] ?? "?"}) covers every path it matches`,
      },
    ];
  });
}

function ruleOfExample(plan: CompiledPlan, url: string, method: string): string | undefined {
  const resolution = resolvePage(plan, toPageRequest(url, method));
  return resolution.kind === "page" ? resolution.ruleId : undefined;
}
