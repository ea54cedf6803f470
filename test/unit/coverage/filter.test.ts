import { describe, expect, it } from "vitest";
import { checkLogEntry } from "../../../src/coverage/filter.js";

describe("checkLogEntry", () => {
  it.each([
    ["GET", "/notes", 200, undefined, undefined],
    ["POST", "/conversation/send", 201, undefined, undefined],
    ["GET", "/index.php?page=2", 200, undefined, undefined],
    ["GET", "/page.HTML", 200, undefined, undefined],
    ["GET", "/v1.2/home", 200, undefined, undefined],
    ["GET", "/download", 200, "text/html; charset=utf-8", undefined],
    ["GET", "/download", 200, "application/pdf", "not-html"],
    ["GET", "/ent.css?v=3", 200, undefined, "not-html"],
    ["GET", "/photo.JPG", 200, undefined, "not-html"],
    ["GET", "/notes", 204, undefined, "status"],
    ["GET", "/notes", 206, undefined, "status"],
    ["GET", "/notes", 304, undefined, "status"],
    ["GET", "/notes", 500, undefined, "status"],
    ["HEAD", "/notes", 200, undefined, "method"],
    ["OPTIONS", "/notes", 200, undefined, "method"],
  ])("%s %s %i (%s) → %s", (method, target, status, contentType, expected) => {
    expect(checkLogEntry({ method, target, status, host: undefined, contentType })).toBe(expected);
  });
});
