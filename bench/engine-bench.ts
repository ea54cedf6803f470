/**
 * The injection engine alone: MB/s of the dnma-tag injector over a page in chunks,
 * against Buffer.indexOf and two tokenizers over the same bytes, in a child process.
 * Usage: `await benchEngine({ pageBytes, chunkBytes, rounds, millisPerRun })`.
 */

import type { EngineConfig } from "./engine-process.js";
import { ENGINE_VARIANTS, type EngineVariantId } from "./engine-scanners.js";
import { forkChild } from "./processes.js";
import type { BenchResults, EngineRow } from "./results.js";
import { median, medianRatio } from "./stats.js";

/** Runs the engine benchmark and returns its rows (MB = 10^6 bytes). */
export async function benchEngine(
  config: EngineConfig,
): Promise<NonNullable<BenchResults["engine"]>> {
  const child = forkChild("engine-process.ts", [JSON.stringify(config)]);
  const { rates } = await child.next<{ rates: Record<EngineVariantId, number[]> }>(
    "engine-result",
    300_000,
  );
  await child.stop();

  const rows: EngineRow[] = (Object.keys(rates) as EngineVariantId[]).map((id) => ({
    variant: id,
    label: ENGINE_VARIANTS[id].label,
    megabytesPerSecond: median(rates[id]) / 1e6,
    injectorSpeedup: medianRatio(rates.injector, rates[id]),
  }));
  return {
    pageBytes: config.pageBytes,
    chunkBytes: config.chunkBytes,
    rounds: config.rounds,
    rows,
  };
}
