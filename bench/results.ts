/**
 * The shape of one benchmark run's results, from which the report is rendered.
 * Usage: `renderReport(results)`; the harness fills a BenchResults as it goes.
 */

import type { ThroughputSummary } from "./throughput.js";

/** What a variant sent back, checked once before it was measured. */
export type OutputCheck = "exact" | "untouched" | "rewritten" | "wrong" | "not-run";

export interface ThroughputRow {
  group: "middleware" | "proxy";
  size: string;
  /** Upstream body encoding (proxy rows). */
  encoding?: "plain" | "gzip";
  variant: string;
  label: string;
  isBaseline: boolean;
  /** Why the variant has no figures (not available yet, skipped). */
  missing?: string;
  output: OutputCheck;
  summary?: ThroughputSummary;
}

export interface EngineRow {
  variant: string;
  label: string;
  megabytesPerSecond: number;
  /** Median over rounds of the injector's speed over this one's (>1: the injector is faster). */
  injectorSpeedup: number;
}

export interface StreamRow {
  group: "middleware" | "proxy";
  variant: string;
  label: string;
  missing?: string;
  /** Medians over rounds, in milliseconds from the request's start. */
  firstByteMs?: number;
  originFinishedMs?: number;
  lastByteMs?: number;
  /** Peak RSS of the server (or proxy) process during the request, over its RSS just before. */
  peakGrowthBytes?: number;
  isTagged?: boolean;
  rounds?: number;
}

export interface BenchResults {
  mode: "quick" | "full";
  startedAt: string;
  seconds: number;
  machine: Record<string, string>;
  packages: Record<string, string>;
  settings: Record<string, string>;
  throughput: ThroughputRow[];
  engine: { pageBytes: number; chunkBytes: number; rounds: number; rows: EngineRow[] } | undefined;
  stream: { pageBytes: number; rows: StreamRow[] } | undefined;
  notes: string[];
}
