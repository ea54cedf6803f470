/**
 * The 50 MB page: written by the origin chunk by chunk, read once through each variant
 * by this process. For each: time to the first body byte, time at which the origin had
 * written everything, time to the last byte, and how far the server's (or proxy's)
 * peak RSS rose over its RSS just before the request. A fresh process per measurement.
 * Usage: `await benchStream({ bytes, rounds, variants }, log)`.
 */

import http from "node:http";
import { BENCH_PATH } from "./bench-user.js";
import { readPeakBytes, readRssBytes, resetPeak } from "./memory.js";
import { MIDDLEWARE_LABELS } from "./middleware-bench.js";
import { wallClock } from "./origin.js";
import { type Child, type ServerProcess, startServerProcess } from "./processes.js";
import { PROXY_LABELS } from "./proxy-bench.js";
import { DNMA_PROXY_USER_HEADERS, findDnmaProxyMissing } from "./proxy-seam.js";
import type { StreamRow } from "./results.js";
import type { ServerConfig } from "./servers.js";
import { median, rotate } from "./stats.js";
import { benchSnippets } from "./verify.js";

export interface StreamVariant {
  id: string;
  group: StreamRow["group"];
  config: (upstream: string) => ServerConfig;
  execArgv?: string[];
  /** Why it is not measured (not available, skipped in this mode). */
  missing?: string;
  /** At most this many rounds (for the variants that take tens of seconds a page). */
  maxRounds?: number;
}

interface StreamSample {
  firstByteMs: number;
  originFinishedMs: number;
  lastByteMs: number;
  peakGrowthBytes: number | undefined;
  isTagged: boolean;
}

/** The 50 MB variants; the slow buffering ones (seconds to tens of seconds a page) only when `withSlow`. */
export function streamVariants(withSlow: boolean): StreamVariant[] {
  const middleware = (variant: "plain" | "dnma" | "naive" | "cheerio") => ({
    id: variant,
    group: "middleware" as const,
    config: () => ({ kind: "middleware" as const, variant }),
  });
  const skipped = withSlow ? undefined : "skipped in --quick (run without it to measure)";
  return [
    middleware("plain"),
    middleware("dnma"),
    middleware("naive"),
    {
      ...middleware("cheerio"),
      execArgv: ["--max-old-space-size=4096"],
      missing: skipped,
      maxRounds: 1,
    },
    {
      id: "hpm-plain",
      group: "proxy",
      config: (target) => ({ kind: "hpm", variant: "hpm-plain", target }),
    },
    {
      id: "hpm-intercept",
      group: "proxy",
      config: (target) => ({ kind: "hpm", variant: "hpm-intercept", target }),
      missing: skipped,
      maxRounds: 1,
    },
    {
      id: "dnma-proxy",
      group: "proxy",
      config: (target) => ({ kind: "dnma-proxy", target }),
      missing: findDnmaProxyMissing(),
    },
  ];
}

interface Received {
  firstByteAt: number;
  lastByteAt: number;
  head: string;
  tail: string;
}

/** Reads one response, keeping its first and last 16 KiB. */
function receive(
  url: string,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<Received> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs, headers }, (res) => {
      let firstByteAt = 0;
      let head = Buffer.alloc(0);
      let tail = Buffer.alloc(0);
      res.on("data", (chunk: Buffer) => {
        if (firstByteAt === 0) firstByteAt = wallClock();
        if (head.length < 16384) head = Buffer.concat([head, chunk]).subarray(0, 16384);
        tail = Buffer.concat([tail, chunk]).subarray(-16384);
      });
      res.on("end", () =>
        resolve({
          firstByteAt,
          lastByteAt: wallClock(),
          head: head.toString("latin1"),
          tail: tail.toString("latin1"),
        }),
      );
      res.on("error", reject);
    });
    request.on("timeout", () =>
      request.destroy(new Error(`no complete answer in ${timeoutMs} ms`)),
    );
    request.on("error", reject);
  });
}

