/**
 * The servers under test, one per variant: the Express app of the ENT with each way
 * of tagging, the upstream ENT for the proxies, and the http-proxy-middleware proxies.
 * Usage: `await createServer({ kind: "middleware", variant: "dnma" }, hooks)` → an http.Server.
 */

import http from "node:http";
import express from "express";
import { createProxyMiddleware, responseInterceptor } from "http-proxy-middleware";
import { dnmaTag } from "../src/middleware/dnma-tag.js";
import { bufferingMiddleware, injectByReplace, injectWithCheerio } from "./baselines.js";
import {
  BENCH_PATH,
  BENCH_USER,
  createBenchTagger,
  replaceInText,
  snippetsFor,
} from "./bench-user.js";
import { createOrigin, type OriginOptions } from "./origin.js";
import { createDnmaProxyServer, findDnmaProxyMissing } from "./proxy-seam.js";

export const MIDDLEWARE_VARIANTS = ["plain", "dnma", "naive", "cheerio"] as const;
export type MiddlewareVariant = (typeof MIDDLEWARE_VARIANTS)[number];
export type HpmVariant = "hpm-plain" | "hpm-intercept";

export type ServerConfig =
  | { kind: "middleware"; variant: MiddlewareVariant }
  | { kind: "upstream" }
  | { kind: "hpm"; variant: HpmVariant; target: string }
  | { kind: "dnma-proxy"; target: string };

/** Builds the server a config describes (not listening yet). */
export async function createServer(
  config: ServerConfig,
  hooks: Pick<OriginOptions, "onStreamFinished"> = {},
): Promise<http.Server> {
  if (config.kind === "dnma-proxy") {
    const server = await createDnmaProxyServer(config.target);
    if (!server) throw new Error(findDnmaProxyMissing() ?? "the dnma-tag proxy did not start");
    return server;
  }
  if (config.kind === "upstream") {
    const origin = createOrigin({ ...hooks, canGzip: true });
    return http.createServer((req, res) => origin.handle(req, res));
  }
  if (config.kind === "hpm")
    return http.createServer(createHpmHandler(config.variant, config.target));
  return http.createServer(createMiddlewareApp(config.variant, hooks));
}

/** The same Express app, signed-in user included, with one way of tagging mounted. */
export function createMiddlewareApp(
  variant: MiddlewareVariant,
  hooks: Pick<OriginOptions, "onStreamFinished"> = {},
): express.Express {
  const app = express();
  const tagger = createBenchTagger();
  const origin = createOrigin({ ...hooks, isExpress: true });
  app.disable("x-powered-by");
  app.use(function signIn(req, _res, next) {
    (req as { user?: unknown }).user = BENCH_USER;
    next();
  });

  if (variant === "dnma") app.use(dnmaTag({ tagger }));
  if (variant === "naive") app.use(bufferingMiddleware(injectByReplace(tagger)));
  if (variant === "cheerio") app.use(bufferingMiddleware(injectWithCheerio(tagger)));
  app.get(BENCH_PATH, (req, res) => origin.handle(req, res));
  return app;
}

/**
 * http-proxy-middleware with a keep-alive agent to the upstream; "hpm-intercept" uses its
 * responseInterceptor (which buffers and decompresses) to insert the snippets.
 */
function createHpmHandler(variant: HpmVariant, target: string): http.RequestListener {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const tagger = createBenchTagger();
  const intercept = responseInterceptor(async (body, proxyRes, req) => {
    const isHtml = /^text\/html/i.test(String(proxyRes.headers["content-type"] ?? ""));
    const snippets = isHtml && proxyRes.statusCode === 200 ? snippetsFor(tagger, req) : undefined;
    return snippets ? replaceInText(body.toString("utf8"), snippets) : body;
  });
  const isIntercepting = variant === "hpm-intercept";
  const proxy = createProxyMiddleware({
    target,
    agent,
    selfHandleResponse: isIntercepting,
    on: isIntercepting ? { proxyRes: intercept } : {},
  });
  return function handleProxied(req, res) {
    proxy(req, res, () => {
      res.writeHead(404).end();
    });
  };
}
