/**
 * Interleaved throughput rounds: every variant of a scenario runs once per round, in a
 * rotating order, so that all of them share the machine's ups and downs; ratios are
 * taken against the baseline of the same round, then the median over rounds.
 * Usage: `await measureInterleaved(load, variants, settings)`.
 */

import type { LoadResult } from "./load-process.js";
import { readCpuSeconds, readPeakBytes, resetPeak } from "./memory.js";
import type { LoadProcess } from "./processes.js";
import { median, medianRatio, rotate } from "./stats.js";

export interface LoadTarget {
  id: string;
  url: string;
  pid: number;
  headers?: Record<string, string>;
}

export interface RoundSettings {
  rounds: number;
  seconds: number;
  warmupSeconds: number;
  connections: number;
}

/** The round settings of a page size: large pages need longer measurements to count at all. */
export type RoundsBySize = (size: string) => RoundSettings;

export interface Sample extends LoadResult {
  peakRssBytes: number | undefined;
  /** CPU time the server process used per completed request, in seconds. */
  cpuPerRequest: number | undefined;
}

async function measureOnce(
  load: LoadProcess,
  target: LoadTarget,
  seconds: number,
  connections: number,
): Promise<Sample> {
  const hasPeak = resetPeak(target.pid);
  const cpuBefore = readCpuSeconds(target.pid);
  const result = await load.run({
    url: target.url,
    connections,
    seconds,
    headers: target.headers ?? {},
  });
  const cpuAfter = readCpuSeconds(target.pid);
  const hasCpu = cpuBefore !== undefined && cpuAfter !== undefined && result.requests > 0;
  const cpuPerRequest = hasCpu ? (cpuAfter - cpuBefore) / result.requests : undefined;
  return {
    ...result,
    peakRssBytes: hasPeak ? readPeakBytes(target.pid) : undefined,
    cpuPerRequest,
  };
}

/** Runs warm-ups, then `rounds` rounds over all targets; returns the samples per target id. */
export async function measureInterleaved(
  load: LoadProcess,
  targets: readonly LoadTarget[],
  settings: RoundSettings,
  onRound?: (round: number) => void,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(targets.map((target) => [target.id, []]));
  for (const target of targets)
    await measureOnce(load, target, settings.warmupSeconds, settings.connections);

  for (let round = 0; round < settings.rounds; round++) {
    for (const target of rotate(targets, round)) {
      samples
        .get(target.id)
        ?.push(await measureOnce(load, target, settings.seconds, settings.connections));
    }
    onRound?.(round);
  }
  return samples;
}

export interface ThroughputSummary {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  peakRssBytes: number | undefined;
  /** Median over rounds of this variant's req/s over the baseline's in the same round. */
  ratio: number;
  /** Median server CPU seconds per request. */
  cpuPerRequest: number | undefined;
  /** Median over rounds of the baseline's CPU per request over this variant's: 1 = as cheap. */
  cpuRatio: number | undefined;
  errors: number;
  non2xx: number;
  rounds: number;
}

/** Medians of a target's samples, and its ratio to the baseline's samples. */
export function summarize(
  samples: readonly Sample[],
  baseline: readonly Sample[],
): ThroughputSummary {
  const peaks = samples
    .map((sample) => sample.peakRssBytes)
    .filter((peak): peak is number => peak !== undefined);
  const hasCpu = [...samples, ...baseline].every((sample) => sample.cpuPerRequest !== undefined);
  const cpu = (list: readonly Sample[]) => list.map((sample) => sample.cpuPerRequest as number);
  return {
    requestsPerSecond: median(samples.map((sample) => sample.requestsPerSecond)),
    latencyP50: median(samples.map((sample) => sample.latencyP50)),
    latencyP99: median(samples.map((sample) => sample.latencyP99)),
    peakRssBytes: peaks.length > 0 ? median(peaks) : undefined,
    ratio: medianRatio(
      samples.map((sample) => sample.requestsPerSecond),
      baseline.map((sample) => sample.requestsPerSecond),
    ),
    cpuPerRequest: hasCpu ? median(cpu(samples)) : undefined,
    cpuRatio: hasCpu ? medianRatio(cpu(baseline), cpu(samples)) : undefined,
    errors: samples.reduce((total, sample) => total + sample.errors, 0),
    non2xx: samples.reduce((total, sample) => total + sample.non2xx, 0),
    rounds: samples.length,
  };
}
