import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, PAGE, taggedPage } from "../support/app.js";

const USER = { "x-test-user": "pupil" };
const STATIC_DIR = mkdtempSync(join(tmpdir(), "dnma-static-"));
writeFileSync(join(STATIC_DIR, "home.html"), PAGE);
writeFileSync(join(STATIC_DIR, "app.css"), "body { color: black }");
writeFileSync(join(STATIC_DIR, "app.mjs"), "export const x = 1;");

function staticApp() {
  return createTestApp((app) => {
    app.get("/home", (_req, res) => res.sendFile(join(STATIC_DIR, "home.html")));
    app.use("/assets", express.static(STATIC_DIR));
    app.get("/home/data", (_req, res) => res.json({ marks: [12, 15] }));
    app.get("/login", (_req, res) => res.send(PAGE));
  });
}

describe("caching: no shared cache keeps a tagged page", () => {
  it("turns shared-cache directives into private and drops CDN-targeted Cache-Control", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.set({
          "Cache-Control": "public, s-maxage=600, max-age=60, must-revalidate",
          "CDN-Cache-Control": "max-age=600",
          "Surrogate-Control": "max-age=600",
          "Acme-CDN-Cache-Control": "max-age=60",
        });
        res.send(PAGE);
      }),
    );
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage());
    expect(response.headers["cache-control"]).toBe("private, max-age=60, must-revalidate");
    expect(response.headers["cdn-cache-control"]).toBeUndefined();
    expect(response.headers["surrogate-control"]).toBeUndefined();
    expect(response.headers["acme-cdn-cache-control"]).toBeUndefined();
  });

  it("keeps no-store and adds private to a page with no Cache-Control", async () => {
    const { app } = createTestApp((app) => {
      app.get("/home", (_req, res) => res.set("Cache-Control", "no-store").send(PAGE));
      app.get("/home/plain", (_req, res) => res.send(PAGE));
    });

    expect((await request(app).get("/home").set(USER)).headers["cache-control"]).toBe(
      "private, no-store",
    );
    expect((await request(app).get("/home/plain").set(USER)).headers["cache-control"]).toBe(
      "private",
    );
  });

  it("leaves the headers of an untouched page as the application set them", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) =>
        res.set({ "Cache-Control": "public, max-age=60", ETag: '"v1"' }).send(PAGE),
      ),
    );
    const response = await request(app).get("/home");

    expect(response.text).toBe(PAGE);
    expect(response.headers["cache-control"]).toBe("public, max-age=60");
    expect(response.headers.etag).toBe('"v1"');
  });
});

describe("conditional requests", () => {
  it("answers a signed-in page load in full, tagged, even with a validator of an untagged copy", async () => {
    const { app } = staticApp();
    const anonymous = await request(app).get("/home");
    const etag = anonymous.headers.etag as string;
    const lastModified = anonymous.headers["last-modified"] as string;
    const revalidated = await request(app)
      .get("/home")
      .set(USER)
      .set("if-none-match", etag)
      .set("if-modified-since", lastModified);

    expect(anonymous.text).toBe(PAGE);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(revalidated.status).toBe(200);
    expect(revalidated.text).toBe(taggedPage());
    expect(revalidated.headers.etag).toBeUndefined();
  });

  it("keeps 304s for static files on never-tag extensions (If-None-Match and If-Modified-Since)", async () => {
    const { app } = staticApp();
    const first = await request(app).get("/assets/app.css").set(USER);
    const byEtag = await request(app)
      .get("/assets/app.css")
      .set(USER)
      .set("if-none-match", first.headers.etag as string);
    const byDate = await request(app)
      .get("/assets/app.css")
      .set(USER)
      .set("if-modified-since", first.headers["last-modified"] as string);

    expect([byEtag.status, byDate.status]).toEqual([304, 304]);
  });

  it("keeps 304s for sub-resources of taggable paths, and for never-tag pages", async () => {
    const { app } = staticApp();
    const script = await request(app).get("/assets/app.mjs").set("sec-fetch-dest", "script");
    const scriptAgain = await request(app)
      .get("/assets/app.mjs")
      .set("sec-fetch-dest", "script")
      .set("if-none-match", script.headers.etag as string);
    const data = await request(app).get("/home/data").set(USER).set("sec-fetch-dest", "empty");
    const dataAgain = await request(app)
      .get("/home/data")
      .set(USER)
      .set("sec-fetch-dest", "empty")
      .set("if-none-match", data.headers.etag as string);
    const login = await request(app).get("/login");
    const loginAgain = await request(app)
      .get("/login")
      .set("if-none-match", login.headers.etag as string);

    expect([scriptAgain.status, dataAgain.status, loginAgain.status]).toEqual([304, 304, 304]);
  });
});

describe("HEAD gets the headers of its GET", () => {
  const compared = [
    "cache-control",
    "etag",
    "last-modified",
    "accept-ranges",
    "content-security-policy",
    "content-type",
  ];
  const pick = (headers: Record<string, unknown>) =>
    Object.fromEntries(compared.map((name) => [name, headers[name]]));

  it("for a page that a GET would tag", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) =>
        res
          .set({
            "Cache-Control": "public, max-age=60",
            "Content-Security-Policy": "script-src 'self'",
          })
          .sendFile(join(STATIC_DIR, "home.html")),
      ),
    );
    const get = await request(app).get("/home").set(USER);
    const head = await request(app).head("/home").set(USER);

    expect(get.text).toBe(taggedPage());
    expect(pick(head.headers)).toEqual(pick(get.headers));
    expect(head.headers["cache-control"]).toBe("private, max-age=60");
    expect(head.headers["content-length"]).toBeUndefined();
  });

  it("for a page that a GET leaves untouched", async () => {
    const { app } = staticApp();
    const get = await request(app).get("/home");
    const head = await request(app).head("/home");

    expect(pick(head.headers)).toEqual(pick(get.headers));
    expect(head.headers.etag).toMatch(/^W\//);
  });
});
