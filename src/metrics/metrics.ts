/**
 * Prometheus metrics of dnma-tag (prom-client), registered once per registry.
 * Usage: `const metrics = createMetrics(registry); metrics.pagesTagged.inc({ service })`.
 */

import { Counter, Gauge, Histogram, Registry } from "prom-client";

export interface DnmaMetrics {
  registry: Registry;
  pagesTagged: Counter<"service">;
  pagesSkipped: Counter<"reason">;
  injectionSeconds: Histogram;
  addedBytes: Histogram;
  profileFallbacks: Counter<"source">;
  identityLookups: Counter<"source" | "result">;
  planInfo: Gauge<"plan" | "version">;
  planLastReloadSuccess: Gauge;
  planLastReloadTime: Gauge;
  planReloads: Counter<"result">;
  garUnknownCodes: Counter<"rule" | "code">;
}

const cache = new WeakMap<Registry, DnmaMetrics>();

/** The metrics in `registry` (a new one by default); the same objects for the same registry. */
export function createMetrics(registry = new Registry()): DnmaMetrics {
  const existing = cache.get(registry);
  if (existing) return existing;

  const registers = [registry];
  const metrics: DnmaMetrics = {
    registry,
    pagesTagged: new Counter({
      name: "dnma_tag_pages_tagged_total",
      help: "Pages served with the DNMA tag, by SERVICE.",
      labelNames: ["service"],
      registers,
    }),
    pagesSkipped: new Counter({
      name: "dnma_tag_pages_skipped_total",
      help: "Responses served untouched, by reason.",
      labelNames: ["reason"],
      registers,
    }),
    injectionSeconds: new Histogram({
      name: "dnma_tag_injection_seconds",
      help: "CPU time spent scanning and injecting one tagged page.",
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05],
      registers,
    }),
    addedBytes: new Histogram({
      name: "dnma_tag_added_bytes",
      help: "Bytes added to one tagged page.",
      buckets: [256, 512, 768, 1024, 2048, 4096, 8192, 16384],
      registers,
    }),
    profileFallbacks: new Counter({
      name: "dnma_tag_profile_fallbacks_total",
      help: "Users tagged AUTRE for lack of a known profile, by cause.",
      labelNames: ["source"],
      registers,
    }),
    identityLookups: new Counter({
      name: "dnma_tag_identity_lookups_total",
      help: "Identity lookups, by source and result.",
      labelNames: ["source", "result"],
      registers,
    }),
    planInfo: new Gauge({
      name: "dnma_tag_plan_info",
      help: "The tagging plan in force (value 1).",
      labelNames: ["plan", "version"],
      registers,
    }),
    planLastReloadSuccess: new Gauge({
      name: "dnma_tag_plan_last_reload_success",
      help: "1 when the last plan reload put the plan in force (or found it unchanged), 0 when it was refused.",
      registers,
    }),
    planLastReloadTime: new Gauge({
      name: "dnma_tag_plan_last_reload_timestamp_seconds",
      help: "Time of the last plan reload attempt (Unix seconds).",
      registers,
    }),
    planReloads: new Counter({
      name: "dnma_tag_plan_reloads_total",
      help: "Plan reloads, by result.",
      labelNames: ["result"],
      registers,
    }),
    garUnknownCodes: new Counter({
      name: "dnma_tag_gar_unknown_codes_total",
      help: "Clicks on GAR links whose presentation code the plan does not map, as pages report them.",
      labelNames: ["rule", "code"],
      registers,
    }),
  };
  cache.set(registry, metrics);
  return metrics;
}
