import { describe, expect, it } from "vitest";
import { matchPath, parsePathPattern, patternCovers } from "../../../src/plan/pattern.js";

describe("matchPath", () => {
  it.each([
    ["/timeline", "/timeline", {}],
    ["/timeline", "/timeline/", {}],
    ["/timeline", "/timeline/x", undefined],
    ["/blog/:blogId/*", "/blog/7", { blogId: "7" }],
    ["/blog/:blogId/*", "/blog/7/post/3", { blogId: "7" }],
    ["/blog/:blogId/*rest", "/blog/7/post/3", { blogId: "7", rest: "post/3" }],
    ["/blog/:blogId", "/blog/", undefined],
    ["/", "/", {}],
    ["/*", "/anything/at/all", {}],
    ["/a.b", "/aXb", undefined],
    ["/Case", "/case", undefined],
  ])("%s on %s gives %j", (pattern, path, expected) => {
    expect(matchPath(parsePathPattern(pattern), path)).toEqual(expected);
  });

  it.each([
    ["timeline", 'must start with "/"'],
    ["/a/*/b", '"*" may only be the last segment'],
    ["/a//b", "has an empty segment"],
    ["/:1x", 'has an invalid parameter name "1x"'],
    ["/:a/:a", "repeats a parameter name"],
  ])("refuses %s: %s", (pattern, message) => {
    expect(() => parsePathPattern(pattern)).toThrow(message);
  });
});

describe("patternCovers", () => {
  it.each([
    ["/blog/*", "/blog/:id", true],
    ["/blog/:id", "/blog/x", true],
    ["/blog/:id", "/blog/*", false],
    ["/blog/x", "/blog/:id", false],
    ["/a/*", "/a/b/c/*", true],
    ["/a/b", "/a/b/c", false],
  ])("%s covers %s: %s", (wide, narrow, expected) => {
    expect(patternCovers(parsePathPattern(wide), parsePathPattern(narrow))).toBe(expected);
  });
});
