import { describe, expect, it } from "vitest";
import { readTag } from "../../../src/audit/read-tag.js";
import { runScripts } from "../../../src/audit/sandbox.js";

const TAG =
  'var t = new ATInternet.Tracker.Tag({site: "100002"}); t.setProps({SERVICE: "NOTES"}, true); t.page.set({name: "n", level2: "0021593W"}); t.dispatch();';

describe("runScripts", () => {
  it("records the tag's calls in order, with the script that made them", () => {
    const { calls, runs } = runScripts([
      { code: "var x = 1;", line: 1 },
      { code: TAG, line: 5 },
    ]);
    expect(calls.map((call) => [call.script, call.tracker, call.method])).toEqual([
      [1, 1, "Tag"],
      [1, 1, "setProps"],
      [1, 1, "page.set"],
      [1, 1, "dispatch"],
    ]);
    expect(calls[1]?.args).toEqual([{ SERVICE: "NOTES" }, true]);
    expect(runs.every((run) => run.error === undefined)).toBe(true);
  });

  it("keeps page code away from Node: no process, no require, no code from strings", () => {
    const { runs } = runScripts([
      { code: "this.constructor.constructor('return process')().exit(7)", line: 1 },
      { code: "require('fs')", line: 2 },
      { code: "process.exit(7)", line: 3 },
      { code: "eval('1')", line: 4 },
    ]);
    expect(runs.map((run) => run.error)).toEqual([
      "Code generation from strings disallowed for this context",
      "require is not defined",
      "process is not defined",
      "Code generation from strings disallowed for this context",
    ]);
  });

  it("stops endless scripts, promise jobs and hostile errors, and goes on with the next script", () => {
    const { runs, calls } = runScripts(
      [
        { code: "while (true) {}", line: 1 },
        { code: "Promise.resolve().then(function () { for (;;) {} })", line: 2 },
        { code: "throw { get message() { for (;;) {} } }", line: 3 },
        { code: TAG, line: 4 },
      ],
      { timeoutMs: 100 },
    );
    expect(runs.map((run) => [run.error, run.isTimedOut])).toEqual([
      ["timed out", true],
      ["timed out", true],
      ["unprintable error", false],
      [undefined, false],
    ]);
    expect(calls.filter((call) => call.method === "dispatch")).toHaveLength(1);
  });

  it("runs load listeners and timers once the scripts have run, on behalf of the script that set them", () => {
    const deferred =
      'window.addEventListener("load", function () { var t = new ATInternet.Tracker.Tag({site: "1"}); setTimeout(function () { t.dispatch(); }, 10); });';
    const { calls } = runScripts([
      { code: "var a;", line: 1 },
      { code: deferred, line: 2 },
    ]);
    expect(calls.map((call) => [call.script, call.method])).toEqual([
      [1, "Tag"],
      [1, "dispatch"],
    ]);
  });
});

describe("readTag", () => {
  it("follows the tracker that dispatched, merging its setProps calls", () => {
    const code =
      'var a = new ATInternet.Tracker.Tag({site: "111111"}); var b = new ATInternet.Tracker.Tag({site: "222222"}); b.setProps({SERVICE: "NOTES"}, true); b.setProps({UAI: "0021593W"}, false); b.dispatch(); b.dispatch();';
    expect(readTag(runScripts([{ code, line: 1 }]).calls)).toEqual({
      tracker: 2,
      script: 0,
      dispatchScript: undefined,
      site: "222222",
      hasConfig: true,
      props: { SERVICE: "NOTES", UAI: "0021593W" },
      isPersistent: false,
      visitor: undefined,
      page: undefined,
      dispatches: 2,
      trackers: 2,
    });
  });

  it("finds no tag when no tracker is created", () => {
    expect(readTag(runScripts([{ code: "var ATTag;", line: 1 }]).calls)).toBeUndefined();
  });
});
