import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { dnmaTag } from "../../src/middleware/dnma-tag.js";
import {
  createTestApp,
  expectedSnippets,
  hmac,
  PAGE,
  TEST_SECRET,
  taggedPage,
} from "../support/app.js";
import { getOnce } from "../support/raw-http.js";

const HALF = PAGE.length / 2;

describe("dnmaTag middleware: tagging", () => {
  it("tags a page sent with res.send, with an exact Content-Length", async () => {
    const { app } = createTestApp((app) => app.get("/home", (_req, res) => res.send(PAGE)));
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.status).toBe(200);
    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-length"]).toBe(String(Buffer.byteLength(taggedPage())));
  });

  it("makes a tagged page private and drops validators of the untagged body", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.set({
          "Cache-Control": "public, max-age=60, s-maxage=600",
          ETag: '"v1"',
          "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT",
        });
        res.send(PAGE);
      }),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.headers["cache-control"]).toBe("private, max-age=60");
    expect(response.headers.etag).toBeUndefined();
    expect(response.headers["last-modified"]).toBeUndefined();
  });

  it("tags a page written in pieces with encodings, calling every write callback", async () => {
    const calls: string[] = [];
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.setHeader("content-type", "text/html; charset=utf-8");
        res.write(Buffer.from(PAGE.slice(0, 10)), () => calls.push("first"));
        res.write(Buffer.from(PAGE.slice(10, HALF)).toString("hex"), "hex", () =>
          calls.push("hex"),
        );
        setTimeout(() => res.end(PAGE.slice(HALF), "utf8", () => calls.push("end")), 5);
      }),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-length"]).toBeUndefined();
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    expect(calls).toEqual(["first", "hex", "end"]);
  });

  it.each([
    [
      "an object",
      (res: express.Response) =>
        res.writeHead(200, {
          "Content-Type": "text/html",
          "Content-Length": Buffer.byteLength(PAGE),
        }),
    ],
    [
      "a flat array",
      (res: express.Response) =>
        res.writeHead(200, ["Content-Type", "text/html", "X-A", "1", "X-A", "2"]),
    ],
    [
      "a status message and pairs",
      (res: express.Response) =>
        res.writeHead(200, "Fine", [["content-type", "text/html"]] as unknown as string[]),
    ],
  ])("tags a page whose headers come from writeHead with %s", async (_label, writeHead) => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        writeHead(res);
        res.end(PAGE);
      }),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.text).toBe(taggedPage());
    expect(response.headers["content-length"]).toBeUndefined();
  });

  it("keeps both values of a header repeated in writeHead's array", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.writeHead(200, ["Content-Type", "text/html", "Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
        res.end(PAGE);
      }),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");
    expect(response.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
  });

  it("tags a page after flushHeaders and an end() with a callback only", async () => {
    let ended = false;
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.type("html");
        res.flushHeaders();
        res.write(PAGE);
        res.end(() => {
          ended = true;
        });
      }),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.text).toBe(taggedPage());
    expect(ended).toBe(true);
  });

  it("tags a file stream piped into the response, and res.sendFile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dnma-"));
    const file = join(dir, "page.html");
    writeFileSync(file, PAGE.repeat(1).replace("<p>Bonjour</p>", `<p>${"x".repeat(200_000)}</p>`));
    const { app } = createTestApp((app) => {
      app.get("/home", (_req, res) => {
        res.type("html");
        createReadStream(file, { highWaterMark: 1000 }).pipe(res);
      });
      app.get("/home/", (_req, res) => res.sendFile(file));
    });
    const expected = taggedPage(PAGE.replace("<p>Bonjour</p>", `<p>${"x".repeat(200_000)}</p>`));

    expect((await request(app).get("/home").set("x-test-user", "pupil")).text).toBe(expected);
    expect((await request(app).get("/home/").set("x-test-user", "pupil")).text).toBe(expected);
  });

  it("tags a page made by res.render", async () => {
    const { app } = createTestApp((app) => {
      app.engine("tpl", (_path, options, callback) =>
        callback(null, PAGE.replace("Bonjour", String((options as { who: string }).who))),
      );
      app.set("view engine", "tpl");
      app.set("views", tmpdir());
      writeFileSync(join(tmpdir(), "home.tpl"), "");
      app.get("/home", (_req, res) => res.render("home", { who: "Léa" }));
    });
    const response = await request(app).get("/home").set("x-test-user", "pupil");
    expect(response.text).toBe(taggedPage(PAGE.replace("Bonjour", "Léa")));
  });

  it("works under compression mounted before it", async () => {
    const outer = express();
    outer.use(compression({ threshold: 0 }));
    outer.use((req, _res, next) => {
      (req as { user?: unknown }).user = {
        id: "jdupont",
        aafProfile: "National_ELV",
        uai: "0021593W",
      };
      next();
    });
    outer.use(dnmaTag({ plan: "marking-plans/demo-ent.yaml", secret: TEST_SECRET }));
    outer.get("/notes", (_req, res) => res.send(PAGE));
    const response = await getOnce(outer, "/notes", { "accept-encoding": "gzip" });

    expect(response.headers["content-encoding"]).toBe("gzip");
    const body = gunzipSync(response.body).toString();
    expect(body).toContain('"SERVICE": "NOTES"');
    expect(body.startsWith("<!DOCTYPE html><html><head><title>Accueil</title><script")).toBe(true);
  });

  it("tags once when mounted twice", async () => {
    const { app } = createTestApp((app) => {
      app.use(dnmaTag({ plan: "marking-plans/demo-ent.yaml", secret: TEST_SECRET }));
      app.get("/home", (_req, res) => res.send(PAGE));
    });
    const response = await request(app).get("/home").set("x-test-user", "pupil");
    expect(response.text).toBe(taggedPage());
  });

  it("waits for an asynchronous identify()", async () => {
    const { app } = createTestApp((app) => app.get("/home", (_req, res) => res.send(PAGE)), {
      identify: () =>
        new Promise((resolve) =>
          setTimeout(
            () => resolve({ id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" }),
            20,
          ),
        ),
    });
    const response = await request(app).get("/home");
    expect(response.text).toBe(taggedPage());
  });
});

