import { describe, expect, it } from "vitest";
import type { HeaderList } from "../../../../src/proxy/header-list.js";
import { createUpstreamHeadersSource } from "../../../../src/proxy/identity/upstream-headers.js";

const NAMES = {
  user: "X-Ent-User",
  profile: "X-Ent-Profil",
  aaf_profile: "X-Ent-Aaf",
  uai: "X-Ent-Uai",
};

describe("upstream identity headers", () => {
  it("reads the user from the response and removes the headers", async () => {
    const lookup = createUpstreamHeadersSource({ names: NAMES }).begin({
      request: [],
      forward: [],
      isTrustedPeer: false,
      isTaggable: true,
    });
    const response: HeaderList = [
      ["Content-Type", "text/html"],
      ["X-Ent-User", " 42 "],
      ["X-Ent-Profil", "ENSEIGNANT"],
      ["x-ent-uai", "0021593W"],
    ];
    lookup.filterResponse(response);

    expect(response).toEqual([["Content-Type", "text/html"]]);
    expect(await lookup.resolve()).toEqual({
      user: { id: "42", profile: "ENSEIGNANT", uai: "0021593W" },
      result: "user",
    });
  });

  it("leaves the request alone and says nobody when the response names no one", async () => {
    const forward: HeaderList = [["X-Ent-User", "forged"]];
    const lookup = createUpstreamHeadersSource({ names: NAMES }).begin({
      request: forward,
      forward,
      isTrustedPeer: false,
      isTaggable: true,
    });
    lookup.filterResponse([["X-Ent-User", ""]]);

    expect(forward).toEqual([["X-Ent-User", "forged"]]);
    expect(await lookup.resolve()).toEqual({ user: undefined, result: "anonymous" });
  });
});
