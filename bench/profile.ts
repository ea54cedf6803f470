/**
 * A CPU profile of the injector alone (node --cpu-prof on the engine child), reduced to
 * the functions with the most self time, for the report's hot-spot table.
 * Usage: `await profileInjector(config)` → `[{ name: "tagName (scanner.ts)", percent: 13.3 }, ...]`.
 */

import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { PROJECT_ROOT } from "./bench-user.js";
import type { EngineConfig } from "./engine-process.js";
import { forkChild } from "./processes.js";

export interface HotSpot {
  name: string;
  percent: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

const PROFILE_DIR = join(PROJECT_ROOT, "test-artifacts", "bench-profile");
const IGNORED = new Set(["(idle)", "(program)"]);

/** Self time per function, in percent of the busy samples, largest first. */
export function summarizeProfile(profile: CpuProfile, limit = 12): HotSpot[] {
  const names = new Map(
    profile.nodes.map((node) => [
      node.id,
      `${node.callFrame.functionName || "(anonymous)"}${node.callFrame.url ? ` (${basename(node.callFrame.url)})` : ""}`,
    ]),
  );
  const selfTime = new Map<string, number>();
  let total = 0;
  for (const [index, id] of profile.samples.entries()) {
    const name = names.get(id) ?? "?";
    if (IGNORED.has(name)) continue;
    const delta = profile.timeDeltas[index] ?? 0;
    selfTime.set(name, (selfTime.get(name) ?? 0) + delta);
    total += delta;
  }
  return [...selfTime]
    .sort((left, right) => right[1] - left[1])
    .slice(0, limit)
    .map(([name, time]) => ({ name, percent: (100 * time) / total }));
}

/** Profiles the injector over the engine benchmark's page; the profile file stays in test-artifacts/. */
export async function profileInjector(config: EngineConfig): Promise<HotSpot[]> {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
  const child = forkChild(
    "engine-process.ts",
    [JSON.stringify({ ...config, only: ["injector"] })],
    ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`],
  );
  await child.next("engine-result", 300_000);
  await new Promise((resolve) => child.process.once("exit", resolve));

  const [file] = readdirSync(PROFILE_DIR)
    .filter((name) => name.endsWith(".cpuprofile"))
    .sort();
  if (!file) return [];
  return summarizeProfile(JSON.parse(readFileSync(join(PROFILE_DIR, file), "utf8")) as CpuProfile);
}
