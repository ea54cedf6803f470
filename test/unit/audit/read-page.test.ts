import { describe, expect, it } from "vitest";
import { decodePage, readPage } from "../../../src/audit/read-page.js";

describe("readPage", () => {
  it("sees the real </body> past fake ones, and what follows each script", () => {
    const html = [
      "<!DOCTYPE html><html><head><script src=/js/smarttag_ENT.js></script>",
      '<script>var s = "</body>";</script></head><body><!-- </body> -->',
      "<div><script>inner()</script></div><textarea></body></textarea>",
      "<script>last()</script>",
      "<!-- trailing comment -->",
      "</body></html>",
    ].join("\n");
    const facts = readPage(html);

    expect(facts.bodyEndLine).toBe(6);
    expect(
      facts.scripts.map((s) => [s.line, s.parent, s.isInHead, s.isInBody, s.followedBy]),
    ).toEqual([
      [1, "head", true, false, undefined],
      [2, "head", true, false, undefined],
      [3, "div", false, true, "<textarea> (line 3)"],
      [4, "body", false, true, undefined],
    ]);
  });

  it("puts content written after </body> back in the body, after the tag", () => {
    const facts = readPage("<html><body><script>tag()</script></body><p>late</p></html>");
    expect(facts.scripts[0]?.followedBy).toBe("<p> (line 1)");
  });

  it("reports tag scripts inside <template> as inert and skips non-JavaScript scripts", () => {
    const facts = readPage(
      '<body><template><script>new ATInternet.Tracker.Tag({})</script></template><script type="application/json">{}</script></body>',
    );
    expect(facts.inertTagLines).toEqual([1]);
    expect(facts.scripts.map((s) => s.isClassic)).toEqual([false]);
  });
});

describe("decodePage", () => {
  it("decodes UTF-8 by default and the charset a <meta> or the Content-Type declares", () => {
    expect(decodePage(Buffer.from("<p>caf\xc3\xa9</p>", "latin1"))).toBe("<p>café</p>");
    expect(decodePage(Buffer.from('<meta charset="windows-1252"><p>caf\xe9</p>', "latin1"))).toBe(
      '<meta charset="windows-1252"><p>café</p>',
    );
    expect(
      decodePage(Buffer.from("<p>caf\xe9</p>", "latin1"), "text/html; charset=ISO-8859-1"),
    ).toBe("<p>café</p>");
  });
});
