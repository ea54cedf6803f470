import type { IncomingMessage, ServerResponse } from "node:http";
import {
  brotliCompressSync,
  brotliDecompressSync,
  deflateSync,
  gzipSync,
  inflateSync,
  gunzipSync,
} from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { expectedSnippets, PAGE, taggedPage } from "../support/app.js";
import { CLICKS_PLAN } from "../support/plans.js";
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
/** Hop-by-hop fields the proxy's own HTTP server adds on its connection to the client. */
const CLIENT_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

let upstream: Upstream | undefined;
let running: RunningProxy | undefined;
afterEach(async () => {
  await closeAll(running?.proxy, upstream?.server);
  upstream = running = undefined;
});

/** Upstream serving `handler`, proxy in front with identity from upstream headers. */
async function setUp(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  extra: Record<string, unknown> = {},
) {
  upstream = await startUpstream((req, res) => {
    res.sendDate = false;
    handler(req, res);
  });
  running = await startProxy(
    proxyConfig(upstream.url, { identity: { source: "upstream-headers" }, ...extra }),
  );
  return running;
}

function pairs(raw: string[]): [string, string][] {
  const list: [string, string][] = [];
  for (let index = 0; index < raw.length; index += 2)
    list.push([raw[index] as string, raw[index + 1] as string]);
  return list;
}

function endToEndHeaders(raw: string[]): [string, string][] {
  return pairs(raw).filter(([name]) => !CLIENT_HOP.has(name.toLowerCase()));
}

