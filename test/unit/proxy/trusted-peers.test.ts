import { describe, expect, it } from "vitest";
import { DnmaError } from "../../../src/errors.js";
import { createTrustedPeers } from "../../../src/proxy/trusted-peers.js";

describe("createTrustedPeers", () => {
  const trusted = createTrustedPeers(["127.0.0.1", "10.0.0.0/8", "fd00::/8", "::1"]);

  it.each([
    ["127.0.0.1", true],
    ["::ffff:127.0.0.1", true],
    ["127.0.0.2", false],
    ["10.200.3.4", true],
    ["11.0.0.1", false],
    ["fd12:3456::1", true],
    ["fe80::1", false],
    ["::1", true],
    ["not-an-ip", false],
    [undefined, false],
  ])("trusts %s: %s", (address, expected) => {
    expect(trusted.has(address)).toBe(expected);
  });

  it("trusts nobody when the list is empty", () => {
    expect(createTrustedPeers([]).has("127.0.0.1")).toBe(false);
  });

  it.each(["10.0.0.0/33", "10.0.0/8", "localhost", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/x"])(
    "refuses %s",
    (entry) => {
      expect(() => createTrustedPeers([entry])).toThrow(DnmaError);
    },
  );
});
