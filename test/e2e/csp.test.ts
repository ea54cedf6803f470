import { createHash } from "node:crypto";
import type express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, expectedSnippets, PAGE, taggedPage } from "../support/app.js";

const USER = { "x-test-user": "pupil" };
const HOST = "ent.example.fr";

/** The hash source of the tag the test plan gives the pupil, computed here from its text. */
function expectedHash(): string {
  const { tag } = expectedSnippets();
  const text = tag.slice(tag.indexOf(">") + 1, tag.lastIndexOf("</script>"));
  return `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
}

function withNonce(snippets: { loader: string; tag: string }, nonce: string) {
  const attribute = `<script type="text/javascript" nonce="${nonce}"`;
  return {
    loader: snippets.loader.replace('<script type="text/javascript"', attribute),
    tag: snippets.tag.replace('<script type="text/javascript"', attribute),
  };
}

function serve(headers: Record<string, string>, page = PAGE, locals: Record<string, unknown> = {}) {
  return createTestApp((app: express.Express) =>
    app.get("/home", (_req, res) => {
      Object.assign(res.locals, locals);
      res.set(headers).type("html").send(page);
    }),
  );
}

async function skipReasons(registry: ReturnType<typeof createTestApp>["registry"]) {
  return (await registry.getSingleMetric("dnma_tag_pages_skipped_total")?.get())?.values;
}

describe("Content-Security-Policy: header policies", () => {
  it("adds the tag's hash to script-src and keeps every other directive", async () => {
    const { app } = serve({
      "Content-Security-Policy":
        "default-src 'self'; img-src 'self' data:; script-src 'self'; object-src 'none'",
    });
    const response = await request(app).get("/home").set(USER).set("host", HOST);

    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-security-policy"]).toBe(
      `default-src 'self'; img-src 'self' data:; script-src 'self' ${expectedHash()}; object-src 'none'`,
    );
  });

  it("adds a script-src from default-src with the hash and the loader's exact address when 'self' is not there", async () => {
    const { app } = serve({
      "Content-Security-Policy": "default-src https://static.example.fr; frame-ancestors 'none'",
    });
    const response = await request(app).get("/home").set(USER).set("host", HOST);

    expect(response.headers["content-security-policy"]).toBe(
      `default-src https://static.example.fr; frame-ancestors 'none'; script-src https://static.example.fr ${expectedHash()} ent.example.fr/js/smarttag_ENT.js`,
    );
  });

  it("puts the header's nonce on both scripts and leaves the header as it is", async () => {
    const policy = "script-src 'nonce-Zm9vYmFy' 'strict-dynamic'; object-src 'none'";
    const { app } = serve({ "Content-Security-Policy": policy });
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage(PAGE, withNonce(expectedSnippets(), "Zm9vYmFy")));
    expect(response.headers["content-security-policy"]).toBe(policy);
  });

  it("uses res.locals.cspNonce when the policy lists it", async () => {
    const policy = "script-src 'nonce-other' 'nonce-bG9jYWxz'";
    const { app } = serve({ "Content-Security-Policy": policy }, PAGE, { cspNonce: "bG9jYWxz" });
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage(PAGE, withNonce(expectedSnippets(), "bG9jYWxz")));
    expect(response.headers["content-security-policy"]).toBe(policy);
  });

  it("serves the page untouched, headers and all, when 'strict-dynamic' comes without a nonce", async () => {
    const policy = "script-src 'strict-dynamic' 'sha256-AAAA'";
    const { app, registry } = serve({ "Content-Security-Policy": policy, ETag: '"v1"' });
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(PAGE);
    expect(response.headers["content-security-policy"]).toBe(policy);
    expect(response.headers.etag).toBe('"v1"');
    expect(await skipReasons(registry)).toEqual([{ labels: { reason: "csp" }, value: 1 }]);
  });

  it("serves the page untouched when scripts are forbidden altogether", async () => {
    const { app, registry } = serve({ "Content-Security-Policy": "default-src 'none'" });
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(PAGE);
    expect(response.headers["content-security-policy"]).toBe("default-src 'none'");
    expect(await skipReasons(registry)).toEqual([{ labels: { reason: "csp" }, value: 1 }]);
  });

  it("extends a report-only policy too", async () => {
    const { app } = serve({
      "Content-Security-Policy-Report-Only": "script-src 'self'; report-uri /csp-reports",
    });
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-security-policy-report-only"]).toBe(
      `script-src 'self' ${expectedHash()}; report-uri /csp-reports`,
    );
  });

  it("rewrites a policy given to writeHead, before the headers go out", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.writeHead(200, {
          "Content-Type": "text/html",
          "Content-Security-Policy": "script-src 'self'",
        });
        res.end(PAGE);
      }),
    );
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-security-policy"]).toBe(`script-src 'self' ${expectedHash()}`);
  });
});

describe("Content-Security-Policy: <meta> policies in the page", () => {
  it("tags a page whose meta policy already lets the tag run", async () => {
    const page = PAGE.replace(
      "<title>",
      `<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'"><title>`,
    );
    const { app } = serve({}, page);

    expect((await request(app).get("/home").set(USER)).text).toBe(taggedPage(page));
  });

  it("leaves a page untouched when its meta policy would block the tag, and counts csp", async () => {
    const page = PAGE.replace(
      "<title>",
      `<meta http-equiv="content-security-policy" content="script-src 'self'"><title>`,
    );
    const { app, registry } = serve({}, page);

    expect((await request(app).get("/home").set(USER)).text).toBe(page);
    expect(await skipReasons(registry)).toEqual([{ labels: { reason: "csp" }, value: 1 }]);
  });

  it("ignores a meta policy outside <head>, as browsers do", async () => {
    const page = PAGE.replace(
      "<p>",
      `<meta http-equiv="Content-Security-Policy" content="script-src 'none'"><p>`,
    );
    const { app } = serve({}, page);

    expect((await request(app).get("/home").set(USER)).text).toBe(taggedPage(page));
  });
});
