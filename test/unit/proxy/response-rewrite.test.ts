import { describe, expect, it } from "vitest";
import type { HeaderList } from "../../../src/proxy/header-list.js";
import {
  rewriteCookieDomain,
  rewriteLocation,
  rewriteResponseHeaders,
} from "../../../src/proxy/response-rewrite.js";

const PUBLIC = {
  target: "http://10.0.0.5:8080",
  publicHost: "ent.example.fr",
  publicProtocol: "https",
};

describe("rewriteLocation", () => {
  it.each([
    ["http://10.0.0.5:8080/login?next=%2F", "https://ent.example.fr/login?next=%2F"],
    ["http://10.0.0.5:8080", "https://ent.example.fr"],
    ["/relative/path", "/relative/path"],
    ["https://cas.example.fr/login", "https://cas.example.fr/login"],
    ["http://10.0.0.5:9090/other-port", "http://10.0.0.5:9090/other-port"],
  ])("rewrites %s to %s", (location, expected) => {
    expect(rewriteLocation(location, PUBLIC)).toBe(expected);
  });
});

describe("rewriteCookieDomain", () => {
  it.each([
    ["s=1; Domain=ent.internal; Path=/", "s=1; Domain=ent.example.fr; Path=/"],
    ["s=1; domain=.ENT.internal", "s=1; domain=ent.example.fr"],
    ["s=1; Domain=other.example", "s=1; Domain=other.example"],
    ["s=1; Path=/", "s=1; Path=/"],
  ])("rewrites %s", (cookie, expected) => {
    expect(rewriteCookieDomain(cookie, { "ent.internal": "ent.example.fr" })).toBe(expected);
  });
});

describe("rewriteResponseHeaders", () => {
  const headers = (): HeaderList => [
    ["Location", "http://10.0.0.5:8080/x"],
    ["Set-Cookie", "a=1; Domain=ent.internal"],
  ];

  it("changes nothing by default", () => {
    const list = headers();
    rewriteResponseHeaders(list, { ...PUBLIC, location: false, cookieDomains: {} });
    expect(list).toEqual(headers());
  });

  it("rewrites both when configured", () => {
    const list = headers();
    rewriteResponseHeaders(list, {
      ...PUBLIC,
      location: true,
      cookieDomains: { "ent.internal": "ent.example.fr" },
    });
    expect(list).toEqual([
      ["Location", "https://ent.example.fr/x"],
      ["Set-Cookie", "a=1; Domain=ent.example.fr"],
    ]);
  });
});
