/**
 * The demo ENT on 127.0.0.1 (ephemeral port) and a Chromium signed in to it, with each
 * page's requests, stand-in hits and console errors recorded for the browser tests.
 */

import type { AddressInfo } from "node:net";
import type { Page, Request } from "playwright-core";
import { createDemoApp, DEMO_PLAN } from "../../src/demo/app.js";
import { createTagger, type Tagger } from "../../src/tagging/tagger.js";
import { createLogger } from "../../src/log/logger.js";
import { hmac, TEST_SECRET } from "./app.js";
import { launchBrowser, type TestBrowser } from "./browser.js";
import { createLegacyServer } from "../../src/demo/legacy.js";
import { proxyFileSchema } from "../../src/proxy/config-schema.js";
import { createProxyServer } from "../../src/proxy/server.js";

/** The pseudonym of the demo pupil (account id f3a9c2e1-eleve-0001) under TEST_SECRET. */
export const PUPIL_VISITOR = hmac("f3a9c2e1-eleve-0001");

/** Query of the hit URL the stand-in builds, as the real library would send it. */
export type HitParams = Record<string, string>;

export interface DemoBrowser {
  base: string;
  tagger: Tagger;
  browser: TestBrowser;
  /** A new page with its recorders. */
  openPage(): Promise<WatchedPage>;
  /** Closes every page but the one kept open for the session cookie. */
  closePages(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchedPage {
  page: Page;
  /** Every request the page made, in the order the browser issued them. */
  requests: Request[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Hits the stand-in posted to /__dnma/hits, as hit-URL parameters, in order. */
  hits(): HitParams[];
}

/**
 * Starts the demo ENT and a browser signed in as `login`. With `viaProxy`, the legacy
 * demo ENT (no dnma-tag inside) runs behind the dnma-tag proxy instead, identity from
 * its userinfo endpoint, as `npm run demo:proxy` deploys it.
 */
export async function startDemoBrowser(
  login = "eleve",
  options: { viaProxy?: boolean } = {},
): Promise<DemoBrowser> {
  const tagger = createTagger({
    plan: DEMO_PLAN,
    secret: TEST_SECRET,
    logger: createLogger({ level: "silent" }),
  });
  const { base, stop } = options.viaProxy
    ? await startBehindProxy(tagger)
    : await startDemo(tagger);
  const browser = await launchBrowser();

  const signIn = await browser.context.newPage();
  await signIn.goto(`${base}/login`);
  await signIn.check(`input[value="${login}"]`);
  await Promise.all([signIn.waitForURL("**/timeline"), signIn.click('button[type="submit"]')]);
  // Note: Chromium drops session cookies when a persistent context's last page closes.

  return {
    base,
    tagger,
    browser,
    openPage: () => watchPage(browser),
    async closePages() {
      for (const page of browser.context.pages()) if (page !== signIn) await page.close();
    },
    async close() {
      await browser.close();
      await stop();
    },
  };
}

async function startDemo(tagger: Tagger): Promise<{ base: string; stop: () => Promise<void> }> {
  const server = createDemoApp({ dnma: { tagger } }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startBehindProxy(
  tagger: Tagger,
): Promise<{ base: string; stop: () => Promise<void> }> {
  const legacy = createLegacyServer();
  await new Promise<void>((resolve) => legacy.listen(0, "127.0.0.1", resolve));
  const target = `http://127.0.0.1:${(legacy.address() as AddressInfo).port}`;
  const file = proxyFileSchema.parse({
    target,
    plan: DEMO_PLAN,
    identity: {
      source: "userinfo",
      userinfo: {
        url: "/api/userinfo",
        session_cookie: "ent_session",
        claims: { id: "id", aaf_profile: "aafProfile", uai: "uai", uais: "uais" },
      },
    },
  });
  const proxy = createProxyServer({
    config: { ...file, file: undefined, secret: TEST_SECRET, jwtSecret: undefined },
    tagger,
  });
  const address = await proxy.listen(0, "127.0.0.1");
  return {
    base: `http://127.0.0.1:${address.port}`,
    async stop() {
      await proxy.close();
      await new Promise((resolve) => legacy.close(resolve));
    },
  };
}

async function watchPage(browser: TestBrowser): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on("request", (request) => requests.push(request));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));

  const hits = () =>
    requests
      .filter((request) => request.method() === "POST" && request.url().endsWith("/__dnma/hits"))
      .map((request) =>
        Object.fromEntries(new URL(JSON.parse(request.postData() ?? "{}").url).searchParams),
      );
  return { page, requests, errors, hits };
}

/** The parameters of a hit for the demo pupil of 0021593W, site 100002. */
export function pupilHit(values: {
  click?: string;
  p: string;
  service: string;
  outil: string;
  type: string;
}): HitParams {
  const click: HitParams = values.click ? { click: values.click } : {};
  return {
    s: "100002",
    ...click,
    p: values.p,
    s2: "0021593W",
    service: values.service,
    type: values.type,
    outil: values.outil,
    uai: "0021593W",
    projet: "DEMO_ENT_REGION",
    exploitant: "DEMO_EXPLOITANT",
    plateforme: "DEMO_PLATEFORME",
    profil: "ELEVE",
    at: PUPIL_VISITOR,
    ac: "ELEVE",
  };
}
