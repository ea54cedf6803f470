import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import { createTestApp, expectedSnippets, taggedPage } from "../support/app.js";
import { withServer } from "../support/http-client.js";

const USER = { "x-test-user": "pupil" };
const HOLD = { maxHoldBytes: 16 * 1024, loaderWaitBytes: 4 * 1024 };
const HEAD = "<!DOCTYPE html><html><head><title>Relevé</title></head><body>";
const BLOCK = `<div>${"x".repeat(1000)}</div>\n`;

describe("pages larger than the hold-back limit", () => {
  it("streams a page many times the limit: the client has bytes before the application writes the end", async () => {
    let clientHasBytes: () => void = () => undefined;
    const hasBytes = new Promise<void>((resolve) => {
      clientHasBytes = resolve;
    });
    const { app, registry } = createTestApp(
      (app) =>
        app.get("/home", (_req, res) => {
          res.type("html");
          res.write(HEAD);
          for (let index = 0; index < 100; index++) res.write(BLOCK);
          void hasBytes.then(() => res.end(`${BLOCK}</body></html>`));
        }),
      { injector: HOLD },
    );
    const body = await withServer(
      app,
      (url) =>
        new Promise<string>((resolve, reject) => {
          const req = httpRequest(`${url}/home`, { headers: USER }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => {
              chunks.push(chunk);
              clientHasBytes();
            });
            res.on("end", () => resolve(Buffer.concat(chunks).toString()));
          });
          req.on("error", reject);
          req.end();
        }),
    );
    const tagged = await registry.getSingleMetric("dnma_tag_pages_tagged_total")?.get();

    expect(body).toBe(taggedPage(`${HEAD}${BLOCK.repeat(101)}</body></html>`));
    expect(tagged?.values).toEqual([{ labels: { service: "ACCUEIL" }, value: 1 }]);
  });

  it("puts the tag at the very end when more than the limit follows </body>", async () => {
    const trailer = `<!--${"t".repeat(40 * 1024)}-->`;
    const { app } = createTestApp(
      (app) =>
        app.get("/home", (_req, res) => {
          res.type("html");
          res.write(`${HEAD}<p>x</p></body>`);
          for (const piece of trailer.match(/.{1,4096}/gs) ?? []) res.write(piece);
          res.end();
        }),
      { injector: HOLD },
    );
    const { loader, tag } = expectedSnippets();
    const body = await withServer(app, (url) =>
      fetch(`${url}/home`, { headers: USER }).then((response) => response.text()),
    );

    expect(body).toBe(
      `${HEAD.replace("</head>", `${loader}</head>`)}<p>x</p></body>${trailer}${tag}`,
    );
  });
});
