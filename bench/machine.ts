/**
 * What the report says about where it ran: CPU, cores, memory, load, Node, OS, the
 * commit, and the versions of the packages compared.
 * Usage: `describeMachine()`, `describePackages()`.
 */

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "./bench-user.js";

const COMPARED_PACKAGES = [
  "express",
  "autocannon",
  "http-proxy-middleware",
  "cheerio",
  "htmlparser2",
  "parse5",
  "tsx",
];

function readOsName(): string {
  try {
    const release = readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function readCommit(): string {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    }).trim();
    const isDirty =
      execFileSync("git", ["status", "--porcelain", "--", "src"], {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
      }).trim() !== "";
    return isDirty ? `${commit} (src/ modified)` : commit;
  } catch {
    return "unknown";
  }
}

/** The load average, formatted: the machine is shared, so it says how quiet it was. */
export function describeLoad(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(" / ");
}

export function describeMachine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: cpus[0]?.model ?? "unknown",
    cores: `${cpus.length} (available parallelism ${os.availableParallelism()})`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    "load average at start (1/5/15 min)": describeLoad(),
    Node: process.version,
    OS: `${readOsName()}, ${os.type()} ${os.release()} ${os.arch()}`,
    "dnma-tag commit": readCommit(),
  };
}

function readVersion(name: string): string {
  try {
    const manifest = JSON.parse(
      readFileSync(join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8"),
    ) as { version?: string };
    return manifest.version ?? "unknown";
  } catch {
    return "not installed";
  }
}

export function describePackages(): Record<string, string> {
  const own = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    "dnma-tag": own.version,
    ...Object.fromEntries(COMPARED_PACKAGES.map((name) => [name, readVersion(name)])),
  };
}
