/**
 * Launches Debian's Chromium through playwright-core for the browser tests: headless,
 * a fresh profile, and every request to a host other than 127.0.0.1 answered locally
 * (and recorded) so that no test ever reaches the network.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface TestBrowser {
  context: BrowserContext;
  /** URLs of the non-loopback requests the browser tried, each answered by a local page. */
  externalRequests: string[];
  close(): Promise<void>;
}

/** A browser context with a fresh user-data dir; call close() when done. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "dnma-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    acceptDownloads: true,
  });
  const externalRequests: string[] = [];
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      externalRequests.push(route.request().url());
      return route.fulfill({
        status: 200,
        contentType: "text/html",
        body: "<!DOCTYPE html><title>external stand-in</title><p>not fetched</p>",
      });
    },
  );
  return {
    context,
    externalRequests,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
