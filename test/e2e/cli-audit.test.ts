import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/audit/audit.js";
import { createDemoApp, DEMO_PLAN } from "../../src/demo/app.js";
import { renderPage } from "../../src/demo/layout.js";
import { TEST_SECRET } from "../support/app.js";
import { parseJsonOutput, runCli } from "../support/cli.js";
import { listen } from "../support/raw-http.js";

const FIXTURES = "test/fixtures/audit";
const dir = mkdtempSync(join(tmpdir(), "dnma-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function audit(args: string[]) {
  const result = await runCli(["audit", "--json", ...args]);
  const report = parseJsonOutput(result) as AuditReport;
  return {
    status: result.status,
    report,
    codes: report.findings.map((item) => `${item.code} ${item.field} @${item.line ?? "-"}`),
  };
}

describe("dnma-tag audit on files", () => {
  it("passes a page tagged by dnma-tag inject, checked against the plan that tagged it", async () => {
    const page = renderPage({ title: "Notes", account: undefined, body: "<p>Notes</p>" });
    const injected = await runCli(
      [
        "inject",
        "--plan",
        DEMO_PLAN,
        "--url",
        "/notes",
        "--user",
        "jdupont",
        "--aaf-profile",
        "National_ELV",
        "--uai",
        "0021593W",
      ],
      { input: page, env: { DNMA_TAG_SECRET: TEST_SECRET } },
    );
    const file = join(dir, "ours.html");
    writeFileSync(file, injected.stdout);

    const text = await runCli([
      "audit",
      file,
      "--user",
      "jdupont",
      "--plan",
      DEMO_PLAN,
      "--url",
      "/notes",
    ]);
    expect(injected.stderr).toBe("dnma-tag: tagged (rule marks, SERVICE NOTES)\n");
    expect(text.status).toBe(0);
    expect(text.stdout.split("\n").slice(0, 3)).toEqual([
      `${file}: conformant (0 errors, 0 warnings)`,
      "loader   /dnma/smarttag_ENT.js, in <head> (line 12)",
      "tag      script at line 31, dispatch() called 1 time",
    ]);
    expect(text.stdout).toMatch(/\nvisitor\.id {8}[0-9a-f]{8}… \(64 characters\)\n/);
  });

  it("passes a hand-tagged page and fails a faulty one, with exit codes 0 and 1", async () => {
    const passing = await audit([`${FIXTURES}/hand-ok.html`, "--user", "jdupont"]);
    const failing = await audit([`${FIXTURES}/tag-not-last.html`]);
    expect([passing.status, passing.codes]).toEqual([0, []]);
    expect([failing.status, failing.codes]).toEqual([1, ["tag-not-at-body-end tag @14"]]);
  });

  it("prints each finding as file:line: field: severity: message (code), and never the raw id", async () => {
    const email = await runCli(["audit", `${FIXTURES}/raw-email-id.html`]);
    const login = await runCli(["audit", `${FIXTURES}/login-id.html`]);

    expect(email.stdout).toContain(
      `\n${FIXTURES}/raw-email-id.html:29: identifiedVisitor.id: error: the id is an e-mail address: send a keyed hash of it (HMAC-SHA256) (visitor-id-raw)\n`,
    );
    expect(email.stdout).toContain("visitor.id        hidden (is an e-mail address)\n");
    expect(email.stdout).not.toContain("jeanne.dupont");
    expect(login.status).toBe(0);
    expect(login.stdout).toContain(
      `${FIXTURES}/login-id.html:29: identifiedVisitor.id: warning: the id (22 characters) is neither hex nor base64 of a hash (visitor-id-unusual)`,
    );
    expect(login.stdout).not.toContain("jdupont");
  });

  it("checks the values against a plan when given one", async () => {
    const { status, codes, report } = await audit([
      `${FIXTURES}/hand-ok.html`,
      "--plan",
      "test/fixtures/plans/base.yaml",
      "--url",
      "/home",
    ]);
    expect(status).toBe(1);
    expect(codes).toEqual(["plan-mismatch SERVICE @18", "plan-mismatch page.name @34"]);
    expect(report.findings[0]?.message).toBe(
      'SERVICE is "CAHIER_TEXTES"; rule "home" gives "ACCUEIL" (plan base)',
    );
  });

  it("exits 2 on a missing file, an unusable plan or --plan without --url", async () => {
    expect(await runCli(["audit", join(dir, "none.html")])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^dnma-tag: cannot read page .*none\.html: ENOENT/),
    });
    expect(
      (
        await runCli([
          "audit",
          `${FIXTURES}/hand-ok.html`,
          "--plan",
          "test/fixtures/plans/broken.yaml",
          "--url",
          "/",
        ])
      ).status,
    ).toBe(2);
    expect(await runCli(["audit", `${FIXTURES}/hand-ok.html`, "--plan", DEMO_PLAN])).toMatchObject({
      status: 2,
      stderr: "dnma-tag: --plan needs --url: the URL the page was served at\n",
    });
  });
});

