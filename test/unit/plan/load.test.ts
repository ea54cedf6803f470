import { describe, expect, it } from "vitest";
import { DnmaError } from "../../../src/errors.js";
import { loadPlan, parsePlan } from "../../../src/plan/load.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

function problemsOf(text: string): { code: string; lines: string[] } {
  try {
    parsePlan(text, "plan.yaml");
  } catch (err) {
    if (!(err instanceof DnmaError)) throw err;
    return { code: err.code, lines: err.describe().split("\n").slice(1) };
  }
  throw new Error("the plan was accepted");
}

describe("parsePlan", () => {
  it("compiles a valid plan", () => {
    const plan = parsePlan(MINIMAL_PLAN, "plan.yaml");

    expect(plan.name).toBe("test-plan");
    expect(plan.loaderSrc).toBe("/js/smarttag_ENT.js");
    expect(plan.rules.map((rule) => [rule.id, rule.line, rule.type])).toEqual(
      [
        ["home", 24],
        ["blog", 28],
        ["tool", 33],
      ].map(([id, line], index) => [id, line, index === 2 ? "TIERS" : "NATIF"]),
    );
    expect(plan.version).toMatch(/^[0-9a-f]{12}$/);
  });

  it("names file, line, field and the allowed values of a bad SERVICE", () => {
    const { code, lines } = problemsOf(MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTE"));

    expect(code).toBe("PLAN_INVALID");
    expect(lines).toEqual([
      expect.stringMatching(
        /^plan\.yaml:26: pages\[0\]\.service: SERVICE "NOTE" is not one of ACCUEIL, ACTUALITES, .*, PAGE_ENT$/,
      ),
    ]);
  });

  it("reports every schema problem at once, each at its line", () => {
    const text = MINIMAL_PLAN.replace("plateforme: PLATEFORME_T", "plateforme: plateforme t")
      .replace('default: "100000"', "default: 12345")
      .replace("    name: outil", "    nom: outil");
    const { lines } = problemsOf(text);

    expect(lines).toEqual([
      'plan.yaml:6: platform.plateforme: PLATEFORME "plateforme t" must be an upper-case label of the national list (A-Z, 0-9, _ or -)',
      'plan.yaml:10: sites.default: ID_SITE "12345" is not 6 digits (put it in quotes if it starts with 0)',
      "plan.yaml:33: pages[2].name: name is missing",
      'plan.yaml:40: pages[2].nom: unknown key "nom"; did you mean "name"?',
    ]);
  });

  it("refuses an OUTIL the plan does not declare", () => {
    const { lines } = problemsOf(MINIMAL_PLAN.replace("outil: TOOL_T", "outil: PRONOTE"));
    expect(lines).toEqual([
      'plan.yaml:39: pages[2].outil: OUTIL "PRONOTE" is not declared in outils: (declared: ENT_T, TOOL_T)',
    ]);
  });

  it("refuses a UAI key with a wrong check letter and an unquoted prefix", () => {
    const { lines } = problemsOf(
      MINIMAL_PLAN.replace('"0220158C"', '"0220158D"').replace('"002": "100002"', '002: "100002"'),
    );
    expect(lines).toEqual([
      'plan.yaml:12: sites.by_uai.0220158D: UAI "0220158D" has a wrong check letter or shape',
      'plan.yaml:14: sites.by_prefix.2: prefix "2" is not the 3 first digits of a UAI (quote it: "069")',
    ]);
  });

  it("refuses a template with unsafe text or an unknown parameter", () => {
    const { lines } = problemsOf(
      MINIMAL_PLAN.replace('name: "blog-{blogId}"', 'name: "le blog {id}"'),
    );
    expect(lines).toEqual([
      'plan.yaml:31: pages[1].name: "le blog {id}" has "le blog ", which SmartTag cannot carry safely (letters, digits and _ . ~ - only, at most 64); write "le_blog"',
    ]);
  });

  it("refuses a rule that an earlier rule always wins over", () => {
    const text = MINIMAL_PLAN.replace(
      "fallback:",
      "  - id: late\n    path: /blog/x/y\n    service: ACCUEIL\n    name: late\nfallback:",
    );
    const { lines } = problemsOf(text);
    expect(lines).toEqual([
      'plan.yaml:42: pages[3].path: rule "late" (/blog/x/y) can never match: rule "blog" (/blog/:blogId/*rest, line 28) comes first and matches every URL it matches',
    ]);
  });

  it("refuses an example that resolves otherwise than it says", () => {
    const text = `${MINIMAL_PLAN}examples:\n  - url: /home\n    expect: { service: NOTES }\n  - url: /login\n    expect: { skip: never-tag }\n`;
    const { lines } = problemsOf(text);
    expect(lines).toEqual([
      'plan.yaml:46: examples[0].expect: example GET /home resolves to rule "home": SERVICE ACCUEIL, OUTIL ENT_T, TYPE NATIF, name "accueil"; expected SERVICE "NOTES"',
    ]);
  });

  it("gives the line of a YAML syntax error", () => {
    const { code, lines } = problemsOf("version: 1\npages:\n  - path: /x\n   service: A\n");
    expect(code).toBe("PLAN_YAML_SYNTAX");
    expect(lines).toEqual([expect.stringMatching(/^plan\.yaml:4: bad indentation/)]);
  });

  it("says when the file cannot be read", async () => {
    await expect(loadPlan("/nonexistent/plan.yaml")).rejects.toMatchObject({
      code: "PLAN_NOT_FOUND",
    });
  });

  it("loads the shipped demo plan, examples included", async () => {
    const plan = await loadPlan("marking-plans/demo-ent.yaml");
    expect(plan.examples.length).toBeGreaterThan(10);
  });
});

describe("parsePlan: methods", () => {
  it("refuses a method that is never tagged", () => {
    const text = MINIMAL_PLAN.replace("method: [GET, POST]", "method: [GET, FETCH]");
    expect(() => parsePlan(text, "plan.yaml")).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            line: 36,
            field: "pages[2].method[1]",
            message: 'method "FETCH" is not GET or POST (the only methods dnma-tag tags)',
          }),
        ],
      }),
    );
  });
});

