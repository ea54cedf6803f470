/**
 * Streams one taggable upstream response to the client through the injection engine:
 * upstream bytes → decoder (gzip, deflate, br) → HtmlInjector → encoder (the same
 * coding) → client. The status and headers are only sent with the first output byte,
 * so that a body that fails to decode before anything left can still be served
 * exactly as the upstream sent it. After that, a failure drops the connection: the
 * client sees an incomplete response (no last chunk), never a page that looks whole.
 * Usage: `streamTagged({ upstream, res, status, headers, coding, tagger, preparation, request })`.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline, type Transform, Writable } from "node:stream";
import type { HtmlInjector } from "../inject/injector.js";
import type { SkipReason } from "../tagging/reasons.js";
import type { Preparation, Tagger, TagRequest } from "../tagging/tagger.js";
import { sendGatewayError } from "./bad-gateway.js";
import { type Coding, createDecoder, createEncoder } from "./codec.js";
import { type HeaderList, toRawHeaders } from "./header-list.js";
import { buildTaggedHeaders, createTimedInjection } from "./tagged-parts.js";

export interface TaggedResponse {
  upstream: IncomingMessage;
  res: ServerResponse;
  status: number;
  statusMessage: string;
  /** The upstream's headers, hop-by-hop and identity fields already removed. */
  headers: HeaderList;
  /** The same, as the tagged page will have them (private, CSP extended...). */
  taggedHeaders: HeaderList;
  coding: Coding;
  tagger: Tagger;
  preparation: Extract<Preparation, { kind: "tag" }>;
  injector: HtmlInjector;
  request: TagRequest;
}

/**
 * Most upstream bytes kept, until the first byte goes out, to serve them untouched if
 * the body does not decode. The injector holds at most 256 KiB of decoded page by
 * default, so fewer compressed bytes than that are ever waiting.
 */
const REPLAY_LIMIT = 1024 * 1024;
/** Output of a compressed page held before its headers go out. */
const COMMIT_BYTES = 64 * 1024;

/** Starts streaming; settles by itself (metrics, logs) and never throws. */
export function streamTagged(response: TaggedResponse): void {
  const { upstream, res, tagger, request, preparation, injector } = response;
  const timing = { seconds: 0 };
  const decoder = createDecoder(response.coding);
  const stages = [
    decoder,
    createTimedInjection(injector, timing),
    createEncoder(response.coding),
  ].filter((stage) => stage !== undefined);
  const first = stages[0] as Transform;
  let replay: Buffer[] | undefined = [];
  let replayBytes = 0;
  let isCommitted = false;
  let isSettled = false;
  let isDecodeError = false;

  function remember(chunk: Buffer): void {
    if (!replay) return;
    replayBytes += chunk.length;
    if (replayBytes > REPLAY_LIMIT) replay = undefined;
    else replay.push(chunk);
  }

  function commit(): void {
    if (isCommitted) return;
    isCommitted = true;
    stopReplay();
    res.writeHead(
      response.status,
      response.statusMessage,
      toRawHeaders(buildTaggedHeaders(response.taggedHeaders, response.coding)),
    );
  }

  function stopReplay(): void {
    upstream.off("data", remember);
    replay = undefined;
  }

  function settle(reason?: SkipReason): void {
    if (isSettled) return;
    isSettled = true;
    if (reason) tagger.recordSkip(request, reason, preparation.page);
    else tagger.recordInjection(request, preparation, injector.result, timing.seconds);
  }

  // Note: a compressed page is sent from its first COMMIT_BYTES of output on, so that a
  // small one whose body does not decode can still go out as the upstream sent it.
  const waitsToCommit = response.coding !== "identity";
  const pending: Buffer[] = [];
  let pendingBytes = 0;

  function flushPending(): boolean {
    commit();
    const body = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    pending.length = 0;
    return body.length === 0 || res.write(body);
  }

  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (waitsToCommit && !isCommitted) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < COMMIT_BYTES) return callback();
      } else pending.push(chunk);
      if (flushPending()) callback();
      else res.once("drain", () => callback());
    },
    final(callback) {
      flushPending();
      res.end();
      settle();
      callback();
    },
  });

  function failChain(err: Error | null | undefined): void {
    if (!err || isSettled) return;
    if (isDecodeError) {
      failDecoding();
      return;
    }
    // Note: the chain only breaks otherwise when the upstream failed (see onUpstreamFailure).
    settle("upstream-error");
    sendGatewayError(res, 502);
  }

  function failDecoding(): void {
    settle("decode-error");
    const saved = replay;
    upstream.unpipe(first);
    stopReplay();
    if (isCommitted) {
      upstream.destroy();
      res.destroy();
      return;
    }
    if (!saved) {
      upstream.destroy();
      sendGatewayError(res, 502);
      return;
    }
    serveUntouched(response, saved);
  }

  function onUpstreamFailure(): void {
    if (isSettled) return;
    settle("upstream-error");
    stopReplay();
    for (const stage of stages) stage.destroy();
    if (isCommitted) res.destroy();
    else sendGatewayError(res, 502);
  }

  decoder?.once("error", () => {
    isDecodeError = true;
  });
  upstream.on("data", remember);
  upstream.once("error", onUpstreamFailure);
  res.once("close", function onClientGone() {
    if (res.writableFinished) return;
    // Note: a client that leaves is not a decision about the page: nothing is counted.
    isSettled = true;
    upstream.destroy();
    sink.destroy();
  });
  pipeline([...stages, sink], failChain);
  upstream.pipe(first);
}

/** The untagged response after all: the upstream's headers and bytes as they came. */
function serveUntouched(response: TaggedResponse, saved: Buffer[]): void {
  const { res, upstream } = response;
  res.writeHead(response.status, response.statusMessage, toRawHeaders(response.headers));
  res.write(Buffer.concat(saved));
  if (upstream.readableEnded) {
    res.end();
    return;
  }
  upstream.once("error", () => res.destroy());
  upstream.pipe(res);
}