describe("dnma-tag audit on live URLs (127.0.0.1)", () => {
  let demo: { server: Server; url: string };
  let stub: { server: Server; url: string };
  let cookie = "";

  beforeAll(async () => {
    demo = await listen(createDemoApp({ dnma: { plan: DEMO_PLAN, secret: TEST_SECRET } }));
    const login = await fetch(`${demo.url}/login`, {
      method: "POST",
      body: new URLSearchParams({ user: "eleve" }),
      redirect: "manual",
    });
    cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    stub = await listen((req, res) => {
      if (req.url === "/huge") return res.end(`<html><body>${"x".repeat(5000)}</body></html>`);
      if (req.url === "/slow") return;
      if (req.url === "/header")
        return res
          .writeHead(req.headers["x-ent-test"] === "yes" ? 200 : 403)
          .end("<html><body></body></html>");
      res.writeHead(404).end();
    });
  });
  afterAll(() => {
    demo.server.close();
    stub.server.closeAllConnections();
    stub.server.close();
  });

  it("fetches a page of the demo ENT with the session cookie and finds it conformant", async () => {
    const { status, report } = await audit([
      `${demo.url}/notes`,
      "--cookie",
      cookie,
      "--plan",
      DEMO_PLAN,
      "--user",
      "eleve",
    ]);
    expect(cookie).toMatch(/^[^=]+=.+/);
    expect(status).toBe(0);
    expect(report.tag?.values).toMatchObject({
      SERVICE: "NOTES",
      UAI: "0021593W",
      PROFIL: "ELEVE",
      "page.name": "releve_de_notes",
    });
  });

  it("exits 2 on a redirect to the login page, with a hint", async () => {
    const result = await runCli(["audit", `${demo.url}/notes`]);
    expect(result).toMatchObject({
      status: 2,
      stderr: `dnma-tag: cannot audit ${demo.url}/notes: HTTP 302 (signed in? see --cookie and --header)\n`,
    });
  });

  it("sends --header, caps the size, and gives up after --timeout", async () => {
    const header = await audit([`${stub.url}/header`, "--header", "X-ENT-Test: yes"]);
    const huge = await runCli(["audit", `${stub.url}/huge`, "--max-bytes", "1000"]);
    const slow = await runCli(["audit", `${stub.url}/slow`, "--timeout", "300"]);

    expect(header.codes).toContain("tag-missing tag @-");
    expect(huge).toMatchObject({
      status: 2,
      stderr: `dnma-tag: cannot audit ${stub.url}/huge: larger than 1000 bytes\n`,
    });
    expect(slow).toMatchObject({
      status: 2,
      stderr: `dnma-tag: cannot fetch ${stub.url}/slow: no complete answer within 300 ms\n`,
    });
  });

  it("refuses schemes other than http and https", async () => {
    expect(await runCli(["audit", "file:///etc/passwd"])).toMatchObject({
      status: 2,
      stderr: "dnma-tag: only http:// and https:// pages can be fetched, not file:\n",
    });
  });
});
