import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log/logger.js";
import {
  getReloadStatus,
  type PlanWatch,
  type ReloadOutcome,
  watchPlan,
} from "../../../src/plan/reload.js";
import { createTagger } from "../../../src/tagging/tagger.js";
import { TEST_SECRET } from "../../support/app.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const NOTES_PLAN = MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTES");
const BAD_PLAN = MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTE");

interface Setup {
  file: string;
  tagger: ReturnType<typeof createTagger>;
  logs: Record<string, unknown>[];
  outcomes: ReloadOutcome[];
  stop: PlanWatch;
  next(): Promise<ReloadOutcome>;
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup(options: { watchFiles?: boolean; signal?: NodeJS.Signals | false } = {}): Setup {
  const dir = mkdtempSync(join(tmpdir(), "dnma-reload-"));
  const file = join(dir, "plan.yaml");
  writeFileSync(file, MINIMAL_PLAN);
  const logs: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      callback();
    },
  });
  const logger = createLogger({ level: "debug", destination });
  const tagger = createTagger({
    plan: file,
    secret: TEST_SECRET,
    logger,
    registry: new Registry(),
  });
  const outcomes: ReloadOutcome[] = [];
  const waiters: ((outcome: ReloadOutcome) => void)[] = [];
  const stop = watchPlan(tagger, file, {
    debounceMs: 50,
    signal: options.signal ?? false,
    watchFiles: options.watchFiles ?? true,
    onReload: (outcome) => {
      outcomes.push(outcome);
      waiters.shift()?.(outcome);
    },
  });
  cleanups.push(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    file,
    tagger,
    logs,
    outcomes,
    stop,
    next: () => new Promise((resolve) => waiters.push(resolve)),
  };
}

function serviceOfHome(tagger: Setup["tagger"]): string | undefined {
  return tagger.plan.rules.find((rule) => rule.id === "home")?.service;
}

async function metricValue(
  tagger: Setup["tagger"],
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = await tagger.metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((value) =>
    Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted),
  )?.value;
}

describe("watchPlan", () => {
  it("puts a changed plan file in force and counts the reload", async () => {
    const { file, tagger, next } = setup();
    const version = tagger.plan.version;
    const reloaded = next();
    writeFileSync(file, NOTES_PLAN);

    expect(await reloaded).toMatchObject({ result: "success", trigger: "file", issues: [] });
    expect(serviceOfHome(tagger)).toBe("NOTES");
    expect(tagger.plan.version).not.toBe(version);
    expect(await metricValue(tagger, "dnma_tag_plan_reloads_total", { result: "success" })).toBe(1);
    expect(await metricValue(tagger, "dnma_tag_plan_info", { version: tagger.plan.version })).toBe(
      1,
    );
    expect(await metricValue(tagger, "dnma_tag_plan_info", { version })).toBeUndefined();
  });

  it("follows an editor that writes a new file and renames it over the plan", async () => {
    const { file, tagger, next } = setup();
    const reloaded = next();
    writeFileSync(`${file}.tmp`, NOTES_PLAN);
    renameSync(`${file}.tmp`, file);
    expect((await reloaded).result).toBe("success");
    expect(serviceOfHome(tagger)).toBe("NOTES");

    const again = next();
    writeFileSync(`${file}.tmp`, MINIMAL_PLAN);
    renameSync(`${file}.tmp`, file);
    expect((await again).result).toBe("success");
    expect(serviceOfHome(tagger)).toBe("ACCUEIL");
  });

  it("refuses an invalid plan, keeps the one in force, logs its file:line issues and shows it in metrics", async () => {
    const { file, tagger, logs, next } = setup();
    const version = tagger.plan.version;
    const refused = next();
    writeFileSync(file, BAD_PLAN);
    const outcome = await refused;

    expect(outcome.result).toBe("failure");
    expect(outcome.issues.map((issue) => `${issue.line}: ${issue.field}`)).toEqual([
      "26: pages[0].service",
    ]);
    expect(tagger.plan.version).toBe(version);
    expect(serviceOfHome(tagger)).toBe("ACCUEIL");
    expect(await metricValue(tagger, "dnma_tag_plan_reloads_total", { result: "failure" })).toBe(1);
    expect(await metricValue(tagger, "dnma_tag_plan_last_reload_success")).toBe(0);
    const warning = logs.find(
      (line) => line.msg === "tagging plan refused: the plan in force stays",
    );
    expect(warning).toMatchObject({
      level: 40,
      file,
      trigger: "file",
      version,
      issues: [
        expect.stringMatching(
          new RegExp(`^${file}:26: pages\\[0\\]\\.service: SERVICE "NOTE" is not one of`),
        ),
      ],
    });
    expect(getReloadStatus(tagger)?.last?.result).toBe("failure");

    const fixed = next();
    writeFileSync(file, NOTES_PLAN);
    expect((await fixed).result).toBe("success");
    expect(await metricValue(tagger, "dnma_tag_plan_last_reload_success")).toBe(1);
  });

  it("reloads on SIGHUP, and says unchanged when the text is the same", async () => {
    const { file, tagger, next, stop } = setup({ watchFiles: false, signal: "SIGHUP" });
    const unchanged = next();
    process.kill(process.pid, "SIGHUP");
    expect(await unchanged).toMatchObject({ result: "unchanged", trigger: "signal" });

    writeFileSync(file, NOTES_PLAN);
    const reloaded = next();
    process.kill(process.pid, "SIGHUP");
    expect(await reloaded).toMatchObject({ result: "success", trigger: "signal" });
    expect(serviceOfHome(tagger)).toBe("NOTES");

    const listeners = process.listenerCount("SIGHUP");
    stop();
    expect(process.listenerCount("SIGHUP")).toBe(listeners - 1);
  });

  it("runs reloads one after another: calls during a reload share one more run", async () => {
    const { file, outcomes, stop } = setup({ watchFiles: false });
    writeFileSync(file, NOTES_PLAN);
    const first = stop.reload();
    const second = stop.reload();
    const third = stop.reload();

    expect(second).toBe(third);
    expect((await first).result).toBe("success");
    expect((await second).result).toBe("unchanged");
    expect(outcomes.map((outcome) => outcome.result)).toEqual(["success", "unchanged"]);
  });
});
