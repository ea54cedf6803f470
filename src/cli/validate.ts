/**
 * `dnma-tag validate PLAN...`: is each plan usable, and if not, where and why.
 * Exit 0 all valid, 1 one is invalid (or has warnings under --strict), 2 one is unreadable.
 */

import type { Command } from "commander";
import { formatIssue, type FileIssue } from "../errors.js";
import { type PlanValidation, validatePlanFile } from "../plan/validate.js";
import { formatTable } from "../report/table.js";
import { EXIT } from "./exit.js";
import { writeJson, writeText } from "./output.js";

interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description(
      "check tagging plans: schema, reference lists, sites, UAIs, shadowed rules, examples",
    )
    .argument("<plan...>", "tagging plan files (YAML)")
    .option("--json", "print the result as JSON")
    .option("--strict", "fail (exit 1) on warnings too")
    .addHelpText(
      "after",
      "\nExit codes: 0 every plan is valid, 1 a plan is invalid, 2 a plan cannot be read.",
    )
    .action(runValidate);
}

async function runValidate(files: string[], options: ValidateOptions): Promise<void> {
  const reports: PlanValidation[] = [];
  for (const file of files) reports.push((await validatePlanFile(file)).report);

  if (options.json)
    writeJson({ valid: reports.every((report) => report.status === "valid"), plans: reports });
  else writeText(formatValidation(reports));
  process.exitCode = exitCodeOf(reports, options.strict === true);
}

function exitCodeOf(reports: PlanValidation[], isStrict: boolean): number {
  if (reports.some((report) => report.status === "unreadable")) return EXIT.usage;
  if (reports.some((report) => report.status === "invalid")) return EXIT.checkFailed;
  if (isStrict && reports.some((report) => report.warnings.length > 0)) return EXIT.checkFailed;
  return EXIT.ok;
}

function formatValidation(reports: PlanValidation[]): string {
  const rows = reports.map((report) => [
    report.file,
    report.status,
    report.plan ? `${report.plan.name} ${report.plan.version}` : "-",
    report.plan ? String(report.plan.rules) : "-",
    report.plan ? String(report.plan.examples) : "-",
    String(report.errors.length),
    String(report.warnings.length),
  ]);
  const table = formatTable(
    [
      { title: "PLAN" },
      { title: "RESULT" },
      { title: "NAME VERSION" },
      { title: "RULES", align: "right" },
      { title: "EXAMPLES", align: "right" },
      { title: "ERRORS", align: "right" },
      { title: "WARNINGS", align: "right" },
    ],
    rows,
  );
  const lines = reports.flatMap((report) => [
    ...report.errors.map((issue) => formatIssue(issue)),
    ...report.warnings.map((issue) => formatWarning(issue)),
  ]);
  return lines.length > 0 ? `${table}\n${lines.join("\n")}\n` : table;
}

function formatWarning(issue: FileIssue): string {
  return formatIssue({ ...issue, message: `warning: ${issue.message}` });
}
