/**
 * Header hygiene between client and upstream: hop-by-hop fields removed (RFC 9110
 * §7.6.1), X-Forwarded-For/-Proto/-Host and Forwarded (RFC 7239) set, appended to only
 * when the peer is trusted, Host kept or rewritten.
 * Usage: `removeHopByHop(list); addForwardedHeaders(list, facts)`.
 */

import { isIP } from "node:net";
import {
  getHeader,
  getHeaderValues,
  type HeaderList,
  removeHeader,
  setHeader,
} from "./header-list.js";

/** Fields that concern one connection only, never forwarded. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "proxy-connection",
];

export interface ForwardFacts {
  /** Address of the TCP peer. */
  peerAddress: string;
  /** Whether that peer's own forwarding headers are believed and extended. */
  isTrustedPeer: boolean;
  /** Scheme of the client connection to the proxy (`http`, since the proxy does not terminate TLS). */
  protocol: "http" | "https";
}

/**
 * Removes hop-by-hop fields: the fixed ones, every `Proxy-*` and the names listed in
 * Connection. `keep` names survive (Connection and Upgrade of an upgrade request).
 */
export function removeHopByHop(list: HeaderList, keep: readonly string[] = []): void {
  const listed = getHeaderValues(list, "connection").flatMap((value) => value.split(","));
  const names = [...HOP_BY_HOP, ...listed.map((name) => name.trim().toLowerCase()).filter(Boolean)];
  const kept = new Set(keep);
  removeHeader(list, ...names.filter((name) => !kept.has(name)));

  const proxyFields = list.map(([name]) => name).filter((name) => /^proxy-/i.test(name));
  removeHeader(list, ...proxyFields);
}

/** Sets X-Forwarded-For/-Proto/-Host and Forwarded for the upstream. */
export function addForwardedHeaders(list: HeaderList, facts: ForwardFacts): void {
  const host = getHeader(list, "host") ?? "";
  const forwardedFor = facts.isTrustedPeer ? getHeader(list, "x-forwarded-for") : undefined;
  const forwardedProto = facts.isTrustedPeer ? getHeader(list, "x-forwarded-proto") : undefined;
  const forwardedHost = facts.isTrustedPeer ? getHeader(list, "x-forwarded-host") : undefined;
  const forwarded = facts.isTrustedPeer ? getHeader(list, "forwarded") : undefined;

  setHeader(
    list,
    "X-Forwarded-For",
    forwardedFor ? `${forwardedFor}, ${facts.peerAddress}` : facts.peerAddress,
  );
  setHeader(list, "X-Forwarded-Proto", forwardedProto ?? facts.protocol);
  setHeader(list, "X-Forwarded-Host", forwardedHost ?? host);

  const element = formatForwardedElement(facts.peerAddress, facts.protocol, host);
  setHeader(list, "Forwarded", forwarded ? `${forwarded}, ${element}` : element);
}

/** One element of Forwarded: `for="[::1]";proto=http;host="ent.example.fr"`. */
export function formatForwardedElement(
  peerAddress: string,
  protocol: string,
  host: string,
): string {
  const node = isIP(peerAddress) === 6 ? `"[${peerAddress}]"` : peerAddress;
  const parts = [`for=${node}`, `proto=${protocol}`];
  if (host !== "") parts.push(`host=${quoteIfNeeded(host)}`);
  return parts.join(";");
}

/** A Forwarded value is a token or a quoted string (RFC 7239 §4); a host with `:` needs quotes. */
function quoteIfNeeded(value: string): string {
  if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) return value;
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}
