/**
 * The admin page's URL tester: the form's query parameters in, the same explanation
 * as `dnma-tag match` out (or why the input is not a URL).
 * Usage: `testUrl(tagger.plan, new URLSearchParams("url=/notes&method=GET"))`.
 */

import { explainMatch } from "../plan/explain.js";
import { toPageRequest } from "../plan/resolve.js";
import type { CompiledPlan } from "../plan/types.js";
import type { AdminPageData } from "./page.js";

const TESTABLE_URL = /^(\/|https?:\/\/)/i;

/** The tester's input and result; no URL given means an empty form. */
export function testUrl(plan: CompiledPlan, query: URLSearchParams): AdminPageData["test"] {
  const url = query.get("url")?.trim() ?? "";
  const method = (query.get("method") ?? "GET").toUpperCase();
  const host = query.get("host")?.trim() ?? "";
  const input = { url, method, host, explanation: undefined, error: undefined };
  if (url === "") return input;
  if (!TESTABLE_URL.test(url)) return { ...input, error: "a URL starts with / or http(s)://" };

  try {
    return {
      ...input,
      explanation: explainMatch(plan, toPageRequest(url, method, host || undefined)),
    };
  } catch {
    return { ...input, error: "not a valid URL" };
  }
}
