import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffDefinitions, hasDefinitionChanges } from "../../../src/plan/diff-definitions.js";
import { collectLogRequests, readUrlList } from "../../../src/plan/diff-sources.js";
import { compareOutcomes, type DiffRequest, diffPlans } from "../../../src/plan/diff.js";
import { parsePlan } from "../../../src/plan/load.js";
import { MINIMAL_PLAN } from "../../support/plans.js";

const before = parsePlan(MINIMAL_PLAN, "old.yaml");
const page = {
  kind: "page" as const,
  rule: "r",
  service: "NOTES",
  outil: "ENT_T",
  type: "NATIF",
  name: "n",
  chapters: ["a"],
};
const dir = mkdtempSync(join(tmpdir(), "dnma-diff-unit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function request(url: string, method = "GET", label = url): DiffRequest {
  return { method, url, label, source: "urls" };
}

describe("compareOutcomes", () => {
  it.each([
    [page, page, []],
    [page, { ...page, rule: "other" }, []],
    [page, { ...page, service: "ABSENCES", name: "m" }, ["SERVICE", "name"]],
    [page, { ...page, outil: "TOOL_T", type: "TIERS" }, ["OUTIL", "TYPE"]],
    [page, { ...page, chapters: ["a", "b"] }, ["chapters"]],
    [page, { kind: "skip" as const, reason: "never-tag" }, ["tagging"]],
    [
      { kind: "skip" as const, reason: "never-tag" },
      { kind: "skip" as const, reason: "no-rule" },
      [],
    ],
  ])("%j vs %j → %j", (a, b, expected) => {
    expect(compareOutcomes(a, b)).toEqual(expected);
  });
});

describe("diffPlans", () => {
  const after = parsePlan(
    MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTES").replace("id: home", "id: start"),
    "new.yaml",
  );

  it("checks each URL once, groups equal changes of one label, and counts rule-id-only moves", () => {
    const diff = diffPlans(before, after, [
      request("/home"),
      request("/home"),
      request("/home?x=1", "GET", "/home"),
      request("/blog/a/b"),
    ]);

    expect(diff.checked).toBe(3);
    expect(diff.ruleRenamed).toBe(0);
    expect(diff.changes).toEqual([
      {
        method: "GET",
        label: "/home",
        count: 2,
        sources: ["urls"],
        fields: ["SERVICE"],
        before: {
          kind: "page",
          rule: "home",
          service: "ACCUEIL",
          outil: "ENT_T",
          type: "NATIF",
          name: "accueil",
          chapters: [],
        },
        after: {
          kind: "page",
          rule: "start",
          service: "NOTES",
          outil: "ENT_T",
          type: "NATIF",
          name: "accueil",
          chapters: [],
        },
      },
    ]);
  });

  it("counts a renamed rule that keeps its values without calling it a change", () => {
    const renamed = parsePlan(MINIMAL_PLAN.replace("id: home", "id: start"), "new.yaml");
    expect(diffPlans(before, renamed, [request("/home")])).toMatchObject({
      checked: 1,
      ruleRenamed: 1,
      changes: [],
    });
  });
});

describe("diffDefinitions", () => {
  it("reports rules added, removed, moved and edited, and setting changes", () => {
    const text = MINIMAL_PLAN.replace(/ {2}- id: home\n( {4}.*\n){3}/, "")
      .replace(
        "  - id: tool\n",
        "  - id: home\n    path: /accueil\n    service: ACCUEIL\n    name: accueil\n  - id: tool\n",
      )
      .replace("    outil: TOOL_T\n", "    outil: ENT_T\n")
      .replace('"002": "100002"', '"003": "100003"')
      .replace("projet: PROJET_T", "projet: PROJET_U");
    const diff = diffDefinitions(before, parsePlan(text, "new.yaml"));

    expect(diff.rules).toEqual({
      added: [],
      removed: [],
      reordered: ["home", "blog"],
      changed: [
        { id: "home", fields: ["path"] },
        { id: "tool", fields: ["OUTIL", "TYPE"] },
      ],
    });
    expect(diff.settings).toEqual([
      { field: "platform.projet", before: "PROJET_T", after: "PROJET_U" },
      { field: "sites.by_prefix.002", before: "100002", after: "(none)" },
      { field: "sites.by_prefix.003", before: "(none)", after: "100003" },
    ]);
    expect(hasDefinitionChanges(diff)).toBe(true);
    expect(hasDefinitionChanges(diffDefinitions(before, before))).toBe(false);
  });
});

describe("diff sources", () => {
  it("reads URL lists with methods and comments", async () => {
    const file = join(dir, "urls.txt");
    writeFileSync(file, "# watch\n/home\npost /tool?view=list\n  https://ent.example.fr/x  \n");
    expect((await readUrlList(file, "h.fr")).map((r) => [r.method, r.url, r.host])).toEqual([
      ["GET", "/home", "h.fr"],
      ["POST", "/tool?view=list", "h.fr"],
      ["GET", "https://ent.example.fr/x", undefined],
    ]);
  });

  it("keeps the distinct page views of a log, labelled by normalised path, query kept only when asked", async () => {
    const file = join(dir, "access.log");
    const line = (method: string, target: string, status = 200) =>
      `1.2.3.4 - - [01/Sep/2026:08:00:00 +0000] "${method} ${target} HTTP/1.1" ${status} 1 "-" "-"`;
    writeFileSync(
      file,
      [
        line("GET", "/m/1?t=a"),
        line("GET", "/m/1?t=b"),
        line("GET", "/m/2"),
        line("HEAD", "/m/3"),
        line("GET", "/m/4", 404),
        line("GET", "/app.js"),
      ].join("\n"),
    );

    const withoutQuery = await collectLogRequests([file], { keepQuery: false });
    const withQuery = await collectLogRequests([file], { keepQuery: true });
    expect(withoutQuery.map((r) => [r.url, r.label])).toEqual([
      ["/m/1", "/m/{num}"],
      ["/m/2", "/m/{num}"],
    ]);
    expect(withQuery.map((r) => r.url)).toEqual(["/m/1?t=a", "/m/1?t=b", "/m/2"]);
  });
});
