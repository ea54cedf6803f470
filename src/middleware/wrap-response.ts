/**
 * Wraps one response: decides at the first header or body byte whether to tag it,
 * then sends every body byte through the injector. Whatever way the application
 * writes (send, write in pieces, writeHead with objects or arrays, piped streams), and
 * whatever goes wrong on our side, the response is sent, untouched if need be.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { HtmlInjector } from "../inject/injector.js";
import type { SkipReason } from "../tagging/reasons.js";
import { checkResponse } from "../tagging/response-gate.js";
import { isUsableUser } from "../identity/user.js";
import { redactPath, redactText } from "../log/redact.js";
import { beginTagging } from "../tagging/begin-tagging.js";
import type { Preparation, TagRequest, Tagger } from "../tagging/tagger.js";
import { applyWriteHeadArgs } from "./write-head-args.js";

export type Identify = (req: IncomingMessage, res: ServerResponse) => unknown;

export interface WrapContext {
  tagger: Tagger;
  identify: Identify;
  identifyTimeoutMs: number;
  nonce: (req: IncomingMessage, res: ServerResponse) => string | undefined;
  request: TagRequest;
  /** A HEAD: give the headers a tagged GET would have, and no body to tag. */
  isHeadersOnly?: boolean;
}

type Callback = (err?: Error | null) => void;
type Phase = "undecided" | "waiting" | "tagging" | "passing";

