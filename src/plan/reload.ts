/**
 * Hot reload of the tagging plan: on a change in the plan's folder (debounced, so
 * that editors that write a temporary file and rename it, and Kubernetes ConfigMap
 * symlink swaps, are seen as one change) and on SIGHUP. The new plan is fully read and
 * validated first, then put in force in one step with `tagger.setPlan`; a plan with
 * problems is refused, logged with its file:line issues and counted, and the plan in
 * force stays. Usage: `const stop = watchPlan(tagger, "plan.yaml"); ...; stop()`.
 */

import { readFile } from "node:fs/promises";
import { DnmaError, type FileIssue, formatIssue } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { Tagger } from "../tagging/tagger.js";
import { parsePlan } from "./load.js";
import { watchFolder } from "./watch-folder.js";

export interface WatchOptions {
  /** Quiet time after the last file event before reloading (ms, default 250). */
  debounceMs?: number;
  /** Signal that triggers a reload (default SIGHUP); false for none. */
  signal?: NodeJS.Signals | false;
  /** Watch the file system (default true); false: only the signal and `reload()`. */
  watchFiles?: boolean;
  logger?: Logger;
  /** Called after each reload attempt. */
  onReload?: (outcome: ReloadOutcome) => void;
}

export type ReloadResult = "success" | "failure" | "unchanged";

export interface ReloadOutcome {
  result: ReloadResult;
  time: Date;
  trigger: "file" | "signal" | "call";
  plan: { name: string; version: string };
  issues: FileIssue[];
}

/** What the admin listener shows about reloads of a tagger's plan. */
export interface ReloadStatus {
  file: string;
  watchingSince: Date;
  last: ReloadOutcome | undefined;
  lastSuccess: Date | undefined;
}

/** Stops watching; also lets callers reload at once. */
export type PlanWatch = (() => void) & { reload(): Promise<ReloadOutcome> };

const statuses = new WeakMap<Tagger, ReloadStatus>();

/** The reload status of a tagger whose plan is watched, else undefined. */
export function getReloadStatus(tagger: Tagger): ReloadStatus | undefined {
  return statuses.get(tagger);
}

/** Watches `file` and reloads it into `tagger`; returns the stopper. */
export function watchPlan(tagger: Tagger, file: string, options: WatchOptions = {}): PlanWatch {
  const logger = options.logger ?? tagger.logger;
  const debounceMs = options.debounceMs ?? 250;
  const status: ReloadStatus = {
    file,
    watchingSince: new Date(),
    last: undefined,
    lastSuccess: undefined,
  };
  statuses.set(tagger, status);
  tagger.metrics.planLastReloadSuccess.set(1);
  tagger.metrics.planLastReloadTime.set(status.watchingSince.getTime() / 1000);

  const reloader = createReloader(tagger, file, logger, (outcome) => {
    status.last = outcome;
    if (outcome.result === "success") status.lastSuccess = outcome.time;
    options.onReload?.(outcome);
  });
  const stopFiles =
    options.watchFiles === false
      ? () => {}
      : watchFolder(file, debounceMs, logger, () => reloader.run("file"));
  const signal = options.signal ?? "SIGHUP";
  const onSignal = () => void reloader.run("signal");
  if (signal) process.on(signal, onSignal);

  const stop = function stopWatchingPlan() {
    stopFiles();
    if (signal) process.off(signal, onSignal);
  } as PlanWatch;
  stop.reload = () => reloader.run("call");
  return stop;
}

interface Reloader {
  run(trigger: ReloadOutcome["trigger"]): Promise<ReloadOutcome>;
}

/** Runs one reload at a time; a trigger during a reload runs one more afterwards. */
function createReloader(
  tagger: Tagger,
  file: string,
  logger: Logger,
  report: (outcome: ReloadOutcome) => void,
): Reloader {
  let running: Promise<ReloadOutcome> | undefined;
  let queued: Promise<ReloadOutcome> | undefined;

  const runNow = async (trigger: ReloadOutcome["trigger"]): Promise<ReloadOutcome> => {
    const outcome = await reloadOnce(tagger, file, trigger);
    recordOutcome(tagger, logger, file, outcome);
    report(outcome);
    return outcome;
  };
  return {
    run(trigger) {
      if (!running) {
        running = runNow(trigger).finally(() => {
          running = undefined;
        });
        return running;
      }
      queued ??= running.then(() => {
        queued = undefined;
        return this.run(trigger);
      });
      return queued;
    },
  };
}

async function reloadOnce(
  tagger: Tagger,
  file: string,
  trigger: ReloadOutcome["trigger"],
): Promise<ReloadOutcome> {
  const time = new Date();
  const current = { name: tagger.plan.name, version: tagger.plan.version };
  try {
    const plan = parsePlan(await readPlanFile(file), file);
    if (plan.version === current.version)
      return { result: "unchanged", time, trigger, plan: current, issues: [] };

    tagger.setPlan(plan);
    return {
      result: "success",
      time,
      trigger,
      plan: { name: plan.name, version: plan.version },
      issues: [],
    };
  } catch (err) {
    if (!(err instanceof DnmaError)) throw err;
    const issues =
      err.issues.length > 0
        ? [...err.issues]
        : [{ file, line: undefined, field: "", message: err.message }];
    return { result: "failure", time, trigger, plan: current, issues };
  }
}

/** Reads the plan; a file missing for a moment (an editor renaming) is read again once. */
async function readPlanFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw asNotFound(file, err);
    await new Promise((resolve) => setTimeout(resolve, 100).unref());
    return readFile(file, "utf8").catch((again) => {
      throw asNotFound(file, again);
    });
  }
}

function asNotFound(file: string, err: unknown): DnmaError {
  return new DnmaError(
    "PLAN_NOT_FOUND",
    `cannot read tagging plan ${file}: ${(err as Error).message}`,
    { cause: err },
  );
}

function recordOutcome(tagger: Tagger, logger: Logger, file: string, outcome: ReloadOutcome): void {
  const { metrics } = tagger;
  metrics.planReloads.inc({ result: outcome.result });
  metrics.planLastReloadSuccess.set(outcome.result === "failure" ? 0 : 1);
  metrics.planLastReloadTime.set(outcome.time.getTime() / 1000);

  const fields = {
    file,
    trigger: outcome.trigger,
    plan: outcome.plan.name,
    version: outcome.plan.version,
  };
  if (outcome.result === "success") logger.info(fields, "tagging plan reloaded");
  else if (outcome.result === "unchanged") logger.debug(fields, "tagging plan unchanged");
  else
    logger.warn(
      { ...fields, issues: outcome.issues.map(formatIssue) },
      "tagging plan refused: the plan in force stays",
    );
}
