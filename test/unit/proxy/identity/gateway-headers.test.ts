import { describe, expect, it } from "vitest";
import type { HeaderList } from "../../../../src/proxy/header-list.js";
import { createGatewaySource, readUser } from "../../../../src/proxy/identity/gateway-headers.js";
import type { LookupResult } from "../../../../src/proxy/identity/types.js";

const NAMES = {
  user: "X-Dnma-User",
  profile: "X-Dnma-Profile",
  aaf_profile: "X-Dnma-Aaf-Profile",
  uai: "X-Dnma-Uai",
};
const REQUEST: HeaderList = [
  ["Host", "ent"],
  ["X-Dnma-User", "jdupont"],
  ["X-Dnma-Aaf-Profile", "National_ENS, National_DOC"],
  ["X-Dnma-Uai", "0010024W,0021593W"],
];

function begin(isTrustedPeer: boolean, strip = true) {
  const recorded: LookupResult[] = [];
  const source = createGatewaySource({
    names: NAMES,
    strip,
    record: (result) => recorded.push(result),
  });
  const forward = REQUEST.map(([name, value]): [string, string] => [name, value]);
  const lookup = source.begin({ request: REQUEST, forward, isTrustedPeer, isTaggable: true });
  return { lookup, forward, recorded };
}

describe("gateway identity headers", () => {
  it("believes nobody when the user header comes twice", () => {
    const headers: [string, string][] = [
      ["X-Dnma-User", "jdupont"],
      ["x-dnma-user", "lower-1"],
      ["X-Dnma-Uai", "0021593W"],
    ];
    expect(
      readUser(headers, {
        user: "X-Dnma-User",
        profile: "X-Dnma-Profile",
        aaf_profile: "X-Dnma-Aaf-Profile",
        uai: "X-Dnma-Uai",
      }),
    ).toBeUndefined();
  });

  it("reads the user of a trusted peer, with lists, and strips the headers upstream", async () => {
    const { lookup, forward, recorded } = begin(true);

    expect(await lookup.resolve()).toEqual({
      user: {
        id: "jdupont",
        aafProfile: ["National_ENS", "National_DOC"],
        uais: ["0010024W", "0021593W"],
      },
      result: "user",
    });
    expect(forward).toEqual([["Host", "ent"]]);
    expect(recorded).toEqual([]);
  });

  it("forwards them when strip is off", () => {
    expect(begin(true, false).forward).toEqual(REQUEST);
  });

  it("ignores, removes and counts them from an untrusted peer", async () => {
    const { lookup, forward, recorded } = begin(false, false);

    expect(await lookup.resolve()).toEqual({ user: undefined, result: "anonymous" });
    expect(forward).toEqual([["Host", "ent"]]);
    expect(recorded).toEqual(["untrusted"]);
  });

  it("removes them from the response, whatever the upstream echoes", () => {
    const response: HeaderList = [
      ["Content-Type", "text/html"],
      ["x-dnma-user", "jdupont"],
      ["X-DNMA-UAI", "0021593W"],
    ];
    begin(true).lookup.filterResponse(response);
    expect(response).toEqual([["Content-Type", "text/html"]]);
  });

  it("says nobody without a user header", async () => {
    const source = createGatewaySource({ names: NAMES, strip: true, record: () => {} });
    const lookup = source.begin({
      request: [["X-Dnma-Uai", "0021593W"]],
      forward: [],
      isTrustedPeer: true,
      isTaggable: true,
    });
    expect(await lookup.resolve()).toEqual({ user: undefined, result: "anonymous" });
  });
});
