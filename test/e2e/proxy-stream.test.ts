import { createHash } from "node:crypto";
import { request } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { expectedSnippets, PAGE, taggedPage } from "../support/app.js";
import {
  closeAll,
  proxyConfig,
  type RunningProxy,
  startProxy,
  startUpstream,
  type Upstream,
} from "../support/proxy.js";
import { getRaw } from "../support/raw-http.js";

const PUPIL = [
  "X-Dnma-User",
  "jdupont",
  "X-Dnma-Aaf-Profile",
  "National_ELV",
  "X-Dnma-Uai",
  "0021593W",
];

let upstream: Upstream | undefined;
let running: RunningProxy | undefined;
afterEach(async () => {
  await closeAll(running?.proxy, upstream?.server);
  upstream = running = undefined;
});

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire = () => {};
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/** Resolves when `promise` does, or after `ms` as a guard against a hang (the test's order assertion then fails). */
function orAfter(promise: Promise<void>, ms: number): Promise<void> {
  return Promise.race([promise, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

describe("proxy: streaming", () => {
  it("tags a page the upstream sends slowly in 1-byte chunks", async () => {
    upstream = await startUpstream((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/html", ...PUPIL]);
      let at = 0;
      const next = () => {
        if (at >= PAGE.length) return res.end();
        res.write(PAGE[at++], () => setImmediate(next));
      };
      next();
    });
    running = await startProxy(
      proxyConfig(upstream.url, { identity: { source: "upstream-headers" } }),
    );
    const response = await getRaw(`${running.url}/home`);

    expect(response.body.toString()).toBe(taggedPage());
    expect(response.headers["transfer-encoding"]).toBe("chunked");
  });

  it("sends the first bytes of a 50 MB tagged page before the upstream has finished it", async () => {
    const head = "<!DOCTYPE html><html><head><title>Grand</title></head><body>\n";
    const filler = Buffer.from(`<p>${"x".repeat(65_529)}</p>\n`);
    const count = 800;
    const tail = "</body></html>\n";
    const events: string[] = [];
    const firstByte = signal();

    upstream = await startUpstream(async (_req, res) => {
      res.writeHead(200, ["Content-Type", "text/html", ...PUPIL]);
      res.write(head);
      for (let index = 0; index < count; index++) {
        if (!res.write(filler)) await new Promise((resolve) => res.once("drain", resolve));
      }
      await orAfter(firstByte.promise, 20_000);
      events.push("upstream-end");
      res.end(tail);
    });
    running = await startProxy(
      proxyConfig(upstream.url, { identity: { source: "upstream-headers" } }),
    );

    const { length, digest } = await new Promise<{ length: number; digest: string }>(
      (resolve, reject) => {
        const hash = createHash("sha256");
        let received = 0;
        request(`${running?.url}/home`, (res) => {
          res.on("data", (chunk: Buffer) => {
            if (received === 0) {
              events.push("client-first-byte");
              firstByte.fire();
            }
            received += chunk.length;
            hash.update(chunk);
          });
          res.on("end", () => resolve({ length: received, digest: hash.digest("hex") }));
          res.on("error", reject);
        }).end();
      },
    );

    const { loader, tag } = expectedSnippets("accueil");
    const expected = createHash("sha256").update(head.replace("</head>", `${loader}</head>`));
    for (let index = 0; index < count; index++) expected.update(filler);
    expected.update(`${tag}</body></html>\n`);
    expect(events).toEqual(["client-first-byte", "upstream-end"]);
    expect(length).toBe(
      head.length + loader.length + filler.length * count + tag.length + tail.length,
    );
    expect(digest).toBe(expected.digest("hex"));
  });

  it("passes server-sent events through one by one", async () => {
    const events: string[] = [];
    const firstEvent = signal();
    upstream = await startUpstream(async (_req, res) => {
      res.writeHead(200, ["Content-Type", "text/event-stream", "Cache-Control", "no-cache"]);
      res.write("id: 1\ndata: premier\n\n");
      await orAfter(firstEvent.promise, 5000);
      events.push("upstream-second");
      res.end("id: 2\ndata: second\n\n");
    });
    running = await startProxy(proxyConfig(upstream.url));

    await new Promise<void>((resolve, reject) => {
      request(`${running?.url}/events`, { headers: { Accept: "text/event-stream" } }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          events.push(`client:${chunk}`);
          firstEvent.fire();
        });
        res.on("end", resolve);
        res.on("error", reject);
      }).end();
    });

    expect(events).toEqual([
      "client:id: 1\ndata: premier\n\n",
      "upstream-second",
      "client:id: 2\ndata: second\n\n",
    ]);
  });

  it("tunnels a WebSocket upgrade, bytes untouched both ways, identity headers removed", async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    upstream = await startUpstream((_req, res) => res.end());
    const upgraded = new Set<import("node:stream").Duplex>();
    upstream.server.on("upgrade", (req, socket) => {
      upgraded.add(socket);
      seen = req.headers;
      const accept = createHash("sha1")
        .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
        .digest("base64");
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nX-Dnma-User: jdupont\r\n\r\n`,
      );
      socket.on("data", (data: Buffer) =>
        socket.write(Buffer.concat([Buffer.from("echo:"), data])),
      );
    });
    running = await startProxy(
      proxyConfig(upstream.url, { identity: { source: "upstream-headers" } }),
    );

    const socket = connect(running.port, "127.0.0.1");
    const received: Buffer[] = [];
    const frame = Buffer.from([0x81, 0x85, 1, 2, 3, 4, 0x69, 0x67, 0x6f, 0x68, 0x6e]);
    socket.write(
      "GET /chat HTTP/1.1\r\nHost: ent.example.fr\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
    );
    await new Promise<void>((resolve) => {
      socket.on("data", (chunk: Buffer) => {
        received.push(chunk);
        const text = Buffer.concat(received).toString("latin1");
        if (text.endsWith("\r\n\r\n")) socket.write(frame);
        if (text.includes("echo:")) resolve();
      });
    });
    socket.destroy();
    for (const side of upgraded) side.destroy();

    const text = Buffer.concat(received);
    const headEnd = text.indexOf("\r\n\r\n") + 4;
    expect(text.subarray(0, headEnd).toString()).toBe(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n",
    );
    expect(text.subarray(headEnd)).toEqual(Buffer.concat([Buffer.from("echo:"), frame]));
    expect([
      seen.upgrade,
      seen.connection,
      seen["sec-websocket-key"],
      seen["x-forwarded-for"],
    ]).toEqual(["websocket", "Upgrade", "dGhlIHNhbXBsZSBub25jZQ==", "127.0.0.1"]);
  });
});

describe("proxy: shutdown", () => {
  it("stops accepting, finishes the response in flight, then resolves close()", async () => {
    const release = signal();
    upstream = await startUpstream(async (_req, res) => {
      res.writeHead(200, ["Content-Type", "text/plain"]);
      res.write("first part, ");
      await orAfter(release.promise, 5000);
      res.end("last part");
    });
    running = await startProxy(proxyConfig(upstream.url));
    const proxy = running.proxy;
    const url = running.url;

    let closing: Promise<boolean> | undefined;
    const body = await new Promise<string>((resolve, reject) => {
      let text = "";
      request(`${url}/api/slow`, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          if (closing) return;
          closing = proxy.close();
          getRaw(`${url}/api/other`).then(
            () => reject(new Error("a new connection was accepted while closing")),
            (err: NodeJS.ErrnoException) => {
              expect(err.code).toBe("ECONNREFUSED");
              release.fire();
            },
          );
        });
        res.on("end", () => resolve(text));
        res.on("error", reject);
      }).end();
    });

    expect(body).toBe("first part, last part");
    expect(await closing).toBe(true);
    running = undefined;
  });
});
