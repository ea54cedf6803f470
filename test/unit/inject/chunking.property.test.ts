import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HtmlInjector } from "../../../src/inject/injector.js";
import { runChunks, SEED } from "../../support/chunking.js";
import { readCorpus } from "../../support/corpus.js";
import { checkInjectedTree, TEST_LOADER, TEST_TAG } from "../../support/html-tree.js";
import { CASES, inputOf } from "../../support/injector-cases.js";
import { REALISTIC_PAGES } from "../../support/realistic-pages.js";

const INPUTS = [
  ...REALISTIC_PAGES.map((page) => ({ name: page.name, bytes: page.bytes, options: {} })),
  ...CASES.map((testCase) => ({
    name: testCase.name,
    bytes: inputOf(testCase),
    options: testCase.options ?? {},
  })),
];

/** Text for parse5: bytes as latin1, a UTF-8 byte order mark left out as decoders do. */
function toParserText(bytes: Buffer): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.subarray(hasBom ? 3 : 0).toString("latin1");
}

/** Cuts `bytes` at the given offsets (any order, repeats and out-of-range ones allowed). */
function cutAt(bytes: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort(
    (a, b) => a - b,
  );
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

/** Cuts `bytes` into pieces whose sizes cycle through `sizes`. */
function cutBySizes(bytes: Buffer, sizes: number[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0, index = 0; start < bytes.length; index++) {
    const size = sizes[index % sizes.length] as number;
    chunks.push(bytes.subarray(start, start + size));
    start += size;
  }
  return chunks;
}

const whole = new Map(
  INPUTS.map((input) => [input.name, runChunks([input.bytes], input.options).output]),
);

describe("chunk boundaries never change the output", () => {
  console.info(`fast-check seed ${SEED} (pin with DNMA_TEST_SEED=${SEED})`);

  it("gives the same bytes for any set of split points, on realistic pages and the case table", () => {
    const input = fc.constantFrom(...INPUTS);
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 40 }), (page, offsets) => {
        expect(runChunks(cutAt(page.bytes, offsets), page.options).output).toBe(
          whole.get(page.name),
        );
      }),
      { seed: SEED, numRuns: 600 },
    );
  });

  it("gives the same bytes for any cycle of chunk sizes, empty chunks included", () => {
    const sizes = fc
      .array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 8 })
      .filter((list) => list.some((size) => size > 0));
    fc.assert(
      fc.property(fc.constantFrom(...INPUTS), sizes, (page, cycle) => {
        expect(runChunks(cutBySizes(page.bytes, cycle), page.options).output).toBe(
          whole.get(page.name),
        );
      }),
      { seed: SEED + 1, numRuns: 600 },
    );
  });

  it("gives the same bytes for random splits of html5lib corpus documents", () => {
    const documents = readCorpus().map((document) => Buffer.from(document.data));
    expect(documents.length).toBeGreaterThan(1500);
    fc.assert(
      fc.property(
        fc.constantFrom(...documents),
        fc.array(fc.nat(), { maxLength: 12 }),
        (bytes, offsets) => {
          expect(runChunks(cutAt(bytes, offsets), { sniff: false }).output).toBe(
            runChunks([bytes], { sniff: false }).output,
          );
        },
      ),
      { seed: SEED + 2, numRuns: 1500 },
    );
  });
});

describe("realistic pages against parse5", () => {
  for (const page of REALISTIC_PAGES) {
    it(`tags ${page.name} with the tree unchanged`, () => {
      const injector = new HtmlInjector({ loader: TEST_LOADER, tag: TEST_TAG });
      const output = Buffer.concat([...injector.write(page.bytes), ...injector.end()]);

      expect(injector.result.status).toBe("tagged");
      expect(checkInjectedTree(toParserText(page.bytes), toParserText(output))).toEqual([]);
    });
  }

  it("agrees with parse5 on every tagged case of the table", () => {
    for (const testCase of CASES.filter(
      (candidate) => !candidate.reason && !candidate.options?.isXml,
    )) {
      const injector = new HtmlInjector({ loader: TEST_LOADER, tag: TEST_TAG }, testCase.options);
      const input = inputOf(testCase);
      const output = Buffer.concat([...injector.write(input), ...injector.end()]);
      expect([testCase.name, checkInjectedTree(toParserText(input), toParserText(output))]).toEqual(
        [testCase.name, []],
      );
    }
  });
});
