import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../src/plan/load.js";
import { checkExamples, findShadowing } from "../../../src/plan/check.js";
import { DnmaError } from "../../../src/errors.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const SHADOWED = MINIMAL_PLAN.replace(
  "fallback:",
  "  - id: late\n    path: /blog/x/y\n    service: ACCUEIL\n    name: late\nfallback:",
);

function issuesOf(text: string): string[] {
  try {
    parsePlan(text, "plan.yaml");
  } catch (err) {
    if (err instanceof DnmaError)
      return err.issues.map((issue) => `${issue.line}: ${issue.field}: ${issue.message}`);
    throw err;
  }
  return [];
}

describe("findShadowing", () => {
  it("pairs each shadowed rule with the earlier rule that wins", () => {
    const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");
    const late = {
      ...plan.rules[1],
      id: "late",
      index: 3,
      conditions: { ...plan.rules[1]?.conditions },
    };
    const found = findShadowing({ ...plan, rules: [...plan.rules, late] as typeof plan.rules });
    expect(found.map(({ rule, earlier }) => [rule.id, earlier.id])).toEqual([["late", "blog"]]);
  });
});

describe("checkExamples", () => {
  it("calls an example of a shadowed rule unreachable instead of a mere mismatch", () => {
    const text = `${SHADOWED}examples:\n  - url: /blog/x/y\n    expect: { rule: late }\n`;
    expect(issuesOf(text)).toEqual([
      '42: pages[3].path: rule "late" (/blog/x/y) can never match: rule "blog" (/blog/:blogId/*rest, line 28) comes first and matches every URL it matches',
      '50: examples[0].expect: example GET /blog/x/y expects rule "late", which is unreachable: rule "blog" (line 28) comes first and matches every URL it matches',
    ]);
  });

  it("names the rules of the plan when an example expects one it lacks", () => {
    const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");
    const example = {
      url: "/home",
      method: "GET",
      expect: { rule: "homepage" },
      index: 0,
      line: 3,
    };
    expect(checkExamples({ ...plan, examples: [example] })).toEqual([
      {
        path: ["examples", 0, "expect"],
        message:
          'example GET /home expects rule "homepage", which the plan does not have (rules: home, blog, tool)',
      },
    ]);
  });

  it("accepts an example that expects the fallback", () => {
    const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");
    const example = {
      url: "/elsewhere",
      method: "GET",
      expect: { rule: "fallback", service: "PAGE_ENT" as const },
      index: 0,
      line: 3,
    };
    expect(checkExamples({ ...plan, examples: [example] })).toEqual([]);
  });
});
