/**
 * Proxy throughput: a plain http-proxy-middleware proxy, the same with its
 * responseInterceptor inserting the snippets, and the dnma-tag proxy (through the seam),
 * in front of one upstream serving plain or gzip pages, interleaved.
 * Usage: `await benchProxy(load, roundsFor, ["60 KB"], ["plain", "gzip"], log)`.
 */

import { BENCH_PATH } from "./bench-user.js";
import { PAGE_SIZES, type PageSizeLabel } from "./pages.js";
import { type LoadProcess, type ServerProcess, startServerProcess } from "./processes.js";
import { DNMA_PROXY_USER_HEADERS, findDnmaProxyMissing } from "./proxy-seam.js";
import type { ThroughputRow } from "./results.js";
import { type LoadTarget, measureInterleaved, type RoundsBySize, summarize } from "./throughput.js";
import { checkOutput } from "./verify.js";
export type Encoding = "plain" | "gzip";

export const PROXY_LABELS: Record<string, string> = {
  "hpm-plain": "http-proxy-middleware, no tagging (baseline)",
  "hpm-intercept": "http-proxy-middleware + responseInterceptor + string replace",
  "dnma-proxy": "dnma-tag proxy",
};
/** What a browser sends: the upstream may then answer gzip. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br" };

interface ProxyServers {
  upstream: ServerProcess;
  proxies: Map<string, { server: ServerProcess; headers: Record<string, string> }>;
}

/** Starts the upstream and every proxy variant that is available. */
export async function startProxies(missing: string | undefined): Promise<ProxyServers> {
  const upstream = await startServerProcess({ kind: "upstream" });
  const starts: Promise<[string, ServerProcess, Record<string, string>]>[] = [
    startServerProcess({ kind: "hpm", variant: "hpm-plain", target: upstream.url }).then(
      (server) => ["hpm-plain", server, {}],
    ),
    startServerProcess({ kind: "hpm", variant: "hpm-intercept", target: upstream.url }).then(
      (server) => ["hpm-intercept", server, {}],
    ),
  ];
  if (!missing)
    starts.push(
      startServerProcess({ kind: "dnma-proxy", target: upstream.url }).then((server) => [
        "dnma-proxy",
        server,
        DNMA_PROXY_USER_HEADERS,
      ]),
    );
  const proxies = new Map(
    (await Promise.all(starts)).map(([id, server, headers]) => [id, { server, headers }]),
  );
  return { upstream, proxies };
}

/** Measures every proxy variant at every size and upstream encoding. */
export async function benchProxy(
  load: LoadProcess,
  roundsFor: RoundsBySize,
  sizes: readonly PageSizeLabel[],
  encodings: readonly Encoding[],
  log: (line: string) => void,
): Promise<ThroughputRow[]> {
  const missing = findDnmaProxyMissing();
  const { upstream, proxies } = await startProxies(missing);
  const rows: ThroughputRow[] = [];
  try {
    for (const size of sizes) {
      for (const encoding of encodings) {
        const bytes = PAGE_SIZES[size];
        const settings = roundsFor(size);
        const query = `${BENCH_PATH}?bytes=${bytes}${encoding === "gzip" ? "&gzip=1" : ""}`;
        const targets: LoadTarget[] = [...proxies].map(([id, { server, headers }]) => ({
          id,
          url: `${server.url}${query}`,
          pid: server.pid,
          headers: { ...BROWSER_HEADERS, ...headers },
        }));
        const outputs = await Promise.all(
          targets.map((target) => checkOutput(target.url, bytes, target.headers)),
        );
        log(
          `proxy ${size} ${encoding}: outputs ${targets.map((target, index) => `${target.id}=${outputs[index]}`).join(" ")}`,
        );

        const samples = await measureInterleaved(load, targets, settings, (round) =>
          log(`proxy ${size} ${encoding}: round ${round + 1}/${settings.rounds}`),
        );
        const baseline = samples.get("hpm-plain") ?? [];
        for (const [index, target] of targets.entries()) {
          const summary = summarize(samples.get(target.id) ?? [], baseline);
          rows.push({
            group: "proxy",
            size,
            encoding,
            variant: target.id,
            label: PROXY_LABELS[target.id] ?? target.id,
            isBaseline: target.id === "hpm-plain",
            output: outputs[index] ?? "not-run",
            summary,
          });
          log(
            `  ${target.id.padEnd(14)} ${summary.requestsPerSecond.toFixed(0).padStart(6)} req/s  ratio ${summary.ratio.toFixed(3)}`,
          );
        }
        if (missing)
          rows.push({
            group: "proxy",
            size,
            encoding,
            variant: "dnma-proxy",
            label: PROXY_LABELS["dnma-proxy"] as string,
            isBaseline: false,
            output: "not-run",
            missing,
          });
      }
    }
  } finally {
    await Promise.all(
      [upstream, ...[...proxies.values()].map((proxy) => proxy.server)].map((server) =>
        server.stop(),
      ),
    );
  }
  return rows;
}
