/**
 * One proxied HTTP request, from the client's request to the last byte of the
 * response: forward upstream (identity lookup started alongside), then either pass
 * the response through byte for byte or stream it through the injection engine.
 * Usage: `server.on("request", (req, res) => handleRequest(req, res, context))`.
 */

import type { Agent, IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream";
import type { SkipReason } from "../tagging/reasons.js";
import { checkResponse } from "../tagging/response-gate.js";
import type { Tagger, TagRequest } from "../tagging/tagger.js";
import { sendGatewayError } from "./bad-gateway.js";
import { type Coding, parseCoding } from "./codec.js";
import type { ProxyConfig } from "./config.js";
import type { ForwardFacts } from "./forwarding.js";
import { removeHopByHop } from "./forwarding.js";
import {
  fromRawHeaders,
  getHeader,
  type HeaderList,
  setHeader,
  toHeaderMap,
  toRawHeaders,
} from "./header-list.js";
import { resolveWithDeadline } from "./identity/deadline.js";
import type { IdentityLookup, IdentityOutcome, IdentitySource } from "./identity/types.js";
import { isFailure } from "./identity/types.js";
import type { ProxyMetrics, UpstreamErrorKind } from "./metrics.js";
import { describePeer, describeRequest } from "./request-facts.js";
import { rewriteResponseHeaders } from "./response-rewrite.js";
import { streamTagged } from "./tagged-response.js";
import { beginTagging } from "../tagging/begin-tagging.js";
import { handleClickReport } from "../clicks/report.js";
import { removeHeader } from "./header-list.js";
import { asHeaderTarget } from "./header-list.js";
import type { TrustedPeers } from "./trusted-peers.js";
import { buildForwardHeaders, openUpstream } from "./upstream-request.js";

export interface ProxyContext {
  config: ProxyConfig;
  target: URL;
  tagger: Tagger;
  identity: IdentitySource;
  trusted: TrustedPeers;
  agent: Agent;
  metrics: ProxyMetrics;
  /** Whether the server is shutting down (responses then close their connection). */
  isClosing: () => boolean;
  warnOnce: (key: string, fields: object, message: string) => void;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  context: ProxyContext;
  facts: ForwardFacts;
  request: TagRequest;
  requestSkip: SkipReason | undefined;
  lookup: IdentityLookup;
  deadline: number;
}

export function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: ProxyContext,
): void {
  res.sendDate = false;
  if (handleClickReport(context.tagger, req, res)) return;
  const facts = describePeer(req, context.trusted);
  const request = describeRequest(req, facts);
  const requestSkip = context.tagger.checkRequest(request);
  if (requestSkip) context.tagger.recordSkip(request, requestSkip);

  const forward = buildForwardHeaders(req, facts, context.config);
  const isTaggable = requestSkip === undefined;
  const lookup = context.identity.begin({
    request: fromRawHeaders(req.rawHeaders),
    forward,
    isTrustedPeer: facts.isTrustedPeer,
    isTaggable,
  });
  if (isTaggable && context.config.accept_encoding === "identity")
    setHeader(forward, "Accept-Encoding", "identity");
  // Note: as in the middleware, a page load that may be tagged is asked for in full: a 304
  // would show the browser's copy, which may have been cached untagged.
  if (isTaggable && req.method === "GET")
    removeHeader(forward, "If-None-Match", "If-Modified-Since");

  const exchange: Exchange = {
    req,
    res,
    context,
    facts,
    request,
    requestSkip,
    lookup,
    deadline: Date.now() + context.config.identity.timeout_ms,
  };
  forwardRequest(exchange, forward);
}

function forwardRequest(exchange: Exchange, forward: HeaderList): void {
  const { req, res, context } = exchange;
  const upstreamRequest = openUpstream(context.target, req, forward, context.agent);
  let hasResponse = false;
  let isTimedOut = false;
  const timer = setTimeout(() => {
    isTimedOut = true;
    upstreamRequest.destroy(new Error("no response headers in time"));
  }, context.config.timeouts.upstream_headers_ms);

  upstreamRequest.once("response", (upstream) => {
    hasResponse = true;
    clearTimeout(timer);
    onResponse(exchange, upstream);
  });
  upstreamRequest.on("error", (err) => {
    clearTimeout(timer);
    if (hasResponse) return;
    reportUpstreamError(context, isTimedOut ? "timeout" : "connect", err);
    sendGatewayError(res, isTimedOut ? 504 : 502);
  });
  res.once("close", () => {
    if (!res.writableFinished) upstreamRequest.destroy();
  });
  req.pipe(upstreamRequest);
}

