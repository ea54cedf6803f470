import { describe, expect, it } from "vitest";
import { HtmlInjector } from "../../../src/inject/injector.js";
import { CORPUS_DIR, readCorpus } from "../../support/corpus.js";
import { checkInjectedTree, TEST_LOADER, TEST_TAG } from "../../support/html-tree.js";

const documents = readCorpus();

function inject(data: string) {
  const injector = new HtmlInjector({ loader: TEST_LOADER, tag: TEST_TAG }, { sniff: false });
  const output = Buffer.concat([
    ...injector.write(Buffer.from(data)),
    ...injector.end(),
  ]).toString();
  return { output, result: injector.result };
}

describe("html5lib tree-construction corpus", () => {
  it(`has the corpus documents (${CORPUS_DIR})`, () => {
    expect(documents.length).toBeGreaterThan(1500);
  });

  it("tags every document that has a safe place, with the tree unchanged; leaves the rest untouched", () => {
    const counts: Record<string, number> = {};
    const mismatches: string[] = [];
    for (const document of documents) {
      const { output, result } = inject(document.data);
      const key = result.status === "tagged" ? "tagged" : `untouched (${result.reason})`;
      counts[key] = (counts[key] ?? 0) + 1;

      if (result.status !== "tagged") {
        if (output !== document.data)
          mismatches.push(`${document.id}: not byte-identical while ${key}`);
        continue;
      }
      const expectedBytes =
        document.data.slice(0, result.loaderAt) +
        TEST_LOADER +
        document.data.slice(result.loaderAt, result.tagAt) +
        TEST_TAG +
        document.data.slice(result.tagAt);
      if (Buffer.from(output).compare(Buffer.from(expectedBytes)) !== 0)
        mismatches.push(`${document.id}: bytes other than our insertions`);
      for (const problem of checkInjectedTree(document.data, output))
        mismatches.push(`${document.id}: ${problem}`);
    }

    console.info(`html5lib corpus: ${documents.length} documents`, counts);
    expect(mismatches).toEqual([]);
    expect(counts.tagged).toBeGreaterThan(900);
  });
});
