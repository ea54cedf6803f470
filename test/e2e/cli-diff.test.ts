import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DiffReport } from "../../src/report/diff.js";
import { generateLog } from "../support/access-log.js";
import { parseJsonOutput, runCli } from "../support/cli.js";

const OLD = "marking-plans/demo-ent.yaml";
const NEW = "test/fixtures/plans/demo-ent-v2.yaml";
const dir = mkdtempSync(join(tmpdir(), "dnma-diff-"));
const urls = join(dir, "urls.txt");
const badUrls = join(dir, "bad-urls.txt");
const log = join(dir, "access.log");
writeFileSync(urls, "# pages to watch\n/absences\nPOST /cantine\n\n/notes\n");
writeFileSync(badUrls, "/notes\nGET\nnotes.html\n");
writeFileSync(
  log,
  `${generateLog(500).text}10.0.0.1 - - [01/Sep/2026:08:00:00 +0000] "GET /cantine?menu=12 HTTP/1.1" 200 10 "-" "-"\n`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dnma-tag diff", () => {
  it("lists the URLs that change and the rule and setting edits, exit 1", async () => {
    const result = await runCli(["diff", OLD, NEW, "--urls", urls]);
    const [header, definitions, changes] = result.stdout.split("\n\n");

    expect(result.status).toBe(1);
    expect(header).toMatch(
      /^Plans demo-ent [0-9a-f]{12} \(marking-plans\/demo-ent\.yaml\) -> demo-ent-v2 [0-9a-f]{12} \(test\/fixtures\/plans\/demo-ent-v2\.yaml\)\n25 URLs checked \(1 from urls, 24 from old-examples\)$/,
    );
    expect(definitions).toBe(
      [
        "rules added: settings",
        "rules removed: canteen",
        "rule absences changed: SERVICE",
        "sites.by_prefix.001: 100001 -> 100011",
        "never_tag.paths /cantine: (none) -> listed",
      ].join("\n"),
    );
    expect(changes?.split("\n")).toEqual([
      "4 URLs change:",
      "METHOD  URL          URLS  CHANGES  BEFORE                                                   AFTER",
      "------  -----------  ----  -------  -------------------------------------------------------  ----------------------------------------------------------",
      "GET     /absences       1  SERVICE  absences: ABSENCES, ENT_DEMO, NATIF, absences            absences: SERVICES_VIE_SCOLAIRE, ENT_DEMO, NATIF, absences",
      "GET     /cantine        1  tagging  canteen: SERVICE_COLLECTIVITE, ENT_DEMO, NATIF, cantine  skipped (never-tag)",
      "GET     /parametres     1  name     fallback: PAGE_ENT, ENT_DEMO, NATIF, autre_page          settings: PAGE_ENT, ENT_DEMO, NATIF, parametres",
      "POST    /cantine        1  tagging  canteen: SERVICE_COLLECTIVITE, ENT_DEMO, NATIF, cantine  skipped (never-tag)",
      "",
    ]);
  });

  it("checks the page views of a log, grouped by normalised path without query strings, as JSON", async () => {
    const result = await runCli(["diff", OLD, NEW, "--log", log, "--json"]);
    const report = parseJsonOutput(result) as DiffReport;
    const cantine = report.urls.changes.filter((change) => change.label === "/cantine");

    expect(result.status).toBe(1);
    expect(report.hasChanges).toBe(true);
    // The generated log is deterministic: 89 distinct page views that no example already names.
    expect(report.urls.bySource).toEqual({
      urls: 0,
      log: 89,
      "old-examples": 24,
      "new-examples": 0,
    });
    expect(report.urls.checked).toBe(113);
    expect(cantine).toEqual([
      {
        method: "GET",
        label: "/cantine",
        count: 1,
        sources: ["old-examples"],
        fields: ["tagging"],
        before: {
          kind: "page",
          rule: "canteen",
          service: "SERVICE_COLLECTIVITE",
          outil: "ENT_DEMO",
          type: "NATIF",
          name: "cantine",
          chapters: [],
        },
        after: { kind: "skip", reason: "never-tag" },
      },
    ]);
    expect(JSON.stringify(report)).not.toContain("menu=12");
  });

  it("exits 0 when nothing changes, and with --allow-changes", async () => {
    const same = await runCli(["diff", OLD, OLD, "--urls", urls]);
    const allowed = await runCli(["diff", OLD, NEW, "--allow-changes"]);

    expect(same.status).toBe(0);
    expect(same.stdout.split("\n").slice(1)).toEqual([
      "25 URLs checked (1 from urls, 24 from old-examples)",
      "",
      "No URL changes SERVICE, OUTIL, TYPE, name, chapters or tagging.",
      "",
    ]);
    expect(allowed.status).toBe(0);
  });

  it("exits 2 on a bad URL list line (with its file:line) or an invalid plan", async () => {
    const bad = await runCli(["diff", OLD, NEW, "--urls", badUrls]);
    const invalid = await runCli(["diff", OLD, "test/fixtures/plans/bad-values.yaml"]);

    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      `dnma-tag: 2 bad line(s) in URL list ${badUrls}\n` +
        `${badUrls}:2: "GET" is not "URL" or "METHOD URL" (a URL starts with / or http(s)://)\n` +
        `${badUrls}:3: "notes.html" is not "URL" or "METHOD URL" (a URL starts with / or http(s)://)\n`,
    );
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain("test/fixtures/plans/bad-values.yaml:12: pages[0].service:");
  });
});
