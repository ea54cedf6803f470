import { request as httpRequest } from "node:http";
import express from "express";
import { Registry } from "prom-client";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { dnmaTag } from "../../src/middleware/dnma-tag.js";
import { createTestApp, PAGE, TEST_SECRET, taggedPage } from "../support/app.js";
import { fetchBytes, withServer } from "../support/http-client.js";

const USER = { "x-test-user": "pupil" };

function countOf(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

async function skipReasons(registry: ReturnType<typeof createTestApp>["registry"]) {
  return (await registry.getSingleMetric("dnma_tag_pages_skipped_total")?.get())?.values.map(
    (value) => value.labels.reason,
  );
}

describe("double processing: one loader and one tag, whatever the layering", () => {
  it("tags once with two separate instances mounted one after the other", async () => {
    const secondRegistry = new Registry();
    const { app } = createTestApp((app) => {
      app.use(
        dnmaTag({
          plan: "marking-plans/demo-ent.yaml",
          secret: TEST_SECRET,
          registry: secondRegistry,
        }),
      );
      app.get("/home", (_req, res) => res.send(PAGE));
    });
    const response = await request(app).get("/home").set(USER);
    const secondSkips = (
      await secondRegistry.getSingleMetric("dnma_tag_pages_skipped_total")?.get()
    )?.values;

    expect(response.text).toBe(taggedPage());
    expect(secondSkips).toEqual([{ labels: { reason: "already-wrapped" }, value: 1 }]);
  });

  it("leaves an already-tagged page alone when a second tagger sits in front of the first", async () => {
    const inner = createTestApp((app) => app.get("/home", (_req, res) => res.send(PAGE)));
    await withServer(inner.app, async (innerUrl) => {
      const outer = createTestApp((app) =>
        app.get("/home", (req, res) => {
          const upstream = httpRequest(
            `${innerUrl}/home`,
            { headers: { "x-test-user": String(req.headers["x-test-user"]) } },
            (answer) => {
              res.status(answer.statusCode ?? 502).type(String(answer.headers["content-type"]));
              answer.pipe(res);
            },
          );
          upstream.end();
        }),
      );
      const direct = await fetchBytes(`${innerUrl}/home`, USER);
      const layered = await withServer(outer.app, (outerUrl) =>
        fetchBytes(`${outerUrl}/home`, USER),
      );

      expect(layered.body.equals(direct.body)).toBe(true);
      expect(direct.body.toString()).toBe(taggedPage());
      expect(await skipReasons(outer.registry)).toEqual(["already-tagged"]);
    });
  });

  it("does not tag again a tagged page replayed from a cache below the tagger", async () => {
    let cached: Buffer | undefined;
    const captureSent = (
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
      const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => express.Response;
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        chunks.push(Buffer.from(chunk as Buffer));
        return write(chunk, ...rest);
      }) as express.Response["write"];
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (chunk && typeof chunk !== "function") chunks.push(Buffer.from(chunk as Buffer));
        cached ??= Buffer.concat(chunks);
        return end(chunk, ...rest);
      }) as express.Response["end"];
      next();
    };
    const outer = express();
    outer.use(captureSent);
    const { app, registry } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.type("html").send(cached ?? PAGE)),
    );
    outer.use(app);

    const first = await request(outer).get("/home").set(USER);
    const replayed = await request(outer).get("/home").set(USER);

    expect(first.text).toBe(taggedPage());
    expect(replayed.text).toBe(first.text);
    expect([
      countOf(replayed.text, "smarttag_ENT.js"),
      countOf(replayed.text, "ATTag.dispatch()"),
    ]).toEqual([1, 1]);
    expect(await skipReasons(registry)).toEqual(["already-tagged"]);
  });
});
