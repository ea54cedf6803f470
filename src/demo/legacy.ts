/**
 * The legacy demo ENT: the demo's accounts, pages and layout served by a plain
 * node:http server, with no dnma-tag inside, the way an old ENT nobody dares touch
 * would be. It has its own login and session cookie (`ent_session`), compresses its
 * pages with gzip when the browser accepts it, and tells who is signed in on a
 * userinfo endpoint, `GET /api/userinfo` (JSON, or 401), which the proxy calls with
 * the user's cookies. Usage: `createLegacyServer({ onHit }).listen(3001)`.
 */

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_ACCOUNTS } from "./accounts.js";
import { PACKAGE_ROOT, renderGarResource, renderLogin, ROUTES } from "./app.js";
import { renderPage } from "./layout.js";
import { PAGES } from "./pages.js";
import { createSessions, type Session, type Sessions } from "./sessions.js";

export interface LegacyOptions {
  /** Called with each hit the smarttag_ENT.js stand-in reports. */
  onHit?: (hit: unknown) => void;
}

const PUBLIC_DIR = join(PACKAGE_ROOT, "demo", "public");
const STATIC_FILES: Record<string, [file: string, type: string]> = {
  "/assets/ent.css": ["ent.css", "text/css; charset=utf-8"],
  "/dnma/smarttag_ENT.js": ["smarttag_ENT.js", "text/javascript; charset=utf-8"],
};

/** Route patterns of the demo (`/actualites/:articleId`) as regular expressions. */
const COMPILED_ROUTES = ROUTES.map(([pattern, key]) => ({
  key,
  names: [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1] as string),
  regex: new RegExp(`^${pattern.replace(/:\w+/g, "([^/]+)")}$`),
}));

export function createLegacyServer(options: LegacyOptions = {}): Server {
  const sessions = createSessions();
  return createServer(function legacyEnt(req, res) {
    const url = new URL(req.url ?? "/", "http://legacy.invalid");
    const session = sessions.find(req);
    if (serveStatic(url.pathname, res) || servePublic(req, res, url, sessions, session, options))
      return;
    if (!session) return redirect(res, "/login");
    servePrivate(req, res, url, session);
  });
}

function serveStatic(path: string, res: ServerResponse): boolean {
  const file = STATIC_FILES[path];
  if (!file) return false;
  const body = readFileSync(join(PUBLIC_DIR, file[0]));
  res.writeHead(200, {
    "Content-Type": file[1],
    "Content-Length": body.length,
    "Cache-Control": "public, max-age=300",
  });
  res.end(body);
  return true;
}

function servePublic(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  sessions: Sessions,
  session: Session | undefined,
  options: LegacyOptions,
): boolean {
  const route = `${req.method} ${url.pathname}`;
  if (route === "GET /") redirect(res, session ? "/timeline" : "/login");
  else if (route === "GET /login") sendHtml(req, res, 200, renderLogin());
  else if (route === "POST /login")
    readForm(req).then((form) => logIn(req, res, sessions, form.get("user") ?? ""));
  else if (route === "GET /logout") {
    sessions.close(req, res);
    redirect(res, "/login");
  } else if (route === "GET /api/userinfo") sendUserinfo(res, session);
  else if (route === "POST /__dnma/hits")
    readBody(req).then((text) => noContent(res, () => options.onHit?.(parseJson(text))));
  else return false;
  return true;
}

function servePrivate(req: IncomingMessage, res: ServerResponse, url: URL, session: Session): void {
  if (url.pathname === "/gar/ressource") {
    sendHtml(req, res, 200, renderGarResource(url.searchParams.get("idRessource") ?? ""));
    return;
  }
  if (url.pathname === "/etablissement") {
    const uai = url.searchParams.get("uai") ?? "";
    if (session.account.uais?.includes(uai)) session.uai = uai;
    redirect(res, "/timeline");
    return;
  }
  for (const route of COMPILED_ROUTES) {
    const match = route.regex.exec(url.pathname);
    const page = match && PAGES[route.key];
    if (!match || !page) continue;
    const params = Object.fromEntries(
      route.names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]),
    );
    const uai = session.uai ?? session.account.uai ?? session.account.uais?.[0];
    const body = page.body(session.account, params);
    sendHtml(req, res, 200, renderPage({ title: page.title, account: session.account, uai, body }));
    return;
  }
  sendHtml(
    req,
    res,
    404,
    renderPage({
      title: "Page introuvable",
      account: session.account,
      body: "      <h1>Page introuvable</h1>",
    }),
  );
}

function logIn(req: IncomingMessage, res: ServerResponse, sessions: Sessions, login: string): void {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.login === login);
  if (account) {
    sessions.open(res, account);
    redirect(res, "/timeline", 303);
  } else sendHtml(req, res, 401, renderLogin("Compte inconnu."));
}

/** The userinfo answer: what the proxy needs to tag, nothing more. */
function sendUserinfo(res: ServerResponse, session: Session | undefined): void {
  if (!session) {
    res.writeHead(401, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    return void res.end('{"error":"not signed in"}');
  }
  const { account } = session;
  const body = JSON.stringify({
    id: account.id,
    aafProfile: account.aafProfile,
    uai: session.uai ?? account.uai,
    uais: account.uais,
  });
  res.writeHead(200, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
  });
  res.end(body);
}

/** An HTML page, gzip-compressed when the client accepts it (as old ENTs' web servers do). */
function sendHtml(req: IncomingMessage, res: ServerResponse, status: number, html: string): void {
  const isGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  const body = isGzip ? gzipSync(html) : Buffer.from(html);
  const headers: Record<string, string | number> = {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": body.length,
    Vary: "Accept-Encoding",
    "Cache-Control": "private, no-cache",
  };
  if (isGzip) headers["Content-Encoding"] = "gzip";
  res.writeHead(status, headers);
  res.end(body);
}

function redirect(res: ServerResponse, location: string, status = 302): void {
  res.writeHead(status, { Location: location, "Content-Length": 0 });
  res.end();
}

function noContent(res: ServerResponse, then: () => void): void {
  then();
  res.writeHead(204).end();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8").slice(0, 65_536)));
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await readBody(req));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
