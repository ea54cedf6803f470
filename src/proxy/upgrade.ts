/**
 * Upgraded connections (WebSocket, RFC 6455 §4): the handshake is forwarded with
 * Connection and Upgrade kept, and once the upstream switches protocols the two
 * sockets are spliced together, bytes untouched both ways. An upstream that refuses
 * the upgrade has its answer relayed; one that cannot be reached gets a 502.
 * Usage: `server.on("upgrade", (req, socket, head) => handleUpgrade(req, socket, head, context))`.
 */

import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { removeHopByHop } from "./forwarding.js";
import type { ProxyContext } from "./handle-request.js";
import { fromRawHeaders, type HeaderList, setHeader } from "./header-list.js";
import { describePeer } from "./request-facts.js";
import { buildForwardHeaders, openUpstream } from "./upstream-request.js";

export function handleUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  context: ProxyContext,
  tunnels: Set<Duplex>,
): void {
  const facts = describePeer(req, context.trusted);
  const forward = buildForwardHeaders(req, facts, context.config, ["upgrade"]);
  setHeader(forward, "Connection", "Upgrade");
  const lookup = context.identity.begin({
    request: fromRawHeaders(req.rawHeaders),
    forward,
    isTrustedPeer: facts.isTrustedPeer,
    isTaggable: false,
  });

  socket.on("error", () => socket.destroy());
  const upstreamRequest = openUpstream(context.target, req, forward, false);
  upstreamRequest.once("upgrade", (response, upstreamSocket, upstreamHead) => {
    const headers = fromRawHeaders(response.rawHeaders);
    lookup.filterResponse(headers);
    socket.write(formatHead(response, headers));
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    splice(socket, upstreamSocket, context, tunnels);
  });
  upstreamRequest.once("response", (response) => {
    const headers = fromRawHeaders(response.rawHeaders);
    lookup.filterResponse(headers);
    removeHopByHop(headers);
    headers.push(["Connection", "close"]);
    socket.write(formatHead(response, headers));
    response.pipe(socket);
  });
  upstreamRequest.on("error", (err) => {
    context.metrics.upstreamErrors.inc({ kind: "connect" });
    context.warnOnce(
      "upstream:upgrade",
      { code: (err as { code?: string }).code, message: err.message },
      "upstream upgrade request failed",
    );
    if (socket.writable)
      socket.end("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });
  upstreamRequest.end();
}

/** Joins the two sockets; when either side closes or fails, both are closed. */
function splice(
  client: Duplex,
  upstream: Duplex,
  context: ProxyContext,
  tunnels: Set<Duplex>,
): void {
  tunnels.add(client);
  context.metrics.tunnels.inc();
  let isClosed = false;
  const close = () => {
    if (isClosed) return;
    isClosed = true;
    tunnels.delete(client);
    context.metrics.tunnels.dec();
    client.destroy();
    upstream.destroy();
  };
  for (const side of [client, upstream]) {
    side.on("error", close);
    side.on("close", close);
  }
  client.pipe(upstream);
  upstream.pipe(client);
}

/** The status line and header block of a response, as it goes on the wire. */
function formatHead(response: IncomingMessage, headers: HeaderList): string {
  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${response.statusCode} ${response.statusMessage ?? ""}\r\n${lines.join("\r\n")}${lines.length > 0 ? "\r\n" : ""}\r\n`;
}
