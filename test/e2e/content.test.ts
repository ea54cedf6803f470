import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { createTestApp, expectedSnippets, PAGE, taggedPage } from "../support/app.js";
import { CLICKS_PLAN } from "../support/plans.js";
import { getOnce } from "../support/raw-http.js";

const USER = { "x-test-user": "pupil" };
const { loader: LOADER, tag: TAG } = expectedSnippets();

/** `page` with the loader before its first `</head>` and the tag before its last `</body>`, bytes untouched. */
function insertSnippets(page: Buffer): Buffer {
  const headEnd = page.indexOf("</head>");
  const bodyEnd = page.lastIndexOf("</body>");
  return Buffer.concat([
    page.subarray(0, headEnd),
    Buffer.from(LOADER),
    page.subarray(headEnd, bodyEnd),
    Buffer.from(TAG),
    page.subarray(bodyEnd),
  ]);
}

function pageWith(head: string, bodyBytes: number[]): Buffer {
  return Buffer.concat([
    Buffer.from(`<!DOCTYPE html><html><head>${head}<title>`),
    Buffer.from(bodyBytes),
    Buffer.from("</title></head><body><p>"),
    Buffer.from(bodyBytes),
    Buffer.from('</p><input value="'),
    Buffer.from(bodyBytes),
    Buffer.from('"></body></html>'),
  ]);
}

async function serveBytes(contentType: string | undefined, body: Buffer, status = 200) {
  const { app, registry } = createTestApp((app) =>
    app.get("/home", (_req, res) => {
      res.status(status);
      if (contentType) res.setHeader("content-type", contentType);
      res.end(body);
    }),
  );
  const response = await getOnce(app, "/home", USER);
  const skipped =
    (await registry.getSingleMetric("dnma_tag_pages_skipped_total")?.get())?.values ?? [];
  return { response, reasons: skipped.map((value) => value.labels.reason) };
}

// Shift_JIS 表 (0x95 0x5C), ソ (0x83 0x5C), 能 (0x94 0x5C): a second byte that is ASCII "\".
const SHIFT_JIS = [0x95, 0x5c, 0x83, 0x5c, 0x94, 0x5c, 0x8e, 0xa6];
// EUC-JP 日本 and GBK 乗 (0x81 0x5C) and 啊 (0xB0 0xA1).
const EUC_JP = [0xc6, 0xfc, 0xcb, 0xdc];
const GBK = [0x81, 0x5c, 0xb0, 0xa1];
// windows-1252: é, €, “ ” and an ellipsis, all outside ASCII.
const WINDOWS_1252 = [0xe9, 0x80, 0x93, 0x94, 0x85];

describe("charsets: bytes kept, never decoded", () => {
  it.each([
    ["windows-1252 by header", "text/html; charset=windows-1252", "", WINDOWS_1252],
    ["windows-1252 by meta", "text/html", '<meta charset="windows-1252">', WINDOWS_1252],
    [
      "ISO-8859-1 by http-equiv meta",
      "text/html",
      '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
      WINDOWS_1252,
    ],
    ["Shift_JIS with 0x5C trail bytes", "text/html; charset=Shift_JIS", "", SHIFT_JIS],
    ["Shift_JIS by meta", "text/html", '<meta charset="shift_jis">', SHIFT_JIS],
    ["EUC-JP", "text/html; charset=EUC-JP", "", EUC_JP],
    ["GBK with a 0x5C trail byte", "text/html; charset=gbk", "", GBK],
    ["UTF-8 without BOM", "text/html; charset=utf-8", "", [...Buffer.from("élève « ok »")]],
  ])("tags %s with every original byte in place", async (_label, contentType, head, bytes) => {
    const page = pageWith(head, bytes);
    const { response } = await serveBytes(contentType, page);

    expect(response.body.equals(insertSnippets(page))).toBe(true);
    expect(response.headers["content-type"]).toBe(contentType);
  });

  it("tags a UTF-8 page with a BOM, the BOM first as it came", async () => {
    const page = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE)]);
    const { response } = await serveBytes("text/html; charset=utf-8", page);

    expect(
      response.body.equals(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(taggedPage())]),
      ),
    ).toBe(true);
  });

  it.each([
    [
      "UTF-16 by header",
      "text/html; charset=utf-16le",
      Buffer.from(PAGE, "utf16le"),
      "unsupported-charset",
    ],
    [
      "UTF-16 by its BOM",
      "text/html",
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PAGE, "utf16le")]),
      "utf16-bom",
    ],
    [
      "ISO-2022-JP by header",
      "text/html; charset=ISO-2022-JP",
      Buffer.from("<html><head></head><body>\x1b$B$3$s\x1b(B</body></html>", "latin1"),
      "unsupported-charset",
    ],
    [
      "ISO-2022-JP by meta",
      "text/html",
      Buffer.from(
        '<html><head><meta charset="iso-2022-jp"></head><body>\x1b$B$3$s\x1b(B</body></html>',
        "latin1",
      ),
      "unsupported-charset",
    ],
  ])("leaves %s byte-identical", async (_label, contentType, page, reason) => {
    const { response, reasons } = await serveBytes(contentType, page);

    expect(response.body.equals(page)).toBe(true);
    expect(reasons).toEqual([reason]);
  });

  it("follows the header's charset over a meta's, as browsers do", async () => {
    const page = Buffer.from(
      '<html><head><meta charset="iso-2022-jp"></head><body>x</body></html>',
    );
    const { response } = await serveBytes("text/html; charset=utf-8", page);

    expect(response.body.equals(insertSnippets(page))).toBe(true);
  });
});

