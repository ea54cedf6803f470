import { describe, expect, it } from "vitest";
import { readCookie } from "../../../src/proxy/cookies.js";

describe("readCookie", () => {
  it.each([
    ["a=1; SID=abc; b=2", "SID", "abc"],
    ["SID=first; SID=second", "SID", "first"],
    ['SID="quoted"', "SID", "quoted"],
    ["XSID=no; SIDX=no", "SID", undefined],
    ["SID=a=b", "SID", "a=b"],
    ["", "SID", undefined],
    [undefined, "SID", undefined],
  ])("reads %j for %s", (header, name, expected) => {
    expect(readCookie(header, name)).toBe(expected);
  });
});
