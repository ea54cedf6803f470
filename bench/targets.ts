/**
 * The quality bars of the brief, judged on one run's results: PASS, MISS, or NOT
 * MEASURED (with the reason) when the variant a bar is about could not run.
 * Usage: `judgeTargets(results)` → one verdict per bar.
 */

import type { BenchResults, StreamRow, ThroughputRow } from "./results.js";

export type Status = "PASS" | "MISS" | "NOT MEASURED";

export interface Verdict {
  target: string;
  measured: string;
  status: Status;
}

export const MIDDLEWARE_TARGET = 0.95;
export const PROXY_TARGET = 0.9;
export const ENGINE_TARGET = 3;
export const STREAM_GROWTH_LIMIT = 32 * 2 ** 20;

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;
export const mebibytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function judgeRatio(target: string, row: ThroughputRow | undefined, threshold: number): Verdict {
  if (!row?.summary)
    return { target, measured: row?.missing ?? "no figures", status: "NOT MEASURED" };
  const { ratio, cpuRatio } = row.summary;
  const cpu = cpuRatio === undefined ? "" : ` (by server CPU per request: ${percent(cpuRatio)})`;
  return {
    target,
    measured: `${percent(ratio)} of the baseline's req/s${cpu}`,
    status: ratio >= threshold ? "PASS" : "MISS",
  };
}

function judgeStream(subject: string, row: StreamRow | undefined): Verdict[] {
  const firstByte = `50 MB page through the ${subject}: first byte before the origin finishes`;
  const growth = `50 MB page through the ${subject}: peak memory growth < 32 MiB`;
  if (!row || row.firstByteMs === undefined || row.originFinishedMs === undefined) {
    const measured = row?.missing ?? "no figures";
    return [
      { target: firstByte, measured, status: "NOT MEASURED" },
      { target: growth, measured, status: "NOT MEASURED" },
    ];
  }
  const isEarly = row.firstByteMs < row.originFinishedMs;
  const timing = {
    target: firstByte,
    measured: `first byte ${row.firstByteMs.toFixed(0)} ms, origin done ${row.originFinishedMs.toFixed(0)} ms`,
    status: isEarly ? "PASS" : "MISS",
  } as const;
  if (row.peakGrowthBytes === undefined)
    return [
      timing,
      { target: growth, measured: "no /proc on this system", status: "NOT MEASURED" },
    ];
  return [
    timing,
    {
      target: growth,
      measured: `+${mebibytes(row.peakGrowthBytes)}`,
      status: row.peakGrowthBytes < STREAM_GROWTH_LIMIT ? "PASS" : "MISS",
    },
  ];
}

/** One verdict per quality bar, in the brief's order. */
export function judgeTargets(results: BenchResults): Verdict[] {
  const middleware = results.throughput.find(
    (row) => row.group === "middleware" && row.size === "60 KB" && row.variant === "dnma",
  );
  const proxy = (encoding: string) =>
    results.throughput.find(
      (row) =>
        row.group === "proxy" &&
        row.size === "60 KB" &&
        row.encoding === encoding &&
        row.variant === "dnma-proxy",
    );
  const tokenizer = results.engine?.rows.find((row) => row.variant === "htmlparser2");
  const stream = (variant: string) => results.stream?.rows.find((row) => row.variant === variant);
  const engineTarget = `Injection engine ≥ ${ENGINE_TARGET}× the htmlparser2 Tokenizer's MB/s over the same bytes`;

  return [
    judgeRatio(
      `Middleware, 60 KB page: ≥ ${percent(MIDDLEWARE_TARGET)} of the same app's throughput without it`,
      middleware,
      MIDDLEWARE_TARGET,
    ),
    judgeRatio(
      `Proxy, 60 KB page, plain upstream: ≥ ${percent(PROXY_TARGET)} of plain http-proxy-middleware`,
      proxy("plain"),
      PROXY_TARGET,
    ),
    judgeRatio(
      `Proxy, 60 KB page, gzip upstream: ≥ ${percent(PROXY_TARGET)} of plain http-proxy-middleware`,
      proxy("gzip"),
      PROXY_TARGET,
    ),
    ...judgeStream("proxy", stream("dnma-proxy")),
    ...judgeStream("middleware", stream("dnma")),
    tokenizer
      ? {
          target: engineTarget,
          measured: `${tokenizer.injectorSpeedup.toFixed(2)}×`,
          status: tokenizer.injectorSpeedup >= ENGINE_TARGET ? "PASS" : "MISS",
        }
      : { target: engineTarget, measured: "not run", status: "NOT MEASURED" },
  ];
}
