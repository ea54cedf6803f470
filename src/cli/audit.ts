/**
 * `dnma-tag audit FILE|URL`: is the DNMA tag on this page, placed right and
 * conformant? Exit 0 conformant, 1 not conformant, 2 the page cannot be read.
 */

import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { auditPage } from "../audit/audit.js";
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_MAX_PAGE_BYTES,
  fetchPage,
} from "../audit/fetch-page.js";
import { decodePage } from "../audit/read-page.js";
import { DnmaError } from "../errors.js";
import { loadPlan } from "../plan/load.js";
import { formatAudit } from "../report/audit.js";
import { EXIT } from "./exit.js";
import { collect, writeJson, writeText } from "./output.js";

interface AuditCliOptions {
  cookie: string[];
  header: string[];
  user?: string;
  plan?: string;
  url?: string;
  timeout: string;
  maxBytes: string;
  json?: boolean;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function registerAudit(program: Command): void {
  program
    .command("audit")
    .description(
      "check that a page (a file, or a live http(s) URL) carries a conformant DNMA tag, placed right",
    )
    .argument("<page>", "an HTML file, or an http:// or https:// URL")
    .option("--cookie <cookie>", "cookie to send, `name=value` (repeatable)", collect, [])
    .option("--header <header>", "header to send, `Name: value` (repeatable)", collect, [])
    .option("--user <login>", "raw login of the signed-in user: the visitor id must not be it")
    .option("--plan <file>", "also check the values against this tagging plan")
    .option("--url <url>", "URL of a page read from a file, for --plan (default: the page's URL)")
    .option(
      "--timeout <ms>",
      "deadline of the fetch, and time limit of each script",
      String(DEFAULT_FETCH_TIMEOUT_MS),
    )
    .option("--max-bytes <n>", "largest page fetched", String(DEFAULT_MAX_PAGE_BYTES))
    .option("--json", "print the report as JSON")
    .addHelpText(
      "after",
      "\nExit codes: 0 conformant, 1 not conformant, 2 the page or the plan cannot be read.",
    )
    .action(runAudit);
}

async function runAudit(page: string, options: AuditCliOptions): Promise<void> {
  const plan = options.plan ? await loadPlan(options.plan) : undefined;
  const timeoutMs = parsePositive("--timeout", options.timeout);
  const html = URL_LIKE.test(page)
    ? await fetchHtml(page, options, timeoutMs)
    : await readHtml(page);
  const url = options.url ?? (URL_LIKE.test(page) ? page : undefined);
  if (plan && !url)
    throw new DnmaError("OPTION_INVALID", "--plan needs --url: the URL the page was served at");

  const report = auditPage(html, {
    source: page,
    user: options.user,
    plan,
    url,
    timeoutMs: Math.min(timeoutMs, 2000),
  });
  if (options.json) writeJson(report);
  else writeText(formatAudit(report));
  process.exitCode = report.isConformant ? EXIT.ok : EXIT.checkFailed;
}

async function fetchHtml(
  url: string,
  options: AuditCliOptions,
  timeoutMs: number,
): Promise<string> {
  const maxBytes = parsePositive("--max-bytes", options.maxBytes);
  const page = await fetchPage(url, {
    cookies: options.cookie,
    headers: options.header,
    timeoutMs,
    maxBytes,
  });
  if (page.status < 200 || page.status > 299) {
    throw new DnmaError(
      "OPTION_INVALID",
      `cannot audit ${page.url}: HTTP ${page.status} (signed in? see --cookie and --header)`,
    );
  }
  return decodePage(page.body, page.contentType);
}

async function readHtml(file: string): Promise<string> {
  try {
    return decodePage(await readFile(file));
  } catch (err) {
    throw new DnmaError("OPTION_INVALID", `cannot read page ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function parsePositive(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new DnmaError("OPTION_INVALID", `${name} "${value}" is not a positive whole number`);
  return number;
}
