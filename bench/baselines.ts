/**
 * The approaches an operator would write instead of dnma-tag, as Express middlewares:
 * buffer the whole response, then insert by string replace, or with cheerio
 * (load, append, html()). Both compute the snippets with the same tagger as dnma-tag.
 * Usage: `app.use(bufferingMiddleware(injectByReplace(tagger)))`.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import * as cheerio from "cheerio";
import type { Tagger } from "../src/tagging/tagger.js";
import { replaceInText, snippetsFor } from "./bench-user.js";

type Next = (err?: unknown) => void;
type Callback = (err?: Error | null) => void;
/** Rewrites a whole buffered HTML body, or returns undefined to leave it as it is. */
export type Rewrite = (req: IncomingMessage, html: string) => string | undefined;

/** The usual `.replace("</body>", tag + "</body>")`, and the same for the loader. */
export function injectByReplace(tagger: Tagger): Rewrite {
  return function replaceTags(req, html) {
    const snippets = snippetsFor(tagger, req);
    return snippets && replaceInText(html, snippets);
  };
}

/** cheerio: parse the page, append to head and body, serialise it again. */
export function injectWithCheerio(tagger: Tagger): Rewrite {
  return function cheerioTags(req, html) {
    const snippets = snippetsFor(tagger, req);
    if (!snippets) return undefined;

    const $ = cheerio.load(html);
    $("head").append(snippets.loader);
    $("body").append(snippets.tag);
    return $.html();
  };
}

/** Holds every write of an HTML response until end(), then sends the rewritten body. */
export function bufferingMiddleware(rewrite: Rewrite) {
  return function bufferResponse(req: IncomingMessage, res: ServerResponse, next: Next): void {
    const originalEnd = res.end.bind(res) as (chunk: Buffer, callback?: Callback) => ServerResponse;
    const chunks: Buffer[] = [];

    res.write = function bufferWrite(chunk: unknown, encoding?: unknown, callback?: unknown) {
      chunks.push(toBuffer(chunk, encoding));
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") process.nextTick(done as Callback);
      return true;
    } as ServerResponse["write"];

    res.end = function bufferEnd(chunk?: unknown, encoding?: unknown, callback?: unknown) {
      if (chunk !== undefined && chunk !== null && typeof chunk !== "function")
        chunks.push(toBuffer(chunk, encoding));
      const done = [chunk, encoding, callback].find((value) => typeof value === "function") as
        | Callback
        | undefined;
      let body = Buffer.concat(chunks);
      const isHtml = /^text\/html/i.test(String(res.getHeader("content-type") ?? ""));
      const rewritten =
        isHtml && res.statusCode === 200 ? rewrite(req, body.toString("utf8")) : undefined;
      if (rewritten !== undefined) body = Buffer.from(rewritten);
      if (!res.headersSent) res.setHeader("content-length", body.length);
      return originalEnd(body, done);
    } as ServerResponse["end"];
    next();
  };
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(
    String(chunk),
    typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
  );
}
