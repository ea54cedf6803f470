/**
 * The origin side of every benchmark: the ENT's page handler. It answers
 * `/notes?bytes=N` with a generated page of N bytes held in memory (as a template
 * engine would hand it over), and `/notes?stream=N` with a page of N bytes written
 * chunk by chunk, honouring backpressure, then says when it finished writing.
 * Usage: `const origin = createOrigin({ gzip: true }); origin.handle(req, res)`.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { generatePage, generatePageChunks, PAGE_SIZES } from "./pages.js";

export const HTML_TYPE = "text/html; charset=utf-8";

export interface OriginOptions {
  /** Whole pages are sent as strings through Express's res.send (true) or as bytes. */
  isExpress?: boolean;
  /** Whole pages are sent gzip-compressed when the URL asks (`&gzip=1`). */
  canGzip?: boolean;
  /** Called with the wall-clock time (ms) at which a streamed page was fully written. */
  onStreamFinished?: (at: number) => void;
}

/** Milliseconds since the epoch, sub-millisecond, comparable between processes. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export function createOrigin(options: OriginOptions = {}) {
  const pages = new Map<number, { text: string; bytes: Buffer; gzipped: Buffer | undefined }>();
  for (const bytes of Object.values(PAGE_SIZES)) {
    const page = generatePage(bytes);
    pages.set(bytes, {
      text: page.toString("utf8"),
      bytes: page,
      gzipped: options.canGzip ? gzipSync(page) : undefined,
    });
  }

  function sendWhole(res: ServerResponse, bytes: number, isGzip: boolean): void {
    const page = pages.get(bytes);
    if (!page) {
      sendStatus(res, 404);
      return;
    }

    if (options.isExpress) {
      (res as ServerResponse & { type(type: string): { send(body: string): void } })
        .type("html")
        .send(page.text);
      return;
    }
    const body = isGzip && page.gzipped ? page.gzipped : page.bytes;
    const headers: Record<string, string | number> = {
      "content-type": HTML_TYPE,
      "content-length": body.length,
      "cache-control": "private, no-cache",
    };
    if (body === page.gzipped)
      Object.assign(headers, { "content-encoding": "gzip", vary: "Accept-Encoding" });
    res.writeHead(200, headers);
    res.end(body);
  }

  async function sendStream(res: ServerResponse, bytes: number): Promise<void> {
    let isClosed = false;
    res.on("close", () => {
      isClosed = true;
    });
    res.statusCode = 200;
    res.setHeader("content-type", HTML_TYPE);
    for (const chunk of generatePageChunks(bytes)) {
      if (isClosed) return;
      if (!res.write(chunk)) await waitForDrain(res);
    }
    // Note: the origin is done once it has handed over its last byte, whatever end() then does.
    options.onStreamFinished?.(wallClock());
    res.end();
  }

  return {
    /** Answers one request for a page. */
    handle(req: IncomingMessage, res: ServerResponse): void {
      const query = new URLSearchParams((req.url ?? "").split("?")[1] ?? "");
      const streamBytes = Number(query.get("stream"));
      if (streamBytes > 0) {
        sendStream(res, streamBytes).catch(() => res.destroy());
        return;
      }
      sendWhole(res, Number(query.get("bytes")), query.get("gzip") === "1");
    },
  };
}

/** Resolves on "drain" or "close", whichever comes first, and leaves no listener behind. */
function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    function settle(): void {
      res.off("drain", settle);
      res.off("close", settle);
      resolve();
    }
    res.on("drain", settle);
    res.on("close", settle);
  });
}

function sendStatus(res: ServerResponse, status: number): void {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(String(status));
}
