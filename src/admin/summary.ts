/**
 * What the admin listener reports, gathered from a tagger: plan, reload status,
 * counters from its metrics registry, and the last decisions without identities.
 * Usage: `await readCounters(tagger.metrics.registry)`.
 */

import type { Registry } from "prom-client";
import { normalizePath } from "../coverage/normalize-path.js";
import { getReloadStatus } from "../plan/reload.js";
import type { Tagger } from "../tagging/tagger.js";
import type { DecisionRecord } from "../tagging/decision-log.js";

export interface CounterRow {
  metric: string;
  label: string;
  value: number;
}

const COUNTERS: readonly [string, string][] = [
  ["dnma_tag_pages_tagged_total", "pages tagged"],
  ["dnma_tag_pages_skipped_total", "pages served untouched"],
  ["dnma_tag_profile_fallbacks_total", "PROFIL fallbacks to AUTRE"],
  ["dnma_tag_plan_reloads_total", "plan reloads"],
];

/** The counters shown on the admin page, one row per label value, in a fixed order. */
export async function readCounters(registry: Registry): Promise<CounterRow[]> {
  const metrics = await registry.getMetricsAsJSON();
  return COUNTERS.flatMap(([name, title]) => {
    const metric = metrics.find((candidate) => candidate.name === name);
    const values = (metric?.values ?? []) as {
      labels: Record<string, string | number>;
      value: number;
    }[];
    return values
      .map((value) => ({
        metric: title,
        label: Object.values(value.labels).join(", ") || "-",
        value: value.value,
      }))
      .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  });
}

/** The last `limit` decisions, newest first, paths with ids replaced and never a query string. */
export function readDecisions(tagger: Tagger, limit: number): DecisionRecord[] {
  return tagger.decisions
    .list()
    .slice(0, limit)
    .map((record) => ({ ...record, path: normalizePath(record.path.replace(/[?#].*$/, "")) }));
}

/** The body of /healthz. */
export function readHealth(tagger: Tagger, startedAt: Date): Record<string, unknown> {
  const { plan } = tagger;
  const status = getReloadStatus(tagger);
  const last = status?.last;
  return {
    status: "ok",
    plan: { name: plan.name, version: plan.version, file: plan.file, rules: plan.rules.length },
    reload: status
      ? {
          watching: status.file,
          lastResult: last?.result ?? null,
          lastTime: last?.time.toISOString() ?? null,
          lastSuccess: status.lastSuccess?.toISOString() ?? null,
          issues: last?.result === "failure" ? last.issues.length : 0,
        }
      : null,
    uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
  };
}
