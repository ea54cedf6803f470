/**
 * Runs a page's inline scripts in a node:vm context against the recording stand-in
 * of SmartTag, with a time limit per script, and returns the calls the tag made.
 * Note: node:vm is not a security boundary. The context gets no object of ours (the
 * stand-in is evaluated inside it), code generation from strings is off and each run
 * has a timeout, which keeps a hostile or broken page from reaching us or hanging us;
 * still, audit pages from ENTs you operate, not arbitrary sites.
 * Usage: `const { calls, runs } = runScripts([{ code, line: 40 }], { fileName: "page.html" })`.
 */

import vm from "node:vm";
import { STAND_IN_SOURCE } from "./stand-in.js";

export interface RecordedCall {
  /** Which `new ATInternet.Tracker.Tag` the call was made on (1, 2...); 0 for errors of deferred code. */
  tracker: number;
  /** Index (in the list given) of the script that made the call or scheduled it. */
  script: number;
  method: string;
  args: unknown[];
}

export interface ScriptRun {
  script: number;
  error: string | undefined;
  isTimedOut: boolean;
}

export interface SandboxResult {
  calls: RecordedCall[];
  runs: ScriptRun[];
}

export interface SandboxOptions {
  fileName?: string;
  /** Time limit of each script, and of the deferred callbacks together (ms, default 500). */
  timeoutMs?: number;
}

const TIMEOUT_CODE = "ERR_SCRIPT_EXECUTION_TIMEOUT";

/** Runs the scripts in order in one fresh context; never throws for what the scripts do. */
export function runScripts(
  scripts: readonly { code: string; line: number | undefined }[],
  options: SandboxOptions = {},
): SandboxResult {
  const timeout = options.timeoutMs ?? 500;
  const context = vm.createContext(Object.create(null), {
    name: "dnma-tag audit",
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: "afterEvaluate",
  });
  new vm.Script(STAND_IN_SOURCE, { filename: "dnma-tag-stand-in.js" }).runInContext(context, {
    timeout,
  });

  const runs = scripts.map((script, index) => {
    vm.runInContext(`__dnmaAudit.setScript(${index})`, context, { timeout });
    return runOne(context, index, () => {
      const compiled = new vm.Script(script.code, {
        filename: options.fileName ?? "page.html",
        lineOffset: (script.line ?? 1) - 1,
      });
      compiled.runInContext(context, { timeout });
    });
  });
  const flush = runOne(context, -1, () =>
    vm.runInContext("__dnmaAudit.flush()", context, { timeout }),
  );
  if (flush.error) runs.push(flush);

  const calls = JSON.parse(
    String(vm.runInContext("__dnmaAudit.calls()", context, { timeout })),
  ) as RecordedCall[];
  return { calls, runs };
}

function runOne(context: vm.Context, index: number, run: () => void): ScriptRun {
  try {
    run();
    return { script: index, error: undefined, isTimedOut: false };
  } catch (err) {
    if ((err as { code?: string }).code === TIMEOUT_CODE)
      return { script: index, error: "timed out", isTimedOut: true };
    return { script: index, error: describeError(context, err), isTimedOut: false };
  }
}

/** The message of a thrown value, read inside the context (a getter there cannot hang us). */
function describeError(context: vm.Context, err: unknown): string {
  try {
    (context as Record<string, unknown>).__dnmaError = err;
    return String(vm.runInContext("__dnmaAudit.describe(__dnmaError)", context, { timeout: 100 }));
  } catch {
    return "unprintable error";
  }
}
