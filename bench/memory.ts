/**
 * Resident memory of a child process from Linux's /proc: the current RSS, and the peak
 * (VmHWM) since the last reset (`clear_refs` 5). Elsewhere every figure is undefined.
 * Usage: `resetPeak(pid); ...; const peak = readPeakBytes(pid)`.
 */

import { readFileSync, writeFileSync } from "node:fs";

function readStatusField(pid: number, field: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Starts a new peak measurement: the peak becomes the current RSS. Returns whether it could. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export function readRssBytes(pid: number): number | undefined {
  return readStatusField(pid, "VmRSS");
}

/** The peak RSS since the process started or since the last resetPeak(). */
export function readPeakBytes(pid: number): number | undefined {
  return readStatusField(pid, "VmHWM");
}
