/**
 * Where `dnma-tag diff` takes its URLs from: a list file, access logs (page views
 * only, as coverage counts them), and the examples of both plans.
 * Usage: `[...exampleRequests(oldPlan, "old-examples"), ...(await readUrlList("urls.txt"))]`.
 */

import { readFile } from "node:fs/promises";
import { checkLogEntry } from "../coverage/filter.js";
import { parseLogLine } from "../coverage/log-entry.js";
import { normalizePath } from "../coverage/normalize-path.js";
import { readLogLineBatches } from "../coverage/read-lines.js";
import { DnmaError, type FileIssue } from "../errors.js";
import type { DiffRequest, UrlSource } from "./diff.js";
import type { CompiledPlan } from "./types.js";

const ABSOLUTE_URL = /^https?:\/\//i;
const URL_LINE = /^(?:([A-Za-z]+)\s+)?(\S+)$/;

/** The examples of a plan as requests. */
export function exampleRequests(plan: CompiledPlan, source: UrlSource): DiffRequest[] {
  return plan.examples.map((example) => ({
    method: example.method,
    url: example.url,
    label: example.url,
    source,
  }));
}

/**
 * Reads a URL list: one `URL` or `METHOD URL` per line; blank lines and `#` comments
 * are skipped. Throws a DnmaError (CONFIG_INVALID) naming file:line of bad lines.
 */
export async function readUrlList(file: string, host?: string): Promise<DiffRequest[]> {
  const text = await readInput(file);
  const requests: DiffRequest[] = [];
  const issues: FileIssue[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;

    const match = URL_LINE.exec(line);
    if (!match || !/^(\/|https?:\/\/)/i.test(match[2] as string)) {
      issues.push({
        file,
        line: index + 1,
        field: "",
        message: `"${line}" is not "URL" or "METHOD URL" (a URL starts with / or http(s)://)`,
      });
      continue;
    }
    const url = match[2] as string;
    requests.push({
      method: (match[1] ?? "GET").toUpperCase(),
      url,
      host: ABSOLUTE_URL.test(url) ? undefined : host,
      label: url,
      source: "urls",
    });
  }
  if (issues.length > 0)
    throw new DnmaError("CONFIG_INVALID", `${issues.length} bad line(s) in URL list ${file}`, {
      issues,
    });
  return requests;
}

/**
 * The distinct page views of access logs as requests, labelled by their normalised
 * path (ids replaced, no query string) so that reports group them and show no ids.
 * `keepQuery`: keep query strings apart (needed when a plan has query conditions).
 */
export async function collectLogRequests(
  files: string[],
  options: { host?: string | undefined; keepQuery: boolean },
): Promise<DiffRequest[]> {
  const unique = new Map<string, DiffRequest>();
  for (const file of files) {
    for await (const batch of readLogLineBatches(file)) {
      for (const line of batch) addLogLine(unique, line, options);
    }
  }
  return [...unique.values()];
}

function addLogLine(
  unique: Map<string, DiffRequest>,
  line: string,
  options: { host?: string | undefined; keepQuery: boolean },
): void {
  const entry = parseLogLine(line);
  if (!entry || checkLogEntry(entry)) return;

  const url = options.keepQuery ? entry.target : entry.target.replace(/[?#].*$/, "");
  const host = entry.host ?? (ABSOLUTE_URL.test(entry.target) ? undefined : options.host);
  const key = `${entry.method} ${host ?? ""} ${url}`;
  if (unique.has(key)) return;

  const path = new URL(url, "http://log.invalid").pathname;
  unique.set(key, { method: entry.method, url, host, label: normalizePath(path), source: "log" });
}

async function readInput(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    throw new DnmaError(
      "OPTION_INVALID",
      `cannot read URL list ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
