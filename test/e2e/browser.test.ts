import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, PAGE } from "../support/app.js";
import { launchBrowser } from "../support/browser.js";
import { withServer } from "../support/http-client.js";

const STAND_IN_DIR = join(import.meta.dirname, "../../demo/public");
const TAG_CALLS = ["Tag", "setProps", "identifiedVisitor.set", "page.set", "dispatch"];
const UNRELATED = '<script>window.__unrelated = "ran";</script>';

let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface PageRun {
  calls: { method: string; args: unknown }[];
  globals: Record<string, unknown>;
  cspMessages: string[];
  parserErrors: number;
}

/** Serves `page` with `headers` at /home (dnma-tag mounted, the stand-in at /js), loads it in Chromium. */
async function loadInBrowser(
  page: string,
  headers: Record<string, string>,
  locals: Record<string, unknown> = {},
): Promise<PageRun> {
  const { app } = createTestApp((app) => {
    app.use("/js", express.static(STAND_IN_DIR));
    app.get("/home", (_req, res) => {
      Object.assign(res.locals, locals);
      res.set({ "Content-Type": "text/html; charset=utf-8", ...headers }).send(page);
    });
  });
  app.post("/__dnma/hits", (_req, res) => res.status(204).end());
  const tab = await browser.context.newPage();
  const cspMessages: string[] = [];
  tab.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspMessages.push(message.text());
  });
  await tab.setExtraHTTPHeaders({ "x-test-user": "pupil" });
  try {
    return await withServer(app, async (url) => {
      await tab.goto(`${url}/home`, { waitUntil: "load" });
      return tab.evaluate(() => {
        const win = globalThis as unknown as Record<string, unknown>;
        return {
          calls: (win.__dnmaCalls ?? []) as { method: string; args: unknown }[],
          globals: { own: win.__own, unrelated: win.__unrelated },
          cspMessages: [],
          parserErrors: (
            win.document as { getElementsByTagName(name: string): { length: number } }
          ).getElementsByTagName("parsererror").length,
        };
      });
    }).then((run) => ({ ...run, cspMessages }));
  } finally {
    await tab.close();
  }
}

describe("in Chromium: the tag runs under the page's CSP, which still blocks the rest", () => {
  it("runs under a host allow-list policy extended with the tag's hash", async () => {
    const page = PAGE.replace("<p>Bonjour</p>", `<p>Bonjour</p>${UNRELATED}`);
    const run = await loadInBrowser(page, {
      "Content-Security-Policy": "default-src 'self'; script-src 'self'",
    });

    expect(run.calls.map((call) => call.method)).toEqual(TAG_CALLS);
    expect(run.calls[0]?.args).toEqual({ site: "100002" });
    expect(run.globals.unrelated).toBeUndefined();
    expect(run.cspMessages).toHaveLength(1);
    expect(run.cspMessages[0]).toMatch(/Executing inline script violates/);
  });

  it("runs under a nonce and 'strict-dynamic' policy with the page's nonce", async () => {
    const own = '<script nonce="cGFnZS1ub25jZQ">window.__own = "ran";</script>';
    const page = PAGE.replace("<p>Bonjour</p>", `<p>Bonjour</p>${own}${UNRELATED}`);
    const policy =
      "script-src 'nonce-cGFnZS1ub25jZQ' 'strict-dynamic'; object-src 'none'; base-uri 'none'";
    const run = await loadInBrowser(
      page,
      { "Content-Security-Policy": policy },
      { cspNonce: "cGFnZS1ub25jZQ" },
    );

    expect(run.calls.map((call) => call.method)).toEqual(TAG_CALLS);
    expect(run.globals).toEqual({ own: "ran", unrelated: undefined });
    expect(run.cspMessages).toHaveLength(1);
  });

  it("keeps 'unsafe-inline' working for the page's own scripts when only the loader's address is added", async () => {
    const page = PAGE.replace("<p>Bonjour</p>", `<p>Bonjour</p>${UNRELATED}`);
    const run = await loadInBrowser(page, {
      "Content-Security-Policy": "script-src 'unsafe-inline' https://cdn.example.fr",
    });

    expect(run.calls.map((call) => call.method)).toEqual(TAG_CALLS);
    expect(run.globals.unrelated).toBe("ran");
    expect(run.cspMessages).toEqual([]);
  });

  it("runs in an XHTML page served as application/xhtml+xml, which stays well-formed XML", async () => {
    const xhtml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Notes</title></head>' +
      '<body><p>Bonjour &amp; bienvenue</p><script>//<![CDATA[\nif (1 < 2) window.__own = "ran";\n//]]></script></body></html>\n';
    const run = await loadInBrowser(xhtml, {
      "Content-Type": "application/xhtml+xml; charset=utf-8",
    });

    expect(run.parserErrors).toBe(0);
    expect(run.globals.own).toBe("ran");
    expect(run.calls.map((call) => call.method)).toEqual(TAG_CALLS);
  });
});
