import { describe, expect, it } from "vitest";
import { parseJsonOutput, runCli } from "../support/cli.js";

const PLANS = "test/fixtures/plans";

describe("dnma-tag validate", () => {
  it("accepts the demo plan and a valid test plan with exit code 0 and a table", async () => {
    const result = await runCli(["validate", "marking-plans/demo-ent.yaml", `${PLANS}/base.yaml`]);
    const lines = result.stdout.split("\n");

    expect(result.status).toBe(0);
    expect(lines[0]).toBe(
      "PLAN                           RESULT  NAME VERSION           RULES  EXAMPLES  ERRORS  WARNINGS",
    );
    expect(lines[2]).toMatch(
      /^marking-plans\/demo-ent\.yaml {4}valid {3}demo-ent [0-9a-f]{12} {5}20 {8}24 {7}0 {9}0$/,
    );
    expect(lines[3]).toMatch(
      /^test\/fixtures\/plans\/base\.yaml {2}valid {3}base [0-9a-f]{12} {10}3 {9}4 {7}0 {9}0$/,
    );
    expect(lines.length).toBe(5);
  });

  it("lists every schema problem with file:line and field, exit code 1", async () => {
    const result = await runCli(["validate", `${PLANS}/bad-values.yaml`]);
    const issues = result.stdout.split("\n\n")[1]?.trim().split("\n");

    expect(result.status).toBe(1);
    expect(issues).toEqual([
      `${PLANS}/bad-values.yaml:2: platform.exploitant: EXPLOITANT "exploitant t" must be an upper-case label of the national list (A-Z, 0-9, _ or -)`,
      `${PLANS}/bad-values.yaml:6: sites.default: ID_SITE "12345" is not 6 digits (put it in quotes if it starts with 0)`,
      expect.stringMatching(
        new RegExp(
          `^${PLANS}/bad-values\\.yaml:12: pages\\[0\\]\\.service: SERVICE "ACCEUIL" is not one of ACCUEIL, ACTUALITES, .*, PAGE_ENT$`,
        ),
      ),
    ]);
  });

  it("reports shadowed rules, unreachable examples, unknown rules and mismatching examples", async () => {
    const result = await runCli(["validate", "--json", `${PLANS}/shadowed.yaml`]);
    const report = parseJsonOutput(result) as {
      valid: boolean;
      plans: { status: string; errors: { line: number; field: string; message: string }[] }[];
    };

    expect(result.status).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.plans[0]?.status).toBe("invalid");
    expect(
      report.plans[0]?.errors.map(({ line, field, message }) => [line, field, message]),
    ).toEqual([
      [
        13,
        "pages[1].path",
        'rule "mail-message" (/conversation/message/:id) can never match: rule "mail" (/conversation/*, line 8) comes first and matches every URL it matches',
      ],
      [
        18,
        "examples[0].expect",
        'example GET /conversation/message/12 expects rule "mail-message", which is unreachable: rule "mail" (line 8) comes first and matches every URL it matches',
      ],
      [
        20,
        "examples[1].expect",
        'example GET /conversation/inbox resolves to rule "mail": SERVICE COURRIER_ELECTRONIQUE, OUTIL ENT_T, TYPE NATIF, name "messagerie"; expected SERVICE "NOTES"',
      ],
      [
        22,
        "examples[2].expect",
        'example GET /notes expects rule "marks", which the plan does not have (rules: mail, mail-message)',
      ],
    ]);
  });

  it("shows warnings without failing, and fails on them with --strict", async () => {
    const relaxed = await runCli(["validate", `${PLANS}/warnings.yaml`]);
    const strict = await runCli(["validate", "--strict", `${PLANS}/warnings.yaml`]);
    const warnings = [
      `${PLANS}/warnings.yaml:10: pages[0]: warning: rule "home" has no example (add one under examples: to pin its values)`,
      `${PLANS}/warnings.yaml:14: pages[1].path: warning: rule "api-page" can never tag a page: never_tag path "/api/*" (line 8) covers every path it matches`,
    ];

    expect(relaxed.status).toBe(0);
    expect(relaxed.stdout.split("\n\n")[1]).toBe(`${warnings.join("\n")}\n`);
    expect(strict.status).toBe(1);
  });

  it("gives the line of a YAML syntax error, exit code 1", async () => {
    const result = await runCli(["validate", `${PLANS}/broken.yaml`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `\n${PLANS}/broken.yaml:4: bad indentation of a sequence entry`,
    );
  });

  it("exits 2 when a plan cannot be read, even next to an invalid one", async () => {
    const result = await runCli(["validate", `${PLANS}/bad-values.yaml`, `${PLANS}/missing.yaml`]);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/\ntest\/fixtures\/plans\/missing\.yaml +unreadable +- /);
    expect(result.stdout).toContain(
      `${PLANS}/missing.yaml: cannot read tagging plan ${PLANS}/missing.yaml: ENOENT`,
    );
  });

  it("exits 2 with usage help when no plan is given, 0 for --help", async () => {
    const missing = await runCli(["validate"]);
    const help = await runCli(["validate", "--help"]);

    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("error: missing required argument 'plan'\n");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: dnma-tag validate [options] <plan...>");
  });
});