async function getWithRawHeaders(
  url: string,
  headers: Record<string, string> = {},
  method = "GET",
) {
  const { request } = await import("node:http");
  return new Promise<{ status: number; raw: string[]; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, raw: res.rawHeaders, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("proxy: tagging", () => {
  it("tags a plain page with exact bytes and strips the upstream identity headers", async () => {
    const { url } = await setUp((_req, res) => {
      res.writeHead(200, [
        "Content-Type",
        "text/html; charset=utf-8",
        "Content-Length",
        String(Buffer.byteLength(PAGE)),
        "ETag",
        '"v1"',
        "Cache-Control",
        "public, max-age=60",
        ...PUPIL,
      ]);
      res.end(PAGE);
    });
    const response = await getWithRawHeaders(`${url}/home`);

    expect(response.body.toString()).toBe(taggedPage());
    expect(endToEndHeaders(response.raw)).toEqual([
      ["Content-Type", "text/html; charset=utf-8"],
      ["Cache-Control", "private, max-age=60"],
    ]);
  });

  it("answers the pages' GAR code reports itself, without calling the upstream", async () => {
    const calls: string[] = [];
    upstream = await startUpstream((req, res) => {
      calls.push(req.url ?? "");
      res.end("upstream");
    });
    running = await startProxy(
      proxyConfig(upstream.url, { identity: { source: "upstream-headers" } }),
      CLICKS_PLAN,
    );
    const report = await getRaw(
      `${running.url}/__dnma-tag/report?rule=gar&gar=XYZ`,
      { "Sec-Fetch-Site": "same-origin" },
      "POST",
    );
    const other = await getRaw(`${running.url}/__dnma-tag/other`, {}, "POST");

    expect(report.status).toBe(204);
    expect(other.body.toString()).toBe("upstream");
    expect(calls).toEqual(["/__dnma-tag/other"]);
    expect(
      await running.metric("dnma_tag_gar_unknown_codes_total", { rule: "gar", code: "XYZ" }),
    ).toBe(1);
  });

  it("asks the upstream for taggable pages in full, and keeps validators elsewhere", async () => {
    const seen: Record<string, string | undefined> = {};
    const { url } = await setUp((req, res) => {
      seen[req.url ?? ""] = req.headers["if-none-match"];
      res.writeHead(304, ["ETag", '"v1"']);
      res.end();
    });
    await getRaw(`${url}/home`, { "If-None-Match": '"v1"' });
    await getRaw(`${url}/login`, { "If-None-Match": '"v1"' });

    expect(seen).toEqual({ "/home": undefined, "/login": '"v1"' });
  });

  it("extends the upstream's CSP for the tag, or serves the page untouched when it cannot", async () => {
    const { url } = await setUp((req, res) => {
      const policy =
        req.url === "/home" ? "script-src 'self'; object-src 'none'" : "script-src 'none'";
      res.writeHead(200, [
        "Content-Type",
        "text/html",
        "Content-Security-Policy",
        policy,
        ...PUPIL,
      ]);
      res.end(PAGE);
    });
    const tagged = await getRaw(`${url}/home`);
    const tagText = expectedSnippets()
      .tag.replace(/^<script[^>]*>/, "")
      .replace(/<\/script>$/, "");
    const hash = createHash("sha256").update(tagText).digest("base64");

    expect(tagged.body.toString()).toBe(taggedPage());
    expect(tagged.headers["content-security-policy"]).toBe(
      `script-src 'self' 'sha256-${hash}'; object-src 'none'`,
    );

    const blocked = await getRaw(`${url}/blog/x/y`);
    expect(blocked.body.toString()).toBe(PAGE);
    expect(blocked.headers["content-security-policy"]).toBe("script-src 'none'");
  });

  it.each([
    ["gzip", gzipSync, gunzipSync],
    ["deflate", deflateSync, inflateSync],
    ["br", brotliCompressSync, brotliDecompressSync],
  ] as const)(
    "decodes, tags and re-encodes a %s page, keeping Vary",
    async (coding, encode, decode) => {
      const { url } = await setUp((_req, res) => {
        const body = encode(Buffer.from(PAGE));
        res.writeHead(200, [
          "Content-Type",
          "text/html",
          "Content-Encoding",
          coding,
          "Content-Length",
          String(body.length),
          "Vary",
          "Accept-Encoding",
          ...PUPIL,
        ]);
        res.end(body);
      });
      const response = await getWithRawHeaders(`${url}/home`, {
        "accept-encoding": "gzip, deflate, br",
      });

      expect(decode(response.body).toString()).toBe(taggedPage());
      expect(endToEndHeaders(response.raw)).toEqual([
        ["Content-Type", "text/html"],
        ["Content-Encoding", coding],
        ["Vary", "Accept-Encoding"],
        ["cache-control", "private"],
      ]);
    },
  );

  it("adds Vary: Accept-Encoding to a re-encoded page that had another Vary", async () => {
    const { url } = await setUp((_req, res) => {
      res.writeHead(200, [
        "Content-Type",
        "text/html",
        "Content-Encoding",
        "gzip",
        "Vary",
        "Cookie",
        ...PUPIL,
      ]);
      res.end(gzipSync(PAGE));
    });
    const response = await getWithRawHeaders(`${url}/home`);

    expect(pairs(response.raw).filter(([name]) => name === "Vary")).toEqual([
      ["Vary", "Cookie, Accept-Encoding"],
    ]);
  });

  it("asks the upstream for identity encoding for pages only, when configured", async () => {
    const seen: Record<string, string | undefined> = {};
    const { url } = await setUp(
      (req, res) => {
        seen[req.url ?? ""] = req.headers["accept-encoding"];
        res.writeHead(200, ["Content-Type", "text/html", ...PUPIL]);
        res.end(PAGE);
      },
      { accept_encoding: "identity" },
    );
    const page = await getRaw(`${url}/home`, { "accept-encoding": "gzip, br" });
    await getRaw(`${url}/api/data`, { "accept-encoding": "gzip, br" });

    expect(page.body.toString()).toBe(taggedPage());
    expect(seen).toEqual({ "/home": "identity", "/api/data": "gzip, br" });
  });

  it("leaves a page in an unsupported coding untouched, byte for byte", async () => {
    const body = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]);
    const { url, metric } = await setUp((_req, res) => {
      res.writeHead(200, [
        "Content-Type",
        "text/html",
        "Content-Encoding",
        "zstd",
        "Content-Length",
        String(body.length),
        ...PUPIL,
      ]);
      res.end(body);
    });
    const response = await getWithRawHeaders(`${url}/home`);

    expect(response.body).toEqual(body);
    expect(endToEndHeaders(response.raw)).toEqual([
      ["Content-Type", "text/html"],
      ["Content-Encoding", "zstd"],
      ["Content-Length", "7"],
    ]);
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "encoded" })).toBe(1);
  });
});

