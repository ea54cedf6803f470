import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { checkAccess, isLoopbackAddress } from "../../../src/admin/access.js";
import { escapeHtml, table } from "../../../src/admin/html.js";

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and quoted attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
    expect(escapeHtml(undefined)).toBe("");
  });

  it("is applied to every table cell not given as html", () => {
    expect(table(["<h>"], [["<td>", { html: "<b>kept</b>" }, 3]])).toBe(
      '<table><thead><tr><th scope="col">&lt;h&gt;</th></tr></thead><tbody><tr><td>&lt;td&gt;</td><td><b>kept</b></td><td>3</td></tr></tbody></table>',
    );
  });
});

describe("checkAccess", () => {
  const TOKEN = "0123456789abcdef-token";

  it.each([
    ["127.0.0.1:9464", undefined],
    ["127.0.0.2", undefined],
    ["localhost", undefined],
    ["[::1]:9464", undefined],
    ["127.0.0.1.nip.io", 403],
    ["ent.example.fr", 403],
  ])("without a token, Host %s → %s", (host, status) => {
    expect(checkAccess(request({ host }), undefined)?.status).toBe(status);
  });

  it.each([
    [`Bearer ${TOKEN}`, undefined],
    [`bearer ${TOKEN}`, undefined],
    [`Basic ${Buffer.from(`anyone:${TOKEN}`).toString("base64")}`, undefined],
    [`Basic ${Buffer.from(TOKEN).toString("base64")}`, 401],
    [`Bearer ${TOKEN}x`, 401],
    ["", 401],
  ])("with a token, Authorization %j → %s", (authorization, status) => {
    expect(checkAccess(request({ authorization, host: "anything" }), TOKEN)?.status).toBe(status);
  });
});

describe("isLoopbackAddress", () => {
  it.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["localhost", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopbackAddress(host)).toBe(expected);
  });
});
