/**
 * `dnma-tag match PLAN URL`: which rule gives a URL its values, and why; or which
 * never_tag entry skips it. Exit 0 once explained, 2 on a bad plan or argument.
 */

import type { Command } from "commander";
import { explainMatch } from "../plan/explain.js";
import { loadPlan } from "../plan/load.js";
import { toPageRequest } from "../plan/resolve.js";
import { formatMatch } from "../report/match.js";
import { writeJson, writeText } from "./output.js";

interface MatchOptions {
  method: string;
  host?: string;
  json?: boolean;
}

export function registerMatch(program: Command): void {
  program
    .command("match")
    .description("explain which rule of a plan a URL falls to, with the values it gets")
    .argument("<plan>", "tagging plan file (YAML)")
    .argument("<url>", "a path with its query (/notes?x=1) or an absolute URL")
    .option("--method <method>", "request method", "GET")
    .option("--host <host>", "Host of the request (default: the URL's host, if absolute)")
    .option("--json", "print the explanation as JSON")
    .addHelpText("after", "\nExit codes: 0 explained (tagged or skipped), 2 bad plan or arguments.")
    .action(runMatch);
}

async function runMatch(planFile: string, url: string, options: MatchOptions): Promise<void> {
  const plan = await loadPlan(planFile);
  const explanation = explainMatch(plan, toPageRequest(url, options.method, options.host));

  if (options.json)
    writeJson({
      plan: { file: plan.file, name: plan.name, version: plan.version },
      ...explanation,
    });
  else writeText(formatMatch(explanation));
}
