import { request as httpRequest } from "node:http";
import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, expectedSnippets, PAGE, taggedPage } from "../support/app.js";
import { fetchBytes, withServer } from "../support/http-client.js";

const USER = { "x-test-user": "pupil" };
const HEAD_PART = "<!DOCTYPE html><html><head><title>Accueil</title></head><body>";
const problems: unknown[] = [];
const recordProblem = (err: unknown) => problems.push(err);

/** The same routes without dnma-tag: what the application alone would do. */
function createPlainApp(routes: (app: express.Express) => void): express.Express {
  const app = express();
  routes(app);
  return app;
}

beforeAll(() => {
  process.on("unhandledRejection", recordProblem);
  process.on("uncaughtException", recordProblem);
});

afterAll(() => {
  process.off("unhandledRejection", recordProblem);
  process.off("uncaughtException", recordProblem);
  expect(problems.map(String)).toEqual([]);
});

describe("write patterns: the application's way of writing is kept", () => {
  it("tags a page whose first write() comes before any header is sent", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.setHeader("content-type", "text/html");
        res.write(PAGE.slice(0, 3));
        res.write(PAGE.slice(3));
        res.end();
      }),
    );
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(taggedPage());
    expect(response.headers["cache-control"]).toBe("private");
  });

  it("tags a page written under res.cork() and released by res.uncork()", async () => {
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.type("html");
        res.cork();
        for (const piece of PAGE.match(/.{1,7}/gs) ?? []) res.write(piece);
        process.nextTick(() => {
          res.uncork();
          res.end();
        });
      }),
    );
    expect((await request(app).get("/home").set(USER)).text).toBe(taggedPage());
  });

  it("survives res.end() called twice, as the application alone does", async () => {
    const errors: string[] = [];
    const routes = (app: express.Express) =>
      app.get("/home", (_req, res) => {
        res.on("error", (err) => errors.push((err as NodeJS.ErrnoException).code ?? err.message));
        res.type("html");
        res.end(PAGE);
        res.end();
      });
    const plain = await request(createPlainApp(routes)).get("/home");
    const tagged = await request(createTestApp(routes).app).get("/home").set(USER);

    expect(plain.text).toBe(PAGE);
    expect(tagged.text).toBe(taggedPage());
    expect(errors).toEqual([]);
  });

  it("survives res.end() twice when the tag goes at the very end of the page", async () => {
    const errors: string[] = [];
    const page = "<!DOCTYPE html><html><head></head><body><p>x";
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.on("error", (err) => errors.push((err as NodeJS.ErrnoException).code ?? err.message));
        res.type("html");
        res.write(page);
        res.end();
        res.end();
      }),
    );
    const response = await request(app).get("/home").set(USER);

    const { loader, tag } = expectedSnippets();
    expect(response.text).toBe(`${page.replace("</head>", `${loader}</head>`)}${tag}`);
    expect(response.text.split("ATTag.dispatch()").length).toBe(2);
    expect(errors).toEqual([]);
  });

  it("answers a write() after end() the way Node does: an error to its callback and an error event", async () => {
    const routes = (codes: string[]) => (app: express.Express) =>
      app.get("/home", (_req, res) => {
        res.on("error", (err) => codes.push(`event ${(err as NodeJS.ErrnoException).code}`));
        res.type("html");
        res.end(PAGE);
        res.write("late", (err) =>
          codes.push((err as NodeJS.ErrnoException | undefined)?.code ?? "none"),
        );
      });
    const plainCodes: string[] = [];
    const taggedCodes: string[] = [];
    await request(createPlainApp(routes(plainCodes))).get("/home");
    const response = await request(createTestApp(routes(taggedCodes)).app)
      .get("/home")
      .set(USER);

    expect(response.text).toBe(taggedPage());
    expect(taggedCodes).toEqual(plainCodes);
    expect(plainCodes).toEqual(["ERR_STREAM_WRITE_AFTER_END", "event ERR_STREAM_WRITE_AFTER_END"]);
  });

  it("leaves an error page of Express's error handler to the application (a 500 of its own)", async () => {
    const routes = (app: express.Express) => {
      app.set("env", "production");
      app.get("/home", () => {
        throw new Error("template missing");
      });
    };
    const plain = await request(createPlainApp(routes)).get("/home");
    const tagged = await request(createTestApp(routes).app).get("/home").set(USER);

    expect(tagged.status).toBe(500);
    expect(tagged.text).toBe(plain.text);
    expect(tagged.headers["content-length"]).toBe(plain.headers["content-length"]);
  });
});

