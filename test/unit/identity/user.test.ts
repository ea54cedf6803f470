import { describe, expect, it } from "vitest";
import { createPseudonymizer } from "../../../src/identity/pseudonymize.js";
import { chooseUai, isUsableUser, resolveProfile } from "../../../src/identity/user.js";
import { DEFAULT_AAF_PROFILES } from "../../../src/reference/lists.js";

describe("resolveProfile", () => {
  it.each([
    [
      { id: 1, profile: "eleve" },
      { profile: "ELEVE", source: "profile" },
    ],
    [
      { id: 1, profile: "PROF" },
      { profile: "AUTRE", source: "unknown-profile" },
    ],
    [
      { id: 1, aafProfile: "National_ELV" },
      { profile: "ELEVE", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: "National_TUT" },
      { profile: "PARENT", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: "National_DOC" },
      { profile: "ENSEIGNANT", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: "National_EVS" },
      { profile: "ADMIN_VIE_SCOL_TECH", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: "National_COL" },
      { profile: "PERSONNEL_COLLECTIVITE", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: ["National_XXX", "National_ENS"] },
      { profile: "ENSEIGNANT", source: "aaf" },
    ],
    [
      { id: 1, aafProfile: "National_XXX" },
      { profile: "AUTRE", source: "unknown-aaf" },
    ],
    [{ id: 1 }, { profile: "AUTRE", source: "none" }],
  ])("reads %j as %j", (user, expected) => {
    expect(resolveProfile(user, DEFAULT_AAF_PROFILES)).toEqual(expected);
  });

  it("lets the plan override the AAF mapping", () => {
    expect(
      resolveProfile(
        { id: 1, aafProfile: "National_DOC" },
        { ...DEFAULT_AAF_PROFILES, National_DOC: "ADMIN_VIE_SCOL_TECH" },
      ),
    ).toEqual({ profile: "ADMIN_VIE_SCOL_TECH", source: "aaf" });
  });
});

describe("chooseUai", () => {
  it.each([
    [{ id: 1, uai: "0021593w" }, { uai: "0021593W" }],
    [{ id: 1, uai: "0021593X", uais: ["0010024W"] }, { error: "invalid-uai" }],
    [{ id: 1, uais: ["bad", "0010024W", "0021593W"] }, { uai: "0010024W" }],
    [{ id: 1, uais: ["0021593X"] }, { error: "invalid-uai" }],
    [{ id: 1 }, { error: "missing-uai" }],
  ])("chooses for %j: %j", (user, expected) => {
    expect(chooseUai(user)).toEqual(expected);
  });
});

describe("createPseudonymizer", () => {
  const secret = "a-test-secret-of-enough-length";

  it("gives a stable keyed HMAC-SHA256 in hex", () => {
    const pseudonymize = createPseudonymizer(secret);
    // Computed once with `printf jdupont | openssl dgst -sha256 -hmac a-test-secret-of-enough-length`.
    expect(pseudonymize("jdupont")).toBe(
      "b7c888cbe6b3d2ad9028b366ff08148bea5081df308d2654bfcb21783590999b",
    );
    expect(createPseudonymizer(Buffer.from(secret))("jdupont")).toBe(pseudonymize("jdupont"));
  });

  it("gives different ids for different users and different secrets", () => {
    const pseudonymize = createPseudonymizer(secret);
    expect(pseudonymize("jdupont")).not.toBe(pseudonymize("jdupond"));
    expect(createPseudonymizer(`${secret}!`)("jdupont")).not.toBe(pseudonymize("jdupont"));
    expect(pseudonymize(42)).toBe(pseudonymize("42"));
  });

  it("refuses a missing or short secret", () => {
    expect(() => createPseudonymizer(undefined)).toThrow(
      expect.objectContaining({ code: "SECRET_MISSING" }),
    );
    expect(() => createPseudonymizer("short")).toThrow(
      expect.objectContaining({ code: "SECRET_WEAK" }),
    );
  });
});

describe("isUsableUser", () => {
  it.each([
    [{ id: "jdupont" }, true],
    [{ id: 42 }, true],
    [{ id: " " }, false],
    [{ id: "" }, false],
    [{ id: Number.NaN }, false],
    [{ name: "x" }, false],
    [null, false],
  ])("says %j is usable: %s", (value, expected) => {
    expect(isUsableUser(value)).toBe(expected);
  });
});
