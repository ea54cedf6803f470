/**
 * The same-origin endpoint the page reports unknown GAR presentation codes to
 * (`POST /__dnma-tag/report?rule=gar&gar=XYZ`, sent with sendBeacon, no body and no
 * user data): counted in `dnma_tag_gar_unknown_codes_total{rule,code}` and logged once
 * in a while, so that operators see codes the plan does not map.
 * Usage: `if (handleClickReport(tagger, req, res)) return;` first thing in a handler.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { GAR_SERVICES } from "../reference/lists.js";
import type { Tagger } from "../tagging/tagger.js";

/** Most distinct codes given their own label; later ones are counted as "other". */
export const MAX_REPORTED_CODES = 50;

const CODE = /^[A-Z0-9_-]{1,16}$/;

/** Answers (204) and counts the request when it is a report for the plan in force. */
export function handleClickReport(
  tagger: Tagger,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  const reportPath = tagger.plan.clicks.reportPath;
  if (!reportPath || req.method !== "POST") return false;

  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const queryStart = url.indexOf("?");
  if ((queryStart === -1 ? url : url.slice(0, queryStart)) !== reportPath) return false;

  // Note: browsers say where a request comes from (Fetch Metadata); only the page's own
  // reports count, so that requests forged elsewhere cannot fill the counter.
  if (req.headers["sec-fetch-site"] === "same-origin") {
    recordReport(tagger, new URLSearchParams(queryStart === -1 ? "" : url.slice(queryStart + 1)));
  }
  res.statusCode = 204;
  res.setHeader("Cache-Control", "no-store");
  res.end();
  return true;
}

const seenCodes = new WeakMap<Tagger, Set<string>>();

function recordReport(tagger: Tagger, query: URLSearchParams): void {
  const rule = query.get("rule") ?? "";
  const isGarRule = tagger.plan.clicks.rules.some(
    (candidate) => candidate.gar && candidate.id === rule,
  );
  if (!isGarRule) return;

  const raw = (query.get("gar") ?? "").trim().toUpperCase();
  // Known codes are never reported by the page: such a report is not a real one.
  if (raw in GAR_SERVICES) return;
  const code = toCodeLabel(tagger, raw);
  tagger.metrics.garUnknownCodes.inc({ rule, code });
  tagger.warnOnce(
    `gar-unknown:${rule}:${code}`,
    { rule, code },
    "a page met a GAR presentation code the plan does not map",
  );
}

function toCodeLabel(tagger: Tagger, code: string): string {
  if (code === "") return "none";
  if (!CODE.test(code)) return "invalid";

  const seen = seenCodes.get(tagger) ?? new Set<string>();
  seenCodes.set(tagger, seen);
  if (!seen.has(code) && seen.size >= MAX_REPORTED_CODES) return "other";
  seen.add(code);
  return code;
}
