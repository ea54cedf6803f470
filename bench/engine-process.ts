/**
 * Child process entry of the engine benchmark: times each way of going over the same
 * page bytes, round after round in rotating order, and sends back the MB/s figures.
 * Usage: forked by `benchEngine()`; `--cpu-prof` on it profiles the injector.
 */

import { generatePage } from "./pages.js";
import { ENGINE_VARIANTS, type EngineVariantId } from "./engine-scanners.js";
import { rotate } from "./stats.js";
import { benchSnippets } from "./verify.js";

export interface EngineConfig {
  pageBytes: number;
  chunkBytes: number;
  rounds: number;
  millisPerRun: number;
  /** Time each variant runs first, unmeasured, so that the JIT has optimised it. */
  warmupMillis: number;
  /** Only these variants (all by default): `["injector"]` for a profile of the engine alone. */
  only?: EngineVariantId[];
}

function splitChunks(page: Buffer, chunkBytes: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let offset = 0; offset < page.length; offset += chunkBytes)
    chunks.push(page.subarray(offset, offset + chunkBytes));
  return chunks;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Runs passes for at least `millis` ms of CPU time; returns bytes per CPU second.
 * Note: CPU time, not wall time: on a shared machine the process is often descheduled,
 * and that time says nothing about the code. No forced GC before: V8 then shrinks the
 * young generation and allocating code runs 2-3 times slower until it has grown back.
 */
function timePasses(pass: () => number, pageBytes: number, millis: number): number {
  let passes = 0;
  let sink = 0;
  const started = cpuSeconds();
  let elapsed = 0;
  while (elapsed * 1000 < millis) {
    sink += pass();
    passes++;
    elapsed = cpuSeconds() - started;
  }
  if (sink === Number.MIN_VALUE) console.log(sink);
  return (passes * pageBytes) / elapsed;
}

function run(config: EngineConfig): Record<string, number[]> {
  const chunks = splitChunks(generatePage(config.pageBytes), config.chunkBytes);
  const snippets = benchSnippets();
  const ids = config.only ?? (Object.keys(ENGINE_VARIANTS) as EngineVariantId[]);
  const passes = new Map(ids.map((id) => [id, ENGINE_VARIANTS[id].prepare(chunks, snippets)]));
  for (const pass of passes.values()) timePasses(pass, config.pageBytes, config.warmupMillis);

  const rates: Record<string, number[]> = Object.fromEntries(ids.map((id) => [id, []]));
  for (let round = 0; round < config.rounds; round++) {
    for (const id of rotate(ids, round))
      rates[id]?.push(
        timePasses(passes.get(id) as () => number, config.pageBytes, config.millisPerRun),
      );
  }
  return rates;
}

const config = JSON.parse(process.argv[2] ?? "{}") as EngineConfig;
// Note: exiting by itself (not by a signal) lets --cpu-prof write its profile.
process.send?.({ type: "engine-result", rates: run(config) }, () => process.disconnect());
