/**
 * The signed-in user, plan and tagger every variant of the benchmark shares, so that
 * the variants differ only in how they put the snippets into the page.
 * Usage: `const snippets = snippetsFor(tagger, req)` → `{ loader, tag }` or undefined.
 */

import type { IncomingMessage } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger } from "../src/log/logger.js";
import { createTagger, type Tagger } from "../src/tagging/tagger.js";

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const BENCH_PLAN = join(PROJECT_ROOT, "marking-plans", "demo-ent.yaml");
export const BENCH_SECRET = "benchmark-secret-not-for-production";
/** A pupil of 0021593W; the demo plan tags `/notes` as NOTES for them. */
export const BENCH_USER = { id: "camille.martin", aafProfile: "National_ELV", uai: "0021593W" };
export const BENCH_PATH = "/notes";

export interface Snippets {
  loader: string;
  tag: string;
}

/** The tagger of the demo plan, logging warnings only (per-request logs are at debug). */
export function createBenchTagger(): Tagger {
  return createTagger({
    plan: BENCH_PLAN,
    secret: BENCH_SECRET,
    logger: createLogger({ level: "warn" }),
  });
}

/** What dnma-tag would insert for the bench user on this request (the same decision work). */
export function snippetsFor(tagger: Tagger, req: IncomingMessage): Snippets | undefined {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const request = {
    method: req.method ?? "GET",
    url,
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    host: String(req.headers.host ?? ""),
    headers: req.headers,
  };
  const prepared = tagger.prepare(request, BENCH_USER);
  return prepared.kind === "tag" ? { loader: prepared.loader, tag: prepared.tag } : undefined;
}

/** The hand-rolled injection: the first `</head>` and the first `</body>`, as text. */
export function replaceInText(html: string, snippets: Snippets): string {
  return html
    .replace("</head>", `${snippets.loader}</head>`)
    .replace("</body>", `${snippets.tag}</body>`);
}
