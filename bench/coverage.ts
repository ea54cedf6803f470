/**
 * Coverage throughput: generates an access log of N lines (default 1,000,000) over
 * the demo plan, then measures `measureCoverage` on it in a fresh process and prints
 * lines per second and peak RSS. Standalone; bounded by the line count.
 * Usage: `npx tsx bench/coverage.ts [--lines 1000000] [--gzip] [--json] [--log FILE]`.
 */

import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createGzip } from "node:zlib";
import { measureCoverage } from "../src/coverage/coverage.js";
import { loadPlan } from "../src/plan/load.js";
import { generateLine } from "../test/support/access-log.js";

const PLAN = "marking-plans/demo-ent.yaml";

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "1000000" },
    gzip: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    log: { type: "string" },
    measure: { type: "boolean", default: false },
  },
});

async function writeLog(file: string, count: number, isGzip: boolean): Promise<void> {
  const output = createWriteStream(file);
  const sink = isGzip ? createGzip() : output;
  if (isGzip) sink.pipe(output);

  for (let index = 0; index < count; index++) {
    if (!sink.write(`${generateLine(index).line}\n`)) await once(sink, "drain");
  }
  sink.end();
  await once(output, "close");
}

/** Runs in the child: one measurement, printed as one JSON line. */
async function measure(file: string): Promise<void> {
  const plan = await loadPlan(PLAN);
  const start = process.hrtime.bigint();
  const report = await measureCoverage(plan, [file]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ lines: report.lines.read, counted: report.lines.counted, seconds, peakRssMb })}\n`,
  );
}

async function main(): Promise<void> {
  if (values.measure && values.log) return measure(values.log);

  const count = Number(values.lines);
  const dir = values.log ? undefined : mkdtempSync(join(tmpdir(), "dnma-bench-coverage-"));
  const file = values.log ?? join(dir as string, values.gzip ? "access.log.gz" : "access.log");
  try {
    if (dir) await writeLog(file, count, values.gzip);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, import.meta.filename, "--measure", "--log", file],
      { encoding: "utf8" },
    );
    if (child.status !== 0) throw new Error(`measurement failed: ${child.stderr}`);

    const result = JSON.parse(child.stdout) as {
      lines: number;
      counted: number;
      seconds: number;
      peakRssMb: number;
    };
    const summary = {
      ...result,
      bytes: statSync(file).size,
      gzip: values.gzip,
      linesPerSecond: Math.round(result.lines / result.seconds),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else {
      process.stdout.write(
        `coverage: ${summary.lines} lines (${summary.counted} page views, ${(summary.bytes / 1e6).toFixed(1)} MB${summary.gzip ? " gzipped" : ""}) ` +
          `in ${summary.seconds.toFixed(2)} s: ${summary.linesPerSecond} lines/s, peak RSS ${summary.peakRssMb.toFixed(1)} MB\n`,
      );
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
