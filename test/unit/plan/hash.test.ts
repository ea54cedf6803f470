import { describe, expect, it } from "vitest";
import type { DnmaError } from "../../../src/errors.js";
import { parsePlan } from "../../../src/plan/load.js";
import { resolvePage, toPageRequest, toRoute } from "../../../src/plan/resolve.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const HASH_RULES = `  - id: class-pupil
    path: /class-admin
    hash: /myClass/:pupil
    service: PRODUCTION_COLLABORATIVE
    name: "eleve-{pupil}"
  - id: class-admin
    path: /class-admin
    service: PAGE_ENT
    name: administration
`;
const SPA_PLAN = `${MINIMAL_PLAN}spa:\n  enabled: true\n`;
const plan = parsePlan(SPA_PLAN.replace("fallback:", `${HASH_RULES}fallback:`), "plan.yaml");

function ruleAndName(url: string) {
  const resolution = resolvePage(plan, toPageRequest(url));
  return resolution.kind === "page" ? [resolution.ruleId, resolution.name] : [resolution.reason];
}

describe("hash conditions of page rules", () => {
  it.each([
    ["#/myClass", "/myClass"],
    ["#!/myClass/x", "/myClass/x"],
    ["#top", ""],
    ["#", ""],
    ["", ""],
  ])("takes the route of the fragment %j as %j", (fragment, route) => {
    expect(toRoute(fragment)).toBe(route);
  });

  it.each([
    ["/class-admin#/myClass/L%C3%A9a", ["class-pupil", "eleve-Lea"]],
    ["/class-admin#!/myClass/tom", ["class-pupil", "eleve-tom"]],
    ["/class-admin#/other", ["class-admin", "administration"]],
    ["/class-admin", ["class-admin", "administration"]],
    ["/class-admin#myClass/tom", ["class-admin", "administration"]],
  ])("resolves %s to %j", (url, expected) => {
    expect(ruleAndName(url)).toEqual(expected);
  });

  it("refuses hash conditions when SPA tracking is off", () => {
    try {
      parsePlan(MINIMAL_PLAN.replace("fallback:", `${HASH_RULES}fallback:`), "plan.yaml");
      throw new Error("accepted");
    } catch (err) {
      expect((err as DnmaError).describe().split("\n").slice(1)).toEqual([
        'plan.yaml:43: pages[3].hash: rule "class-pupil" has a hash condition, which only the browser can apply: set spa: { enabled: true }',
      ]);
    }
  });

  it("reports a hash rule placed after the rule for its bare path as shadowed", () => {
    const swapped = HASH_RULES.split("  - id: ")
      .filter(Boolean)
      .reverse()
      .map((rule) => `  - id: ${rule}`)
      .join("");
    const text = SPA_PLAN.replace("fallback:", `${swapped}fallback:`);
    try {
      parsePlan(text, "plan.yaml");
      throw new Error("accepted");
    } catch (err) {
      expect((err as DnmaError).describe().split("\n").slice(1)).toEqual([
        'plan.yaml:46: pages[4].path: rule "class-pupil" (/class-admin#/myClass/:pupil) can never match: rule "class-admin" (/class-admin, line 41) comes first and matches every URL it matches',
      ]);
    }
  });
});