describe("content types and statuses", () => {
  it.each([
    ["text/html with parameters", "text/html; charset=utf-8; profile=ent"],
    ["upper-case TEXT/HTML", "TEXT/HTML;CHARSET=UTF-8"],
    ["XHTML", "application/xhtml+xml; charset=utf-8"],
  ])("tags %s", async (_label, contentType) => {
    const { response } = await serveBytes(contentType, Buffer.from(PAGE));
    expect(response.body.toString()).toBe(taggedPage());
  });

  it("keeps an XHTML page well-formed: every inserted byte is XML-safe", async () => {
    const { response } = await serveBytes("application/xhtml+xml", Buffer.from(PAGE));
    const inserted = response.body.toString().replace(PAGE.slice(0, PAGE.indexOf("</head>")), "");
    const tagText = TAG.slice(TAG.indexOf(">") + 1, TAG.lastIndexOf("</script>"));

    expect(inserted).toContain(TAG);
    expect(tagText).not.toMatch(/[<&]|\]\]>/);
    expect(LOADER).toMatch(/^<script( [a-z]+="[^"<&]*")+><\/script>$/);
  });

  it("puts the click listener of an XHTML page's tag in a CDATA section", async () => {
    const { app } = createTestApp(
      (app) => app.get("/home", (_req, res) => res.type("application/xhtml+xml").send(PAGE)),
      {},
      CLICKS_PLAN,
    );
    const body = (await getOnce(app, "/home", USER)).body.toString();
    const tagStart = body.indexOf(">", body.lastIndexOf("<script")) + 1;
    const tagText = body.slice(tagStart, body.lastIndexOf("</script>"));

    expect(tagText.startsWith("//<![CDATA[\n")).toBe(true);
    expect(tagText.endsWith("\n//]]>")).toBe(true);
    expect(tagText.slice(12, -6)).toContain("&&");
    expect(tagText.slice(12, -6)).not.toContain("]]>");
  });

  it.each([
    ["JSON", '{"html": "<html><body></body></html>"}'],
    ["JavaScript", 'document.write("</body>");'],
    ["CSS", "body::after { content: '</body>' }"],
  ])("leaves %s served as text/html untouched", async (_label, body) => {
    const { response, reasons } = await serveBytes("text/html; charset=utf-8", Buffer.from(body));

    expect(response.body.toString()).toBe(body);
    expect(reasons).toEqual(["not-a-document"]);
  });

  it("leaves a page without Content-Type untouched", async () => {
    const { response, reasons } = await serveBytes(undefined, Buffer.from(PAGE));

    expect(response.body.toString()).toBe(PAGE);
    expect(reasons).toEqual(["not-html"]);
  });

  it.each([204, 304, 206, 500])("leaves a %i response untouched", async (status) => {
    const { response, reasons } = await serveBytes("text/html", Buffer.from(PAGE), status);

    expect(response.status).toBe(status);
    expect(response.body.toString()).toBe(status === 204 || status === 304 ? "" : PAGE);
    expect(reasons).toEqual(["status"]);
  });

  it("leaves a download (res.download) untouched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dnma-dl-"));
    writeFileSync(join(dir, "bulletin.html"), PAGE);
    const { app } = createTestApp((app) =>
      app.get("/home", (_req, res) => res.download(join(dir, "bulletin.html"))),
    );
    const response = await request(app).get("/home").set(USER);

    expect(response.text).toBe(PAGE);
    expect(response.headers["content-disposition"]).toBe("attachment; filename=bulletin.html");
  });
});

describe("range requests", () => {
  const dir = mkdtempSync(join(tmpdir(), "dnma-range-"));
  writeFileSync(join(dir, "page.html"), PAGE);
  const routes = (app: express.Express) => {
    app.get("/home", (_req, res) => res.sendFile(join(dir, "page.html")));
    app.get("/home/ignores-range", (_req, res) => res.type("html").send(PAGE));
  };

  it("leaves the 206 of a Range request untouched", async () => {
    const { app } = createTestApp(routes);
    const response = await getOnce(app, "/home", { ...USER, range: "bytes=0-20" });

    expect(response.status).toBe(206);
    expect(response.headers["content-range"]).toBe(`bytes 0-20/${PAGE.length}`);
    expect(response.body.toString()).toBe(PAGE.slice(0, 21));
  });

  it("tags the full 200 of an application that ignores Range, and offers no ranges", async () => {
    const { app } = createTestApp(routes);
    const response = await getOnce(app, "/home/ignores-range", { ...USER, range: "bytes=0-20" });

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(taggedPage(PAGE, expectedSnippets("autre", "PAGE_ENT")));
    expect(response.headers["accept-ranges"]).toBe("none");
  });

  it("offers no byte ranges on a tagged file that the application served with Accept-Ranges", async () => {
    const { app } = createTestApp(routes);
    const plain = await getOnce(
      express().get("/home", (_req, res) => res.sendFile(join(dir, "page.html"))),
      "/home",
    );
    const response = await getOnce(app, "/home", USER);

    expect(plain.headers["accept-ranges"]).toBe("bytes");
    expect(response.body.toString()).toBe(taggedPage());
    expect(response.headers["accept-ranges"]).toBe("none");
  });
});
