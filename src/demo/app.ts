/**
 * The demo ENT: a public login page, six accounts (one per PROFIL), a session cookie
 * and authenticated pages for the services of the demo plan, with dnma-tag mounted
 * the way an operator would mount it.
 * Usage: `createDemoApp({ plan, secret }).listen(3000)`.
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response } from "express";
import { dnmaTag, type DnmaTagOptions } from "../middleware/dnma-tag.js";
import { DEMO_ACCOUNTS } from "./accounts.js";
import { escapeHtml, renderPage } from "./layout.js";
import { PAGES } from "./pages.js";
import { createSessions, type Session } from "./sessions.js";

/** The package's root folder (from src/demo or dist/demo). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DEMO_PLAN = join(PACKAGE_ROOT, "marking-plans", "demo-ent.yaml");
const PUBLIC_DIR = join(PACKAGE_ROOT, "demo", "public");

/** Path → page of the demo, as the demo plan's rules expect them. */
export const ROUTES: [string, keyof typeof PAGES][] = [
  ["/timeline", "timeline"],
  ["/actualites", "news"],
  ["/actualites/:articleId", "article"],
  ["/cahier-de-textes/:classe", "homework"],
  ["/notes", "marks"],
  ["/absences", "absences"],
  ["/conversation/inbox", "inbox"],
  ["/conversation/message/:messageId", "message"],
  ["/emploi-du-temps", "timetable"],
  ["/workspace/", "documents"],
  ["/blog/:blogId/", "blog"],
  ["/mediacentre", "resources"],
  ["/classe", "classroom"],
  ["/classe/trombinoscope", "classroom"],
  ["/vie-scolaire/agenda", "schoolLife"],
  ["/cantine", "canteen"],
  ["/userbook/carnet", "addressBook"],
  ["/userbook/classe/:rest", "directory"],
  ["/parametres", "settings"],
];

export interface DemoOptions {
  /** Options of the dnma-tag middleware; `false` serves the ENT without it (proxy demo). */
  dnma: DnmaTagOptions | false;
  /** Called with each hit the stand-in reports. */
  onHit?: (hit: unknown) => void;
}

declare module "http" {
  interface IncomingMessage {
    session?: Session | undefined;
  }
}

export function createDemoApp(options: DemoOptions): express.Express {
  const app = express();
  const sessions = createSessions();
  app.disable("x-powered-by");

  app.use("/assets", express.static(PUBLIC_DIR, { index: false }));
  app.use("/dnma", express.static(PUBLIC_DIR, { index: false }));
  app.post("/__dnma/hits", express.text({ type: "*/*" }), (req, res) => {
    options.onHit?.(safeJson(String(req.body)));
    res.status(204).end();
  });

  app.use(function loadSession(req, _res, next) {
    req.session = sessions.find(req);
    const session = req.session;
    if (session) {
      const { account } = session;
      (req as { user?: unknown }).user = {
        id: account.id,
        aafProfile: account.aafProfile,
        uai: session.uai ?? account.uai,
        uais: account.uais,
      };
    }
    next();
  });
  if (options.dnma) app.use(dnmaTag(options.dnma));

  mountPublicPages(app, sessions);
  app.use(function requireLogin(req, res, next) {
    if (req.session) return next();
    res.redirect(302, "/login");
  });
  mountPrivatePages(app);
  return app;
}

function mountPublicPages(app: express.Express, sessions: ReturnType<typeof createSessions>): void {
  app.get("/", (req, res) => res.redirect(302, req.session ? "/timeline" : "/login"));
  app.get("/login", (_req, res) => res.type("html").send(renderLogin()));
  app.post("/login", express.urlencoded({ extended: false }), (req, res) => {
    const account = DEMO_ACCOUNTS.find(
      (candidate) => candidate.login === String(req.body?.user ?? ""),
    );
    if (!account) return res.status(401).type("html").send(renderLogin("Compte inconnu."));
    sessions.open(res, account);
    res.redirect(303, "/timeline");
  });
  app.get("/logout", (req, res) => {
    sessions.close(req, res);
    res.redirect(302, "/login");
  });
  app.get("/public/actualites", (_req, res) => {
    res.type("html").send(
      renderPage({
        title: "Actualités publiques",
        account: undefined,
        body: "      <h1>Portes ouvertes samedi</h1>",
      }),
    );
  });
}

function mountPrivatePages(app: express.Express): void {
  for (const [path, key] of ROUTES) {
    const page = PAGES[key];
    if (!page) continue;
    app.get(path, (req: Request, res: Response) => {
      const session = req.session as Session;
      const uai = session.uai ?? session.account.uai ?? session.account.uais?.[0];
      res.type("html").send(
        renderPage({
          title: page.title,
          account: session.account,
          uai,
          body: page.body(session.account, toParams(req.params)),
        }),
      );
    });
  }
  app.get("/etablissement", (req, res) => {
    const session = req.session as Session;
    const uai = String(req.query.uai ?? "");
    if (session.account.uais?.includes(uai)) session.uai = uai;
    res.redirect(302, "/timeline");
  });
  app.get("/api/notifications", (_req, res) => res.json({ unread: 2 }));
  app.get("/workspace/files/:file", (_req, res) =>
    res.type("application/pdf").send(Buffer.from("%PDF-1.4\n% demo file\n")),
  );
  app.get("/gar/ressource", (req, res) => {
    res.type("html").send(renderGarResource(String(req.query.idRessource ?? "")));
  });
}

/** The demo's stand-in for a GAR resource page (a real one is on the GAR's own host). */
export function renderGarResource(id: string): string {
  const title = `Ressource ${escapeHtml(id)} (simulée)`;
  return `<!DOCTYPE html><html><head><title>Ressource GAR</title></head><body><h1>${title}</h1></body></html>`;
}

export function renderLogin(error?: string): string {
  const options = DEMO_ACCOUNTS.map(
    (account) =>
      `<li><label><input type="radio" name="user" value="${account.login}"> ${escapeHtml(account.login)} — ${escapeHtml(account.displayName)}</label></li>`,
  ).join("\n");
  const body = `      <form class="login" method="post" action="/login">
        <h1>Connexion à l'ENT Démo</h1>
        ${error ? `<p class="error">${escapeHtml(error)}</p>` : ""}
        <ul>${options}</ul>
        <button type="submit">Se connecter</button>
      </form>`;
  return renderPage({ title: "Connexion", account: undefined, body });
}

function toParams(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)]));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
