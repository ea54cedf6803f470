import { describe, expect, it } from "vitest";
import { parseJsonOutput, runCli } from "../support/cli.js";

const PLAN = "test/fixtures/plans/base.yaml";

describe("dnma-tag match", () => {
  it("shows each rule tried, why it failed, and the values of the one that matched", async () => {
    const result = await runCli(["match", PLAN, "/blog/club-theatre/billet/1"]);

    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        "GET /blog/club-theatre/billet/1 (no host)",
        "never_tag: no entry matches",
        "",
        "RULE  LINE  MATCH  WHY",
        "----  ----  -----  -------------------------",
        "home    14  no     path /home does not match",
        "blog    18  yes    path /blog/:blogId/*",
        "",
        'result   rule "blog" (line 18)',
        "SERVICE  PRODUCTION_COLLABORATIVE",
        "OUTIL    ENT_T",
        "TYPE     NATIF",
        "name     blog-club-theatre",
        "chapters blogs",
        "params   blogId=club-theatre",
        "",
      ].join("\n"),
    );
  });

  it("names every failing condition of a rule with host, method and query conditions", async () => {
    const result = await runCli([
      "match",
      PLAN,
      "/tool?view=grid",
      "--method",
      "POST",
      "--host",
      "ent.example.fr",
    ]);
    const lines = result.stdout.split("\n");

    expect(result.status).toBe(0);
    expect(lines[7]).toBe(
      "tool    23  no     method POST not in GET; query wants view=list, has view=grid",
    );
    expect(lines[9]).toBe("result   fallback (none of the 3 rules matches)");
    expect(lines[10]).toBe("SERVICE  PAGE_ENT");
  });

  it("takes the host of an absolute URL and lists the conditions that held", async () => {
    const result = await runCli(["match", PLAN, "https://ent.example.fr/tool?view=list"]);
    expect(result.stdout.split("\n")[7]).toBe(
      "tool    23  yes    method GET; host ent.example.fr; query view=list; path /tool",
    );
  });

  it("explains a skip by the never_tag entry that matched, with its line", async () => {
    const byPath = await runCli(["match", PLAN, "/api/users/12"]);
    const byExtension = await runCli(["match", PLAN, "/theme/site.CSS"]);

    expect(byPath).toMatchObject({
      status: 0,
      stdout:
        'GET /api/users/12 (no host)\nskipped: never_tag path "/api/*" (line 11) matches: the page is never tagged\n',
    });
    expect(byExtension.stdout).toBe(
      'GET /theme/site.CSS (no host)\nskipped: never_tag extension "css" matches: the page is never tagged\n',
    );
  });

  it("prints the explanation as JSON with --json", async () => {
    const result = await runCli(["match", PLAN, "/home?tab=1", "--json"]);
    const report = parseJsonOutput(result) as Record<string, unknown>;

    expect(report).toMatchObject({
      plan: { file: PLAN, name: "base", version: expect.stringMatching(/^[0-9a-f]{12}$/) },
      request: { method: "GET", host: "", path: "/home", query: "tab=1" },
      trials: [
        {
          id: "home",
          line: 14,
          matched: true,
          checks: [{ condition: "path", expected: "/home", actual: "/home", holds: true }],
        },
      ],
      result: {
        kind: "page",
        ruleId: "home",
        line: 14,
        service: "ACCUEIL",
        outil: "ENT_T",
        type: "NATIF",
        name: "accueil",
        chapters: [],
        params: {},
      },
    });
    expect(report.neverTag).toBeUndefined();
  });

  it("exits 2 on a plan that cannot be used, and on a missing URL", async () => {
    const invalid = await runCli(["match", "test/fixtures/plans/shadowed.yaml", "/x"]);
    const missing = await runCli(["match", PLAN]);

    expect(invalid.status).toBe(2);
    expect(invalid.stderr.split("\n")[1]).toMatch(
      /^test\/fixtures\/plans\/shadowed\.yaml:13: pages\[1\]\.path: rule "mail-message"/,
    );
    expect(missing).toMatchObject({
      status: 2,
      stderr: "error: missing required argument 'url'\n",
    });
  });
});
