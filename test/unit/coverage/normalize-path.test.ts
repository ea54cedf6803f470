import { describe, expect, it } from "vitest";
import { normalizePath } from "../../../src/coverage/normalize-path.js";

describe("normalizePath", () => {
  it.each([
    ["/conversation/message/4242", "/conversation/message/{num}"],
    ["/agenda/8f14e45f-ceea-467f-a0e6-000000001005/edit", "/agenda/{uuid}/edit"],
    ["/workspace/5f1d7a3b9c2e4d6f8a0b1c2d", "/workspace/{hex}"],
    ["/commit/deadbeef1234", "/commit/{hex}"],
    ["/userbook/jean.dupont@ac-example.fr", "/userbook/{email}"],
    ["/userbook/jean.dupont%40ac-example.fr", "/userbook/{email}"],
    ["/share/aZ3kP9qLm2Xv7Rt5Yw", "/share/{id}"],
    ["/cahier-de-textes/3e-B", "/cahier-de-textes/3e-B"],
    ["/blog/decade", "/blog/decade"],
    ["/blog/facade12", "/blog/facade12"],
    ["/", "/"],
    ["/timeline/", "/timeline/"],
  ])("%s → %s", (path, expected) => {
    expect(normalizePath(path)).toBe(expected);
  });
});
