/**
 * The Express/Connect middleware: tags every authenticated HTML page the application
 * sends, as the tagging plan says. All checking and compiling happens here, once; the
 * per-request work is a few lookups.
 * Usage: `app.use(dnmaTag({ plan: "marking-plans/my-ent.yaml", secret, identify }))`.
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { handleClickReport } from "../clicks/report.js";
import { DnmaError } from "../errors.js";
import { watchPlan, type WatchOptions } from "../plan/reload.js";
import {
  createTagger,
  type TagRequest,
  type Tagger,
  type TaggerOptions,
} from "../tagging/tagger.js";
import { checkOptions } from "./check-options.js";
import { dropPageValidators } from "./conditional-request.js";
import { type Identify, wrapResponse } from "./wrap-response.js";

export interface DnmaTagOptions extends Partial<TaggerOptions> {
  /**
   * Returns the signed-in user (`{ id, profile | aafProfile, uai | uais }`), nothing when
   * nobody is, or a promise of either. Default: `req.user`, then `res.locals.user`.
   */
  identify?: Identify;
  /** How long an asynchronous identify() may take before the page goes out untouched (ms, default 1000). */
  identifyTimeoutMs?: number;
  /** The CSP nonce to put on our scripts. Default: `res.locals.cspNonce`. */
  nonce?: (req: IncomingMessage, res: ServerResponse) => string | undefined;
  /** An existing tagger to share (its plan, metrics and logs) instead of options.plan. */
  tagger?: Tagger;
  /** Reload the plan file when it changes and on SIGHUP (see watchPlan); stop with `middleware.stopWatching()`. */
  watch?: boolean | WatchOptions;
}

type Next = (err?: unknown) => void;
export type DnmaTagMiddleware = ((
  req: IncomingMessage,
  res: ServerResponse,
  next: Next,
) => void) & {
  tagger: Tagger;
  /** Stops the plan watch of `watch: true` (does nothing otherwise). */
  stopWatching: () => void;
};

const HANDLED = Symbol.for("dnma-tag.handled");

/** Creates the middleware; throws a DnmaError when the plan or the secret is not usable. */
export function dnmaTag(options: DnmaTagOptions): DnmaTagMiddleware {
  checkOptions(options);
  const tagger = options.tagger ?? createTagger(requirePlan(options));
  const identify = options.identify ?? identifyFromLocals;
  const nonce = options.nonce ?? nonceFromLocals;
  const identifyTimeoutMs = options.identifyTimeoutMs ?? 1000;

  const middleware = function dnmaTagMiddleware(
    req: IncomingMessage,
    res: ServerResponse,
    next: Next,
  ): void {
    if (handleClickReport(tagger, req, res)) return;
    const marked = req as IncomingMessage & { [HANDLED]?: boolean };
    const request = describeRequest(req);
    if (marked[HANDLED]) {
      tagger.recordSkip(request, "already-wrapped");
      next();
      return;
    }
    marked[HANDLED] = true;

    // Note: a HEAD goes through the same checks as its GET, so that its headers match (RFC 9110 §9.3.2).
    const isHead = request.method === "HEAD";
    const reason = tagger.checkRequest(isHead ? { ...request, method: "GET" } : request);
    if (reason) {
      tagger.recordSkip(request, reason);
      next();
      return;
    }
    dropPageValidators(req);
    wrapResponse(req, res, {
      tagger,
      identify,
      identifyTimeoutMs,
      nonce,
      request,
      isHeadersOnly: isHead,
    });
    next();
  } as DnmaTagMiddleware;
  middleware.tagger = tagger;
  middleware.stopWatching = options.watch
    ? watchPlan(tagger, watchedFile(options, tagger), options.watch === true ? {} : options.watch)
    : () => {};
  return middleware;
}

/** Default identify(): what authentication middlewares usually leave. */
export function identifyFromLocals(req: IncomingMessage, res: ServerResponse): unknown {
  return (req as { user?: unknown }).user ?? (res as { locals?: { user?: unknown } }).locals?.user;
}

function nonceFromLocals(_req: IncomingMessage, res: ServerResponse): string | undefined {
  const value = (res as { locals?: { cspNonce?: unknown } }).locals?.cspNonce;
  return typeof value === "string" ? value : undefined;
}

function describeRequest(req: IncomingMessage): TagRequest {
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const queryStart = url.indexOf("?");
  return {
    method: req.method ?? "GET",
    url,
    path: queryStart === -1 ? url : url.slice(0, queryStart),
    host: String(req.headers.host ?? ""),
    headers: req.headers,
  };
}

function watchedFile(options: DnmaTagOptions, tagger: Tagger): string {
  return typeof options.plan === "string" ? options.plan : tagger.plan.file;
}

function requirePlan(options: DnmaTagOptions): TaggerOptions {
  if (!options.plan)
    throw new DnmaError(
      "OPTION_INVALID",
      "dnmaTag() needs `plan`: the path of a tagging plan file, or a compiled plan",
    );
  return { ...options, plan: options.plan };
}
