/**
 * The per-request checks made before the application runs: requests that can never
 * give a page to tag are left alone at once.
 * Usage: `checkRequest(plan, { method, path, headers })` → a SkipReason or undefined.
 */

import { isNeverTagged } from "../plan/resolve.js";
import type { CompiledPlan } from "../plan/types.js";
import type { SkipReason } from "./reasons.js";
import { headerText, type HeaderMap } from "./response-gate.js";

/** Fetch destinations that are page loads (Sec-Fetch-Dest, Fetch standard). */
const NAVIGATION_DESTINATIONS = new Set(["document", "iframe", "frame", "embed", "object"]);

export interface RequestFacts {
  method: string;
  path: string;
  headers: HeaderMap;
}

/** The reason a request cannot lead to a tagged page, or undefined. */
export function checkRequest(plan: CompiledPlan, request: RequestFacts): SkipReason | undefined {
  if (request.method === "HEAD") return "head-request";
  if (request.method !== "GET" && request.method !== "POST") return "method";
  if (isNeverTagged(plan, request.path)) return "never-tag";
  if (!isNavigation(request.headers)) return "not-navigation";
  return undefined;
}

/**
 * Returns whether a request loads a page: browsers say so in Sec-Fetch-Dest; older
 * script code marks its own requests with X-Requested-With.
 */
export function isNavigation(headers: HeaderMap): boolean {
  const destination = headerText(headers["sec-fetch-dest"])?.toLowerCase();
  if (destination !== undefined && !NAVIGATION_DESTINATIONS.has(destination)) return false;

  return headerText(headers["x-requested-with"])?.toLowerCase() !== "xmlhttprequest";
}
