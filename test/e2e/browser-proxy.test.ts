/// <reference lib="dom" />
/**
 * The tag and click tagging in Chromium through the reverse proxy: the legacy demo ENT
 * (no dnma-tag inside, gzip pages, identity on its userinfo endpoint) behind the
 * dnma-tag proxy, both on 127.0.0.1.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type DemoBrowser,
  pupilHit,
  startDemoBrowser,
  type WatchedPage,
} from "../support/demo-browser.js";

const BROWSER_TIMEOUT = 60_000;

let demo: DemoBrowser;
let watched: WatchedPage | undefined;

beforeAll(async () => {
  demo = await startDemoBrowser("eleve", { viaProxy: true });
}, BROWSER_TIMEOUT);

afterAll(async () => {
  await demo?.close();
}, BROWSER_TIMEOUT);

afterEach(async () => {
  const errors = watched?.errors ?? [];
  await demo.closePages();
  watched = undefined;
  expect(errors).toEqual([]);
});

describe("tagging through the reverse proxy, in Chromium", () => {
  it(
    "runs the loader from head and the tag once with the plan's properties, then tags a GAR click before navigation",
    async () => {
      watched = await demo.openPage();
      const { page } = watched;
      await page.goto(`${demo.base}/mediacentre`);
      await page.waitForFunction(
        () => (window as { __dnmaHits?: unknown[] }).__dnmaHits?.length === 1,
      );

      const calls = await page.evaluate(() =>
        (window as unknown as { __dnmaCalls: { method: string }[] }).__dnmaCalls.map(
          (call) => call.method,
        ),
      );
      expect(calls).toEqual(["Tag", "setProps", "identifiedVisitor.set", "page.set", "dispatch"]);
      expect(
        await page.evaluate(
          () => document.head.querySelectorAll('script[src="/dnma/smarttag_ENT.js"]').length,
        ),
      ).toBe(1);

      await Promise.all([
        page.waitForURL("**/gar/ressource?idRessource=ark-dico-fr*"),
        page.click("text=Dictionnaire de français"),
      ]);
      expect(watched.hits()).toEqual([
        pupilHit({
          p: "mediacentre",
          service: "DOCUMENTATION_CDI",
          outil: "ENT_DEMO",
          type: "NATIF",
        }),
        pupilHit({
          click: "N",
          p: "gar-ark-dico-fr",
          service: "RESSOURCE_REFERENCE_DICTIONNAIRE",
          outil: "GAR_RESSOURCE",
          type: "TIERS",
        }),
      ]);
    },
    BROWSER_TIMEOUT,
  );
});