describe("dnmaTag middleware: pages served untouched", () => {
  const cases: [
    string,
    (app: express.Express) => void,
    { path?: string; user?: string; headers?: Record<string, string>; method?: "head" },
    string,
  ][] = [
    [
      "nobody is signed in",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { user: undefined },
      "no-user",
    ],
    [
      "a HEAD request",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { method: "head" },
      "head-request",
    ],
    [
      "a 404 page",
      (app) => app.get("/home", (_req, res) => res.status(404).send(PAGE)),
      {},
      "status",
    ],
    ["JSON", (app) => app.get("/home", (_req, res) => res.json({ page: PAGE })), {}, "not-html"],
    ["no Content-Type", (app) => app.get("/home", (_req, res) => res.end(PAGE)), {}, "not-html"],
    [
      "a compressed body",
      (app) =>
        app.get("/home", (_req, res) =>
          res.set("content-encoding", "br").type("html").send(brotliCompressSync(PAGE)),
        ),
      { headers: { "accept-encoding": "br" } },
      "encoded",
    ],
    [
      "a byte range",
      (app) =>
        app.get("/home", (_req, res) =>
          res.status(200).set("content-range", "bytes 0-9/90").type("html").send(PAGE),
        ),
      {},
      "partial-content",
    ],
    [
      "a download",
      (app) => app.get("/home", (_req, res) => res.attachment("page.html").send(PAGE)),
      {},
      "attachment",
    ],
    [
      "a UTF-16 page",
      (app) =>
        app.get("/home", (_req, res) =>
          res.set("content-type", "text/html; charset=utf-16").send(Buffer.from(PAGE)),
        ),
      {},
      "unsupported-charset",
    ],
    [
      "a never-tag path",
      (app) => app.get("/login", (_req, res) => res.send(PAGE)),
      { path: "/login" },
      "never-tag",
    ],
    [
      "an XHR request",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { headers: { "x-requested-with": "XMLHttpRequest" } },
      "not-navigation",
    ],
    [
      "a fetch() request",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { headers: { "sec-fetch-dest": "empty" } },
      "not-navigation",
    ],
    [
      "an invalid UAI",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { user: "badUai" },
      "invalid-uai",
    ],
    [
      "no UAI",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { user: "noUai" },
      "missing-uai",
    ],
    [
      "no site for the UAI",
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { user: "noSite" },
      "no-site",
    ],
    [
      "a fragment",
      (app) => app.get("/home", (_req, res) => res.send("<li>item</li>")),
      {},
      "not-a-document",
    ],
    [
      "a page already tagged",
      (app) => app.get("/home", (_req, res) => res.send(taggedPage())),
      {},
      "already-tagged",
    ],
  ];

  for (const [label, routes, options, reason] of cases) {
    it(`serves ${label} untouched and counts "${reason}"`, async () => {
      const { app, registry } = createTestApp(routes);
      const path = options.path ?? "/home";
      let call = options.method === "head" ? request(app).head(path) : request(app).get(path);
      const user = "user" in options ? options.user : "pupil";
      if (user) call = call.set("x-test-user", user);
      for (const [name, value] of Object.entries(options.headers ?? {}))
        call = call.set(name, value);
      const response = await call.buffer(true);

      const body = response.text ?? "";
      if (options.method !== "head")
        expect(body.split("smarttag_ENT.js").length).toBe(reason === "already-tagged" ? 2 : 1);
      const metric = await registry.getSingleMetric("dnma_tag_pages_skipped_total")?.get();
      expect(metric?.values).toEqual([{ labels: { reason }, value: 1 }]);
    });
  }

  it("serves the page untouched when identify() throws, rejects or times out, and says which", async () => {
    const cases: [() => unknown, string, string][] = [
      [
        () => {
          throw new Error("directory down");
        },
        "error",
        "identify() threw; page served untouched",
      ],
      [
        () => Promise.reject(new Error("directory down")),
        "error",
        "identify() failed; page served untouched",
      ],
      [
        () => new Promise(() => undefined),
        "timeout",
        "identify() did not answer in time; page served untouched",
      ],
    ];
    for (const [identify, result, message] of cases) {
      const { app, registry, logs } = createTestApp(
        (app) => app.get("/home", (_req, res) => res.send(PAGE)),
        {
          identify,
          identifyTimeoutMs: 50,
        },
      );
      const response = await request(app).get("/home");
      expect(response.status).toBe(200);
      expect(response.text).toBe(PAGE);
      const lookups = await registry.getSingleMetric("dnma_tag_identity_lookups_total")?.get();
      expect(lookups?.values).toEqual([{ labels: { source: "identify", result }, value: 1 }]);
      expect(logs.filter((line) => line.level === 40).map((line) => line.msg)).toContain(message);
    }
  });

  it("counts identify() answers: a user, and nobody", async () => {
    const { app, registry } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.send(PAGE)),
    );
    await request(app).get("/home").set("x-test-user", "pupil");
    await request(app).get("/home");
    const lookups = await registry.getSingleMetric("dnma_tag_identity_lookups_total")?.get();
    expect(lookups?.values).toEqual([
      { labels: { source: "identify", result: "ok" }, value: 1 },
      { labels: { source: "identify", result: "none" }, value: 1 },
    ]);
  });
});

