import fc from "fast-check";
import { describe, it } from "vitest";
import { HtmlInjector } from "../../../src/inject/injector.js";
import { checkInjectedTree, TEST_LOADER, TEST_TAG } from "../../support/html-tree.js";
import { SEED } from "../../support/chunking.js";

const NAMES =
  "html head body table tbody tr td th caption select option svg math mi mtext annotation-xml foreignObject desc title template textarea script style noscript iframe p div b i a font u nobr marquee object li form input hr br img frameset plaintext".split(
    " ",
  );

const token = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...NAMES),
      fc.constantFrom("", " color=red", ' encoding="text/html"', "/"),
    )
    .map(([name, extra]) => `<${name}${extra}>`),
  fc.constantFrom(...NAMES).map((name) => `</${name}>`),
  fc.constantFrom(
    "x",
    " ",
    "\n",
    "y z",
    "<!--c-->",
    "<![CDATA[d]]>",
    "<!doctype html>",
    "<!--",
    "</body>",
    "</html>",
    "</body>\n",
    "<",
    "</",
    "&amp;",
  ),
);

describe("injection against parse5, on generated markup", () => {
  it("never changes the tree beyond adding our two scripts where they run", () => {
    console.info(`fast-check seed ${SEED}`);
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 16 }), (tokens) => {
        const page = tokens.join("");
        const injector = new HtmlInjector({ loader: TEST_LOADER, tag: TEST_TAG }, { sniff: false });
        const output = Buffer.concat([
          ...injector.write(Buffer.from(page)),
          ...injector.end(),
        ]).toString();
        if (injector.result.status !== "tagged") return output === page;
        return checkInjectedTree(page, output).length === 0;
      }),
      { numRuns: 3000, seed: SEED },
    );
  });
});
