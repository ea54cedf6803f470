import { describe, expect, it } from "vitest";
import {
  asHeaderTarget,
  fromRawHeaders,
  getHeader,
  type HeaderList,
  removeHeader,
  setHeader,
  toHeaderMap,
  toRawHeaders,
} from "../../../src/proxy/header-list.js";

const RAW = ["Content-Type", "text/html", "Set-Cookie", "a=1", "X-A", "1", "set-cookie", "b=2"];

describe("header lists", () => {
  it("round-trips raw headers with case, order and repeats", () => {
    expect(toRawHeaders(fromRawHeaders(RAW))).toEqual(RAW);
  });

  it("reads repeated fields case-insensitively, joined", () => {
    expect(getHeader(fromRawHeaders(RAW), "SET-COOKIE")).toBe("a=1, b=2");
    expect(getHeader(fromRawHeaders(RAW), "missing")).toBeUndefined();
  });

  it("sets a field in place of its first occurrence, with its casing", () => {
    const list = fromRawHeaders(RAW);
    setHeader(list, "set-cookie", "c=3");
    setHeader(list, "Vary", "Accept-Encoding");
    expect(list).toEqual([
      ["Content-Type", "text/html"],
      ["Set-Cookie", "c=3"],
      ["X-A", "1"],
      ["Vary", "Accept-Encoding"],
    ]);
  });

  it("removes every occurrence and says whether there was one", () => {
    const list = fromRawHeaders(RAW);
    expect(removeHeader(list, "Set-Cookie", "x-a")).toBe(true);
    expect(removeHeader(list, "x-a")).toBe(false);
    expect(list).toEqual([["Content-Type", "text/html"]]);
  });

  it("gives the lower-case map the gates read", () => {
    expect(toHeaderMap(fromRawHeaders(RAW))).toEqual({
      "content-type": "text/html",
      "set-cookie": ["a=1", "b=2"],
      "x-a": "1",
    });
  });

  it("acts as a response's header methods for applyTaggedHeaders", () => {
    const list: HeaderList = [
      ["Cache-Control", "public"],
      ["X", "1"],
    ];
    const target = asHeaderTarget(list);
    target.setHeader("cache-control", "private");
    target.setHeader("x-many", ["1", "2"]);
    target.removeHeader("x");
    expect(list).toEqual([
      ["Cache-Control", "private"],
      ["x-many", "1"],
      ["x-many", "2"],
    ]);
  });
});