describe("dnmaTag middleware: identity", () => {
  it("never lets the raw user id out: not in the page, the logs or the metrics", async () => {
    const { app, logs, registry } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.send(PAGE)),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.text).toContain(hmac("jdupont"));
    expect(response.text).not.toContain("jdupont");
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain("jdupont");
    expect(await registry.metrics()).not.toContain("jdupont");
  });

  it("logs one structured line per decision, and counts the page by SERVICE", async () => {
    const { app, logs, registry } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.send(PAGE)),
    );
    await request(app).get("/home").set("x-test-user", "pupil");

    expect(logs.filter((line) => line.msg === "page tagged")).toEqual([
      expect.objectContaining({
        level: 20,
        rule: "home",
        service: "ACCUEIL",
        path: "/home",
        placement: "body-end",
      }),
    ]);
    const tagged = await registry.getSingleMetric("dnma_tag_pages_tagged_total")?.get();
    expect(tagged?.values).toEqual([{ labels: { service: "ACCUEIL" }, value: 1 }]);
  });

  it("counts a user tagged AUTRE for lack of a known profile", async () => {
    const { app, registry } = createTestApp(
      (app) => app.get("/home", (_req, res) => res.send(PAGE)),
      { identify: () => ({ id: "x", profile: "PROF", uai: "0021593W" }) },
    );
    const response = await request(app).get("/home");

    expect(response.text).toContain('"PROFIL": "AUTRE"');
    const fallbacks = await registry.getSingleMetric("dnma_tag_profile_fallbacks_total")?.get();
    expect(fallbacks?.values).toEqual([{ labels: { source: "unknown-profile" }, value: 1 }]);
  });

  it("uses the page name from the matched rule", async () => {
    const { app } = createTestApp((app) =>
      app.get("/blog/:id/*rest", (_req, res) => res.send(PAGE)),
    );
    const response = await request(app).get("/blog/theatre/2026").set("x-test-user", "pupil");
    expect(response.text).toContain(
      'ATTag.page.set({name: "blog-theatre", chapter1: "blogs", chapter2: "2026", level2: "0021593W"});',
    );
    expect(expectedSnippets().loader).toBe(
      '<script type="text/javascript" src="/js/smarttag_ENT.js"></script>',
    );
  });
});

