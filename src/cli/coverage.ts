/**
 * `dnma-tag coverage PLAN ACCESS_LOG...`: where the page views of access logs go in a
 * plan. Exit 0 done, 1 when --max-fallback or --max-untagged is exceeded, 2 unreadable input.
 */

import type { Command } from "commander";
import { measureCoverage, totalSize } from "../coverage/coverage.js";
import { createProgressBar } from "../coverage/progress.js";
import { DnmaError } from "../errors.js";
import { loadPlan } from "../plan/load.js";
import { formatCoverage } from "../report/coverage.js";
import { EXIT } from "./exit.js";
import { readingInputs } from "./inputs.js";
import { writeJson, writeText } from "./output.js";

interface CoverageCliOptions {
  host?: string;
  top: string;
  json?: boolean;
  maxFallback?: string;
  maxUntagged?: string;
}

export function registerCoverage(program: Command): void {
  program
    .command("coverage")
    .description(
      "count the page views of access logs per rule and SERVICE, and list what falls to the fallback or to no rule",
    )
    .argument("<plan>", "tagging plan file (YAML)")
    .argument("<log...>", "access logs: nginx/Apache combined or JSON lines, gzipped or not")
    .option("--host <host>", "Host for rules with host conditions, when the log has none")
    .option("--top <n>", "length of the top URL lists", "20")
    .option(
      "--max-fallback <percent>",
      "exit 1 when more than this share of page views falls to the fallback",
    )
    .option(
      "--max-untagged <percent>",
      "exit 1 when more than this share of page views matches no rule",
    )
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      "\nCounted: GET and POST requests with a 2xx status (not 204/205/206) that look like HTML: a\n" +
        "text/html Content-Type when the log has one, else a path with no extension or a page one\n" +
        "(.html, .php, .jsp, .aspx...). Paths are grouped with ids replaced: {num}, {uuid}, {hex}, {email}, {id}.\n" +
        "A progress bar is drawn on stderr when it is a terminal.",
    )
    .action(runCoverage);
}

async function runCoverage(
  planFile: string,
  files: string[],
  options: CoverageCliOptions,
): Promise<void> {
  const plan = await loadPlan(planFile);
  const top = parseNumberOption("--top", options.top);
  const limits = {
    fallback: parsePercent("--max-fallback", options.maxFallback),
    untagged: parsePercent("--max-untagged", options.maxUntagged),
  };
  const bar = createProgressBar(
    process.stderr,
    await readingInputs("access log", () => totalSize(files)),
  );

  const report = await readingInputs("access log", () =>
    measureCoverage(plan, files, { host: options.host, top, onProgress: bar.update }),
  );
  bar.done();
  if (options.json) writeJson(report);
  else writeText(formatCoverage(report));

  const share = (count: number) =>
    report.lines.counted === 0 ? 0 : (100 * count) / report.lines.counted;
  const excesses = [
    ["--max-fallback", share(report.outcomes.fallback), limits.fallback, "fell to the fallback"],
    ["--max-untagged", share(report.outcomes.noRule), limits.untagged, "matched no rule"],
  ] as const;
  let isOver = false;
  for (const [option, measured, limit, what] of excesses) {
    if (measured <= limit) continue;
    isOver = true;
    process.stderr.write(
      `dnma-tag: ${measured.toFixed(1)}% of the page views ${what}, over ${option} ${limit}%\n`,
    );
  }
  process.exitCode = isOver ? EXIT.checkFailed : EXIT.ok;
}

function parseNumberOption(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0)
    throw new DnmaError("OPTION_INVALID", `${name} "${value}" is not a whole number`);
  return number;
}

function parsePercent(name: string, value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const number = Number(value.replace(/%$/, ""));
  if (!Number.isFinite(number) || number < 0 || number > 100)
    throw new DnmaError(
      "OPTION_INVALID",
      `${name} "${value}" is not a percentage between 0 and 100`,
    );
  return number;
}
