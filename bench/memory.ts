/**
 * What Linux's /proc tells about a child process: the current RSS, the peak RSS (VmHWM)
 * since the last reset (`clear_refs` 5), and the CPU time it has used. Elsewhere every
 * figure is undefined.
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

/** Clock ticks per second of /proc/PID/stat (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** User plus system CPU time of all the process's threads, in seconds. */
export function readCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Note: the command name (field 2) may hold spaces; fields are counted after its ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return undefined;
  }
}
