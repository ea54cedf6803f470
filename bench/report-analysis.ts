/**
 * The report's "why" section: for each missed or unmeasured target, the figures of the
 * same run that explain it (per-request cost, engine cost per page, the engine speed a
 * target would need).
 * Usage: `explainMisses(results)` → markdown bullet points.
 */

import { PAGE_SIZES } from "./pages.js";
import type { BenchResults } from "./results.js";
import { ENGINE_TARGET, MIDDLEWARE_TARGET } from "./targets.js";

const ms = (seconds: number) => `${(seconds * 1000).toPrecision(2)} ms`;
function megabytes(bytes: number): string {
  const value = bytes / 1e6;
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function explainMiddleware(results: BenchResults): string | undefined {
  const at60 = (variant: string) =>
    results.throughput.find(
      (row) => row.group === "middleware" && row.size === "60 KB" && row.variant === variant,
    )?.summary;
  const baseline = at60("plain");
  const dnma = at60("dnma");
  const engine = results.engine?.rows;
  const injector = engine?.find((row) => row.variant === "injector");
  const indexOf = engine?.find((row) => row.variant === "indexOf");
  if (!baseline || !dnma || !injector || dnma.ratio >= MIDDLEWARE_TARGET) return undefined;

  const pageBytes = PAGE_SIZES["60 KB"];
  const baseSeconds = 1 / baseline.requestsPerSecond;
  const tagSeconds = 1 / dnma.requestsPerSecond;
  const engineSeconds = pageBytes / (injector.megabytesPerSecond * 1e6);
  const allowedSeconds = baseSeconds * (1 / MIDDLEWARE_TARGET - 1);
  const share = Math.round((100 * engineSeconds) / (tagSeconds - baseSeconds));
  const indexOfSpeed = indexOf
    ? ` (Buffer.indexOf ran at ${megabytes(indexOf.megabytesPerSecond * 1e6)} MB/s)`
    : "";
  return [
    `- **Middleware.** At the median req/s, a 60 KB request took ${ms(tagSeconds)} through dnma-tag against ${ms(baseSeconds)} without it (10 connections on 2 shared cores, so these are shares of the machine, not latencies).`,
    `Reading 60 KB at the engine's ${megabytes(injector.megabytesPerSecond * 1e6)} MB per CPU second costs about ${ms(engineSeconds)} of CPU per page, roughly ${share}% of the difference: the engine's speed, not the response wrapping, is what costs.`,
    `The ${(MIDDLEWARE_TARGET * 100).toFixed(0)}% bar leaves ${ms(allowedSeconds)} per page on this app, which sends a string from memory and does nothing else; the engine would need about ${megabytes(pageBytes / allowedSeconds)} MB/s${indexOfSpeed}.`,
    "An application that renders templates or reads a database for each page costs more per request, and the same engine cost is then a smaller share of it.",
  ].join(" ");
}

function explainEngine(results: BenchResults): string | undefined {
  const tokenizer = results.engine?.rows.find((row) => row.variant === "htmlparser2");
  if (!tokenizer || tokenizer.injectorSpeedup >= ENGINE_TARGET) return undefined;
  return `- **Engine.** The injector reads the page at ${tokenizer.injectorSpeedup.toFixed(2)}× the speed of the htmlparser2 Tokenizer, not ${ENGINE_TARGET}×; the profile section below says where the time goes and what would help.`;
}

function explainStream(results: BenchResults): string | undefined {
  const rows = results.stream?.rows ?? [];
  const dnma = rows.find((row) => row.variant === "dnma");
  const plain = rows.find((row) => row.variant === "plain");
  if (!dnma?.lastByteMs || !plain?.lastByteMs || !results.stream) return undefined;
  const speed = results.stream.pageBytes / (dnma.lastByteMs / 1000);
  return `- **50 MB page, streaming speed** (no target, but worth knowing): its last byte came after ${dnma.lastByteMs.toFixed(0)} ms through dnma-tag against ${plain.lastByteMs.toFixed(0)} ms without. The origin's writes wait on the engine through backpressure, so a long page streams at about the engine's speed (${megabytes(speed)} MB/s here) while memory stays flat.`;
}

function explainProxy(results: BenchResults): string | undefined {
  const missing = results.throughput.find(
    (row) => row.variant === "dnma-proxy" && !row.summary,
  )?.missing;
  if (!missing) return undefined;
  return `- **Proxy.** ${missing.charAt(0).toUpperCase()}${missing.slice(1)}. Its rows stay empty until \`createDnmaProxyServer()\` in \`bench/proxy-seam.ts\` builds it; the baselines around it are measured already.`;
}

/** Markdown bullets explaining the missed and unmeasured targets of this run; empty when none. */
export function explainMisses(results: BenchResults): string {
  return [
    explainMiddleware(results),
    explainEngine(results),
    explainProxy(results),
    explainStream(results),
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}
