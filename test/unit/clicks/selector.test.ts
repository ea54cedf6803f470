import { describe, expect, it } from "vitest";
import { matchesSelector, parseSelector } from "../../../src/clicks/selector.js";

const link = {
  tag: "a",
  attributes: { id: "cdi", class: "gar  tile", href: "/r?x=1", "data-code": "MAN", lang: "fr-FR" },
};

describe("matchesSelector", () => {
  it.each([
    ["a", true],
    ["A", true],
    ["button", false],
    ["*", true],
    ["#cdi", true],
    ["#CDI", false],
    [".gar", true],
    [".tile.gar", true],
    [".ga", false],
    ["a[data-code]", true],
    ["[data-other]", false],
    ["[data-code=MAN]", true],
    ['[data-code="man"]', false],
    ["[href^='/r']", true],
    ["[href$='=1']", true],
    ["[href*='?x']", true],
    ["[class~=tile]", true],
    ["[lang|=fr]", true],
    ["[href^='']", false],
    ["button, a.gar", true],
  ])("%s on the link: %s", (selector, expected) => {
    expect(matchesSelector(parseSelector(selector), link)).toBe(expected);
  });

  it.each([
    ["nav a", 'cannot use " a": only tag, #id, .class and [attribute] tests'],
    ["a > span", 'cannot use " > span"'],
    ["a:hover", 'cannot use ":hover"'],
    ["a,", "has an empty selector in its list"],
    ['[data-x="a b]', 'cannot use "[data-x="a b]"'],
  ])("refuses %s", (selector, message) => {
    expect(() => parseSelector(selector)).toThrow(message);
  });
});