describe("parsePlan: messages a plan author can act on", () => {
  it("names record keys, dotted extensions and an empty file plainly, in line order", () => {
    const text = MINIMAL_PLAN.replace("  TOOL_T: TIERS\n", "  tool_t: TIERS\n").replace(
      "extensions: [css, js]",
      "extensions: [.css, js]",
    );
    expect(problemsOf(text).lines).toEqual([
      'plan.yaml:17: outils.tool_t: key "tool_t" must be an upper-case label of the national list (A-Z, 0-9, _ or -)',
      'plan.yaml:22: never_tag.extensions[0]: value ".css" must be an extension without the dot: js, not .js',
    ]);
    expect(problemsOf("").lines).toEqual([
      "plan.yaml:1: the plan is empty (start from marking-plans/demo-ent.yaml)",
    ]);
  });
});

describe("parsePlan: one pass", () => {
  it("reports a shadowed rule together with the other semantic problems", () => {
    const text = MINIMAL_PLAN.replace('"0220158C"', '"0220158D"').replace(
      "fallback:",
      "  - id: late\n    path: /blog/x/y\n    service: ACCUEIL\n    name: late\nfallback:",
    );
    expect(problemsOf(text).lines).toEqual([
      'plan.yaml:12: sites.by_uai.0220158D: UAI "0220158D" has a wrong check letter or shape',
      'plan.yaml:42: pages[3].path: rule "late" (/blog/x/y) can never match: rule "blog" (/blog/:blogId/*rest, line 28) comes first and matches every URL it matches',
    ]);
  });
});

describe("parsePlan: the loader path", () => {
  it.each(["//evil.example/x", "/d\u00e9", "/d\u0000x", "http://cdn.example.fr/x", "js"])(
    "refuses %j: the page would load a script from elsewhere, or get non-ASCII bytes",
    (path) => {
      const text = MINIMAL_PLAN.replace("  path: /js\n", `  path: ${JSON.stringify(path)}\n`);
      expect(problemsOf(text).lines).toEqual([
        `plan.yaml:8: loader.path: path ${JSON.stringify(path)} must be an absolute path on the ENT ("/js") or an https:// URL, in printable ASCII without spaces`,
      ]);
    },
  );
});

describe("parsePlan: the fallback", () => {
  it("names a bad SERVICE of the fallback like a page rule's", () => {
    const text = MINIMAL_PLAN.replace(
      "fallback:\n  service: PAGE_ENT",
      "fallback:\n  service: PAGE_NOPE",
    );
    expect(problemsOf(text).lines).toEqual([
      expect.stringMatching(
        /^plan\.yaml:42: fallback\.service: SERVICE "PAGE_NOPE" is not one of ACCUEIL, .*, PAGE_ENT$/,
      ),
    ]);
  });
});
