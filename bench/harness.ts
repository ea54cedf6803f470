/**
 * The whole benchmark: settings for a quick or a full run, the scenarios one after the
 * other (middleware, proxy, engine, 50 MB page, profile), and the report written to
 * docs/benchmarks.md with its chart docs/benchmarks.svg.
 * Usage: `await runBenchmarks({ isQuick: true })`.
 */

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./bench-user.js";
import { renderChart } from "./chart.js";
import { benchEngine } from "./engine-bench.js";
import type { EngineConfig } from "./engine-process.js";
import { describeLoad, describeMachine, describePackages } from "./machine.js";
import { benchMiddleware } from "./middleware-bench.js";
import type { PageSizeLabel } from "./pages.js";
import { startLoadProcess } from "./processes.js";
import { type HotSpot, profileInjector } from "./profile.js";
import { benchProxy, type Encoding } from "./proxy-bench.js";
import { renderReport } from "./report.js";
import type { BenchResults } from "./results.js";
import { benchStream, streamVariants } from "./stream-bench.js";
import type { RoundSettings } from "./throughput.js";

export interface RunSettings {
  mode: "quick" | "full";
  rounds: RoundSettings;
  /** Rounds of the 1 MB pages: fewer, longer measurements. */
  largeRounds: RoundSettings;
  middlewareSizes: PageSizeLabel[];
  proxySizes: PageSizeLabel[];
  encodings: Encoding[];
  engine: EngineConfig;
  stream: { bytes: number; rounds: number; withSlow: boolean; timeoutMs: number };
  withProfile: boolean;
}

const ALL_SIZES: PageSizeLabel[] = ["5 KB", "60 KB", "1 MB"];
const ENGINE = { pageBytes: 1024 * 1024, chunkBytes: 64 * 1024 };
const STREAM_BYTES = 50 * 1024 * 1024;

/** Fewer rounds and sizes for --quick (well under 90 s); the full run takes a few minutes. */
export function chooseSettings(isQuick: boolean): RunSettings {
  if (isQuick) {
    return {
      mode: "quick",
      rounds: { rounds: 3, seconds: 1, warmupSeconds: 0.5, connections: 10 },
      largeRounds: { rounds: 3, seconds: 2, warmupSeconds: 0.5, connections: 10 },
      middlewareSizes: ["60 KB"],
      proxySizes: ["60 KB"],
      encodings: ["plain", "gzip"],
      engine: { ...ENGINE, rounds: 9, millisPerRun: 120, warmupMillis: 400 },
      stream: { bytes: STREAM_BYTES, rounds: 1, withSlow: false, timeoutMs: 60_000 },
      withProfile: false,
    };
  }
  return {
    mode: "full",
    rounds: { rounds: 6, seconds: 1.5, warmupSeconds: 1, connections: 10 },
    largeRounds: { rounds: 3, seconds: 3, warmupSeconds: 1, connections: 10 },
    middlewareSizes: ALL_SIZES,
    proxySizes: ALL_SIZES,
    encodings: ["plain", "gzip"],
    engine: { ...ENGINE, rounds: 15, millisPerRun: 300, warmupMillis: 1000 },
    stream: { bytes: STREAM_BYTES, rounds: 3, withSlow: true, timeoutMs: 180_000 },
    withProfile: true,
  };
}

function describeSettings(settings: RunSettings): Record<string, string> {
  const { rounds } = settings;
  return {
    rounds: `${rounds.rounds} (${settings.largeRounds.rounds} for 1 MB pages)`,
    "seconds per measurement": `${rounds.seconds} (${settings.largeRounds.seconds} for 1 MB pages)`,
    "warm-up seconds per variant": String(rounds.warmupSeconds),
    "autocannon connections": String(rounds.connections),
    "engine rounds": `${settings.engine.rounds} × ${settings.engine.millisPerRun} ms of CPU time, after ${settings.engine.warmupMillis} ms of warm-up per variant`,
    "50 MB rounds": String(settings.stream.rounds),
  };
}

/** Runs every scenario and writes the report; returns the results. */
export async function runBenchmarks(options: {
  isQuick: boolean;
  log?: (line: string) => void;
}): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = chooseSettings(options.isQuick);
  const started = performance.now();
  const results: BenchResults = {
    mode: settings.mode,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    seconds: 0,
    machine: describeMachine(),
    packages: describePackages(),
    settings: describeSettings(settings),
    throughput: [],
    engine: undefined,
    stream: undefined,
    notes: [],
  };

  const roundsFor = (size: string) => (size === "1 MB" ? settings.largeRounds : settings.rounds);
  const load = await startLoadProcess();
  try {
    results.throughput.push(
      ...(await benchMiddleware(load, roundsFor, settings.middlewareSizes, log)),
    );
    results.throughput.push(
      ...(await benchProxy(load, roundsFor, settings.proxySizes, settings.encodings, log)),
    );
  } finally {
    await load.stop();
  }
  results.engine = await benchEngine(settings.engine);
  log(
    `engine: ${results.engine.rows.map((row) => `${row.variant} ${row.megabytesPerSecond.toFixed(1)} MB/s`).join(", ")}`,
  );
  const rows = await benchStream(
    { ...settings.stream, variants: streamVariants(settings.stream.withSlow) },
    log,
  );
  results.stream = { pageBytes: settings.stream.bytes, rows };
  const hotSpots: HotSpot[] = settings.withProfile
    ? await profileInjector({ ...settings.engine, rounds: 3, millisPerRun: 1500 })
    : [];

  results.seconds = (performance.now() - started) / 1000;
  results.machine["load average at end (1/5/15 min)"] = describeLoad();
  writeReport(results, hotSpots);
  return results;
}

function writeReport(results: BenchResults, hotSpots: HotSpot[]): void {
  const docs = join(PROJECT_ROOT, "docs");
  mkdirSync(docs, { recursive: true });
  writeFileSync(join(docs, "benchmarks.md"), renderReport(results, "benchmarks.svg", hotSpots));
  writeFileSync(join(docs, "benchmarks.svg"), renderChart(results));
  const artifacts = join(PROJECT_ROOT, "test-artifacts");
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(
    join(artifacts, `bench-${results.mode}.json`),
    `${JSON.stringify({ ...results, hotSpots }, null, 2)}\n`,
  );
}