describe("write patterns: failures while the page streams", () => {
  it("lets an error thrown mid-stream cut the response as it would without dnma-tag, and serves the next request", async () => {
    const routes = (app: express.Express) => {
      app.get("/home", (_req, res, next) => {
        res.type("html");
        res.write(HEAD_PART);
        setImmediate(() => next(new Error("database gone")));
      });
      app.get("/home/next", (_req, res) => res.send(PAGE));
    };
    const { app } = createTestApp(routes);
    const { plain, tagged, after } = await withServer(app, async (url) => {
      const tagged = await fetchBytes(`${url}/home`, USER);
      const after = await fetchBytes(`${url}/home/next`, USER);
      const plain = await withServer(createPlainApp(routes), (plainUrl) =>
        fetchBytes(`${plainUrl}/home`),
      );
      return { plain, tagged, after };
    });

    expect(plain.isComplete).toBe(false);
    expect(tagged.isComplete).toBe(false);
    expect(tagged.status).toBe(200);
    expect(tagged.body.toString()).toBe("<!DOCTYPE html><html><head><title>Accueil</title>");
    expect(after.body.toString()).toBe(taggedPage(PAGE, expectedSnippets("autre", "PAGE_ENT")));
  });

  it("leaks no listener and throws nothing when the client goes away mid-response", async () => {
    const listenerCounts = (res: express.Response) =>
      ["close", "finish", "drain", "error", "unpipe"].map((event) => res.listenerCount(event));
    const observe = (app: express.Express) =>
      new Promise<{ counts: number[]; writeResult: boolean }>((resolve) => {
        app.get("/home", (_req, res) => {
          res.type("html");
          res.write(`${HEAD_PART}${"<p>x</p>".repeat(20_000)}`);
          res.on("close", () => {
            const writeResult = res.write("<p>late</p>");
            res.end("</body></html>");
            setImmediate(() => resolve({ counts: listenerCounts(res), writeResult }));
          });
        });
      });
    const abortAfterFirstBytes = (url: string) =>
      new Promise<void>((resolve) => {
        const req = httpRequest(`${url}/home`, { headers: USER }, (res) =>
          res.once("data", () => req.destroy()),
        );
        req.on("close", resolve);
        req.on("error", () => undefined);
        req.end();
      });

    const plainApp = express();
    const plainSeen = observe(plainApp);
    await withServer(plainApp, abortAfterFirstBytes);
    const { app } = createTestApp(() => undefined);
    const taggedSeen = observe(app);
    await withServer(app, abortAfterFirstBytes);

    const [plain, tagged] = [await plainSeen, await taggedSeen];
    expect(tagged.counts).toEqual(plain.counts);
    expect(tagged.writeResult).toBe(plain.writeResult);
  });

  it("survives res.destroy() in the middle of a tagged page", async () => {
    const { app } = createTestApp((app) => {
      app.get("/home", (_req, res) => {
        res.type("html");
        res.write(`${HEAD_PART}${"<p>x</p>".repeat(20_000)}`);
        setImmediate(() => res.destroy());
      });
      app.get("/home/next", (_req, res) => res.send(PAGE));
    });
    const [cut, after] = await withServer(app, async (url) => [
      await fetchBytes(`${url}/home`, USER),
      await fetchBytes(`${url}/home/next`, USER),
    ]);

    expect(cut?.isComplete).toBe(false);
    expect(after?.body.toString()).toBe(taggedPage(PAGE, expectedSnippets("autre", "PAGE_ENT")));
  });
});

describe("write patterns: backpressure", () => {
  const CHUNK = Buffer.from(`<p>${"x".repeat(64 * 1024 - 7)}</p>`);
  const CHUNKS = 128;

  it("passes write()'s false and 'drain' through: a client that does not read stops the application", async () => {
    let firstStall: { writableLength: number; chunksWritten: number } | undefined;
    let markStalled: () => void = () => undefined;
    const stalled = new Promise<void>((resolve) => {
      markStalled = resolve;
    });
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => {
        res.type("html");
        res.write(HEAD_PART);
        let written = 0;
        const pump = () => {
          while (written < CHUNKS) {
            written++;
            if (!res.write(CHUNK)) {
              firstStall ??= { writableLength: res.writableLength, chunksWritten: written };
              markStalled();
              res.once("drain", pump);
              return;
            }
          }
          res.end("</body></html>");
          markStalled();
        };
        pump();
      }),
    );

    const body = await withServer(
      app,
      (url) =>
        new Promise<Buffer>((resolve, reject) => {
          const req = httpRequest(`${url}/home`, { headers: USER }, (res) => {
            res.pause();
            const chunks: Buffer[] = [];
            void stalled.then(() => {
              res.on("data", (chunk: Buffer) => chunks.push(chunk));
              res.on("end", () => resolve(Buffer.concat(chunks)));
              res.resume();
            });
          });
          req.on("error", reject);
          req.end();
        }),
    );

    expect(firstStall?.chunksWritten).toBeLessThan(CHUNKS);
    expect(firstStall?.writableLength).toBeLessThanOrEqual(512 * 1024);
    const page = `${HEAD_PART}${CHUNK.toString().repeat(CHUNKS)}</body></html>`;
    expect(body.equals(Buffer.from(taggedPage(page)))).toBe(true);
  });
});
