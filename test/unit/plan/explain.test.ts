import { describe, expect, it } from "vitest";
import { checkConditions, explainMatch } from "../../../src/plan/explain.js";
import { loadPlanSync, parsePlan } from "../../../src/plan/load.js";
import { resolvePage, toPageRequest } from "../../../src/plan/resolve.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const demo = loadPlanSync("marking-plans/demo-ent.yaml");
const minimal = parsePlan(MINIMAL_PLAN, "plan.yaml");

describe("explainMatch", () => {
  it.each([
    "/timeline",
    "/notes/",
    "/blog/x/y",
    "/conversation/message/1",
    "/parametres",
    "/login",
    "/api/x",
    "/a.png",
    "/",
    "/userbook/carnet",
  ])("gives the same result as resolvePage for %s, the matching rule last", (url) => {
    const request = toPageRequest(url);
    const explanation = explainMatch(demo, request);
    const resolution = resolvePage(demo, request);
    const last = explanation.trials.at(-1);

    expect(explanation.result.kind).toBe(resolution.kind);
    if (resolution.kind === "page") {
      expect(explanation.result).toMatchObject({
        ruleId: resolution.ruleId,
        service: resolution.service,
        name: resolution.name,
      });
      expect(last?.matched ?? false).toBe(resolution.ruleId !== "fallback");
      expect(explanation.trials.slice(0, -1).every((trial) => !trial.matched)).toBe(true);
    }
  });

  it("stops at never_tag, naming the entry and its line", () => {
    expect(explainMatch(demo, toPageRequest("/public/actualites"))).toMatchObject({
      neverTag: { kind: "path", entry: "/public/*", line: 61 },
      trials: [],
      result: { kind: "skip", reason: "never-tag" },
    });
  });

  it("reports a plan without fallback as no-rule", () => {
    const plan = parsePlan(
      MINIMAL_PLAN.replace(/fallback:\n.*\n.*\n/, "fallback: false\n"),
      "plan.yaml",
    );
    expect(explainMatch(plan, toPageRequest("/nowhere")).result).toEqual({
      kind: "skip",
      reason: "no-rule",
    });
  });
});

describe("checkConditions", () => {
  it("checks every condition, even after one fails", () => {
    const tool = minimal.rules[2];
    if (!tool) throw new Error("no tool rule");
    expect(
      checkConditions(tool.conditions, toPageRequest("https://other.fr/tools?mode=x", "PUT")),
    ).toEqual([
      { condition: "method", expected: "GET,POST", actual: "PUT", holds: false },
      { condition: "host", expected: "*.example.fr", actual: "other.fr", holds: false },
      { condition: "query", expected: "view=list", actual: "view absent", holds: false },
      { condition: "path", expected: "/tool", actual: "/tools", holds: false },
    ]);
  });
});

describe("explainMatch with hash routes", () => {
  it("spells out the hash condition of a rule, met or not", async () => {
    const { loadPlan } = await import("../../../src/plan/load.js");
    const plan = await loadPlan("marking-plans/demo-ent.yaml");
    const trials = (url: string) =>
      explainMatch(plan, toPageRequest(url)).trials.filter((trial) => trial.id.startsWith("class"));

    expect(
      trials("/classe").map((trial) => [
        trial.id,
        trial.matched,
        trial.checks.map((check) => [check.condition, check.holds]),
      ]),
    ).toEqual([
      [
        "class-homework",
        false,
        [
          ["path", true],
          ["hash", false],
        ],
      ],
      [
        "class-marks",
        false,
        [
          ["path", true],
          ["hash", false],
        ],
      ],
      ["class-photos", false, [["path", false]]],
      ["class", true, [["path", true]]],
    ]);
    expect(trials("/classe#/devoirs/s12")[0]?.checks[1]).toEqual({
      condition: "hash",
      expected: "#/devoirs/:semaine",
      actual: "#/devoirs/s12",
      holds: true,
    });
  });
});
