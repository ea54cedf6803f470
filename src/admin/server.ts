/**
 * The admin HTTP listener of a tagger: `/metrics` (Prometheus text), `/healthz`
 * (JSON), the admin page `/` with its URL tester, and the JSON the page refreshes
 * from. Off unless created; bound to 127.0.0.1:9464 by default; a token is required
 * to bind anywhere else. Usage:
 * `const admin = createAdminServer({ tagger }); const url = await admin.listen()`.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getReloadStatus } from "../plan/reload.js";
import type { Tagger } from "../tagging/tagger.js";
import { checkAccess, checkAccessOptions } from "./access.js";
import { ADMIN_CSS, ADMIN_JS } from "./assets.js";
import { ADMIN_CSP } from "./html.js";
import { renderAdminPage } from "./page.js";
import { readCounters, readDecisions, readHealth } from "./summary.js";
import { testUrl } from "./tester.js";

export interface AdminOptions {
  tagger: Tagger;
  /** Required unless `host` is a loopback address [DNMA_TAG_ADMIN_TOKEN]. */
  token?: string | undefined;
  /** Address to listen on [127.0.0.1]. */
  host?: string | undefined;
  /** Port to listen on; 0 for any free port [9464]. */
  port?: number | undefined;
  /** How many recent decisions the page shows [50]. */
  decisions?: number | undefined;
  /** How often the page refreshes its counters and decisions, in ms [5000]. */
  refreshMs?: number | undefined;
}

export interface AdminServer {
  server: Server;
  /** Starts listening; resolves with the listener's base URL, e.g. `http://127.0.0.1:9464/`. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN_PORT = 9464;

const BASE_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

/** Creates the listener (not listening yet); throws a DnmaError on unsafe options. */
export function createAdminServer(options: AdminOptions): AdminServer {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? DEFAULT_ADMIN_PORT;
  const token = options.token ?? (process.env.DNMA_TAG_ADMIN_TOKEN || undefined);
  checkAccessOptions(host, token);

  const startedAt = new Date();
  const handle = createAdminHandler({
    tagger: options.tagger,
    token,
    startedAt,
    decisions: options.decisions ?? 50,
    refreshMs: options.refreshMs ?? 5000,
  });
  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      options.tagger.logger.error({ err }, "admin request failed");
      if (!res.headersSent) send(res, 500, "text/plain; charset=utf-8", "internal error\n");
      else res.destroy();
    });
  });

  return {
    server,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve(`http://${formatHost(host)}:${(server.address() as AddressInfo).port}/`);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface HandlerContext {
  tagger: Tagger;
  token: string | undefined;
  startedAt: Date;
  decisions: number;
  refreshMs: number;
}

function createAdminHandler(
  context: HandlerContext,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async function handleAdminRequest(req, res) {
    const refusal = checkAccess(req, context.token);
    if (refusal) {
      const challenge: Record<string, string> =
        refusal.status === 401
          ? { "www-authenticate": 'Basic realm="dnma-tag admin", charset="UTF-8"' }
          : {};
      return send(
        res,
        refusal.status,
        "text/plain; charset=utf-8",
        `${refusal.message}\n`,
        challenge,
      );
    }
    if (req.method !== "GET" && req.method !== "HEAD")
      return send(res, 405, "text/plain; charset=utf-8", "GET only\n", { allow: "GET, HEAD" });

    const url = new URL(req.url ?? "/", "http://admin.invalid");
    await route(context, url, res);
  };
}

async function route(context: HandlerContext, url: URL, res: ServerResponse): Promise<void> {
  const { tagger } = context;
  switch (url.pathname) {
    case "/metrics":
      return send(
        res,
        200,
        tagger.metrics.registry.contentType,
        await tagger.metrics.registry.metrics(),
      );
    case "/healthz":
      return sendJson(res, readHealth(tagger, context.startedAt));
    case "/api/summary":
      return sendJson(res, {
        health: readHealth(tagger, context.startedAt),
        counters: await readCounters(tagger.metrics.registry),
      });
    case "/api/decisions":
      return sendJson(res, readDecisions(tagger, context.decisions));
    case "/api/match": {
      const test = testUrl(tagger.plan, url.searchParams);
      return test.explanation
        ? sendJson(res, test.explanation)
        : sendJson(res, { error: test.error ?? "give ?url=" }, 400);
    }
    case "/admin.css":
      return send(res, 200, "text/css; charset=utf-8", ADMIN_CSS);
    case "/admin.js":
      return send(res, 200, "text/javascript; charset=utf-8", ADMIN_JS);
    case "/favicon.ico":
      res.writeHead(204, BASE_HEADERS).end();
      return;
    case "/":
      return sendPage(context, url, res);
    default:
      return send(res, 404, "text/plain; charset=utf-8", "not found\n");
  }
}

async function sendPage(context: HandlerContext, url: URL, res: ServerResponse): Promise<void> {
  const { tagger } = context;
  const page = renderAdminPage({
    plan: tagger.plan,
    reload: getReloadStatus(tagger),
    counters: await readCounters(tagger.metrics.registry),
    decisions: readDecisions(tagger, context.decisions),
    test: testUrl(tagger.plan, url.searchParams),
    refreshMs: context.refreshMs,
  });
  send(res, 200, "text/html; charset=utf-8", page, {
    "content-security-policy": ADMIN_CSP,
    "x-frame-options": "DENY",
  });
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, "application/json; charset=utf-8", `${JSON.stringify(value, null, 2)}\n`);
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...headers,
    "content-type": type,
    "content-length": Buffer.byteLength(body),
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
