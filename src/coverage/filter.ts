/**
 * Which logged requests count as page views for coverage: GET or POST, a 2xx status
 * with a body (not 204, 205, 206), and HTML: the logged Content-Type when there is
 * one, else a path without extension or with a page extension (.html, .php...).
 * Usage: `const reason = checkLogEntry(entry)` → undefined when the request counts.
 */

import type { LogEntry } from "./log-entry.js";

export type IgnoreReason = "unparsable" | "method" | "status" | "not-html";

export const IGNORE_REASONS: readonly IgnoreReason[] = [
  "unparsable",
  "method",
  "status",
  "not-html",
];

const PAGE_EXTENSIONS = new Set([
  "html",
  "htm",
  "xhtml",
  "php",
  "jsp",
  "jspx",
  "asp",
  "aspx",
  "do",
  "action",
  "cgi",
  "pl",
  "cfm",
  "shtml",
]);
const HTML_TYPE = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;
const BODILESS = new Set([204, 205, 206]);

/** The reason a logged request does not count as a page view, or undefined. */
export function checkLogEntry(entry: LogEntry): IgnoreReason | undefined {
  if (entry.method !== "GET" && entry.method !== "POST") return "method";
  if (entry.status < 200 || entry.status > 299 || BODILESS.has(entry.status)) return "status";
  if (entry.contentType !== undefined)
    return HTML_TYPE.test(entry.contentType) ? undefined : "not-html";
  return looksLikePage(entry.target) ? undefined : "not-html";
}

/** Returns whether a request target's last segment has no extension or a page one. */
export function looksLikePage(target: string): boolean {
  const end = target.search(/[?#]/);
  const path = end < 0 ? target : target.slice(0, end);
  const segment = path.slice(path.lastIndexOf("/") + 1);
  const dot = segment.lastIndexOf(".");
  if (dot <= 0) return true;
  return PAGE_EXTENSIONS.has(segment.slice(dot + 1).toLowerCase());
}
