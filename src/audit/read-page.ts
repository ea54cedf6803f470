/**
 * Reads a page the way a browser would (parse5, the HTML standard's parser): its
 * scripts in document order with where they sit, and where the real </body> is.
 * Usage: `const facts = readPage(decodePage(bytes, contentType))`.
 */

import { type DefaultTreeAdapterTypes, parse } from "parse5";

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;
type ParentNode = DefaultTreeAdapterTypes.ParentNode;

export interface ScriptFacts {
  src: string | undefined;
  code: string;
  line: number | undefined;
  /** A classic script a browser runs (no type, or a JavaScript MIME type). */
  isClassic: boolean;
  isInHead: boolean;
  isInBody: boolean;
  /** Parent element name (`body`, `head`, `div`...). */
  parent: string;
  /** The first content after the script inside <body>, if any: `<div> (line 80)`. */
  followedBy: string | undefined;
}

export interface PageFacts {
  scripts: ScriptFacts[];
  /** Lines of scripts inside <template> (never run) that mention ATInternet. */
  inertTagLines: number[];
  bodyEndLine: number | undefined;
}

const JS_TYPES =
  /^(|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript|application\/x-javascript)$/i;
const HTML_NS = "http://www.w3.org/1999/xhtml";
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)/i;

/** The page's text: UTF-8 unless the Content-Type or a <meta> in the first 1024 bytes says another charset. */
export function decodePage(bytes: Buffer, contentType?: string): string {
  const declared =
    /charset\s*=\s*"?([A-Za-z0-9_-]+)/i.exec(contentType ?? "")?.[1] ??
    META_CHARSET.exec(bytes.subarray(0, 1024).toString("latin1"))?.[1];
  try {
    return new TextDecoder(declared ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Scripts and body end of a page. */
export function readPage(html: string): PageFacts {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const facts: PageFacts = { scripts: [], inertTagLines: [], bodyEndLine: undefined };
  walk(document, [], facts);
  return facts;
}

function walk(node: ParentNode, ancestors: Element[], facts: PageFacts): void {
  for (const child of node.childNodes) {
    if (!isElement(child)) continue;
    if (child.nodeName === "body") facts.bodyEndLine = child.sourceCodeLocation?.endTag?.startLine;
    if (child.nodeName === "template") collectInert(child, facts);
    if (child.nodeName === "script" && child.namespaceURI === HTML_NS)
      facts.scripts.push(describeScript(child, ancestors));
    walk(child, [...ancestors, child], facts);
  }
}

function describeScript(script: Element, ancestors: Element[]): ScriptFacts {
  const type = attribute(script, "type")?.trim() ?? "";
  const names = ancestors.map((element) => element.nodeName);
  const isInBody = names.includes("body");
  return {
    src: attribute(script, "src"),
    code: textOf(script),
    line: script.sourceCodeLocation?.startLine,
    isClassic: JS_TYPES.test(type),
    isInHead: names.at(-1) === "head",
    isInBody,
    parent: names.at(-1) ?? "#document",
    followedBy: isInBody ? findFollowingContent(script, ancestors) : undefined,
  };
}

/** Walks up to <body>: the first element or non-blank text after `node` at any level. */
function findFollowingContent(node: Element, ancestors: Element[]): string | undefined {
  let current: Node = node;
  for (let depth = ancestors.length - 1; depth >= 0; depth--) {
    const parent = ancestors[depth] as Element;
    const siblings = parent.childNodes.slice(
      parent.childNodes.indexOf(current as DefaultTreeAdapterTypes.ChildNode) + 1,
    );
    const next = siblings.find(isContent);
    if (next) return describeNode(next);
    if (parent.nodeName === "body") return undefined;
    current = parent;
  }
  return undefined;
}

function collectInert(template: Element, facts: PageFacts): void {
  const content = (template as DefaultTreeAdapterTypes.Template).content;
  const inner: PageFacts = { scripts: [], inertTagLines: [], bodyEndLine: undefined };
  walk(content, [], inner);
  for (const script of inner.scripts) {
    if (/ATInternet|ATTag/.test(script.code) && script.line !== undefined)
      facts.inertTagLines.push(script.line);
  }
  facts.inertTagLines.push(...inner.inertTagLines);
}

function isContent(node: Node): boolean {
  if (node.nodeName === "#comment") return false;
  if (node.nodeName === "#text")
    return (node as DefaultTreeAdapterTypes.TextNode).value.trim() !== "";
  return true;
}

function describeNode(node: Node): string {
  const line = (node as Element).sourceCodeLocation?.startLine;
  const name = node.nodeName === "#text" ? "text" : `<${node.nodeName}>`;
  return line === undefined ? name : `${name} (line ${line})`;
}

function isElement(node: Node): node is Element {
  return "tagName" in node;
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

function textOf(element: Element): string {
  return element.childNodes
    .map((child) =>
      child.nodeName === "#text" ? (child as DefaultTreeAdapterTypes.TextNode).value : "",
    )
    .join("");
}
