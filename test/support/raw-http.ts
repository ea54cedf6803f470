/** Real HTTP on 127.0.0.1, bytes as sent: no client-side decompression. */

import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type RequestListener,
  createServer,
  type Server,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Starts `handler` on an ephemeral loopback port. */
export async function listen(handler: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** GETs `url` and collects the raw body. */
export function getRaw(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Runs `handler` on a server, makes one request, closes the server. */
export async function getOnce(
  handler: RequestListener,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const { server, url } = await listen(handler);
  try {
    return await getRaw(url + path, headers);
  } finally {
    server.close();
  }
}
