/**
 * Metrics of the proxy itself, in the tagger's registry next to the tagging metrics,
 * so that one admin endpoint can expose both.
 * Usage: `const metrics = createProxyMetrics(tagger.metrics.registry); metrics.upstreamErrors.inc({ kind })`.
 */

import { Counter, Gauge, type Registry } from "prom-client";

export type UpstreamErrorKind = "connect" | "timeout" | "reset";

export interface ProxyMetrics {
  upstreamErrors: Counter<"kind">;
  tunnels: Gauge;
}

const cache = new WeakMap<Registry, ProxyMetrics>();

/** The proxy's metrics in `registry`; the same objects for the same registry. */
export function createProxyMetrics(registry: Registry): ProxyMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;

  const registers = [registry];
  const metrics: ProxyMetrics = {
    upstreamErrors: new Counter({
      name: "dnma_tag_proxy_upstream_errors_total",
      help: "Upstream failures: connect (no answer), timeout (no headers in time), reset (failed mid-body).",
      labelNames: ["kind"],
      registers,
    }),
    tunnels: new Gauge({
      name: "dnma_tag_proxy_tunnels",
      help: "Upgraded connections (WebSocket) open through the proxy.",
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
