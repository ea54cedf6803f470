/**
 * A loopback HTTP client for tests that need more than supertest: the body received
 * before an abort, paused reading, and a server that is closed afterwards.
 */

import { type IncomingMessage, request as httpRequest, type RequestListener } from "node:http";
import { listen } from "./raw-http.js";

export interface Received {
  status: number;
  headers: IncomingMessage["headers"];
  body: Buffer;
  /** Whether the response ended normally (false when the server cut it). */
  isComplete: boolean;
}

/** GETs `url`; resolves with what arrived, complete or not. */
export function fetchBytes(url: string, headers: Record<string, string> = {}): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      let isComplete = false;
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        isComplete = res.complete;
      });
      res.on("close", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks),
          isComplete,
        }),
      );
      res.on("error", () => undefined);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Starts `handler` on 127.0.0.1, runs `body` with its base URL, then closes it. */
export async function withServer<T>(
  handler: RequestListener,
  body: (url: string) => Promise<T>,
): Promise<T> {
  const { server, url } = await listen(handler);
  try {
    return await body(url);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
