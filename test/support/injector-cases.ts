/**
 * The injector's table of cases, shared by its unit test and the chunking properties.
 */

import type { InjectorOptions } from "../../src/inject/injector.js";
import { SNIPPETS } from "./chunking.js";

/**
 * Each case writes the expected output with `@L` where the loader goes and `@T` where
 * the tag goes; the input is the same text without them. No marker: left untouched.
 */
export interface Case {
  name: string;
  page: string;
  reason?: string;
  options?: InjectorOptions;
}

export const CASES: Case[] = [
  {
    name: "a plain document",
    page: "<!DOCTYPE html><html><head><title>x</title>@L</head><body><p>hi</p>@T</body></html>\n",
  },
  { name: "upper-case tags", page: "<HTML><HEAD><TITLE>x</TITLE>@L</HEAD><BODY>x@T</BODY></HTML>" },
  {
    name: "whitespace inside tags",
    page: "<html><head ><title>x</title>@L</head\t><body\n>x@T</body\n ></html >",
  },
  {
    name: "no </head>: before the first body content",
    page: "<!DOCTYPE html><title>x</title>@L<p>hi@T",
  },
  { name: "no body tags at all", page: "<html><head>@L</head>text@T" },
  { name: "neither head nor body (not sniffed)", page: "@L<p>x@T", options: { sniff: false } },
  { name: "text first (not sniffed)", page: "\n@LHello@T", options: { sniff: false } },
  {
    name: "</body> in a script string",
    page: '<html><head>@L</head><body><script>var s = "</body>";</script>@T</body></html>',
  },
  {
    name: "</body> in a script comment",
    page: "<html><head>@L</head><body><script>// </body>\n</script>x@T</body></html>",
  },
  {
    name: "</body> in an HTML comment",
    page: "<html><head>@L</head><body><!-- </body> -->x@T</body></html>",
  },
  {
    name: "</body> in a textarea",
    page: "<html><head>@L</head><body><textarea></body></textarea>@T</body></html>",
  },
  {
    name: "</head> in the title",
    page: "<html><head><title></head></title>@L</head><body>x@T</body></html>",
  },
  {
    name: "</body> in a style",
    page: "<html><head><style>a::after{content:'</body>'}</style>@L</head><body>x@T</body></html>",
  },
  {
    name: "</body> in a template",
    page: "<html><head>@L</head><body><template><p></body></template>x@T</body></html>",
  },
  {
    name: "</head> in a template of the head",
    page: "<html><head><template></head></template>@L</head><body>x@T</body></html>",
  },
  {
    name: "</body> in a noscript",
    page: "<html><head>@L</head><body><noscript></body></noscript>x@T</body></html>",
  },
  {
    name: "noscript in the head",
    page: "<html><head><noscript><link rel=a></head></noscript>@L</head><body>x@T</body></html>",
  },
  {
    name: "</body> in an attribute value",
    page: "<html><head>@L</head><body><div title=\"</body>\" data-x='</body>'>x</div>@T</body></html>",
  },
  {
    name: "> in a quoted attribute",
    page: '<html><head><meta content="a>b">@L</head><body>x@T</body></html>',
  },
  {
    name: "</body> in SVG CDATA",
    page: "<html><head>@L</head><body><svg><![CDATA[</body>]]></svg>x@T</body></html>",
  },
  {
    name: "an inline SVG icon",
    page: '<html><head>@L</head><body><svg viewBox="0 0 1 1"><path d="M0"/></svg>x@T</body></html>',
  },
  {
    name: "a select",
    page: "<html><head>@L</head><body><select><option>a<option>b</select>@T</body></html>",
  },
  {
    name: "escaped script data",
    page: '<html><head>@L</head><body><script><!--<script>"</script></body>"</script>--></script>x@T</body></html>',
  },
  {
    name: "</body> in a script block comment",
    page: "<html><head>@L</head><body><script>/* </body></html> */</script>x@T</body></html>",
  },
  {
    name: "</head> in a script string of the head",
    page: '<html><head><script>var h = "</head><body>";</script>@L</head><body>x@T</body></html>',
  },
  {
    name: "</body> in the title",
    page: "<html><head><title></body></html></title>@L</head><body>x@T</body></html>",
  },
  {
    name: "</head> in an attribute of the head",
    page: '<html><head><meta name="x" content="</head><body>">@L</head><body>x@T</body></html>',
  },
  {
    name: "</body> in a style of the body",
    page: "<html><head>@L</head><body><style>p::before{content:'</body>'}</style>x@T</body></html>",
  },
  {
    name: "</body> in an xmp",
    page: "<html><head>@L</head><body><xmp></body></xmp>x@T</body></html>",
  },
  {
    name: "</body> in a JSON island",
    page: '<html><head>@L</head><body><script type="application/json">{"a":"</body>"}</script>x@T</body></html>',
  },
  {
    name: "</body> in MathML CDATA",
    page: "<html><head>@L</head><body><math><mi><![CDATA[</body>]]></mi></math>x@T</body></html>",
  },
  {
    name: "</body> in double-escaped script data",
    page: '<html><head>@L</head><body><script>var a = "<!--<script>";</script></body>x--></script>y@T</body></html>',
  },
  {
    name: "</body> in a textarea of a table cell",
    page: "<html><head>@L</head><body><table><tr><td><textarea></body></textarea></td></tr></table>@T</body></html>",
  },
  {
    name: "no <head>: the loader before <body>",
    page: "<!DOCTYPE html><html>@L<body>x@T</body></html>",
  },
  {
    name: "raw-text end tags with spaces and slashes",
    page: "<html><head><title>t</title ><script>x</script\n/>@L</head><body><textarea>a</textarea >x@T</body></html>",
  },
  {
    name: "several </body>: the last real one",
    page: "<html><head>@L</head><body>x</body>y@T</body></html>",
  },
  {
    name: "content after </html>: the end",
    page: "<html><head>@L</head><body>x</body></html><script>late()</script>@T",
  },
  {
    name: "a comment after </html>",
    page: "<html><head>@L</head><body>x@T</body></html>\n<!-- 12 ms -->\n",
  },
  {
    name: "an unclosed comment after </body>",
    page: "<html><head>@L</head><body>x@T</body><!-- unclosed",
  },
  {
    name: "a formatting element to reconstruct",
    page: "<html><head>@L</head><body><p><b>x</p></body>\n@T",
  },
  { name: "an unclosed cell", page: "<html><head>@L</head><body><table><tr><td>x</body>@T" },
  {
    name: "a doctype and a comment before <html>",
    page: "<!DOCTYPE html><!-- c --><html><head>@L</head><body>x@T</body></html>",
  },
  { name: "a UTF-8 BOM", page: `${"\xef\xbb\xbf<!DOCTYPE html><p>x".replace("<p>", "@L<p>")}@T` },
  {
    name: "windows-1252 bytes kept",
    page: "<html><head><meta charset=windows-1252>@L</head><body>caf\xe9@T</body></html>",
  },
  {
    name: "an unclosed script at the end",
    page: "<html><head></head><body>x<script>var a",
    reason: "no-safe-end",
  },
  {
    name: "an unclosed comment at the end of the body",
    page: "<html><head></head><body>x<!-- never closed </body>",
    reason: "no-safe-end",
  },
  {
    name: "an unclosed textarea at the end",
    page: "<html><head></head><body><textarea>x</body></html>",
    reason: "no-safe-end",
  },
  {
    name: "an unclosed title and nothing else",
    page: "<html><head><title>x</head><body>",
    reason: "no-body",
  },
  {
    name: "a script string that swallows the rest of the page",
    page: '<html><head></head><body><script>document.write("<!--<script>");</script><p>x</p></body></html>',
    reason: "no-safe-end",
  },
  {
    name: "a raw-text end tag cut at the end",
    page: "<script></SCRIPT ",
    options: { sniff: false },
    reason: "no-body",
  },
  {
    name: "an open table with moved content",
    page: "<html><head></head><body><table><div>x",
    reason: "no-safe-end",
  },
  {
    name: "a cell closed by </tbody>, then moved content",
    page: "<html><head></head><body><table><td></tbody><b>x",
    reason: "no-safe-end",
  },
  {
    name: "an unclosed svg at the end",
    page: "<html><head></head><body><svg><g>x",
    reason: "no-safe-end",
  },
  {
    name: "a frameset",
    page: "<html><head></head><frameset><frame src=a></frameset></html>",
    reason: "frameset",
  },
  { name: "plaintext", page: "<html><head></head><body><plaintext></body>", reason: "plaintext" },
  {
    name: "a page already tagged",
    page: '<html><head><script src="/x/smarttag_ENT.js"></script></head><body></body></html>',
    reason: "already-tagged",
  },
  { name: "JSON served as HTML", page: '{"a": "</body>"}', reason: "not-a-document" },
  { name: "a fragment served as HTML", page: "<div>partial</div>", reason: "not-a-document" },
  { name: "CSS served as HTML", page: "body { color: red }", reason: "not-a-document" },
  { name: "a UTF-16 BOM", page: "\xff\xfe<\x00h\x00", reason: "utf16-bom" },
  {
    name: "an ISO-2022-JP meta",
    page: '<html><head><meta charset="iso-2022-jp"></head><body>x</body></html>',
    reason: "unsupported-charset",
  },
  {
    name: "a head and nothing else",
    page: "<html><head><title>x</title></head>",
    reason: "no-body",
  },
  { name: "an empty body made by </html>", page: "<html><head><title>x</title>@L</head></html>@T" },
  {
    name: "XHTML: </head> in a CDATA section of the head",
    page: '<html xmlns="http://www.w3.org/1999/xhtml"><head><![CDATA[ a > </head> ]]>@L</head><body><p><![CDATA[ b > </body> ]]></p>@T</body></html>',
    options: { isXml: true },
  },
  {
    name: "XHTML: a CDATA section inside a script",
    page: '<html xmlns="http://www.w3.org/1999/xhtml"><head><script>//<![CDATA[\nif (a < b) c = "</head>";\n//]]></script>@L</head><body>x@T</body></html>',
    options: { isXml: true },
  },
  {
    name: "an XML declaration of ISO-2022-JP",
    page: '<?xml version="1.0" encoding="ISO-2022-JP"?><html><head></head><body>x</body></html>',
    reason: "unsupported-charset",
  },
];

/** The expected output of a case: its page with our snippets in place of @L and @T. */
export function expectedOf(testCase: Case): string {
  return testCase.page.replace("@L", SNIPPETS.loader).replace("@T", SNIPPETS.tag);
}

/** The input of a case: its page without the markers, as bytes (latin1 keeps every byte). */
export function inputOf(testCase: Case): Buffer {
  return Buffer.from(testCase.page.replace("@L", "").replace("@T", ""), "latin1");
}
