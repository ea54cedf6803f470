import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../src/plan/load.js";
import { resolvePage, toPageRequest } from "../../../src/plan/resolve.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");

function resolve(url: string, method = "GET") {
  const resolution = resolvePage(plan, toPageRequest(url, method));
  if (resolution.kind === "skip") return { skip: resolution.reason };
  const { ruleId, service, outil, type, name, chapters } = resolution;
  return { ruleId, service, outil, type, name, chapters };
}

describe("resolvePage", () => {
  it.each([
    [
      "/home",
      {
        ruleId: "home",
        service: "ACCUEIL",
        outil: "ENT_T",
        type: "NATIF",
        name: "accueil",
        chapters: [],
      },
    ],
    [
      "/blog/Club%20Th%C3%A9%C3%A2tre/2026/rentree",
      {
        ruleId: "blog",
        service: "PRODUCTION_COLLABORATIVE",
        outil: "ENT_T",
        type: "NATIF",
        name: "blog-Club_Theatre",
        chapters: ["blogs", "2026_rentree"],
      },
    ],
    [
      "https://ent.example.fr/tool?view=list",
      {
        ruleId: "tool",
        service: "SERVICES_VIE_SCOLAIRE",
        outil: "TOOL_T",
        type: "TIERS",
        name: "outil",
        chapters: [],
      },
    ],
    [
      "https://ent.example.fr/tool?view=grid",
      {
        ruleId: "fallback",
        service: "PAGE_ENT",
        outil: "ENT_T",
        type: "NATIF",
        name: "autre",
        chapters: [],
      },
    ],
    [
      "https://other.fr/tool?view=list",
      {
        ruleId: "fallback",
        service: "PAGE_ENT",
        outil: "ENT_T",
        type: "NATIF",
        name: "autre",
        chapters: [],
      },
    ],
    ["/login", { skip: "never-tag" }],
    ["/api/users/1", { skip: "never-tag" }],
    ["/assets/app.CSS", { skip: "never-tag" }],
  ])("resolves %s", (url, expected) => {
    expect(resolve(url)).toEqual(expected);
  });

  it("applies method conditions", () => {
    expect(resolve("https://ent.example.fr/tool?view=list", "DELETE")).toMatchObject({
      ruleId: "fallback",
    });
  });

  it("names a page with no usable captured text after its rule", () => {
    expect(resolve("/blog/%E2%9C%93/x")).toMatchObject({ name: "blog-" });
  });

  it("skips unmatched pages when the plan has no fallback", () => {
    const strict = parsePlan(
      MINIMAL_PLAN.replace(
        /fallback:\n {2}service: PAGE_ENT\n {2}name: autre\n/,
        "fallback: false\n",
      ),
      "plan.yaml",
    );
    expect(resolvePage(strict, toPageRequest("/unknown"))).toEqual({
      kind: "skip",
      reason: "no-rule",
    });
  });
});
