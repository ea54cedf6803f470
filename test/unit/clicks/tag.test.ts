import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { DEMO_PLAN } from "../../../src/demo/app.js";
import { parsePlan } from "../../../src/plan/load.js";
import { createTagger } from "../../../src/tagging/tagger.js";
import { createFakeWindow } from "../../support/client.js";
import { hmac, TEST_SECRET } from "../../support/app.js";
import { CLICKS_PLAN } from "../../support/plans.js";

/** Bytes the tag script may take on a page of the demo plan (clicks and SPA on). */
const DEMO_TAG_BUDGET = 8500;

const pupil = { id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" };

function tagFor(plan: string | ReturnType<typeof parsePlan>, url: string): string {
  const tagger = createTagger({ plan, secret: TEST_SECRET, logger: undefined });
  const path = url.replace(/[?#].*$/, "");
  const preparation = tagger.prepare(
    { method: "GET", url, path, host: "ent.example", headers: {} },
    pupil,
  );
  if (preparation.kind !== "tag") throw new Error(`not tagged: ${preparation.reason}`);
  return preparation.tag;
}

/** Runs a tag script on a fake page at `location`; returns the tracker calls it made. */
function runTag(tag: string, location: string): unknown[][] {
  const calls: unknown[][] = [];
  function Tag(this: Record<string, unknown>, config: unknown) {
    calls.push(["Tag", config]);
    this.setProps = (props: unknown, persistent: boolean) =>
      calls.push(["setProps", props, persistent]);
    this.identifiedVisitor = {
      set: (visitor: unknown) => calls.push(["identifiedVisitor.set", visitor]),
    };
    this.page = { set: (values: unknown) => calls.push(["page.set", values]) };
    this.click = { send: (options: unknown) => calls.push(["click.send", options]) };
    this.dispatch = () => calls.push(["dispatch"]);
  }
  const { window } = createFakeWindow(`https://ent.example${location}`);
  const context = vm.createContext({ ...window, window: undefined as unknown });
  context.window = context;
  context.ATInternet = { Tracker: { Tag } };
  vm.runInContext(tag.replace(/^<script[^>]*>/, "").replace(/<\/script>$/, ""), context);
  return JSON.parse(JSON.stringify(calls));
}

const PLATFORM = {
  PROJET: "DEMO_ENT_REGION",
  EXPLOITANT: "DEMO_EXPLOITANT",
  PLATEFORME: "DEMO_PLATEFORME",
};

describe("the tag of a plan with clicks and SPA tracking", () => {
  it(`stays within ${DEMO_TAG_BUDGET} bytes on the demo plan, ASCII, with one end of script`, () => {
    const tag = tagFor(DEMO_PLAN, "/mediacentre");

    expect(tag.length).toBeLessThanOrEqual(DEMO_TAG_BUDGET);
    expect(tag).toMatch(/^[\x20-\x7e\n]*$/);
    expect(tag.match(/<\/script/gi)).toEqual(["</script"]);
    expect(tag.indexOf("(function dnmaClient(")).toBeGreaterThan(tag.indexOf("ATTag.page.set("));
    expect(tag.endsWith('}, ATTag, "0021593W", window);\nATTag.dispatch();\n}\n</script>')).toBe(
      true,
    );
  });

  it("makes the reference's calls, once, on a page without a hash route", () => {
    expect(runTag(tagFor(DEMO_PLAN, "/mediacentre"), "/mediacentre")).toEqual([
      ["Tag", { site: "100002" }],
      [
        "setProps",
        {
          SERVICE: "DOCUMENTATION_CDI",
          TYPE: "NATIF",
          OUTIL: "ENT_DEMO",
          UAI: "0021593W",
          ...PLATFORM,
          PROFIL: "ELEVE",
        },
        true,
      ],
      ["identifiedVisitor.set", { id: hmac("jdupont"), category: "ELEVE" }],
      ["page.set", { name: "mediacentre", level2: "0021593W" }],
      ["dispatch"],
    ]);
  });

  it("gives the page hit of a hash route the values the browser resolves, before dispatch", () => {
    const calls = runTag(tagFor(DEMO_PLAN, "/classe"), "/classe#/devoirs/semaine-12");
    expect(calls.slice(3)).toEqual([
      ["page.set", { name: "classe", level2: "0021593W" }],
      ["setProps", { SERVICE: "CAHIER_TEXTES", TYPE: "NATIF", OUTIL: "ENT_DEMO" }, true],
      ["page.set", { name: "devoirs-semaine-12", level2: "0021593W", chapter1: "classe" }],
      ["dispatch"],
    ]);
  });

  it("escapes plan text that HTML would read inside the compact rules", () => {
    const plan = parsePlan(
      CLICKS_PLAN.replace(
        'selector: "a.gar-tile[data-code]"',
        `selector: "a[title='</script><!--']"`,
      ),
      "plan.yaml",
    );
    const tag = tagFor(plan, "/home");
    expect(tag).toContain(`"c":"a[title='\\u003c/script\\u003e\\u003c!--']"`);
    expect(tag.match(/<\/script/gi)).toEqual(["</script"]);
  });

  it("leaves the tag of a plan without clicks or SPA exactly as before", () => {
    const tag = tagFor(parsePlan(CLICKS_PLAN.replace(/clicks:[\s\S]*$/, ""), "plan.yaml"), "/home");
    expect(tag).not.toContain("dnmaClient");
    expect(
      tag.endsWith(
        'ATTag.page.set({name: "accueil", level2: "0021593W"});\nATTag.dispatch();\n}\n</script>',
      ),
    ).toBe(true);
  });
});
