import { describe, expect, it } from "vitest";
import {
  fieldsFromClaims,
  readPath,
  userFromFields,
} from "../../../../src/proxy/identity/user-fields.js";

describe("userFromFields", () => {
  it.each([
    [{ id: "  " }, undefined],
    [{ id: 42 }, { id: 42 }],
    [{ id: Number.NaN }, undefined],
    [
      { id: "u", aafProfile: ["National_ELV", ""], uai: "0021593W" },
      { id: "u", aafProfile: "National_ELV", uai: "0021593W" },
    ],
    [
      { id: "u", uai: "0010024W", uais: ["0021593W"] },
      { id: "u", uai: "0010024W", uais: ["0021593W"] },
    ],
    [
      { id: "u", uai: "0010024W, 0021593W" },
      { id: "u", uais: ["0010024W", "0021593W"] },
    ],
    [{ id: "u", profile: { nested: true } }, { id: "u" }],
  ])("builds %j as %j", (fields, expected) => {
    expect(userFromFields(fields)).toEqual(expected);
  });
});

describe("claims", () => {
  it("reads dotted paths, only own properties", () => {
    expect(readPath({ a: { b: [1] } }, "a.b")).toEqual([1]);
    expect(readPath({ a: 1 }, "a.b")).toBeUndefined();
    expect(readPath({}, "constructor")).toBeUndefined();
  });

  it("maps claims to user fields", () => {
    const claims = { sub: "jdupont", ent: { profils: ["National_TUT"], etab: "0021593W" } };
    expect(
      fieldsFromClaims(claims, { id: "sub", aaf_profile: "ent.profils", uai: "ent.etab" }),
    ).toEqual({
      id: "jdupont",
      profile: undefined,
      aafProfile: ["National_TUT"],
      uai: "0021593W",
      uais: undefined,
    });
  });
});
