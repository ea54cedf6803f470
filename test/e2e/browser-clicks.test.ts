/// <reference lib="dom" />
/**
 * Click tagging in a real browser (Debian's Chromium, headless) against the demo ENT on
 * 127.0.0.1: the hits the stand-in smarttag_ENT.js would send, and the navigation the
 * user gets. External hosts are answered locally by the browser helper.
 */

import { mkdirSync } from "node:fs";
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
  demo = await startDemoBrowser();
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

async function open(path: string): Promise<WatchedPage> {
  watched = await demo.openPage();
  await watched.page.goto(`${demo.base}${path}`);
  await watched.page.waitForFunction(
    () => (window as { __dnmaHits?: unknown[] }).__dnmaHits?.length === 1,
  );
  return watched;
}

function indexOfRequest(page: WatchedPage, method: string, urlPart: string): number {
  return page.requests.findIndex(
    (request) => request.method() === method && request.url().includes(urlPart),
  );
}

const MEDIACENTRE_HIT = pupilHit({
  p: "mediacentre",
  service: "DOCUMENTATION_CDI",
  outil: "ENT_DEMO",
  type: "NATIF",
});
const garHit = (name: string, service: string) =>
  pupilHit({ click: "N", p: name, service, outil: "GAR_RESSOURCE", type: "TIERS" });

