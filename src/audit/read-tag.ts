/**
 * What a tag told SmartTag, from the calls the stand-in recorded: the tracker that
 * dispatched (or the first one), its site, properties, visitor, page and dispatches.
 * Usage: `const tag = readTag(calls)` → undefined when no tracker was created.
 */

import type { RecordedCall } from "./sandbox.js";

export interface TagReading {
  tracker: number;
  /** Index of the script that created the tracker. */
  script: number;
  /** Index of the script that dispatched, when it differs (a deferred or later script). */
  dispatchScript: number | undefined;
  site: unknown;
  hasConfig: boolean;
  props: Record<string, unknown> | undefined;
  /** Whether every setProps call passed `true` as second argument. */
  isPersistent: boolean;
  visitor: Record<string, unknown> | undefined;
  page: Record<string, unknown> | undefined;
  dispatches: number;
  trackers: number;
}

/** Reads the calls of the tag's tracker; undefined when the page never creates one. */
export function readTag(calls: readonly RecordedCall[]): TagReading | undefined {
  const created = calls.filter((call) => call.method === "Tag");
  const dispatched = calls.find((call) => call.method === "dispatch");
  const tracker = dispatched?.tracker ?? created[0]?.tracker;
  const creation = created.find((call) => call.tracker === tracker);
  if (tracker === undefined || !creation) return undefined;

  const own = calls.filter((call) => call.tracker === tracker);
  const propsCalls = own.filter((call) => call.method === "setProps");
  const config = asRecord(creation.args[0]);
  return {
    tracker,
    script: creation.script,
    dispatchScript:
      dispatched && dispatched.script !== creation.script ? dispatched.script : undefined,
    site: config?.site,
    hasConfig: config !== undefined,
    props:
      propsCalls.length > 0
        ? Object.assign({}, ...propsCalls.map((call) => asRecord(call.args[0]) ?? {}))
        : undefined,
    isPersistent: propsCalls.every((call) => call.args[1] === true),
    visitor: lastArgument(own, "identifiedVisitor.set"),
    page: lastArgument(own, "page.set"),
    dispatches: own.filter((call) => call.method === "dispatch").length,
    trackers: created.length,
  };
}

function lastArgument(
  calls: readonly RecordedCall[],
  method: string,
): Record<string, unknown> | undefined {
  const matching = calls.filter((call) => call.method === method);
  const last = matching[matching.length - 1];
  return last ? (asRecord(last.args[0]) ?? {}) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
