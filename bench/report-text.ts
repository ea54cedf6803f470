/**
 * The prose parts of the report: how each figure is obtained, and what the profile of
 * the engine suggests (findings of a given commit, kept until the engine's owner acts).
 * Usage: `describeMethod(results)`, `describeProfileAdvice()`.
 */

import type { BenchResults } from "./results.js";

/** How the figures of this run were obtained, with its settings. */
export function describeMethod(results: BenchResults): string {
  const settings = Object.entries(results.settings)
    .map(([key, value]) => `${key}: ${value}`)
    .join("; ");
  return [
    `- Settings of this run: ${settings}.`,
    "- Processes: every server variant runs in a Node process of its own (`child_process.fork`, under tsx), listening on an ephemeral port of 127.0.0.1; autocannon runs in another process; the harness (which also reads the 50 MB page) in a third. Nothing is pinned to a core.",
    "- Interleaving: the servers of a scenario all stay up; each round measures every variant once, in an order rotated from round to round. A variant's ratio is the median, over rounds, of its req/s divided by the baseline's req/s of the same round; req/s, latencies and peak RSS are medians over rounds.",
    '- Middleware: one Express 5 app, a first middleware that signs in a pupil (`req.user`), and the route `/notes` sending a generated page as a string with `res.send` (Express adds ETag and Content-Length). Variants: nothing else (baseline); `dnmaTag()` with the demo plan; a middleware that buffers `res.write`/`res.end` and inserts with `.replace("</head>", loader + "</head>")` and `.replace("</body>", tag + "</body>")`; the same buffering with cheerio (`load`, `append` to head and body, `html()`). The two hand-rolled variants compute their snippets with the same tagger as dnma-tag (plan lookup, HMAC), so that the variants differ only in how the page is rewritten. No compression is mounted.',
    "- Proxy: a node:http upstream serves the same generated pages, gzip-compressed ahead of time when asked; autocannon sends `Accept-Encoding: gzip, deflate, br`, as a browser does. http-proxy-middleware 3 runs on a bare node:http server with a keep-alive agent to the upstream; its tagging variant uses `responseInterceptor` (which buffers, decompresses and sends the page uncompressed) with the same string replace.",
    "- Output column: before it is measured, each variant's answer is fetched once and compared with the generated page: `exact` is the page plus the two snippets and nothing else, `untouched` the page as it was, `rewritten` the snippets with other bytes changed too (cheerio re-serialises the document: entities, quotes, whitespace), `wrong` anything else.",
    "- Server CPU per request: user plus system time of the server (or proxy) process from `/proc/PID/stat` over the measurement, divided by the requests completed. It is not disturbed by the other work on the shared machine as much as req/s is; its ratio (the baseline's CPU per request over the variant's, median of rounds) is a cross-check of the req/s ratio, which is what the targets are judged on.",
    "- Peak RSS: `VmHWM` of the server (or proxy) process from /proc, reset through `/proc/PID/clear_refs` before each measurement.",
    "- Engine: in a child process, one generated page cut into chunks; each way of reading it runs for a fixed amount of CPU time per round (`process.cpuUsage`, so that time spent descheduled on the shared machine does not count) after a warm-up, rounds in rotating order. The injector is a new `HtmlInjector` per page, `write()` per chunk, then `end()`; the page must come out tagged. The tokenizers get the chunks already decoded to strings (decoding is not timed, which favours them) and callbacks that do nothing. `Buffer.indexOf` looks for `</body>` once per chunk and would miss one split between chunks: a lower bound for any scan of the bytes. MB/s is 10^6 bytes per CPU second.",
    "- 50 MB page: the origin writes 64 KiB chunks and waits for `drain` whenever `write()` returns false; it is *done* when it hands over its last chunk. The harness reads the page through each variant: *first byte* is the first body byte, all times from the request's start. The peak RSS growth is `VmHWM` during the request minus `VmRSS` just before it, after a warm-up request and two forced GCs. Through the proxies the upstream is plain (not compressed). 32 MB is read as 32 MiB.",
  ].join("\n");
}

/** Findings of profiling the injector, with the commit they were made on. */
export function describeProfileAdvice(): string {
  return [
    "Findings and suggestions for the engine's owner (profiled on commit f880526; src/ was not changed by the benchmark work). The gains were measured by patching a scratch copy of the compiled engine, not the source, on the same 1 MiB page:",
    "",
    "1. `TreeModel.top()` reads `this.stack[this.stack.length - 1]`, which is `stack[-1]` whenever the stack is empty, i.e. on most of a page outside tables and templates. A negative index is not an element access for V8 but a named-property lookup that walks the prototype chain; it showed as about 10% of the self time. Returning `undefined` for an empty stack (or keeping the top entry in a field) is a one-line change.",
    '2. `latin1()` in the scanner builds a new Buffer view (`Buffer.from(chunk.buffer, …)`) for every tag name and kept attribute value, then decodes it, and `latin1Lower()` runs a regular expression on each name. Decoding straight from the chunk (`chunk.latin1Slice(start, end)`, or `toString("latin1", start, end)`) and lower-casing in the byte loop removes the allocation and most of the garbage-collector time.',
    "3. Tag names are allocated again for every tag. Most are at most 6 bytes: their lower-cased bytes packed into a number can key a table of shared strings, so that no string is built per tag and the Set/Map lookups of the tree model (`TABLE_PARTS`, `MARKER_ELEMENTS`, `CONTENT_MODELS`, `FORMATTING_INDEX`) hash a string whose hash is already known.",
    "4. Attribute bytes are handled one per call: `write()` → `step()` → `attributeByte()`, with the `sink.done` getter read each time. Looping inside a state until it changes (as `tagName()` and `quotedValue()` already do), and skipping the names of attributes nobody asked for with a search for the next `=`, `/`, `>` or whitespace, would cut that dispatch; `emitTag()` also allocates a token object per tag.",
    "5. Even with 1–3 (about 2.5× the current speed in the scratch experiment) the engine stays below the htmlparser2 Tokenizer. Reaching 3× that tokenizer needs reading less: after `<head>` the tree model cares about a few dozen tag names; for any other tag only its end (`>` outside quotes) matters, which `indexOf` can find without building names or visiting attributes.",
  ].join("\n");
}
