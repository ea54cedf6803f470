import { describe, expect, it, vi } from "vitest";

// Stands for a rule condition the explanation does not spell out (as later plan
// features may add): resolvePage's matcher refuses the rule whatever the checks say.
vi.mock("../../../src/plan/resolve.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../../src/plan/resolve.js")>();
  return { ...original, matchConditions: () => undefined };
});

const { explainMatch } = await import("../../../src/plan/explain.js");
const { parsePlan } = await import("../../../src/plan/load.js");
const { toPageRequest } = await import("../../../src/plan/resolve.js");
const { MINIMAL_PLAN } = await import("../../support/plans.js");

describe("explainMatch with a condition it does not spell out", () => {
  it("follows the matcher and says an unexplained condition failed", () => {
    const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");
    const trial = explainMatch(plan, toPageRequest("/home")).trials[0];
    expect(trial).toEqual({
      id: "home",
      line: 24,
      matched: false,
      checks: [
        { condition: "path", expected: "/home", actual: "/home", holds: true },
        {
          condition: "other",
          expected: "the rule's other conditions",
          actual: "not met",
          holds: false,
        },
      ],
    });
  });
});
