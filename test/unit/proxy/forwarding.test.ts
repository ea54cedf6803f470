import { describe, expect, it } from "vitest";
import {
  addForwardedHeaders,
  formatForwardedElement,
  removeHopByHop,
} from "../../../src/proxy/forwarding.js";
import type { HeaderList } from "../../../src/proxy/header-list.js";

describe("removeHopByHop", () => {
  it("removes the fixed fields, Proxy-* and what Connection lists, keeping order and case of the rest", () => {
    const headers: HeaderList = [
      ["Host", "ent"],
      ["Connection", "keep-alive, X-Private"],
      ["connection", "x-other"],
      ["X-Private", "1"],
      ["Keep-Alive", "timeout=5"],
      ["TE", "trailers"],
      ["Trailer", "X-Sum"],
      ["Transfer-Encoding", "chunked"],
      ["Upgrade", "h2c"],
      ["Proxy-Authorization", "Basic x"],
      ["Proxy-Connection", "keep-alive"],
      ["X-Other", "2"],
      ["Cookie", "a=1"],
    ];
    removeHopByHop(headers);
    expect(headers).toEqual([
      ["Host", "ent"],
      ["Cookie", "a=1"],
    ]);
  });

  it("keeps the fields it is told to (an upgrade's Upgrade)", () => {
    const headers: HeaderList = [
      ["Connection", "Upgrade"],
      ["Upgrade", "websocket"],
    ];
    removeHopByHop(headers, ["upgrade"]);
    expect(headers).toEqual([["Upgrade", "websocket"]]);
  });
});

describe("addForwardedHeaders", () => {
  const incoming = (): HeaderList => [
    ["Host", "ent.example.fr"],
    ["X-Forwarded-For", "203.0.113.9"],
    ["X-Forwarded-Proto", "https"],
    ["X-Forwarded-Host", "portail.example.fr"],
    ["Forwarded", "for=203.0.113.9;proto=https"],
  ];

  it("replaces everything a client says when the peer is not trusted", () => {
    const headers = incoming();
    addForwardedHeaders(headers, {
      peerAddress: "198.51.100.4",
      isTrustedPeer: false,
      protocol: "http",
    });
    expect(headers).toEqual([
      ["Host", "ent.example.fr"],
      ["X-Forwarded-For", "198.51.100.4"],
      ["X-Forwarded-Proto", "http"],
      ["X-Forwarded-Host", "ent.example.fr"],
      ["Forwarded", "for=198.51.100.4;proto=http;host=ent.example.fr"],
    ]);
  });

  it("extends what a trusted peer says", () => {
    const headers = incoming();
    addForwardedHeaders(headers, {
      peerAddress: "10.0.0.2",
      isTrustedPeer: true,
      protocol: "https",
    });
    expect(headers).toEqual([
      ["Host", "ent.example.fr"],
      ["X-Forwarded-For", "203.0.113.9, 10.0.0.2"],
      ["X-Forwarded-Proto", "https"],
      ["X-Forwarded-Host", "portail.example.fr"],
      ["Forwarded", "for=203.0.113.9;proto=https, for=10.0.0.2;proto=https;host=ent.example.fr"],
    ]);
  });

  it.each([
    ["127.0.0.1", "http", "ent:8080", 'for=127.0.0.1;proto=http;host="ent:8080"'],
    [
      "2001:db8::1",
      "https",
      "ent.example.fr",
      'for="[2001:db8::1]";proto=https;host=ent.example.fr',
    ],
    ["10.0.0.1", "http", "", "for=10.0.0.1;proto=http"],
  ])("formats a Forwarded element for %s", (address, protocol, host, expected) => {
    expect(formatForwardedElement(address, protocol, host)).toBe(expected);
  });
});