interface UpstreamResponse {
  upstream: IncomingMessage;
  headers: HeaderList;
  coding: Coding | undefined;
  /** Set when the upstream fails after its headers. */
  failure: { error: Error | undefined };
}

function onResponse(exchange: Exchange, upstream: IncomingMessage): void {
  const { context, request } = exchange;
  const headers = filterResponseHeaders(exchange, upstream);
  const coding = parseCoding(getHeader(headers, "content-encoding"));
  const response: UpstreamResponse = { upstream, headers, coding, failure: { error: undefined } };
  upstream.once("error", (err) => {
    response.failure.error = err;
    reportUpstreamError(context, "reset", err);
  });

  const reason = exchange.requestSkip
    ? undefined
    : findResponseSkip(upstream.statusCode ?? 502, headers, coding);
  if (exchange.requestSkip || reason) {
    if (reason) context.tagger.recordSkip(request, reason);
    passThrough(exchange, response);
    return;
  }
  resolveWithDeadline(exchange.lookup, exchange.deadline, (result) =>
    context.tagger.metrics.identityLookups.inc({ source: context.identity.name, result }),
  ).then((outcome) => tagOrPass(exchange, response, outcome));
}

/** The reason a response cannot be tagged: status, type... or a coding the proxy cannot decode. */
function findResponseSkip(
  status: number,
  headers: HeaderList,
  coding: Coding | undefined,
): SkipReason | undefined {
  return (
    checkResponse(status, toHeaderMap(headers), { allowEncoded: true }) ??
    (coding ? undefined : "encoded")
  );
}

/** Once the user is known: the tagged stream, or the response untouched with the reason why. */
function tagOrPass(exchange: Exchange, response: UpstreamResponse, outcome: IdentityOutcome): void {
  const { context, request, res } = exchange;
  if (res.destroyed) return;
  if (response.failure.error) {
    sendGatewayError(res, 502);
    return;
  }

  if (isFailure(outcome.result)) {
    context.tagger.recordSkip(request, "identity-error");
    passThrough(exchange, response);
    return;
  }
  // Note: the tagged headers are a copy: a page that ends up untouched keeps the original ones.
  const taggedHeaders = response.headers.map(([name, value]): [string, string] => [name, value]);
  const started = beginTagging(asHeaderTarget(taggedHeaders), {
    tagger: context.tagger,
    request,
    user: outcome.user,
    nonce: undefined,
  });
  if (started.kind === "skip") {
    context.tagger.recordSkip(request, started.reason, started.preparation?.page);
    passThrough(exchange, response);
    return;
  }
  const { upstream } = response;
  streamTagged({
    upstream,
    res,
    status: upstream.statusCode ?? 502,
    statusMessage: upstream.statusMessage ?? "",
    headers: response.headers,
    taggedHeaders,
    coding: response.coding ?? "identity",
    tagger: context.tagger,
    preparation: started.preparation,
    injector: started.injector,
    request,
  });
}

/** The upstream's headers as the client may see them. */
function filterResponseHeaders(exchange: Exchange, upstream: IncomingMessage): HeaderList {
  const { context, facts, request } = exchange;
  const headers = fromRawHeaders(upstream.rawHeaders);
  exchange.lookup.filterResponse(headers);
  removeHopByHop(headers);
  const rewrite = context.config.rewrite;
  rewriteResponseHeaders(headers, {
    target: context.config.target,
    publicHost: request.host,
    publicProtocol: facts.protocol,
    location: rewrite.location,
    cookieDomains: rewrite.cookie_domains,
  });
  if (context.isClosing()) headers.push(["Connection", "close"]);
  return headers;
}

/** Sends the response as it came; a failure mid-body drops the client connection. */
function passThrough(exchange: Exchange, response: UpstreamResponse): void {
  const { res } = exchange;
  const { upstream, headers } = response;
  res.writeHead(upstream.statusCode ?? 502, upstream.statusMessage ?? "", toRawHeaders(headers));
  // Note: an event stream may not send its first event for a while; the client must get the headers now.
  if (/^\s*text\/event-stream/i.test(getHeader(headers, "content-type") ?? "")) res.flushHeaders();
  pipeline(upstream, res, () => {});
}

function reportUpstreamError(context: ProxyContext, kind: UpstreamErrorKind, err: Error): void {
  context.metrics.upstreamErrors.inc({ kind });
  const code = (err as { code?: string }).code;
  context.warnOnce(
    `upstream:${kind}`,
    { kind, code, message: err.message },
    "upstream request failed",
  );
}