describe("click tagging in Chromium", () => {
  it(
    "runs the loader from head and the tag once, with the plan's properties",
    async () => {
      const { page, hits } = await open("/mediacentre");

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
      expect(hits()).toEqual([MEDIACENTRE_HIT]);

      mkdirSync("test-artifacts", { recursive: true });
      await page.screenshot({ path: "test-artifacts/mediacentre.png", fullPage: true });
    },
    BROWSER_TIMEOUT,
  );

  it(
    "sends the GAR click hit, with level2, before the browser follows the link",
    async () => {
      const tab = await open("/mediacentre");
      await Promise.all([
        tab.page.waitForURL("**/gar/ressource?idRessource=ark-dico-fr*"),
        tab.page.click("text=Dictionnaire de français"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-dico-fr", "RESSOURCE_REFERENCE_DICTIONNAIRE"),
      ]);
      const beacon = tab.requests.findIndex((request) => request.resourceType() === "ping");
      expect(beacon).toBeGreaterThan(-1);
      expect(beacon).toBeLessThan(
        indexOfRequest(tab, "GET", "/gar/ressource?idRessource=ark-dico-fr"),
      );
    },
    BROWSER_TIMEOUT,
  );

  it(
    "lets a target=_blank link open its tab and passes elem to click.send with sendBeacon",
    async () => {
      const tab = await open("/mediacentre");
      const [popup] = await Promise.all([
        demo.browser.context.waitForEvent("page"),
        tab.page.click("text=Manuel de mathématiques 3e"),
      ]);
      await popup.waitForURL("**/gar/ressource?idRessource=ark-manuel-maths-3e*");

      expect(tab.page.url()).toBe(`${demo.base}/mediacentre`);
      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-manuel-maths-3e", "MANUEL_NUMERIQUE"),
      ]);
      const send = await tab.page.evaluate(() =>
        (window as unknown as { __dnmaCalls: { method: string; args: unknown }[] }).__dnmaCalls
          .filter((call) => call.method.startsWith("click") || call.method === "setProps")
          .slice(1),
      );
      expect(send).toEqual([
        {
          method: "setProps",
          args: {
            props: { SERVICE: "MANUEL_NUMERIQUE", OUTIL: "GAR_RESSOURCE", TYPE: "TIERS" },
            persistent: false,
          },
        },
        {
          method: "click.send",
          args: {
            name: "gar-ark-manuel-maths-3e",
            type: "navigation",
            level2: "0021593W",
            hasElem: true,
          },
        },
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it.each([
    ["a middle click", { button: "middle" as const }],
    ["a ctrl-click", { modifiers: ["Control" as const] }],
  ])(
    "tags %s and leaves the new tab to the browser",
    async (_label, options) => {
      const tab = await open("/mediacentre");
      const [popup] = await Promise.all([
        demo.browser.context.waitForEvent("page"),
        tab.page.click("text=Onisep — orientation", options),
      ]);
      await popup.waitForURL("**/gar/ressource?idRessource=ark-orientation*");

      expect(tab.page.url()).toBe(`${demo.base}/mediacentre`);
      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-orientation", "RESSOURCE_ORIENTATION"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags a click that a page handler stops from propagating",
    async () => {
      const tab = await open("/mediacentre");
      await tab.page.evaluate(() => {
        const link = Array.from(document.querySelectorAll("a")).find(
          (a) => a.textContent === "Onisep — orientation",
        );
        link?.addEventListener("click", (event: Event) => event.stopPropagation());
      });
      await Promise.all([
        tab.page.waitForURL("**/gar/ressource?idRessource=ark-orientation*"),
        tab.page.click("text=Onisep — orientation"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-orientation", "RESSOURCE_ORIENTATION"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags a link activated with the keyboard",
    async () => {
      const tab = await open("/mediacentre");
      await tab.page.focus("text=Dictionnaire de français");
      await Promise.all([
        tab.page.waitForURL("**/gar/ressource?idRessource=ark-dico-fr*"),
        tab.page.keyboard.press("Enter"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-dico-fr", "RESSOURCE_REFERENCE_DICTIONNAIRE"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags a link the page added after load",
    async () => {
      const tab = await open("/mediacentre");
      await Promise.all([
        tab.page.waitForURL("**/gar/ressource?idRessource=ark-video-svt*"),
        tab.page.click("text=Vidéos de SVT"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-video-svt", "RESSOURCE_MULTIMEDIA"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "gives an unknown GAR code the configured SERVICE and reports it to dnma-tag",
    async () => {
      const tab = await open("/mediacentre");
      await Promise.all([
        tab.page.waitForURL("**/gar/ressource?idRessource=ark-atlas*"),
        tab.page.click("text=Atlas"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        garHit("gar-ark-atlas", "RESSOURCE_DOCUMENTAIRE"),
      ]);
      const report = tab.requests.find((request) => request.url().includes("/__dnma-tag/report"));
      expect(report?.url()).toBe(`${demo.base}/__dnma-tag/report?rule=gar&gar=ATL`);
      await expect
        .poll(async () =>
          (await demo.tagger.metrics.garUnknownCodes.get()).values.map((v) => [v.labels, v.value]),
        )
        .toEqual([[{ rule: "gar", code: "ATL" }, 1]]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags an external link as TIERS and lets the browser leave (answered locally)",
    async () => {
      const tab = await open("/mediacentre");
      await Promise.all([
        tab.page.waitForURL("https://www.education.gouv.fr/"),
        tab.page.click("text=education.gouv.fr"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        pupilHit({
          click: "N",
          p: "lien-www.education.gouv.fr",
          service: "PAGE_ENT",
          outil: "ENT_DEMO",
          type: "TIERS",
        }),
      ]);
      expect(demo.browser.externalRequests).toContain("https://www.education.gouv.fr/");
    },
    BROWSER_TIMEOUT,
  );

  it(
    "leaves a link whose page handler prevents default where it is, untagged",
    async () => {
      const tab = await open("/mediacentre");
      await tab.page.click("text=Aperçu du manuel");
      await tab.page.waitForSelector("text=(aperçu affiché dans la page)");

      expect(tab.page.url()).toBe(`${demo.base}/mediacentre`);
      expect(indexOfRequest(tab, "GET", "/gar/ressource")).toBe(-1);
      expect(tab.hits()).toEqual([MEDIACENTRE_HIT]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags the button that opens Pronote, by selector, and keeps its own navigation",
    async () => {
      const tab = await open("/mediacentre");
      await Promise.all([
        tab.page.waitForURL("**/vie-scolaire/agenda"),
        tab.page.click("text=Ouvrir Pronote"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        pupilHit({
          click: "N",
          p: "ouverture_pronote",
          service: "SERVICES_VIE_SCOLAIRE",
          outil: "PRONOTE",
          type: "TIERS",
        }),
        pupilHit({
          p: "vie_scolaire",
          service: "SERVICES_VIE_SCOLAIRE",
          outil: "PRONOTE",
          type: "TIERS",
        }),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "tags a form's submit button by its form action and lets the form submit",
    async () => {
      const tab = await open("/mediacentre");
      await tab.page.evaluate(() => {
        const form = document.createElement("form");
        form.action = "https://www.education.gouv.fr/recherche";
        form.innerHTML =
          '<input name="q" value="bac 2026"><input type="hidden" name="action" value="x"><button type="submit">Chercher</button>';
        document.getElementById("content")?.appendChild(form);
      });
      await Promise.all([
        tab.page.waitForURL("https://www.education.gouv.fr/recherche?q=bac+2026&action=x"),
        tab.page.click("text=Chercher"),
      ]);

      expect(tab.hits()).toEqual([
        MEDIACENTRE_HIT,
        pupilHit({
          click: "N",
          p: "lien-www.education.gouv.fr",
          service: "PAGE_ENT",
          outil: "ENT_DEMO",
          type: "TIERS",
        }),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "sends download hits for the workspace's files",
    async () => {
      const tab = await open("/workspace/");
      const [download] = await Promise.all([
        tab.page.waitForEvent("download"),
        tab.page.click("text=Règlement intérieur (PDF)"),
      ]);
      expect(download.suggestedFilename()).toBe("reglement-interieur.pdf");
      await Promise.all([
        tab.page.waitForRequest("**/workspace/files/sortie-scolaire.pdf"),
        tab.page.click("text=Autorisation de sortie (PDF)"),
      ]);

      const file = (name: string) =>
        pupilHit({
          click: "T",
          p: `documents::fichier-${name}`,
          service: "STOCKAGE_PARTAGE",
          outil: "ENT_DEMO",
          type: "NATIF",
        });
      expect(tab.hits().slice(1)).toEqual([
        file("reglement-interieur.pdf"),
        file("sortie-scolaire.pdf"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "without sendBeacon, gives click.send no elem, so that the library cannot navigate a second time",
    async () => {
      watched = await demo.openPage();
      await watched.page.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, "sendBeacon", { value: undefined });
      });
      await watched.page.goto(`${demo.base}/mediacentre`);
      const [popup] = await Promise.all([
        demo.browser.context.waitForEvent("page"),
        watched.page.click("text=Manuel de mathématiques 3e"),
      ]);
      await popup.waitForURL("**/gar/ressource?idRessource=ark-manuel-maths-3e*");
      await watched.page.waitForFunction(
        () => (window as { __dnmaHits?: unknown[] }).__dnmaHits?.length === 2,
      );

      const send = await watched.page.evaluate(() =>
        (
          window as unknown as { __dnmaCalls: { method: string; args: unknown }[] }
        ).__dnmaCalls.filter((call) => call.method === "click.send"),
      );
      expect(send).toEqual([
        {
          method: "click.send",
          args: {
            name: "gar-ark-manuel-maths-3e",
            type: "navigation",
            level2: "0021593W",
            hasElem: false,
          },
        },
      ]);
      expect(watched.page.url()).toBe(`${demo.base}/mediacentre`);
    },
    BROWSER_TIMEOUT,
  );
});
