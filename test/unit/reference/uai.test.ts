import { describe, expect, it } from "vitest";
import { computeUaiCheckLetter, isValidUai } from "../../../src/reference/uai.js";

describe("isValidUai", () => {
  it.each(["0021593W", "0010024W", "0220158C", "6200001G", "0690012N"])("accepts %s", (uai) => {
    expect(isValidUai(uai)).toBe(true);
  });

  it.each(["0740003A", "0021593X", "021593W", "00215930", "0021593w", "", "ABCDEFGH"])(
    "refuses %s",
    (uai) => {
      expect(isValidUai(uai)).toBe(false);
    },
  );

  it("computes the letter from the seven digits modulo 23, without I, O nor Q", () => {
    expect(computeUaiCheckLetter("0740003")).toBe("B");
    expect(computeUaiCheckLetter("0000000")).toBe("A");
    expect(computeUaiCheckLetter("0000022")).toBe("Z");
  });
});
