import type { IncomingMessage, ServerResponse } from "node:http";
import { connect } from "node:net";
import { deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { PAGE, taggedPage } from "../support/app.js";
import {
  closeAll,
  proxyConfig,
  type RunningProxy,
  rawExchange,
  rawGet,
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
const GATEWAY_ERROR =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The ENT behind this proxy did not answer properly. Please try again in a moment.</p></body></html>\n';

let upstream: Upstream | undefined;
let running: RunningProxy | undefined;
afterEach(async () => {
  await closeAll(running?.proxy, upstream?.server);
  upstream = running = undefined;
});

async function setUp(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  extra: Record<string, unknown> = {},
) {
  upstream = await startUpstream(handler);
  running = await startProxy(
    proxyConfig(upstream.url, { identity: { source: "upstream-headers" }, ...extra }),
  );
  return running;
}

/** A page longer than the injector's loader wait, so that bytes leave before its end. */
function longPage(): string {
  return `<!DOCTYPE html><html><head><title>Long</title></head><body>${"<p>ligne</p>\n".repeat(12_000)}</body></html>`;
}

describe("proxy: forwarding headers", () => {
  it("replaces the forwarding headers of an untrusted peer", async () => {
    let seen: IncomingMessage["headers"] = {};
    const { url, port } = await setUp((req, res) => {
      seen = req.headers;
      res.end("ok");
    });
    await getRaw(`${url}/api/x`, {
      "X-Forwarded-For": "6.6.6.6",
      "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "evil.example",
      Forwarded: "for=6.6.6.6",
    });

    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen["x-forwarded-host"]).toBe(`127.0.0.1:${port}`);
    expect(seen.forwarded).toBe(`for=127.0.0.1;proto=http;host="127.0.0.1:${port}"`);
    expect(seen.host).toBe(`127.0.0.1:${port}`);
  });

  it("appends to the forwarding headers of a trusted peer", async () => {
    let seen: IncomingMessage["headers"] = {};
    const { url, port } = await setUp(
      (req, res) => {
        seen = req.headers;
        res.end("ok");
      },
      { trusted_proxies: ["127.0.0.0/8"] },
    );
    await getRaw(`${url}/api/x`, {
      "X-Forwarded-For": "203.0.113.7",
      "X-Forwarded-Proto": "https",
      "X-Forwarded-Host": "ent.example.fr",
      Forwarded: "for=203.0.113.7;proto=https",
    });

    expect(seen["x-forwarded-for"]).toBe("203.0.113.7, 127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(seen["x-forwarded-host"]).toBe("ent.example.fr");
    expect(seen.forwarded).toBe(
      `for=203.0.113.7;proto=https, for=127.0.0.1;proto=https;host="127.0.0.1:${port}"`,
    );
  });

  it("rewrites Host to the target when configured", async () => {
    let host: string | undefined;
    const { url } = await setUp(
      (req, res) => {
        host = req.headers.host;
        res.end("ok");
      },
      { host_header: "target" },
    );
    await getRaw(`${url}/api/x`, { Host: "ent.example.fr" });

    expect(host).toBe(new URL(upstream?.url ?? "").host);
  });

  it("rewrites Location and cookie domains only when configured", async () => {
    const { url } = await setUp(
      (_req, res) => {
        res.writeHead(302, [
          "Location",
          `${upstream?.url}/login?next=%2F`,
          "Set-Cookie",
          "s=1; Path=/; Domain=.ent.internal; HttpOnly",
          "Set-Cookie",
          "t=2; Domain=other.example",
        ]);
        res.end();
      },
      { rewrite: { location: true, cookie_domains: { "ent.internal": "ent.example.fr" } } },
    );
    const response = await getRaw(`${url}/home`, { Host: "ent.example.fr" });

    expect(response.headers.location).toBe("http://ent.example.fr/login?next=%2F");
    expect(response.headers["set-cookie"]).toEqual([
      "s=1; Path=/; Domain=ent.example.fr; HttpOnly",
      "t=2; Domain=other.example",
    ]);
  });
});

describe("proxy: upstream failures", () => {
  it("answers 502 with a short page when the upstream is down", async () => {
    const closed = await startUpstream((_req, res) => res.end());
    const target = closed.url;
    await closeAll(closed.server);
    running = await startProxy(proxyConfig(target));
    const response = await getRaw(`${running.url}/home`);

    expect(response.status).toBe(502);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.body.toString()).toBe(GATEWAY_ERROR);
    expect(await running.metric("dnma_tag_proxy_upstream_errors_total", { kind: "connect" })).toBe(
      1,
    );
  });

  it("answers 504 when the upstream sends no headers in time", async () => {
    const { url, metric } = await setUp(() => {}, { timeouts: { upstream_headers_ms: 50 } });
    const response = await getRaw(`${url}/home`);

    expect(response.status).toBe(504);
    expect(await metric("dnma_tag_proxy_upstream_errors_total", { kind: "timeout" })).toBe(1);
  });

  it("answers 502 when the upstream resets a taggable page before its first body byte", async () => {
    const { port } = await setUp((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/html", "Content-Length", "5000", ...PUPIL]);
      res.flushHeaders();
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const response = await rawExchange(port, rawGet("/home"));

    expect(response.text).toMatch(/^HTTP\/1\.1 502 Bad Gateway\r\n/);
    expect(response.text.endsWith(GATEWAY_ERROR)).toBe(true);
  });

  it.each([
    ["a tagged chunked page", "/home", ["Content-Type", "text/html", ...PUPIL]],
    ["a passed-through page", "/api/page", ["Content-Type", "text/html"]],
  ])(
    "drops the client connection, without a last chunk, when the upstream resets %s mid-body",
    async (_label, path, headers) => {
      const page = longPage();
      const { port } = await setUp((_req, res) => {
        res.writeHead(200, headers);
        res.write(page.slice(0, 200_000), () => setTimeout(() => res.socket?.destroy(), 50));
      });
      const response = await rawExchange(port, rawGet(path));

      expect(response.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(response.text).toContain("Transfer-Encoding: chunked\r\n");
      expect(response.text.endsWith("\r\n0\r\n\r\n")).toBe(false);
      expect(response.bytes.length).toBeGreaterThan(60_000);
    },
  );

  it("drops the client connection when a Content-Length page is reset mid-body", async () => {
    const page = longPage();
    const { port } = await setUp((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/plain", "Content-Length", String(page.length)]);
      res.write(page.slice(0, 100_000), () => setTimeout(() => res.socket?.destroy(), 50));
    });
    const response = await rawExchange(port, rawGet("/api/file"));
    const bodyLength = response.bytes.length - response.text.indexOf("\r\n\r\n") - 4;

    expect(response.text).toContain(`Content-Length: ${page.length}\r\n`);
    expect(bodyLength).toBe(100_000);
  });
});

describe("proxy: clients that leave", () => {
  it("closes the upstream request when the client goes away mid-body, without counting an upstream error", async () => {
    let upstreamClosed: () => void = () => {};
    const isUpstreamClosed = new Promise<void>((resolve) => {
      upstreamClosed = resolve;
    });
    const { port, metric } = await setUp((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/plain"]);
      res.write("x".repeat(1000));
      res.on("close", upstreamClosed);
    });
    const socket = connect(port, "127.0.0.1");
    socket.on("data", () => socket.destroy());
    socket.on("error", () => {});
    socket.write(rawGet("/api/stream"));
    await isUpstreamClosed;

    expect(await metric("dnma_tag_proxy_upstream_errors_total", { kind: "reset" })).toBe(0);
  });

  it("closes the upstream request when the client goes away before the upstream answered", async () => {
    let upstreamClosed: () => void = () => {};
    const isUpstreamClosed = new Promise<void>((resolve) => {
      upstreamClosed = resolve;
    });
    let isRequestSeen: () => void = () => {};
    const requestSeen = new Promise<void>((resolve) => {
      isRequestSeen = resolve;
    });
    const { port } = await setUp((req) => {
      req.socket.on("close", () => upstreamClosed());
      isRequestSeen();
    });
    const socket = connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.write(rawGet("/api/slow"));
    await requestSeen;
    socket.destroy();

    await expect(isUpstreamClosed).resolves.toBeUndefined();
  });
});

describe("proxy: bodies that do not decode", () => {
  it("serves a corrupt gzip page exactly as the upstream sent it when nothing was sent yet", async () => {
    const corrupt = Buffer.concat([gzipSync(PAGE).subarray(0, 20), Buffer.from("not gzip at all")]);
    const { url, metric } = await setUp((_req, res) => {
      res.writeHead(200, [
        "Content-Type",
        "text/html",
        "Content-Encoding",
        "gzip",
        "Content-Length",
        String(corrupt.length),
        ...PUPIL,
      ]);
      res.end(corrupt);
    });
    const response = await getRaw(`${url}/home`);

    expect(response.body).toEqual(corrupt);
    expect(response.headers["content-length"]).toBe(String(corrupt.length));
    expect(response.headers["cache-control"]).toBeUndefined();
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "decode-error" })).toBe(1);
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
  ])(
    "serves a small %s page cut short exactly as the upstream sent it",
    async (coding, compress) => {
      const whole = compress(PAGE);
      const cut = whole.subarray(0, whole.length - 12);
      const { url, metric } = await setUp((_req, res) => {
        res.writeHead(200, [
          "Content-Type",
          "text/html",
          "Content-Encoding",
          coding,
          "Content-Length",
          String(cut.length),
          ...PUPIL,
        ]);
        res.end(cut);
      });
      const response = await getRaw(`${url}/home`);

      expect(response.body).toEqual(cut);
      expect(response.headers["cache-control"]).toBeUndefined();
      expect(await metric("dnma_tag_pages_skipped_total", { reason: "decode-error" })).toBe(1);
    },
  );

  it("drops the connection, without a last chunk, when a gzip page breaks after bytes were sent", async () => {
    // Note: text that compresses little, so that more than the 64 KiB held before the
    // headers go out has been sent when the break comes.
    const noisy = Array.from(
      { length: 40_000 },
      (_, index) => `<p>${((index * 2654435761) >>> 0).toString(36)}</p>`,
    ).join("");
    const whole = gzipSync(`<!DOCTYPE html><html><head></head><body>${noisy}</body></html>`);
    const broken = Buffer.concat([whole.subarray(0, whole.length - 12), Buffer.alloc(12, 0xff)]);
    const { port, metric } = await setUp((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/html", "Content-Encoding", "gzip", ...PUPIL]);
      res.end(broken);
    });
    const response = await rawExchange(port, rawGet("/home"));

    expect(response.text).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(response.text.endsWith("\r\n0\r\n\r\n")).toBe(false);
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "decode-error" })).toBe(1);
  });

  it("tags a page whose gzip arrives in many small chunks", async () => {
    const body = gzipSync(PAGE);
    const { url } = await setUp((_req, res) => {
      res.writeHead(200, ["Content-Type", "text/html", "Content-Encoding", "gzip", ...PUPIL]);
      let at = 0;
      const next = () => {
        if (at >= body.length) return res.end();
        res.write(body.subarray(at, at + 3), () => setImmediate(next));
        at += 3;
      };
      next();
    });
    const { gunzipSync } = await import("node:zlib");
    const response = await getRaw(`${url}/home`);

    expect(gunzipSync(response.body).toString()).toBe(taggedPage());
  });
});
