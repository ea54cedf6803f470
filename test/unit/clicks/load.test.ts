import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DnmaError } from "../../../src/errors.js";
import { parsePlan } from "../../../src/plan/load.js";
import { CLICKS_PLAN, MINIMAL_PLAN } from "../../support/plans.js";

function problemsOf(text: string): string[] {
  try {
    parsePlan(text, "plan.yaml");
  } catch (err) {
    if (!(err instanceof DnmaError)) throw err;
    return err.describe().split("\n").slice(1);
  }
  throw new Error("the plan was accepted");
}

/** 1-based line of the first line holding `needle` in the clicks: section. */
function lineOf(text: string, needle: string): number {
  const lines = text.split("\n");
  const start = lines.indexOf("clicks:");
  return lines.findIndex((line, index) => index > start && line.includes(needle)) + 1;
}

describe("the clicks: section of a plan", () => {
  it("compiles rules with their lines, OUTIL and report path", () => {
    const plan = parsePlan(CLICKS_PLAN, "plan.yaml");
    expect(plan.clicks.rules.map((rule) => [rule.id, rule.line, rule.outil, rule.service])).toEqual(
      [
        ["gar", lineOf(CLICKS_PLAN, "- id: gar"), "GAR_RESSOURCE", undefined],
        ["gar-tile", lineOf(CLICKS_PLAN, "- id: gar-tile"), "GAR_RESSOURCE", undefined],
        ["files", lineOf(CLICKS_PLAN, "- id: files"), "ENT_T", "STOCKAGE_PARTAGE"],
        ["tool", lineOf(CLICKS_PLAN, "- id: tool"), "TOOL_T", "SERVICES_VIE_SCOLAIRE"],
        ["search", lineOf(CLICKS_PLAN, "- id: search"), "ENT_T", "DOCUMENTATION_CDI"],
        ["out", lineOf(CLICKS_PLAN, "- id: out"), "ENT_T", "PAGE_ENT"],
      ],
    );
    expect(plan.clicks.downloadExtensions).toEqual(["pdf", "odt"]);
    expect(plan.clicks.reportPath).toBe("/__dnma-tag/report");
    expect(parsePlan(MINIMAL_PLAN, "plan.yaml").clicks).toEqual({
      rules: [],
      downloadExtensions: [],
      reportPath: undefined,
      examples: [],
    });
  });

  it("names file, line and field of each bad click rule", () => {
    const text = CLICKS_PLAN.replace(
      'selector: "a.gar-tile[data-code]"',
      'selector: "nav a.gar-tile"',
    )
      .replace("      path: /files/*\n", "      path: files\n")
      .replace('name: "recherche-{q}"', 'name: "recherche-{query}"')
      .replace("      outil: TOOL_T\n", "      outil: PRONOTE\n")
      .replace("      external: true\n      service: PAGE_ENT\n", "      service: PAGE_ENT\n");
    expect(problemsOf(text)).toEqual([
      `plan.yaml:${lineOf(text, "- id: out")}: clicks.rules[5]: needs a condition: selector, external, host, path or query`,
    ]);
    expect(
      problemsOf(
        text.replace(
          '      service: PAGE_ENT\n      name: "lien',
          '      external: true\n      service: PAGE_ENT\n      name: "lien',
        ),
      ),
    ).toEqual([
      `plan.yaml:${lineOf(text, "nav a.gar-tile")}: clicks.rules[1].selector: selector "nav a.gar-tile" cannot use " a.gar-tile": only tag, #id, .class and [attribute] tests on the element itself (no spaces, >, + or :pseudo)`,
      `plan.yaml:${lineOf(text, "path: files")}: clicks.rules[2].path: path pattern "files" must start with "/"`,
      `plan.yaml:${lineOf(text, "outil: PRONOTE")}: clicks.rules[3].outil: OUTIL "PRONOTE" is not declared in outils: (declared: ENT_T, TOOL_T, GAR_RESSOURCE)`,
      `plan.yaml:${lineOf(text, "recherche-{query}")}: clicks.rules[4].name: "recherche-{query}" uses {query}, which the path pattern does not capture (captured: {q}, {host})`,
    ]);
  });

  it("refuses a GAR rule with its own SERVICE or another OUTIL, and needs GAR_RESSOURCE declared", () => {
    const withService = CLICKS_PLAN.replace(
      '      name: "gar-{ressourceId}"\n',
      '      service: NOTES\n      outil: ENT_T\n      name: "gar-{ressourceId}"\n',
    );
    expect(problemsOf(withService)).toEqual([
      `plan.yaml:${lineOf(withService, "service: NOTES")}: clicks.rules[0].service: SERVICE of a gar rule comes from the presentation code: remove it`,
    ]);
    const withOutil = CLICKS_PLAN.replace(
      '      name: "gar-{ressourceId}"\n',
      '      outil: ENT_T\n      name: "gar-{ressourceId}"\n',
    );
    expect(problemsOf(withOutil)).toEqual([
      `plan.yaml:${lineOf(withOutil, "outil: ENT_T")}: clicks.rules[0].outil: OUTIL "ENT_T" cannot be used: the OUTIL of a GAR resource is GAR_RESSOURCE`,
    ]);
    const undeclared = CLICKS_PLAN.replace("  GAR_RESSOURCE: TIERS\n", "");
    expect(problemsOf(undeclared)).toEqual([
      `plan.yaml:${lineOf(undeclared, "      gar:")}: clicks.rules[0].gar: OUTIL "GAR_RESSOURCE" is not declared in outils: (declared: ENT_T, TOOL_T)`,
      `plan.yaml:${lineOf(undeclared, "- id: gar-tile") + 2}: clicks.rules[1].gar: OUTIL "GAR_RESSOURCE" is not declared in outils: (declared: ENT_T, TOOL_T)`,
    ]);
  });

  it("refuses a GAR code read from a path parameter the path does not capture", () => {
    const text = CLICKS_PLAN.replace("code: { query: type }", "code: { param: type }");
    expect(problemsOf(text)).toEqual([
      `plan.yaml:${lineOf(text, "param: type")}: clicks.rules[0].gar.code.param: param "type" is not captured by the rule's path (captured: :ressourceId)`,
    ]);
    expect(
      problemsOf(CLICKS_PLAN.replace("code: { query: type }", "code: { header: type }"))[0],
    ).toMatch(
      /^plan\.yaml:\d+: clicks\.rules\[0\]\.gar\.code: code \{"header":"type"\} must be one of \{ query: NAME \}, \{ attribute: data-NAME \} or \{ param: NAME \}$/,
    );
  });

  it("checks every click example at load time and says what it resolved to", () => {
    const text = `${CLICKS_PLAN}  examples:
    - href: https://gar.example.fr/ressource/ark-1?type=MAN
      expect: { rule: gar, service: MANUEL_NUMERIQUE, outil: GAR_RESSOURCE, type: TIERS, hit: navigation, name: gar-ark-1, chapters: [MAN] }
    - href: https://gar.example.fr/ressource/ark-1?type=DIC
      expect: { service: MANUEL_NUMERIQUE, hit: download }
    - tag: button
      attributes: { id: open-tool }
      expect: { skip: no-rule }
    - page: https://ent.example.fr/
      href: /notes
      expect: { rule: out }
`;
    expect(problemsOf(text)).toEqual([
      `plan.yaml:${lineOf(text, "type=DIC") + 1}: clicks.examples[1].expect: click on <a href="https://gar.example.fr/ressource/ark-1?type=DIC"> on / resolves to rule "gar": SERVICE RESSOURCE_REFERENCE_DICTIONNAIRE, OUTIL GAR_RESSOURCE, TYPE TIERS, navigation "gar-ark-1", chapters DIC; expected SERVICE "MANUEL_NUMERIQUE", hit "download"`,
      `plan.yaml:${lineOf(text, "id: open-tool") + 1}: clicks.examples[2].expect: click on <button id="open-tool"> on / resolves to rule "tool": SERVICE SERVICES_VIE_SCOLAIRE, OUTIL TOOL_T, TYPE TIERS, action "outil"; expected skip (no-rule)`,
      `plan.yaml:${lineOf(text, "href: /notes") + 1}: clicks.examples[3].expect: click on <a href="/notes"> on https://ent.example.fr/ resolves to skip (no-rule); expected a tagged click`,
    ]);
  });

  it("loads the shipped demo plan with its click examples", () => {
    const plan = parsePlan(readFileSync("marking-plans/demo-ent.yaml", "utf8"), "demo-ent.yaml");
    expect(plan.clicks.examples.length).toBe(7);
    expect(plan.spa.isEnabled).toBe(true);
  });
});
