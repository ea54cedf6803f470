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

  it.each(["ent.example.fr/evil", "a b", "", "ent.example.fr:99999999", "x@evil.example"])(
    "keeps the upstream's Location when the public host %j is not a host",
    (publicHost) => {
      const location = "http://10.0.0.5:8080/page?x=1";
      expect(rewriteLocation(location, { ...PUBLIC, publicHost })).toBe(location);
    },
  );

  it("accepts a host with a port, and an IPv6 address", () => {
    expect(
      rewriteLocation("http://10.0.0.5:8080/a", { ...PUBLIC, publicHost: "ent.example.fr:8443" }),
    ).toBe("https://ent.example.fr:8443/a");
    expect(rewriteLocation("http://10.0.0.5:8080/a", { ...PUBLIC, publicHost: "[::1]:3000" })).toBe(
      "https://[::1]:3000/a",
    );
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
