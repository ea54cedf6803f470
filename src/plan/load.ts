/**
 * Reads, validates and compiles a tagging plan; every problem becomes a
 * {@link DnmaError} listing `file:line: field: message` issues, never a stack trace.
 * Usage: `const plan = await loadPlan("marking-plans/demo-ent.yaml")`.
 */

import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import type { z } from "zod";
import { DnmaError, type FileIssue, formatFieldPath } from "../errors.js";
import { checkClickExamples } from "../clicks/check.js";
import { checkExamples, findShadowedRules } from "./check.js";
import { compilePlan, type PathIssue } from "./compile.js";
import { FIELD_LABELS, KNOWN_PLAN_KEYS, planFileSchema } from "./schema.js";
import type { CompiledPlan } from "./types.js";
import { parseYamlWithLines, type YamlDocument } from "./yaml-lines.js";

/** Loads a plan file; throws a DnmaError (PLAN_NOT_FOUND, PLAN_YAML_SYNTAX, PLAN_INVALID). */
export async function loadPlan(file: string): Promise<CompiledPlan> {
  return parsePlan(await readPlanText(file, () => readFile(file, "utf8")), file);
}

/** Same as {@link loadPlan}, synchronously (for start-up code that cannot await). */
export function loadPlanSync(file: string): CompiledPlan {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw notFound(file, err);
  }
  return parsePlan(text, file);
}

/** Validates and compiles plan text; `file` is only used in messages. */
export function parsePlan(text: string, file: string): CompiledPlan {
  const document = parseDocument(text, file);
  if (document.value === null || document.value === undefined) {
    throw invalid(file, [
      {
        file,
        line: 1,
        field: "",
        message: "the plan is empty (start from marking-plans/demo-ent.yaml)",
      },
    ]);
  }
  const parsed = planFileSchema.safeParse(document.value, { reportInput: true });
  if (!parsed.success) {
    throw invalid(
      file,
      parsed.error.issues.flatMap((issue) => fromZodIssues(issue, file, document)),
    );
  }

  const { plan, issues } = compilePlan(parsed.data, { file, text, lineOf: document.lineOf });
  const allIssues = [...issues, ...checkWholePlan(plan, issues)];
  if (allIssues.length > 0)
    throw invalid(
      file,
      allIssues.map((issue) => fromPathIssue(issue, file, document)),
    );
  return plan;
}

/**
 * The checks that need every rule: shadowing among the rules that compiled, and the
 * examples when nothing they depend on is broken (a broken rule would make them lie).
 */
function checkWholePlan(plan: CompiledPlan, issues: PathIssue[]): PathIssue[] {
  const brokenRules = new Set(
    issues.filter((issue) => issue.path[0] === "pages").map((issue) => issue.path[1]),
  );
  const shadowing = findShadowedRules(plan).filter((issue) => !brokenRules.has(issue.path[1]));
  if (issues.length > 0) return shadowing;
  return [...shadowing, ...checkExamples(plan), ...checkClickExamples(plan.clicks)];
}

async function readPlanText(file: string, read: () => Promise<string>): Promise<string> {
  try {
    return await read();
  } catch (err) {
    throw notFound(file, err);
  }
}

function parseDocument(text: string, file: string): YamlDocument {
  try {
    return parseYamlWithLines(text);
  } catch (err) {
    const mark = (err as { mark?: { line: number } }).mark;
    const reason = (err as { reason?: string }).reason ?? (err as Error).message;
    const issue = { file, line: mark ? mark.line + 1 : undefined, field: "", message: reason };
    throw new DnmaError("PLAN_YAML_SYNTAX", `${file} is not valid YAML`, {
      issues: [issue],
      cause: err,
    });
  }
}

function fromZodIssues(issue: z.core.$ZodIssue, file: string, document: YamlDocument): FileIssue[] {
  const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  if (issue.code === "invalid_union") {
    // Note: report the branch that got inside the value (`fallback: {...}`), not "Invalid input".
    const inside = issue.errors.filter((errors) => errors.some((nested) => nested.path.length > 0));
    const branch = inside.length === 1 ? inside[0] : undefined;
    if (branch) {
      const nested = branch.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] }));
      return nested.flatMap((inner) => fromZodIssues(inner as z.core.$ZodIssue, file, document));
    }
  }
  if (issue.code === "unrecognized_keys") {
    // Note: one issue per unknown key, at the key's own line.
    return issue.keys.map((key) => ({
      file,
      line: document.lineOf([...path, key]),
      field: formatFieldPath([...path, key]),
      message: `unknown key "${key}"${suggestKey(key)}`,
    }));
  }
  return [
    {
      file,
      line: document.lineOf(path),
      field: formatFieldPath(path),
      message: describeZodIssue(issue),
    },
  ];
}

/** `; did you mean "service"?` for a key one or two edits away from a known one. */
function suggestKey(key: string): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_PLAN_KEYS) {
    const distance = editDistance(key.toLowerCase(), known);
    if (distance < bestDistance) [best, bestDistance] = [known, distance];
  }
  return best ? `; did you mean "${best}"?` : "";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(
        Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution),
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

function fromPathIssue(issue: PathIssue, file: string, document: YamlDocument): FileIssue {
  return {
    file,
    line: document.lineOf(issue.path),
    field: formatFieldPath(issue.path),
    message: issue.message,
  };
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path[issue.path.length - 1];
  const label = typeof key === "string" ? (FIELD_LABELS[key] ?? key) : "value";
  const input = "input" in issue ? issue.input : undefined;

  switch (issue.code) {
    case "invalid_value":
      if (input === undefined) return `${label} is missing`;
      return `${label} ${JSON.stringify(input)} is not one of ${issue.values.map(String).join(", ")}`;
    case "invalid_key":
      return `key ${JSON.stringify(input)} ${issue.issues.map((nested) => nested.message).join("; ")}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_type":
      return input === undefined
        ? `${label} is missing`
        : `${label} must be ${issue.expected}, not ${JSON.stringify(input)}`;
    default:
      return input === undefined || issue.code === "custom"
        ? issue.message
        : `${label} ${JSON.stringify(input)} ${issue.message}`;
  }
}

function invalid(file: string, unsorted: FileIssue[]): DnmaError {
  const issues = [...unsorted].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
  return new DnmaError("PLAN_INVALID", `${count} in tagging plan ${file}`, { issues });
}

function notFound(file: string, err: unknown): DnmaError {
  return new DnmaError(
    "PLAN_NOT_FOUND",
    `cannot read tagging plan ${file}: ${(err as Error).message}`,
    { cause: err },
  );
}
