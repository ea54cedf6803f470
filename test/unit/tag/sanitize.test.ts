import { describe, expect, it } from "vitest";
import { isSafeLabel, sanitizeLabel } from "../../../src/tag/sanitize.js";

describe("sanitizeLabel", () => {
  it.each([
    ["Mes Devoirs", "Mes_Devoirs"],
    ["club-th%C3%A9%C3%A2tre", "club-theatre"],
    ["élève", "eleve"],
    ["a::b&c=d#e?f", "a_b_c_d_e_f"],
    ["\"quoted\" 'x'", "quoted_x"],
    ["tab\there\nline", "tab_here_line"],
    ["%E0%A4%A", "E0_A4_A"],
    ["___", ""],
    ["x".repeat(80), "x".repeat(64)],
  ])("turns %j into %j", (input, expected) => {
    expect(sanitizeLabel(input)).toBe(expected);
  });

  it("says which labels are safe as they are", () => {
    expect(isSafeLabel("releve_de_notes")).toBe(true);
    expect(isSafeLabel("a b")).toBe(false);
    expect(isSafeLabel("a::b")).toBe(false);
    expect(isSafeLabel("x".repeat(65))).toBe(false);
  });
});
