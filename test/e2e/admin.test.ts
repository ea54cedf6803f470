import { request } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AdminServer, createAdminServer } from "../../src/admin/server.js";
import { createLogger } from "../../src/log/logger.js";
import { type PlanWatch, watchPlan } from "../../src/plan/reload.js";
import { createTagger } from "../../src/tagging/tagger.js";
import { TEST_SECRET } from "../support/app.js";
import { MINIMAL_PLAN } from "../support/plans.js";

const TOKEN = "an-admin-token-for-tests-0123";
const dir = mkdtempSync(join(tmpdir(), "dnma-admin-"));
const file = join(dir, "plan.yaml");
writeFileSync(file, MINIMAL_PLAN);

function newTagger() {
  return createTagger({
    plan: file,
    secret: TEST_SECRET,
    registry: new Registry(),
    logger: createLogger({ level: "silent" }),
  });
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(
  base: string,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("admin listener without token (loopback)", () => {
  const tagger = newTagger();
  let admin: AdminServer;
  let base = "";
  let watch: PlanWatch;

  beforeAll(async () => {
    watch = watchPlan(tagger, file, { signal: false, watchFiles: false });
    tagger.recordSkip({ method: "GET", path: "/userbook/jean.dupont@ac-example.fr" }, "no-user");
    tagger.recordSkip({ method: "POST", path: "/conversation/message/4242" }, "never-tag");
    admin = createAdminServer({ tagger, port: 0 });
    base = await admin.listen();
  });
  afterAll(async () => {
    watch();
    await admin.close();
  });

  it("listens on 127.0.0.1 and reports health as JSON", async () => {
    const reply = await get(base, "/healthz");
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(reply.body)).toEqual({
      status: "ok",
      plan: { name: "test-plan", version: tagger.plan.version, file, rules: 3 },
      reload: { watching: file, lastResult: null, lastTime: null, lastSuccess: null, issues: 0 },
      uptimeSeconds: expect.any(Number),
    });
  });

  it("shows a refused reload in /healthz and the metrics", async () => {
    writeFileSync(file, MINIMAL_PLAN.replace("service: ACCUEIL", "service: NOTE"));
    await watch.reload();
    writeFileSync(file, MINIMAL_PLAN);
    const health = JSON.parse((await get(base, "/healthz")).body);
    const metrics = await get(base, "/metrics");

    expect(health.reload).toMatchObject({ lastResult: "failure", lastSuccess: null, issues: 1 });
    expect(metrics.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(metrics.body).toContain('\ndnma_tag_plan_reloads_total{result="failure"} 1\n');
    expect(metrics.body).toContain("\ndnma_tag_plan_last_reload_success 0\n");
    expect(metrics.body).toContain(
      `\ndnma_tag_plan_info{plan="test-plan",version="${tagger.plan.version}"} 1\n`,
    );
    expect(metrics.body).toContain('\ndnma_tag_pages_skipped_total{reason="no-user"} 1\n');
  });

  it("serves the page with a strict CSP, the plan's rules and escaped tester input", async () => {
    const reply = await get(
      base,
      "/?url=%2Fblog%2F%3Cscript%3Ealert(1)%3C%2Fscript%3E%2Fx&method=GET",
    );
    expect(reply.status).toBe(200);
    expect(reply.headers["content-security-policy"]).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(reply.headers["x-frame-options"]).toBe("DENY");
    expect(reply.body).toContain('value="/blog/&lt;script&gt;alert(1)&lt;/script&gt;/x"');
    expect(reply.body).not.toContain("<script>alert");
    expect(reply.body.match(/<script/g)).toEqual(["<script"]);
    expect(reply.body).toContain(
      "<tr><td>2</td><td>blog</td><td>28</td><td>path <code>/blog/:blogId/*rest</code></td><td>PRODUCTION_COLLABORATIVE</td>",
    );
    expect(reply.body).toContain(
      "<tr><td>blog</td><td>28</td><td>yes</td><td>path /blog/:blogId/*rest</td></tr>",
    );
  });

  it("lists decisions without query strings or e-mails, newest first", async () => {
    const decisions = JSON.parse((await get(base, "/api/decisions")).body) as {
      path: string;
      reason: string;
    }[];
    expect(decisions.map((d) => [d.path, d.reason])).toEqual([
      ["/conversation/message/{num}", "never-tag"],
      ["/userbook/{email}", "no-user"],
    ]);
    expect((await get(base, "/")).body).not.toContain("jean.dupont");
  });

  it("answers the tester as JSON, and refuses what is not a URL", async () => {
    const match = JSON.parse((await get(base, "/api/match?url=/login")).body);
    const bad = await get(base, "/api/match?url=javascript:alert(1)");
    expect(match).toMatchObject({
      neverTag: { kind: "path", entry: "/login", line: 21 },
      result: { kind: "skip", reason: "never-tag" },
    });
    expect([bad.status, JSON.parse(bad.body)]).toEqual([
      400,
      { error: "a URL starts with / or http(s)://" },
    ]);
  });

  it("refuses foreign Host names (DNS rebinding), other methods and unknown paths", async () => {
    expect((await get(base, "/healthz", { host: "attacker.example" })).status).toBe(403);
    expect((await get(base, "/healthz", { host: "localhost:9464" })).status).toBe(200);
    expect((await get(base, "/", {}, "POST")).status).toBe(405);
    expect((await get(base, "/nope")).status).toBe(404);
  });
});

describe("admin listener with a token", () => {
  const tagger = newTagger();
  let admin: AdminServer;
  let base = "";

  beforeAll(async () => {
    admin = createAdminServer({ tagger, port: 0, token: TOKEN });
    base = await admin.listen();
  });
  afterAll(() => admin.close());

  it("asks browsers for it, and accepts it as Bearer or as the Basic password", async () => {
    const none = await get(base, "/metrics");
    const bearer = await get(base, "/metrics", { authorization: `Bearer ${TOKEN}` });
    const basic = await get(base, "/", {
      authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString("base64")}`,
    });
    const wrong = await get(base, "/metrics", {
      authorization: "Bearer an-admin-token-for-tests-0124",
    });

    expect([none.status, none.headers["www-authenticate"]]).toEqual([
      401,
      'Basic realm="dnma-tag admin", charset="UTF-8"',
    ]);
    expect([bearer.status, basic.status, wrong.status]).toEqual([200, 200, 401]);
  });

  it("is required to bind anywhere but loopback, and must be long enough", () => {
    expect(() => createAdminServer({ tagger, host: "0.0.0.0" })).toThrow(
      expect.objectContaining({
        code: "OPTION_INVALID",
        message:
          "the admin listener on 0.0.0.0 needs a token (DNMA_TAG_ADMIN_TOKEN): it would be reachable from other machines",
      }),
    );
    expect(() => createAdminServer({ tagger, token: "short" })).toThrow(
      expect.objectContaining({ code: "OPTION_INVALID" }),
    );
    expect(() => createAdminServer({ tagger, host: "::1" })).not.toThrow();
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
