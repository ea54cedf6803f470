/**
 * The short page sent when the upstream cannot be reached or fails before anything
 * was sent to the client: 502 (or 504 when it did not answer in time).
 * Usage: `sendGatewayError(res, 502)`.
 */

import type { ServerResponse } from "node:http";

const PAGES = {
  502: {
    title: "502 Bad Gateway",
    text: "The ENT behind this proxy did not answer properly. Please try again in a moment.",
  },
  504: {
    title: "504 Gateway Timeout",
    text: "The ENT behind this proxy did not answer in time. Please try again in a moment.",
  },
} as const;

/** Sends the error page, unless something was already sent (then the connection is dropped). */
export function sendGatewayError(res: ServerResponse, status: 502 | 504): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const { title, text } = PAGES[status];
  const body = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}
