/**
 * What the proxy knows of a client request before forwarding it: who the peer is and
 * whether it is trusted, and the request as the tagger reads it (with the public host).
 * Usage: `const facts = describePeer(req, trusted); describeRequest(req, facts)`.
 */

import type { IncomingMessage } from "node:http";
import type { TagRequest } from "../tagging/tagger.js";
import type { ForwardFacts } from "./forwarding.js";
import { type TrustedPeers, unmapIpv4 } from "./trusted-peers.js";

/** Peer address, trust, and the scheme the client used (from a trusted X-Forwarded-Proto). */
export function describePeer(req: IncomingMessage, trusted: TrustedPeers): ForwardFacts {
  const peerAddress = unmapIpv4(req.socket.remoteAddress ?? "");
  const isTrustedPeer = trusted.has(peerAddress);
  const forwardedProto = isTrustedPeer
    ? String(req.headers["x-forwarded-proto"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  return { peerAddress, isTrustedPeer, protocol: forwardedProto === "https" ? "https" : "http" };
}

/** The request as the tagger reads it; the host is the public one (a trusted X-Forwarded-Host first). */
export function describeRequest(req: IncomingMessage, facts: ForwardFacts): TagRequest {
  const url = req.url ?? "/";
  const queryStart = url.indexOf("?");
  const forwardedHost = facts.isTrustedPeer
    ? String(req.headers["x-forwarded-host"] ?? "")
        .split(",")[0]
        ?.trim()
    : "";
  return {
    method: req.method ?? "GET",
    url,
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    host: forwardedHost || String(req.headers.host ?? ""),
    headers: req.headers,
  };
}
