import { describe, expect, it } from "vitest";
import { HtmlInjector, type InjectorOptions } from "../../../src/inject/injector.js";
import { randomChunks, runChunks, SEED, SNIPPETS, twoPieceSplits } from "../../support/chunking.js";

/**
 * Each case writes the expected output with `@L` where the loader goes and `@T` where
 * the tag goes; the input is the same text without them. No marker: left untouched.
 */
interface Case {
  name: string;
  page: string;
  reason?: string;
  options?: InjectorOptions;
}

const CASES: Case[] = [
  { name: "a plain document", page: "<!DOCTYPE html><html><head><title>x</title>@L</head><body><p>hi</p>@T</body></html>\n" },
  { name: "upper-case tags", page: "<HTML><HEAD><TITLE>x</TITLE>@L</HEAD><BODY>x@T</BODY></HTML>" },
  { name: "whitespace inside tags", page: "<html><head ><title>x</title>@L</head\t><body\n>x@T</body\n ></html >" },
  { name: "no </head>: before the first body content", page: "<!DOCTYPE html><title>x</title>@L<p>hi@T" },
  { name: "no body tags at all", page: "<html><head>@L</head>text@T" },
  { name: "neither head nor body (not sniffed)", page: "@L<p>x@T", options: { sniff: false } },
  { name: "text first (not sniffed)", page: "\n@LHello@T", options: { sniff: false } },
  { name: "</body> in a script string", page: '<html><head>@L</head><body><script>var s = "</body>";</script>@T</body></html>' },
  { name: "</body> in a script comment", page: "<html><head>@L</head><body><script>// </body>\n</script>x@T</body></html>" },
  { name: "</body> in an HTML comment", page: "<html><head>@L</head><body><!-- </body> -->x@T</body></html>" },
  { name: "</body> in a textarea", page: "<html><head>@L</head><body><textarea></body></textarea>@T</body></html>" },
  { name: "</head> in the title", page: "<html><head><title></head></title>@L</head><body>x@T</body></html>" },
  { name: "</body> in a style", page: "<html><head><style>a::after{content:'</body>'}</style>@L</head><body>x@T</body></html>" },
  { name: "</body> in a template", page: "<html><head>@L</head><body><template><p></body></template>x@T</body></html>" },
  { name: "</head> in a template of the head", page: "<html><head><template></head></template>@L</head><body>x@T</body></html>" },
  { name: "</body> in a noscript", page: "<html><head>@L</head><body><noscript></body></noscript>x@T</body></html>" },
  { name: "noscript in the head", page: "<html><head><noscript><link rel=a></head></noscript>@L</head><body>x@T</body></html>" },
  { name: "</body> in an attribute value", page: '<html><head>@L</head><body><div title="</body>" data-x=\'</body>\'>x</div>@T</body></html>' },
  { name: "> in a quoted attribute", page: '<html><head><meta content="a>b">@L</head><body>x@T</body></html>' },
  { name: "</body> in SVG CDATA", page: "<html><head>@L</head><body><svg><![CDATA[</body>]]></svg>x@T</body></html>" },
  { name: "an inline SVG icon", page: '<html><head>@L</head><body><svg viewBox="0 0 1 1"><path d="M0"/></svg>x@T</body></html>' },
  { name: "a select", page: "<html><head>@L</head><body><select><option>a<option>b</select>@T</body></html>" },
  { name: "escaped script data", page: '<html><head>@L</head><body><script><!--<script>"</script></body>"</script>--></script>x@T</body></html>' },
  { name: "several </body>: the last real one", page: "<html><head>@L</head><body>x</body>y@T</body></html>" },
  { name: "content after </html>: the end", page: "<html><head>@L</head><body>x</body></html><script>late()</script>@T" },
  { name: "a comment after </html>", page: "<html><head>@L</head><body>x@T</body></html>\n<!-- 12 ms -->\n" },
  { name: "an unclosed comment after </body>", page: "<html><head>@L</head><body>x@T</body><!-- unclosed" },
  { name: "a formatting element to reconstruct", page: "<html><head>@L</head><body><p><b>x</p></body>\n@T" },
  { name: "an unclosed cell", page: "<html><head>@L</head><body><table><tr><td>x</body>@T" },
  { name: "a doctype and a comment before <html>", page: "<!DOCTYPE html><!-- c --><html><head>@L</head><body>x@T</body></html>" },
  { name: "a UTF-8 BOM", page: "\xef\xbb\xbf<!DOCTYPE html><p>x".replace("<p>", "@L<p>") + "@T" },
  { name: "windows-1252 bytes kept", page: "<html><head><meta charset=windows-1252>@L</head><body>caf\xe9@T</body></html>" },
  { name: "an unclosed script at the end", page: "<html><head></head><body>x<script>var a", reason: "no-safe-end" },
  { name: "an open table with moved content", page: "<html><head></head><body><table><div>x", reason: "no-safe-end" },
  { name: "an unclosed svg at the end", page: "<html><head></head><body><svg><g>x", reason: "no-safe-end" },
  { name: "a frameset", page: "<html><head></head><frameset><frame src=a></frameset></html>", reason: "frameset" },
  { name: "plaintext", page: "<html><head></head><body><plaintext></body>", reason: "plaintext" },
  { name: "a page already tagged", page: '<html><head><script src="/x/smarttag_ENT.js"></script></head><body></body></html>', reason: "already-tagged" },
  { name: "JSON served as HTML", page: '{"a": "</body>"}', reason: "not-a-document" },
  { name: "a fragment served as HTML", page: "<div>partial</div>", reason: "not-a-document" },
  { name: "CSS served as HTML", page: "body { color: red }", reason: "not-a-document" },
  { name: "a UTF-16 BOM", page: "\xff\xfe<\x00h\x00", reason: "utf16-bom" },
  { name: "an ISO-2022-JP meta", page: '<html><head><meta charset="iso-2022-jp"></head><body>x</body></html>', reason: "unsupported-charset" },
  { name: "a head and nothing else", page: "<html><head><title>x</title></head>", reason: "no-body" },
  { name: "an empty body made by </html>", page: "<html><head><title>x</title>@L</head></html>@T" },
];

