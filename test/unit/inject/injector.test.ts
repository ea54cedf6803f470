import { describe, expect, it } from "vitest";
import { HtmlInjector } from "../../../src/inject/injector.js";
import { randomChunks, runChunks, SEED, SNIPPETS, twoPieceSplits } from "../../support/chunking.js";
import { CASES, expectedOf, inputOf } from "../../support/injector-cases.js";

describe("HtmlInjector", () => {
  console.info(`chunking seed ${SEED} (pin with DNMA_TEST_SEED=${SEED})`);

  for (const testCase of CASES) {
    it(`places the snippets right: ${testCase.name}`, () => {
      const result = runChunks([inputOf(testCase)], testCase.options);

      expect(result.output).toBe(expectedOf(testCase));
      expect(result.status).toBe(testCase.reason ? "untouched" : "tagged");
      expect(result.reason).toBe(testCase.reason);
    });

    it(`gives the same bytes split at every offset: ${testCase.name}`, () => {
      const expected = expectedOf(testCase);
      for (const chunks of twoPieceSplits(inputOf(testCase))) {
        expect(runChunks(chunks, testCase.options).output).toBe(expected);
      }
    });

    it(`gives the same bytes in random chunk sizes: ${testCase.name}`, () => {
      for (let round = 0; round < 20; round++) {
        expect(
          runChunks(randomChunks(inputOf(testCase), SEED + round), testCase.options).output,
        ).toBe(expectedOf(testCase));
      }
    });
  }

  it("sends the head at once and the body once the loader has waited long enough", () => {
    const injector = new HtmlInjector(SNIPPETS, { loaderWaitBytes: 1024 });
    const head = Buffer.from("<html><head><title>x</title></head><body>");
    const body = Buffer.from("<p>paragraph</p>".repeat(100));

    expect(Buffer.concat(injector.write(head)).toString()).toBe("<html><head><title>x</title>");
    const next = Buffer.concat(injector.write(body)).toString();
    expect(next).toBe(`${SNIPPETS.loader}</head><body>${body.toString()}`);
    expect(injector.result.status).toBe("pending");
  });

  it("holds back no more than maxHoldBytes of a long stream", () => {
    const injector = new HtmlInjector(SNIPPETS, { maxHoldBytes: 4096, loaderWaitBytes: 1024 });
    let sentBytes = 0;
    let receivedBytes = 0;
    const chunks = [
      Buffer.from("<html><head></head><body>"),
      ...Array.from({ length: 200 }, () => Buffer.from("<div>a</div>".repeat(100))),
    ];
    for (const chunk of chunks) {
      receivedBytes += chunk.length;
      sentBytes += Buffer.concat(injector.write(chunk)).length;
      expect(receivedBytes - (sentBytes - SNIPPETS.loader.length)).toBeLessThanOrEqual(4096);
    }
    sentBytes += Buffer.concat(injector.end()).length;
    expect(sentBytes).toBe(receivedBytes + SNIPPETS.loader.length + SNIPPETS.tag.length);
  });

  it("puts the tag at the very end when more than maxHoldBytes follow </body>", () => {
    const trailer = `<!--${"x".repeat(5000)}-->`;
    const page = `<html><head></head><body>x</body>${trailer}`;
    const result = runChunks(randomChunks(Buffer.from(page), SEED, 512), {
      maxHoldBytes: 2048,
      loaderWaitBytes: 1024,
    });

    expect(result.output).toBe(
      `<html><head>${SNIPPETS.loader}</head><body>x</body>${trailer}${SNIPPETS.tag}`,
    );
    expect(result.status).toBe("tagged");
  });

  it("reports loader-only when the page turns untaggable after the loader went out", () => {
    const body = "<p>x</p>".repeat(300);
    const page = `<html><head></head><body>${body}<svg><g>`;
    const result = runChunks([Buffer.from(page.slice(0, 30)), Buffer.from(page.slice(30))], {
      loaderWaitBytes: 1024,
    });

    expect(result.output).toBe(`<html><head>${SNIPPETS.loader}</head><body>${body}<svg><g>`);
    expect(result).toMatchObject({ status: "loader-only", reason: "no-safe-end" });
  });

  it("leaves a small untaggable page entirely untouched", () => {
    const page = "<html><head></head><body><p>x</p><svg><g>";
    const result = runChunks(randomChunks(Buffer.from(page), SEED, 4));

    expect(result.output).toBe(page);
    expect(result).toMatchObject({ status: "untouched", reason: "no-safe-end" });
  });

  it("gives nothing more on a second end(), even when the tag went at the page's end", () => {
    const injector = new HtmlInjector(SNIPPETS);
    const first = Buffer.concat([
      ...injector.write(Buffer.from("<html><head></head><body>x")),
      ...injector.end(),
    ]).toString();

    expect(first).toBe(`<html><head>${SNIPPETS.loader}</head><body>x${SNIPPETS.tag}`);
    expect(injector.end()).toEqual([]);
    expect(Buffer.concat(injector.write(Buffer.from("late"))).toString()).toBe("late");
  });

  it("escapes nothing and re-encodes nothing: every byte value survives", () => {
    const bytes = Buffer.from(
      Array.from({ length: 256 }, (_, value) => value).filter((v) => v !== 0x3c && v !== 0x26),
    );
    const page = Buffer.concat([
      Buffer.from("<html><head></head><body>"),
      bytes,
      Buffer.from("</body></html>"),
    ]);
    const result = runChunks([page]);
    const expected = Buffer.concat([
      Buffer.from(`<html><head>${SNIPPETS.loader}</head><body>`),
      bytes,
      Buffer.from(`${SNIPPETS.tag}</body></html>`),
    ]);

    expect(Buffer.from(result.output, "latin1").equals(expected)).toBe(true);
  });
});

describe("HtmlInjector after the end", () => {
  it("inserts nothing more when end() is called again, and passes later bytes through", () => {
    const injector = new HtmlInjector(SNIPPETS);
    const first = Buffer.concat([
      ...injector.write(Buffer.from("<html><head></head><body>x")),
      ...injector.end(),
    ]).toString();

    expect(first).toBe(`<html><head>${SNIPPETS.loader}</head><body>x${SNIPPETS.tag}`);
    expect(injector.end()).toEqual([]);
    expect(Buffer.concat(injector.write(Buffer.from("late"))).toString()).toBe("late");
  });
});
