/**
 * Checks an injected page against its original with parse5, the HTML standard's
 * parser: same tree once our two scripts are taken out, loader in <head>, tag in
 * <body> after all original content, both runnable HTML scripts.
 */

import { parse } from "parse5";

export const TEST_LOADER =
  '<script type="text/javascript" src="/dnma-test/smarttag_ENT.js"></script>';
export const TEST_TAG_TEXT = "/*dnma-tag-test*/";
export const TEST_TAG = `<script type="text/javascript">${TEST_TAG_TEXT}</script>`;

const HTML_NS = "http://www.w3.org/1999/xhtml";

// biome-ignore lint/suspicious/noExplicitAny: parse5 node shapes are walked generically
type Node = any;

interface Found {
  node: Node;
  ancestors: Node[];
  isInTemplate: boolean;
}

/** Problems found, empty when the injected page is the original plus our two scripts. */
export function checkInjectedTree(original: string, injected: string): string[] {
  const before = parse(original);
  const after = parse(injected);
  const loaders = findAll(
    after,
    (node) => node.nodeName === "script" && getAttr(node, "src") === "/dnma-test/smarttag_ENT.js",
  );
  const tags = findAll(
    after,
    (node) => node.nodeName === "script" && textOf(node) === TEST_TAG_TEXT,
  );
  if (loaders.length !== 1 || tags.length !== 1)
    return [`found ${loaders.length} loaders and ${tags.length} tags`];

  const problems = [...checkLoader(loaders[0] as Found), ...checkTag(tags[0] as Found, after)];
  for (const found of [loaders[0], tags[0]] as Found[]) detach(found.node);
  const expected = serialize(before);
  const actual = serialize(after);
  if (expected !== actual)
    problems.push(
      `tree differs:\n--- original\n${expected}\n--- injected minus scripts\n${actual}`,
    );
  return problems;
}

/** A canonical dump of a parse5 tree, adjacent text merged. */
export function serialize(node: Node, depth = 0): string {
  const pad = "  ".repeat(depth);
  const children = mergeText(node.childNodes ?? []);
  const lines: string[] = [];
  for (const child of children) {
    if (child.nodeName === "#text") lines.push(`${pad}${JSON.stringify(child.value)}`);
    else if (child.nodeName === "#comment")
      lines.push(`${pad}<!-- ${JSON.stringify(child.data)} -->`);
    else if (child.nodeName === "#documentType")
      lines.push(`${pad}<!DOCTYPE ${child.name} ${child.publicId} ${child.systemId}>`);
    else {
      const attrs = [...child.attrs]
        .map((a: Node) => `${a.prefix ?? ""}:${a.name}=${JSON.stringify(a.value)}`)
        .sort();
      lines.push(
        `${pad}<${child.namespaceURI === HTML_NS ? "" : `${child.namespaceURI} `}${child.tagName} ${attrs.join(" ")}>`,
      );
      lines.push(serialize(child, depth + 1));
      if (child.content) lines.push(`${pad}  [content]`, serialize(child.content, depth + 2));
    }
  }
  return lines.filter((line) => line !== "").join("\n");
}

function checkLoader(found: Found): string[] {
  const parent = found.ancestors[found.ancestors.length - 1];
  if (found.node.namespaceURI !== HTML_NS || found.isInTemplate)
    return ["loader is not a runnable HTML script"];
  return parent?.nodeName === "head" ? [] : [`loader is in <${parent?.nodeName}>, not in <head>`];
}

function checkTag(found: Found, document: Node): string[] {
  const problems: string[] = [];
  const blocked = found.ancestors.find(
    (a) => a.nodeName === "noscript" || (a.namespaceURI && a.namespaceURI !== HTML_NS),
  );
  if (found.node.namespaceURI !== HTML_NS || found.isInTemplate || blocked)
    problems.push("tag is not a runnable HTML script");
  if (!found.ancestors.some((a) => a.nodeName === "body")) problems.push("tag is not in <body>");

  const body = findAll(document, (node) => node.nodeName === "body")[0];
  if (body) {
    const order = flatten(body.node);
    const after = order.slice(order.indexOf(found.node) + 1 + flatten(found.node).length);
    const content = after.filter(
      (node) =>
        !(node.nodeName === "#text" && /^[\t\n\f\r ]*$/.test(node.value)) &&
        node.nodeName !== "script",
    );
    if (content.length > 0)
      problems.push(`original content after the tag: ${content.map((n) => n.nodeName).join(", ")}`);
  }
  return problems;
}

function findAll(root: Node, test: (node: Node) => boolean): Found[] {
  const found: Found[] = [];
  const visit = (node: Node, ancestors: Node[], isInTemplate: boolean) => {
    for (const child of node.childNodes ?? []) {
      if (test(child)) found.push({ node: child, ancestors, isInTemplate });
      visit(child, [...ancestors, child], isInTemplate);
      if (child.content) visit(child.content, [...ancestors, child], true);
    }
  };
  visit(root, [], false);
  return found;
}

function flatten(root: Node): Node[] {
  const nodes: Node[] = [];
  for (const child of root.childNodes ?? []) nodes.push(child, ...flatten(child));
  return nodes;
}

function detach(node: Node): void {
  const siblings = node.parentNode.childNodes as Node[];
  siblings.splice(siblings.indexOf(node), 1);
}

function mergeText(children: Node[]): Node[] {
  const merged: Node[] = [];
  for (const child of children) {
    const last = merged[merged.length - 1];
    if (child.nodeName === "#text" && last?.nodeName === "#text")
      merged[merged.length - 1] = { ...last, value: last.value + child.value };
    else merged.push(child);
  }
  return merged;
}

function getAttr(node: Node, name: string): string | undefined {
  return node.attrs?.find((a: Node) => a.name === name)?.value;
}

function textOf(node: Node): string {
  return (node.childNodes ?? []).map((c: Node) => c.value ?? "").join("");
}