describe("dnmaTag options", () => {
  it("refuses a misspelt option or a value it cannot take, naming it", () => {
    expect(() =>
      dnmaTag({
        plan: "marking-plans/demo-ent.yaml",
        secret: TEST_SECRET,
        identifyTimout: 5,
      } as never),
    ).toThrow(
      'dnmaTag(): unknown option "identifyTimout" (known: plan, secret, logger, registry, injector, identify, identifyTimeoutMs, nonce, tagger, watch)',
    );
    expect(() =>
      dnmaTag({
        plan: "marking-plans/demo-ent.yaml",
        secret: TEST_SECRET,
        injector: { maxHoldBytes: -1 },
      }),
    ).toThrow("dnmaTag(): injector.maxHoldBytes must be a positive whole number, not -1");
    expect(() =>
      dnmaTag({
        plan: "marking-plans/demo-ent.yaml",
        secret: TEST_SECRET,
        identify: "req.user" as never,
      }),
    ).toThrow('dnmaTag(): identify must be a function, not "req.user"');
  });
});

describe("dnmaTag logs", () => {
  it("logs every decision at debug, warns once per anomaly, and hides ids in paths", async () => {
    const { app, logs } = createTestApp((app) =>
      app.get("/blog/*rest", (_req, res) => res.send(PAGE)),
    );
    for (let round = 0; round < 2; round++) {
      await request(app).get("/blog/jean.dupont@ac-x.fr/12345678/b").set("x-test-user", "badUai");
    }
    const decisions = logs.filter((line) => line.reason === "invalid-uai");

    expect(decisions.map((line) => [line.level, line.msg, line.path])).toEqual([
      [20, "page served untouched", "/blog/{email}/{num}/b"],
      [
        40,
        "page served untouched: the user's UAI has a wrong check letter",
        "/blog/{email}/{num}/b",
      ],
      [20, "page served untouched", "/blog/{email}/{num}/b"],
    ]);
    expect(JSON.stringify(logs)).not.toContain("jean.dupont");
  });

  it("says when a page got the loader but not the tag", async () => {
    const page = `<html><head></head><body>${"<p>x</p>".repeat(20_000)}<svg><g>`;
    const { app, logs } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.type("html").send(page)),
    );
    const response = await request(app).get("/home").set("x-test-user", "pupil");

    expect(response.text).toBe(page.replace("</head>", `${expectedSnippets().loader}</head>`));
    expect(
      logs.filter((line) => line.reason === "no-safe-end").map((line) => [line.outcome, line.msg]),
    ).toEqual([
      ["loader-only", "page got the loader but not the tag"],
      [
        "loader-only",
        "page got the loader but not the tag: the page ends inside markup where the tag could not run",
      ],
    ]);
  });
});
