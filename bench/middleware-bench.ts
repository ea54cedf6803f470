/**
 * Middleware throughput: the same Express app without tagging, with dnma-tag, with a
 * buffering string replace and with cheerio, for each page size, interleaved.
 * Usage: `await benchMiddleware(load, roundsFor, ["60 KB"], log)`.
 */

import { PAGE_SIZES, type PageSizeLabel } from "./pages.js";
import { type LoadProcess, startServerProcess } from "./processes.js";
import type { ThroughputRow } from "./results.js";
import { MIDDLEWARE_VARIANTS, type MiddlewareVariant } from "./servers.js";
import { measureInterleaved, type RoundsBySize, summarize } from "./throughput.js";
import { BENCH_PATH } from "./bench-user.js";
import { checkOutput } from "./verify.js";

export const MIDDLEWARE_LABELS: Record<MiddlewareVariant, string> = {
  plain: "Express app without tagging (baseline)",
  dnma: "dnma-tag middleware",
  naive: "buffering middleware + string replace",
  cheerio: "buffering middleware + cheerio load/append/html()",
};

/** Measures every middleware variant at every size; the servers live for the whole run. */
export async function benchMiddleware(
  load: LoadProcess,
  roundsFor: RoundsBySize,
  sizes: readonly PageSizeLabel[],
  log: (line: string) => void,
): Promise<ThroughputRow[]> {
  const servers = await Promise.all(
    MIDDLEWARE_VARIANTS.map((variant) => startServerProcess({ kind: "middleware", variant })),
  );
  const rows: ThroughputRow[] = [];
  try {
    for (const size of sizes) {
      const bytes = PAGE_SIZES[size];
      const settings = roundsFor(size);
      const targets = servers.map((server, index) => ({
        id: MIDDLEWARE_VARIANTS[index] as MiddlewareVariant,
        url: `${server.url}${BENCH_PATH}?bytes=${bytes}`,
        pid: server.pid,
      }));
      const outputs = await Promise.all(targets.map((target) => checkOutput(target.url, bytes)));
      log(
        `middleware ${size}: outputs ${targets.map((target, index) => `${target.id}=${outputs[index]}`).join(" ")}`,
      );

      const samples = await measureInterleaved(load, targets, settings, (round) =>
        log(`middleware ${size}: round ${round + 1}/${settings.rounds}`),
      );
      const baseline = samples.get("plain") ?? [];
      for (const [index, target] of targets.entries()) {
        const summary = summarize(samples.get(target.id) ?? [], baseline);
        rows.push({
          group: "middleware",
          size,
          variant: target.id,
          label: MIDDLEWARE_LABELS[target.id],
          isBaseline: target.id === "plain",
          output: outputs[index] ?? "not-run",
          summary,
        });
        log(
          `  ${target.id.padEnd(8)} ${summary.requestsPerSecond.toFixed(0).padStart(6)} req/s  ratio ${summary.ratio.toFixed(3)}`,
        );
      }
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  return rows;
}