export function wrapResponse(
  req: IncomingMessage,
  res: ServerResponse,
  context: WrapContext,
): void {
  const { tagger, request } = context;
  const originalWriteHead = res.writeHead as (status: number) => ServerResponse;
  const originalWrite = res.write as (chunk: unknown, ...rest: unknown[]) => boolean;
  const originalEnd = res.end as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  let phase: Phase = "undecided";
  let injector: HtmlInjector | undefined;
  let preparation: Extract<Preparation, { kind: "tag" }> | undefined;
  let seconds = 0;
  let hasWritten = false;
  let hasEnded = false;
  const waiting: (() => void)[] = [];

  function passThrough(reason: SkipReason): void {
    phase = "passing";
    tagger.recordSkip(request, reason, preparation?.page);
  }

  function decide(): void {
    const reason = checkResponse(res.statusCode, res.getHeaders());
    if (reason) {
      passThrough(reason);
      return;
    }

    let user: unknown;
    try {
      user = context.identify(req, res);
    } catch (err) {
      failIdentity("error", { err: errorFields(err) }, "identify() threw");
      return;
    }
    if (!isThenable(user)) {
      startIdentified(user);
      return;
    }

    phase = "waiting";
    const timeoutMs = context.identifyTimeoutMs;
    const timer = setTimeout(
      () =>
        finishWaiting(() =>
          failIdentity("timeout", { timeoutMs }, "identify() did not answer in time"),
        ),
      timeoutMs,
    );
    user.then(
      (resolved) => finishWaiting(() => startIdentified(resolved), timer),
      (err) =>
        finishWaiting(
          () => failIdentity("error", { err: errorFields(err) }, "identify() failed"),
          timer,
        ),
    );
  }

  function startIdentified(user: unknown): void {
    tagger.metrics.identityLookups.inc({
      source: "identify",
      result: isUsableUser(user) ? "ok" : "none",
    });
    startTagging(user);
  }

  function failIdentity(result: "error" | "timeout", fields: object, message: string): void {
    tagger.metrics.identityLookups.inc({ source: "identify", result });
    tagger.warnOnce(
      `identify:${result}`,
      { ...fields, path: redactPath(request.path) },
      `${message}; page served untouched`,
    );
    passThrough("identity-error");
  }

  function finishWaiting(settle: () => void, timer?: NodeJS.Timeout): void {
    if (timer) clearTimeout(timer);
    if (phase !== "waiting") return;
    settle();
    for (const replay of waiting.splice(0)) replay();
  }

  function startTagging(user: unknown): void {
    if (res.headersSent) {
      passThrough("internal-error");
      return;
    }
    const started = beginTagging(res, { tagger, request, user, nonce: context.nonce(req, res) });
    preparation = started.preparation;
    if (started.kind === "skip") {
      passThrough(started.reason);
      return;
    }
    // Note: a HEAD gets the headers its GET would get; it has no body to tag.
    if (context.isHeadersOnly) {
      passThrough("head-request");
      return;
    }

    injector = started.injector;
    phase = "tagging";
  }

  function inject(step: () => Buffer[]): Buffer[] {
    const started = process.hrtime.bigint();
    const output = step();
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
    return output;
  }

  function writeOutput(output: Buffer[], callback: Callback | undefined): boolean {
    if (output.length === 0) {
      if (callback) process.nextTick(callback);
      return true;
    }
    const body = output.length === 1 ? (output[0] as Buffer) : Buffer.concat(output);
    return originalWrite.call(res, body, callback);
  }

  function finishInjection(): void {
    if (injector && preparation)
      tagger.recordInjection(request, preparation, injector.result, seconds);
  }

  res.writeHead = function writeHead(this: ServerResponse, status: number, ...rest: unknown[]) {
    applyWriteHeadArgs(res, status, rest);
    if (phase === "undecided") decide();
    if (phase === "waiting") {
      waiting.push(() => originalWriteHead.call(res, res.statusCode));
      return res;
    }
    return originalWriteHead.call(res, res.statusCode);
  } as ServerResponse["writeHead"];

  res.write = function write(
    this: ServerResponse,
    chunk: unknown,
    encoding?: unknown,
    callback?: unknown,
  ) {
    const [buffer, done] = normalizeWrite(chunk, encoding, callback);
    if (phase === "undecided" && !res.headersSent) decide();
    if (phase === "waiting") {
      waiting.push(() => res.write(buffer, done as Callback));
      return true;
    }
    hasWritten = true;
    if (phase !== "tagging" || !injector) return originalWrite.call(res, buffer, done);

    const active = injector;
    return writeOutput(
      inject(() => active.write(buffer)),
      done,
    );
  } as ServerResponse["write"];

  res.end = function end(
    this: ServerResponse,
    chunk?: unknown,
    encoding?: unknown,
    callback?: unknown,
  ) {
    if (hasEnded) return originalEnd.call(res, chunk, encoding, callback);
    const [buffer, done] = normalizeEnd(chunk, encoding, callback);
    if (phase === "undecided" && !res.headersSent) decide();
    if (phase === "waiting") {
      waiting.push(() => res.end(buffer, done as Callback));
      return res;
    }
    hasEnded = true;
    if (phase !== "tagging" || !injector) return originalEnd.call(res, buffer, done);

    const active = injector;
    const output = inject(() => [...(buffer ? active.write(buffer) : []), ...active.end()]);
    finishInjection();
    const body = Buffer.concat(output);
    // Note: when the whole body comes in one end() call its exact length is known.
    if (!hasWritten && !res.headersSent) res.setHeader("content-length", body.length);
    return originalEnd.call(res, body, done);
  } as ServerResponse["end"];
}

function normalizeWrite(
  chunk: unknown,
  encoding: unknown,
  callback: unknown,
): [Buffer, Callback | undefined] {
  const done = (typeof encoding === "function" ? encoding : callback) as Callback | undefined;
  const charset = typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8";
  return [toBuffer(chunk, charset), done];
}

function normalizeEnd(
  chunk: unknown,
  encoding: unknown,
  callback: unknown,
): [Buffer | undefined, Callback | undefined] {
  if (typeof chunk === "function") return [undefined, chunk as Callback];
  if (chunk === undefined || chunk === null)
    return [
      undefined,
      (typeof encoding === "function" ? encoding : callback) as Callback | undefined,
    ];
  return normalizeWrite(chunk, encoding, callback);
}

function toBuffer(chunk: unknown, encoding: BufferEncoding): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(String(chunk), encoding);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function errorFields(err: unknown): object {
  // Note: an application's error message may quote the user it failed on.
  return err instanceof Error
    ? { type: err.name, message: redactText(err.message) }
    : { message: redactText(String(err)) };
}
