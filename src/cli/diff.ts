/**
 * `dnma-tag diff OLD_PLAN NEW_PLAN`: which URLs the new plan tags differently, for
 * the guarantee process. Exit 0 nothing changes (or --allow-changes), 1 something
 * changes, 2 a plan or an input cannot be used.
 */

import type { Command } from "commander";
import { diffDefinitions, hasDefinitionChanges } from "../plan/diff-definitions.js";
import { type DiffRequest, diffPlans } from "../plan/diff.js";
import { collectLogRequests, exampleRequests, readUrlList } from "../plan/diff-sources.js";
import { loadPlan } from "../plan/load.js";
import type { CompiledPlan } from "../plan/types.js";
import { type DiffReport, formatDiff } from "../report/diff.js";
import { EXIT } from "./exit.js";
import { readingInputs } from "./inputs.js";
import { collect, writeJson, writeText } from "./output.js";

interface DiffOptions {
  urls: string[];
  log: string[];
  host?: string;
  allowChanges?: boolean;
  json?: boolean;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description(
      "list the URLs whose SERVICE, OUTIL, TYPE, name, chapters or tagging differ between two plans",
    )
    .argument("<old-plan>", "the plan in force (YAML)")
    .argument("<new-plan>", "the plan to compare with it (YAML)")
    .option(
      "--urls <file>",
      "URLs to check, one `URL` or `METHOD URL` per line (repeatable)",
      collect,
      [],
    )
    .option(
      "--log <file>",
      "access log whose page views are checked (repeatable; gzip and JSON lines too)",
      collect,
      [],
    )
    .option("--host <host>", "Host for rules with host conditions, when a URL or log line has none")
    .option("--allow-changes", "exit 0 even when URLs change")
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      "\nBoth plans' examples are always checked. Rules and settings (platform labels, loader,\n" +
        "sites, profiles, never_tag, fallback) that differ are listed too.\n" +
        "Exit codes: 0 no change (or --allow-changes), 1 changes, 2 unusable plan or input.",
    )
    .action(runDiff);
}

async function runDiff(oldFile: string, newFile: string, options: DiffOptions): Promise<void> {
  const [oldPlan, newPlan] = [await loadPlan(oldFile), await loadPlan(newFile)];
  const requests = await gatherRequests(oldPlan, newPlan, options);
  const urls = diffPlans(oldPlan, newPlan, requests);
  const definitions = diffDefinitions(oldPlan, newPlan);
  const hasChanges = urls.changes.length > 0 || hasDefinitionChanges(definitions);
  const report: DiffReport = {
    old: summarize(oldPlan),
    new: summarize(newPlan),
    urls,
    definitions,
    hasChanges,
  };

  if (options.json) writeJson(report);
  else writeText(formatDiff(report));
  process.exitCode = hasChanges && !options.allowChanges ? EXIT.checkFailed : EXIT.ok;
}

async function gatherRequests(
  oldPlan: CompiledPlan,
  newPlan: CompiledPlan,
  options: DiffOptions,
): Promise<DiffRequest[]> {
  const lists = await Promise.all(options.urls.map((file) => readUrlList(file, options.host)));
  const keepQuery = [oldPlan, newPlan].some((plan) =>
    plan.rules.some((rule) => rule.conditions.query),
  );
  const logged = await readingInputs("access log", () =>
    collectLogRequests(options.log, { host: options.host, keepQuery }),
  );

  return [
    ...exampleRequests(oldPlan, "old-examples"),
    ...exampleRequests(newPlan, "new-examples"),
    ...lists.flat(),
    ...logged,
  ];
}

function summarize(plan: CompiledPlan): DiffReport["old"] {
  return { file: plan.file, name: plan.name, version: plan.version };
}
