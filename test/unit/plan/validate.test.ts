import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../src/plan/load.js";
import { findPlanWarnings, validatePlanFile } from "../../../src/plan/validate.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

describe("findPlanWarnings", () => {
  it("warns about every rule no example resolves to", () => {
    const plan = parsePlan(
      `${MINIMAL_PLAN}examples:\n  - url: /home\n    expect: { service: ACCUEIL }\n`,
      "plan.yaml",
    );
    expect(
      findPlanWarnings(plan).map((issue) => `${issue.line}: ${issue.field}: ${issue.message}`),
    ).toEqual([
      '28: pages[1]: rule "blog" has no example (add one under examples: to pin its values)',
      '33: pages[2]: rule "tool" has no example (add one under examples: to pin its values)',
    ]);
  });

  it("warns about a rule whose paths are all on the never_tag list, once", () => {
    const text = MINIMAL_PLAN.replace("path: /home", "path: /api/home");
    const warnings = findPlanWarnings(parsePlan(text, "plan.yaml")).filter((issue) =>
      issue.field.startsWith("pages[0]"),
    );
    expect(warnings.map((issue) => `${issue.field}: ${issue.message}`)).toEqual([
      'pages[0].path: rule "home" can never tag a page: never_tag path "/api/*" (line 21) covers every path it matches',
    ]);
  });
});

describe("validatePlanFile", () => {
  it.each([
    ["test/fixtures/plans/base.yaml", "valid", 0],
    ["test/fixtures/plans/shadowed.yaml", "invalid", 4],
    ["test/fixtures/plans/broken.yaml", "invalid", 1],
    ["test/fixtures/plans/none.yaml", "unreadable", 1],
  ])("reports %s as %s with %i errors", async (file, status, errorCount) => {
    const { report } = await validatePlanFile(file);
    expect([report.status, report.errors.length]).toEqual([status, errorCount]);
  });
});