function expectedOf(testCase: Case): string {
  return testCase.page.replace("@L", SNIPPETS.loader).replace("@T", SNIPPETS.tag);
}

function inputOf(testCase: Case): Buffer {
  return Buffer.from(testCase.page.replace("@L", "").replace("@T", ""), "latin1");
}

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
        expect(runChunks(randomChunks(inputOf(testCase), SEED + round), testCase.options).output).toBe(expectedOf(testCase));
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
    const chunks = [Buffer.from("<html><head></head><body>"), ...Array.from({ length: 200 }, () => Buffer.from("<div>a</div>".repeat(100)))];
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
    const result = runChunks(randomChunks(Buffer.from(page), SEED, 512), { maxHoldBytes: 2048, loaderWaitBytes: 1024 });

    expect(result.output).toBe(`<html><head>${SNIPPETS.loader}</head><body>x</body>${trailer}${SNIPPETS.tag}`);
    expect(result.status).toBe("tagged");
  });

  it("reports loader-only when the page turns untaggable after the loader went out", () => {
    const body = "<p>x</p>".repeat(300);
    const page = `<html><head></head><body>${body}<svg><g>`;
    const result = runChunks([Buffer.from(page.slice(0, 30)), Buffer.from(page.slice(30))], { loaderWaitBytes: 1024 });

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
    const first = Buffer.concat([...injector.write(Buffer.from("<html><head></head><body>x")), ...injector.end()]).toString();

    expect(first).toBe(`<html><head>${SNIPPETS.loader}</head><body>x${SNIPPETS.tag}`);
    expect(injector.end()).toEqual([]);
    expect(Buffer.concat(injector.write(Buffer.from("late"))).toString()).toBe("late");
  });

  it("escapes nothing and re-encodes nothing: every byte value survives", () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, value) => value).filter((v) => v !== 0x3c && v !== 0x26));
    const page = Buffer.concat([Buffer.from("<html><head></head><body>"), bytes, Buffer.from("</body></html>")]);
    const result = runChunks([page]);
    const expected = Buffer.concat([Buffer.from(`<html><head>${SNIPPETS.loader}</head><body>`), bytes, Buffer.from(`${SNIPPETS.tag}</body></html>`)]);

    expect(Buffer.from(result.output, "latin1").equals(expected)).toBe(true);
  });
});
