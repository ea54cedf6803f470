/**
 * Conditional GETs of pages dnma-tag may tag. A tagged page carries no validator, so a
 * browser that revalidates one holds an untagged copy (cached while signed out, or
 * before dnma-tag was deployed): a 304 would show that copy, untagged, on every visit.
 * Usage: `dropPageValidators(req)` before the application sees the request.
 */

import type { IncomingMessage } from "node:http";

const VALIDATOR_HEADERS = ["if-none-match", "if-modified-since"] as const;

/**
 * Removes the request's cache validators so that the application answers in full.
 * Only for GET page loads of taggable paths: sub-resources and never-tag paths keep
 * their 304s. Returns the names removed.
 */
export function dropPageValidators(req: IncomingMessage): string[] {
  if (req.method !== "GET") return [];
  const removed = VALIDATOR_HEADERS.filter((name) => req.headers[name] !== undefined);
  for (const name of removed) delete req.headers[name];
  return removed;
}