describe("proxy: pass-through", () => {
  const json = ["Content-Type", "application/json", "Content-Length", "12", "ETag", '"j"'];
  const css = [
    "content-type",
    "text/css",
    "cache-control",
    "public, max-age=31536000",
    "Content-Length",
    "6",
  ];
  const cookies = [
    "Location",
    "/login?next=%2Fhome",
    "Set-Cookie",
    "a=1; Path=/; Domain=ent.internal",
    "Set-Cookie",
    "b=2; HttpOnly",
    "Content-Length",
    "0",
  ];
  const html = ["Content-Type", "text/html", "Content-Length", String(PAGE.length)];
  const cases: [string, string, string, number, string[], string, string][] = [
    ["JSON", "GET", "/home", 200, json, '{"unread":2}', "not-html"],
    ["an asset", "GET", "/style.css", 200, css, "a{b:c}", "never-tag"],
    ["a redirect with cookies", "GET", "/home", 302, cookies, "", "status"],
    ["a 304", "GET", "/home", 304, ["ETag", '"v1"', "Cache-Control", "private"], "", "status"],
    ["a page of a never_tag path", "GET", "/api/page", 200, html, PAGE, "never-tag"],
    ["a 404 page", "GET", "/home", 404, html, PAGE, "status"],
    ["a PUT answered with HTML", "PUT", "/home", 200, html, PAGE, "method"],
    [
      "a HEAD",
      "HEAD",
      "/home",
      200,
      ["Content-Type", "text/html", "Content-Length", "1234"],
      "",
      "head-request",
    ],
  ];

  it.each(cases)(
    "passes %s through with its headers and bytes unchanged",
    async (_label, method, path, status, headers, body, reason) => {
      const { url, metric } = await setUp((req, res) => {
        req.resume();
        res.writeHead(status, [...headers, ...PUPIL]);
        res.end(method === "HEAD" ? undefined : body);
      });
      const response = await getWithRawHeaders(`${url}${path}`, {}, method);

      expect(response.status).toBe(status);
      expect(endToEndHeaders(response.raw)).toEqual(pairs(headers));
      expect(response.body.toString()).toBe(body);
      expect(await metric("dnma_tag_pages_skipped_total", { reason })).toBe(1);
    },
  );

  it("forwards a POST body and tags the HTML page it answers", async () => {
    let received = "";
    const { url } = await setUp((req, res) => {
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => {
        received += chunk;
      });
      req.on("end", () => {
        res.writeHead(200, ["Content-Type", "text/html", ...PUPIL]);
        res.end(PAGE);
      });
    });
    const { request } = await import("node:http");
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${url}/home`,
        { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.write("message=bon");
      setImmediate(() => req.end("jour&x=1"));
    });

    expect(received).toBe("message=bonjour&x=1");
    expect(body).toBe(taggedPage());
  });

  it("removes hop-by-hop fields both ways, including those Connection names", async () => {
    let received: [string, string][] = [];
    const { url } = await setUp((req, res) => {
      received = pairs(req.rawHeaders);
      res.writeHead(200, [
        "Content-Type",
        "application/json",
        "Connection",
        "X-Up-Secret",
        "X-Up-Secret",
        "1",
        "Proxy-Authenticate",
        "Basic",
        "Trailer",
        "X-T",
        "X-Kept",
        "yes",
      ]);
      res.end("{}");
    });
    const response = await getWithRawHeaders(`${url}/api/x`, {
      Connection: "X-Client-Secret",
      "X-Client-Secret": "1",
      "Keep-Alive": "timeout=9",
      TE: "trailers",
      "Proxy-Authorization": "Basic eA==",
      "X-Other": "kept",
    });

    expect(
      received
        .map(([name]) => name.toLowerCase())
        .filter((name) => /secret|keep-alive|^te$|proxy-/.test(name)),
    ).toEqual([]);
    expect(received).toContainEqual(["X-Other", "kept"]);
    expect(endToEndHeaders(response.raw)).toEqual([
      ["Content-Type", "application/json"],
      ["X-Kept", "yes"],
    ]);
  });
});
