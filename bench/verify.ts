/**
 * Checks what a variant really sends before it is measured, so that no figure comes
 * from a variant that silently skipped the page: the expected bytes are the generated
 * page with the snippets at the first `</head>` and `</body>`.
 * Usage: `await checkOutput(url, { bytes: 61440 })` → "exact", "rewritten"...
 */

import type { IncomingMessage } from "node:http";
import {
  BENCH_PATH,
  createBenchTagger,
  replaceInText,
  snippetsFor,
  type Snippets,
} from "./bench-user.js";
import { generatePage } from "./pages.js";
import type { OutputCheck } from "./results.js";

let snippets: Snippets | undefined;

/** The snippets dnma-tag gives the bench user on the bench path (the same for every variant). */
export function benchSnippets(): Snippets {
  if (snippets) return snippets;
  const request = {
    method: "GET",
    url: BENCH_PATH,
    headers: { host: "127.0.0.1" },
  } as unknown as IncomingMessage;
  snippets = snippetsFor(createBenchTagger(), request);
  if (!snippets) throw new Error("the demo plan does not tag the bench path for the bench user");
  return snippets;
}

/** Classifies a body against the page of `bytes` bytes it was made from. */
export function classifyOutput(body: string, bytes: number): OutputCheck {
  const original = generatePage(bytes).toString("utf8");
  const { loader, tag } = benchSnippets();
  if (body === original) return "untouched";
  if (body === replaceInText(original, { loader, tag })) return "exact";
  return body.includes(loader) && body.includes(tag) ? "rewritten" : "wrong";
}

/** Fetches one page through a variant and classifies it (fetch undoes any gzip). */
export async function checkOutput(
  url: string,
  bytes: number,
  headers: Record<string, string> = {},
): Promise<OutputCheck> {
  const response = await fetch(url, { headers });
  if (response.status !== 200) return "wrong";
  return classifyOutput(await response.text(), bytes);
}
