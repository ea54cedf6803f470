import { describe, expect, it } from "vitest";
import { describeVisitorId, judgeVisitorId } from "../../../src/audit/visitor-id.js";

const HMAC = "5a883cc0d1b2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4dac9e4b4";

describe("judgeVisitorId", () => {
  it.each([
    [HMAC, undefined, { kind: "hashed" }],
    ["Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MEFC", undefined, { kind: "hashed" }],
    ["jeanne.dupont@ac-example.fr", undefined, { kind: "raw", reason: "is an e-mail address" }],
    ["JDupont", "jdupont", { kind: "raw", reason: "is the --user login itself" }],
    ["ent-jdupont-2026-eleve", "jdupont", { kind: "raw", reason: "contains the --user login" }],
    [
      "106100117112111110116",
      undefined,
      { kind: "raw", reason: "is only digits (21): a raw numeric id or character codes" },
    ],
    ["a1b2c3", undefined, { kind: "raw", reason: "is only 6 characters long" }],
    [
      4242,
      undefined,
      { kind: "raw", reason: "is a number (SmartTag sends it as a raw numeric id)" },
    ],
    [{ id: 1 }, undefined, { kind: "raw", reason: "is not a string but object" }],
    [
      "ent-jdupont-2026-eleve",
      undefined,
      { kind: "unusual", reason: "(22 characters) is neither hex nor base64 of a hash" },
    ],
  ])("judges %j (user %s)", (id, user, expected) => {
    expect(judgeVisitorId(id, user)).toEqual(expected);
  });
});

describe("describeVisitorId", () => {
  it("shows the start of a hash and hides anything else", () => {
    expect(describeVisitorId(HMAC)).toBe("5a883cc0… (64 characters)");
    expect(describeVisitorId("jeanne.dupont@ac-example.fr")).toBe("hidden (is an e-mail address)");
    expect(describeVisitorId("ent-jdupont-2026-eleve")).not.toContain("jdupont");
  });
});
