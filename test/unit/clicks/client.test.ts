import { describe, expect, it } from "vitest";
import { describeClick, EXAMPLE_PAGE_BASE } from "../../../src/clicks/match.js";
import { resolveClickExample } from "../../../src/clicks/check.js";
import { loadPlanSync, parsePlan } from "../../../src/plan/load.js";
import { resolvePage, toPageRequest } from "../../../src/plan/resolve.js";
import { DEMO_PLAN } from "../../../src/demo/app.js";
import { createFakeElement, loadClientMatchers } from "../../support/client.js";
import { CLICKS_PLAN } from "../../support/plans.js";
import { toClickTarget } from "../../../src/clicks/match.js";

const demo = loadPlanSync(DEMO_PLAN);
const ENT = "https://ent.example/";

function serverPage(url: string) {
  const resolution = resolvePage(demo, toPageRequest(url));
  if (resolution.kind === "skip") return null;
  const { service, outil, type, name, chapters } = resolution;
  return { service, outil, type, name, chapters };
}

const EXTRA_URLS = [
  "/blog/Club%20Th%C3%A9%C3%A2tre/",
  "/blog/%E2%9C%93/x",
  "/workspace/",
  "/workspace/files/a.pdf",
  "/assets/ent.css",
  "/classe/trombinoscope#/notes",
  "/classe#/devoirs/",
  "/classe#/devoirs/s%C3%A9ance%201",
  "/inconnue?x=1",
  "/",
];

describe("the client's page resolver", () => {
  const client = loadClientMatchers(demo);

  it.each([...demo.examples.map((example) => example.url), ...EXTRA_URLS])(
    "gives %s the values the server resolver gives",
    (url) => {
      const expected = serverPage(url);
      expect(client.resolvePage(new URL(url, ENT))).toEqual(expected);
    },
  );

  it("gives the plan's examples their declared values", () => {
    expect(client.resolvePage(new URL("/classe#/devoirs/semaine-12", ENT))).toEqual({
      service: "CAHIER_TEXTES",
      outil: "ENT_DEMO",
      type: "NATIF",
      name: "devoirs-semaine-12",
      chapters: ["classe"],
    });
  });

  it("applies host and query conditions like the server", () => {
    const plan = parsePlan(
      CLICKS_PLAN.replace("clicks:", "spa:\n  enabled: true\nclicks:"),
      "plan.yaml",
    );
    for (const url of [
      "https://ent.example.fr/tool?view=list",
      "https://ent.example.fr/tool?view=grid",
      "https://a.example.fr/tool?view=list&x",
      "https://example.fr/tool?view=list",
    ]) {
      const resolution = resolvePage(plan, toPageRequest(url));
      const expected =
        resolution.kind === "page"
          ? {
              service: resolution.service,
              outil: resolution.outil,
              type: resolution.type,
              name: resolution.name,
              chapters: resolution.chapters,
            }
          : null;
      expect(loadClientMatchers(plan, url).resolvePage(new URL(url))).toEqual(expected);
    }
  });
});

describe("the client's click matcher", () => {
  const plans = { demo, clicks: parsePlan(CLICKS_PLAN, "plan.yaml") };
  const cases: [keyof typeof plans, string, string, Record<string, string>, string | undefined][] =
    [
      ...demo.clicks.examples.map(
        (e) =>
          ["demo", new URL(e.page, EXAMPLE_PAGE_BASE).href, e.tag, e.attributes, e.href] as [
            keyof typeof plans,
            string,
            string,
            Record<string, string>,
            string | undefined,
          ],
      ),
      [
        "clicks",
        "https://ent.example.fr/cdi",
        "a",
        {},
        "https://gar.example.fr/ressource/ark-42?type=man",
      ],
      [
        "clicks",
        "https://ent.example.fr/cdi",
        "a",
        {},
        "https://x.gar.example.fr/ressource/ark-42?type=valueOf",
      ],
      [
        "clicks",
        "https://ent.example.fr/cdi",
        "a",
        { class: "gar-tile", "data-code": "ori" },
        "/tile",
      ],
      ["clicks", "https://ent.example.fr/cdi", "a", { download: "" }, "/files/x"],
      ["clicks", "https://ent.example.fr/cdi", "a", {}, "/files/Rapport%20final.ODT"],
      ["clicks", "https://ent.example.fr/cdi", "button", { id: "open-tool" }, undefined],
      [
        "clicks",
        "https://ent.example.fr/cdi",
        "div",
        { role: "button", class: "tool x" },
        undefined,
      ],
      ["clicks", "https://ent.example.fr/cdi", "button", {}, "/search?q=%C3%A9t%C3%A9"],
      ["clicks", "https://ent.example.fr/cdi", "a", {}, "https://ent.example.fr:444/search?q=a"],
      ["clicks", "https://ent.example.fr/cdi", "a", {}, "//cdn.example.org/x"],
      ["clicks", "https://ent.example.fr/cdi", "a", {}, "mailto:x@example.fr"],
    ];

  it.each(cases)(
    "on the %s plan, on %s, gives <%s %j href=%s> the server's values",
    (planName, page, tag, attributes, href) => {
      const plan = plans[planName];
      const resolution = describeClick(
        plan.clicks,
        toClickTarget(
          page,
          tag,
          href === undefined || tag !== "a" ? attributes : { ...attributes, href },
          href,
        ),
      );
      const expected =
        resolution.kind === "skip"
          ? null
          : {
              rule: resolution.ruleId,
              service: resolution.service,
              outil: resolution.outil,
              type: resolution.type,
              hit: resolution.hit,
              name: resolution.name,
              chapters: resolution.chapters,
              garCode: resolution.garCode,
              isUnknownGarCode: resolution.isUnknownGarCode,
              isCountedWhenPrevented: false,
            };
      const client = loadClientMatchers(plan, page);
      expect(
        client.describeClick(
          createFakeElement(tag, attributes, href, page),
          new URL(page).hostname,
        ),
      ).toEqual(expected);
    },
  );

  it("agrees with the example checker on the demo plan's examples", () => {
    const tagged = demo.clicks.examples.map(
      (example) => resolveClickExample(demo.clicks, example).kind,
    );
    expect(tagged).toEqual(["click", "click", "click", "click", "click", "click", "skip"]);
  });
});
