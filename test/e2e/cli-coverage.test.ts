import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import type { CoverageReport } from "../../src/coverage/coverage.js";
import { generateLog } from "../support/access-log.js";
import { parseJsonOutput, runCli } from "../support/cli.js";

const PLAN = "marking-plans/demo-ent.yaml";
const dir = mkdtempSync(join(tmpdir(), "dnma-coverage-"));
const combined = generateLog(2000);
const json = generateLog(700, "json");
const files = {
  combined: join(dir, "access.log"),
  gzipped: join(dir, "access.log.1"),
  json: join(dir, "access.jsonl"),
  noFallbackPlan: join(dir, "no-fallback.yaml"),
};
writeFileSync(files.combined, combined.text);
writeFileSync(
  files.gzipped,
  Buffer.concat([gzipSync(combined.text.slice(0, 1000)), gzipSync(combined.text.slice(1000))]),
);
writeFileSync(files.json, json.text);
writeFileSync(
  files.noFallbackPlan,
  readFileSync(PLAN, "utf8")
    .replace(/^fallback:\n( {2}.*\n)+/m, "fallback: false\n")
    .replace(/ {2}- url: \/parametres\n.*\n/, ""),
);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectedCounts(outcomes: Map<string, number>, times = 1) {
  const get = (key: string) => (outcomes.get(key) ?? 0) * times;
  const rules = ["home", "marks", "mail-message", "mail", "blog", "homework"];
  return {
    ignored: {
      unparsable: get("unparsable"),
      method: get("method"),
      status: get("status"),
      "not-html": get("not-html"),
    },
    outcomes: {
      rule: rules.reduce((sum, rule) => sum + get(rule), 0),
      fallback: get("fallback"),
      neverTag: get("never-tag"),
      noRule: 0,
    },
    rules: Object.fromEntries(rules.map((rule) => [rule, get(rule)])),
  };
}

describe("dnma-tag coverage", () => {
  it("counts every page view of a generated combined log where the plan sends it", async () => {
    const result = await runCli(["coverage", "--json", PLAN, files.combined]);
    const report = parseJsonOutput(result) as CoverageReport;
    const expected = expectedCounts(combined.outcomes);
    const hits = Object.fromEntries(
      report.rules.filter((rule) => rule.hits > 0).map((rule) => [rule.id, rule.hits]),
    );

    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(report.lines).toEqual({
      read: 2000,
      counted: 2000 - Object.values(expected.ignored).reduce((a, b) => a + b, 0),
      ignored: expected.ignored,
    });
    expect(report.outcomes).toEqual(expected.outcomes);
    expect(hits).toEqual({ ...expected.rules, fallback: expected.outcomes.fallback });
    expect(report.services[0]).toEqual({ service: "ACCUEIL", hits: expected.rules.home });
    expect(report.fallbackUrls).toEqual([
      { path: "/parametres", hits: 108 },
      { path: "/profil/{num}/photo", hits: 78 },
      { path: "/agenda/evenement/{uuid}", hits: 26 },
    ]);
  });

  it("reads gzip by its magic bytes (any name, several members) and JSON lines, in one run", async () => {
    const result = await runCli(["coverage", "--json", PLAN, files.gzipped, files.json]);
    const report = parseJsonOutput(result) as CoverageReport;
    const fromCombined = expectedCounts(combined.outcomes);
    const fromJson = expectedCounts(json.outcomes);

    expect(report.files).toEqual([files.gzipped, files.json]);
    expect(report.lines.read).toBe(2700);
    expect(report.outcomes.fallback).toBe(
      fromCombined.outcomes.fallback + fromJson.outcomes.fallback,
    );
    expect(report.outcomes.rule).toBe(fromCombined.outcomes.rule + fromJson.outcomes.rule);
    expect(report.lines.ignored).toEqual({
      unparsable: fromCombined.ignored.unparsable + fromJson.ignored.unparsable,
      method: fromCombined.ignored.method + fromJson.ignored.method,
      status: fromCombined.ignored.status + fromJson.ignored.status,
      "not-html": fromCombined.ignored["not-html"] + fromJson.ignored["not-html"],
    });
  });

  it("prints readable tables, top groups first", async () => {
    const result = await runCli(["coverage", PLAN, files.combined, "--top", "2"]);
    const sections = result.stdout.split("\n\n");

    expect(sections[0]).toMatch(
      /^Plan demo-ent [0-9a-f]{12} over 1 file: 2000 lines read, 1636 page views counted, 364 ignored \(unparsable 26, method 52, status 104, not-html 182\)$/,
    );
    expect(sections[1]).toBe(
      [
        "PAGE VIEWS               HITS  SHARE",
        "-----------------------  ----  -----",
        "tagged by a rule         1242  75.9%",
        "fallback (PAGE_ENT)       212  13.0%",
        "never_tag                 182  11.1%",
        "no rule (left untagged)     0   0.0%",
      ].join("\n"),
    );
    expect(sections[4]).toBe(
      "Top URLs falling to the fallback (PAGE_ENT):\nHITS  PATH\n----  -------------------\n 108  /parametres\n  78  /profil/{num}/photo",
    );
    expect(sections[5]).toBe("Top URLs matching no rule (left untagged): none\n");
  });

  it("lists the URLs no rule tags when the plan has no fallback", async () => {
    const result = await runCli(["coverage", "--json", files.noFallbackPlan, files.combined]);
    const report = parseJsonOutput(result) as CoverageReport;

    expect(report.outcomes).toMatchObject({ fallback: 0, noRule: 212 });
    expect(report.noRuleUrls.map((entry) => entry.path)).toEqual([
      "/parametres",
      "/profil/{num}/photo",
      "/agenda/evenement/{uuid}",
    ]);
  });

  it("exits 1 past --max-fallback or --max-untagged, saying which, 0 within", async () => {
    const over = await runCli(["coverage", PLAN, files.combined, "--max-fallback", "12.9"]);
    expect(over.status).toBe(1);
    expect(over.stderr).toMatch(
      /^dnma-tag: 1[0-9]\.[0-9]% of the page views fell to the fallback, over --max-fallback 12\.9%\n$/,
    );
    expect((await runCli(["coverage", PLAN, files.combined, "--max-fallback", "13%"])).status).toBe(
      0,
    );
    expect(
      (await runCli(["coverage", files.noFallbackPlan, files.combined, "--max-untagged", "0"]))
        .status,
    ).toBe(1);
  });

  it("exits 2 on a log that cannot be read or a bad option", async () => {
    const missing = await runCli(["coverage", PLAN, join(dir, "nope.log")]);
    const badTop = await runCli(["coverage", PLAN, files.combined, "--top", "x"]);

    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /^dnma-tag: cannot read access log: ENOENT: no such file or directory/,
    );
    expect(badTop).toMatchObject({
      status: 2,
      stderr: 'dnma-tag: --top "x" is not a whole number\n',
    });
  });
});
