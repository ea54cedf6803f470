/// <reference lib="dom" />
/**
 * SPA tracking in a real browser against the demo's /classe page (hash routes and a
 * pushState route), and the client's matchers run on real DOM elements against the
 * server's resolution of the demo plan's examples.
 */

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveClickExample } from "../../src/clicks/check.js";
import { readClientSource } from "../../src/clicks/client-script.js";
import { toClientConfig } from "../../src/clicks/client-config.js";
import { EXAMPLE_PAGE_BASE } from "../../src/clicks/match.js";
import { resolvePage, toPageRequest } from "../../src/plan/resolve.js";
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
  await expect.poll(() => watched?.hits().length).toBe(1);
  return watched;
}

const classHit = (p: string, service = "PAGE_ENT") =>
  pupilHit({ p, service, outil: "ENT_DEMO", type: "NATIF" });

describe("SPA tracking in Chromium", () => {
  it(
    "sends one page hit per route: hash routes, pushState, back",
    async () => {
      const tab = await open("/classe");
      const expected = [classHit("classe")];
      const step = async (action: () => Promise<unknown>, hit: Record<string, string>) => {
        await action();
        expected.push(hit);
        await expect.poll(() => tab.hits().length).toBe(expected.length);
      };

      await step(
        () => tab.page.click(".class-nav >> text=Devoirs"),
        classHit("classe::devoirs-semaine-12", "CAHIER_TEXTES"),
      );
      await step(
        () => tab.page.click(".class-nav >> text=Notes"),
        classHit("classe::notes_classe", "NOTES"),
      );
      await step(
        () => tab.page.click(".class-nav >> text=Trombinoscope"),
        classHit("classe::trombinoscope", "PRODUCTION_COLLABORATIVE"),
      );
      await step(
        () => tab.page.evaluate(() => history.back()),
        classHit("classe::notes_classe", "NOTES"),
      );
      await step(
        () => tab.page.click(".class-nav >> text=Accueil de la classe"),
        classHit("classe"),
      );

      expect(tab.hits()).toEqual(expected);
      expect(tab.page.url()).toBe(`${demo.base}/classe`);
      expect(tab.requests.filter((request) => request.resourceType() === "document").length).toBe(
        1,
      );
    },
    BROWSER_TIMEOUT,
  );

  it(
    "gives a page loaded on a hash route the browser's values, in its only page hit",
    async () => {
      const tab = await open("/classe#/devoirs/semaine-3");

      expect(tab.hits()).toEqual([classHit("classe::devoirs-semaine-3", "CAHIER_TEXTES")]);
      const dispatches = await tab.page.evaluate(
        () =>
          (window as unknown as { __dnmaCalls: { method: string }[] }).__dnmaCalls.filter(
            (call) => call.method === "dispatch",
          ).length,
      );
      expect(dispatches).toBe(1);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "sends nothing for replaceState or an anchor that is not a route",
    async () => {
      const tab = await open("/classe");
      await tab.page.evaluate(() => {
        history.replaceState(null, "", "/classe/trombinoscope");
        location.hash = "top";
      });
      await tab.page.click(".class-nav >> text=Devoirs");
      await tab.page.click(".class-nav >> text=Accueil de la classe");
      await expect.poll(() => tab.hits().length).toBe(3);

      // The hash route of /classe/trombinoscope matches no hash rule: the path's rule answers.
      expect(tab.hits()).toEqual([
        classHit("classe"),
        classHit("classe::trombinoscope", "PRODUCTION_COLLABORATIVE"),
        classHit("classe"),
      ]);
    },
    BROWSER_TIMEOUT,
  );

  it(
    "sends nothing for an anchor on a page shown by a hash route",
    async () => {
      const tab = await open("/classe#!/notes");
      await tab.page.evaluate(() => {
        location.hash = "top";
      });
      await tab.page.evaluate(() => {
        location.hash = "!/notes";
      });
      await tab.page.click(".class-nav >> text=Accueil de la classe");
      await expect.poll(() => tab.hits().length).toBe(2);

      expect(tab.hits()).toEqual([classHit("classe::notes_classe", "NOTES"), classHit("classe")]);
    },
    BROWSER_TIMEOUT,
  );
});

describe("the client's matchers on real DOM elements", () => {
  it(
    "give the demo plan's page and click examples what the server gives",
    async () => {
      const plan = demo.tagger.plan;
      const pages = [
        ...plan.examples.map((example) => example.url),
        "/classe/trombinoscope#/notes",
        "/blog/%E2%9C%93/x",
      ];
      const expectedPages = pages.map((url) => {
        const resolution = resolvePage(plan, toPageRequest(url));
        if (resolution.kind === "skip") return null;
        const { service, outil, type, name, chapters } = resolution;
        return { service, outil, type, name, chapters };
      });
      const clicks = plan.clicks.examples.map((example) => ({
        tag: example.tag,
        attributes: example.attributes,
        href:
          example.href === undefined
            ? undefined
            : new URL(example.href, new URL(example.page, EXAMPLE_PAGE_BASE)).href,
        pageHost: new URL(example.page, EXAMPLE_PAGE_BASE).hostname,
      }));
      const expectedClicks = plan.clicks.examples.map((example) => {
        const resolution = resolveClickExample(plan.clicks, example);
        if (resolution.kind === "skip") return null;
        const {
          ruleId: rule,
          service,
          outil,
          type,
          hit,
          name,
          chapters,
          garCode,
          isUnknownGarCode,
        } = resolution;
        return {
          rule,
          service,
          outil,
          type,
          hit,
          name,
          chapters,
          garCode,
          isUnknownGarCode,
          isCountedWhenPrevented: false,
        };
      });

      const tab = await open("/mediacentre");
      const actual = await tab.page.evaluate(
        ({ source, config, pages, clicks, base }) => {
          const fakeWindow = {
            ...window,
            document,
            location: new URL(base),
            navigator,
            URL,
            URLSearchParams,
            Element,
            history: {},
            addEventListener() {},
            setTimeout,
          };
          const tracker = {
            setProps() {},
            page: { set() {} },
            click: { send() {} },
            dispatch() {},
          };
          // The built client, evaluated globally as the tag script runs it.
          // biome-ignore lint/security/noGlobalEval: test code running our own built script
          const evaluateGlobally = window.eval;
          const client = evaluateGlobally(`(${source})`)(config, tracker, "0021593W", fakeWindow);
          const elements = clicks.map((click) => {
            const element = document.createElement(click.tag);
            for (const [name, value] of Object.entries(click.attributes))
              element.setAttribute(name, value as string);
            if (click.href !== undefined && click.tag === "a")
              element.setAttribute("href", click.href);
            const holder =
              click.href !== undefined && click.tag !== "a"
                ? document.createElement("form")
                : document.body;
            if (holder !== document.body) (holder as HTMLFormElement).action = click.href as string;
            holder.appendChild(element);
            if (holder !== document.body) document.body.appendChild(holder);
            return client.describeClick(element, click.pageHost);
          });
          return {
            pages: pages.map((url) => client.resolvePage(new URL(url, base))),
            clicks: elements,
          };
        },
        {
          source: readClientSource(),
          config: toClientConfig(plan),
          pages,
          clicks,
          base: EXAMPLE_PAGE_BASE,
        },
      );

      expect(actual.pages).toEqual(expectedPages);
      expect(actual.clicks).toEqual(expectedClicks);
    },
    BROWSER_TIMEOUT,
  );
});
