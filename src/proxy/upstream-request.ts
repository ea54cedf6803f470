/**
 * What goes upstream for one client request: the client's headers minus hop-by-hop
 * fields, with forwarding headers and the Host the configuration asks for, sent
 * through a keep-alive agent.
 * Usage: `const forward = buildForwardHeaders(req, facts, config); openUpstream(target, req, forward, agent)`.
 */

import {
  type Agent,
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { ProxyFile } from "./config-schema.js";
import { addForwardedHeaders, type ForwardFacts, removeHopByHop } from "./forwarding.js";
import {
  fromRawHeaders,
  getHeader,
  type HeaderList,
  setHeader,
  toRawHeaders,
} from "./header-list.js";

/** The headers to send upstream, hop-by-hop fields removed (except `keep`). */
export function buildForwardHeaders(
  req: IncomingMessage,
  facts: ForwardFacts,
  config: Pick<ProxyFile, "host_header" | "target">,
  keep: readonly string[] = [],
): HeaderList {
  const headers = fromRawHeaders(req.rawHeaders);
  removeHopByHop(headers, keep);
  addForwardedHeaders(headers, facts);
  // Note: an HTTP/1.0 client may send no Host; the upstream gets the target's then.
  if (config.host_header === "target" || getHeader(headers, "host") === undefined)
    setHeader(headers, "Host", new URL(config.target).host);
  return headers;
}

/** Opens the upstream request (not ended: the caller pipes the body into it). */
export function openUpstream(
  target: URL,
  req: IncomingMessage,
  headers: HeaderList,
  agent: Agent | false,
): ClientRequest {
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return send({
    protocol: target.protocol,
    hostname: target.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: target.port || (target.protocol === "https:" ? 443 : 80),
    method: req.method,
    path: req.url ?? "/",
    headers: toRawHeaders(headers),
    agent,
    setHost: false,
  });
}

/** A keep-alive agent for the target's scheme. */
export function createUpstreamAgent(target: URL): Agent {
  const options = { keepAlive: true, scheduling: "lifo" as const };
  return target.protocol === "https:" ? new HttpsAgent(options) : new HttpAgent(options);
}