async function measureOnce(
  server: ServerProcess,
  origin: Child,
  bytes: number,
  timeoutMs: number,
  headers: Record<string, string>,
): Promise<StreamSample> {
  await fetch(`${server.url}${BENCH_PATH}?bytes=61440`).then((response) => response.arrayBuffer());
  server.send({ type: "gc" });
  await server.next("gc-done");
  await new Promise((resolve) => setTimeout(resolve, 200));

  const hasPeak = resetPeak(server.pid);
  const rssBefore = readRssBytes(server.pid);
  const finished = origin.next<{ at: number }>("stream-finished", timeoutMs);
  const startedAt = wallClock();
  const received = await receive(`${server.url}${BENCH_PATH}?stream=${bytes}`, timeoutMs, headers);
  const { at } = await finished;
  const peak = hasPeak ? readPeakBytes(server.pid) : undefined;
  const { loader, tag } = benchSnippets();
  return {
    firstByteMs: received.firstByteAt - startedAt,
    originFinishedMs: at - startedAt,
    lastByteMs: received.lastByteAt - startedAt,
    peakGrowthBytes: peak !== undefined && rssBefore !== undefined ? peak - rssBefore : undefined,
    isTagged: received.head.includes(loader) && received.tail.includes(tag),
  };
}

/** Measures each available variant `rounds` times, interleaved, a fresh process each time. */
export async function benchStream(
  settings: { bytes: number; rounds: number; variants: StreamVariant[]; timeoutMs: number },
  log: (line: string) => void,
): Promise<StreamRow[]> {
  const upstream = await startServerProcess({ kind: "upstream" });
  const samples = new Map<string, StreamSample[]>();
  const failures = new Map<string, string>();
  const runnable = settings.variants.filter((variant) => !variant.missing);
  try {
    for (let round = 0; round < settings.rounds; round++) {
      for (const variant of rotate(runnable, round)) {
        if (failures.has(variant.id) || round >= (variant.maxRounds ?? settings.rounds)) continue;
        const server = await startServerProcess(
          variant.config(upstream.url),
          variant.execArgv ?? [],
        );
        const origin = variant.group === "proxy" ? upstream : server;
        try {
          // Note: the dnma-tag proxy learns who the user is from gateway headers, as deployed.
          const headers = variant.id === "dnma-proxy" ? DNMA_PROXY_USER_HEADERS : {};
          const sample = await measureOnce(
            server,
            origin,
            settings.bytes,
            settings.timeoutMs,
            headers,
          );
          samples.set(variant.id, [...(samples.get(variant.id) ?? []), sample]);
          log(
            `50 MB ${variant.id}: first byte ${sample.firstByteMs.toFixed(0)} ms, origin done ${sample.originFinishedMs.toFixed(0)} ms, last byte ${sample.lastByteMs.toFixed(0)} ms, peak +${((sample.peakGrowthBytes ?? Number.NaN) / 2 ** 20).toFixed(1)} MiB, tagged ${sample.isTagged}`,
          );
        } catch (err) {
          failures.set(variant.id, `failed: ${(err as Error).message}`);
          log(`50 MB ${variant.id}: ${failures.get(variant.id)}`);
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await upstream.stop();
  }
  return settings.variants.map((variant) =>
    toRow(variant, samples.get(variant.id) ?? [], variant.missing ?? failures.get(variant.id)),
  );
}

function toRow(
  variant: StreamVariant,
  samples: StreamSample[],
  missing: string | undefined,
): StreamRow {
  const label =
    variant.group === "middleware"
      ? MIDDLEWARE_LABELS[variant.id as keyof typeof MIDDLEWARE_LABELS]
      : (PROXY_LABELS[variant.id] ?? variant.id);
  if (missing || samples.length === 0)
    return { group: variant.group, variant: variant.id, label, missing: missing ?? "no sample" };

  const growths = samples
    .map((sample) => sample.peakGrowthBytes)
    .filter((growth): growth is number => growth !== undefined);
  return {
    group: variant.group,
    variant: variant.id,
    label,
    firstByteMs: median(samples.map((sample) => sample.firstByteMs)),
    originFinishedMs: median(samples.map((sample) => sample.originFinishedMs)),
    lastByteMs: median(samples.map((sample) => sample.lastByteMs)),
    peakGrowthBytes: growths.length > 0 ? median(growths) : undefined,
    isTagged: samples.every((sample) => sample.isTagged),
    rounds: samples.length,
  };
}
