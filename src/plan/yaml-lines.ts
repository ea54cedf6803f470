/**
 * Loads YAML with js-yaml and remembers on which line each key and item sits, so that
 * plan errors can name `file:line`. Usage: `parseYamlWithLines(text).lineOf(["pages", 3])`.
 */

import yaml from "js-yaml";

type PathKey = string | number;

interface PositionNode {
  line: number;
  children: Map<PathKey, PositionNode>;
}

interface OpenNode {
  line: number;
  closed: { line: number; result: unknown; node: PositionNode }[];
}

export interface YamlDocument {
  value: unknown;
  /** 1-based line of the deepest known node on `path`, or undefined. */
  lineOf(path: readonly PathKey[]): number | undefined;
}

/** Parses YAML text; throws js-yaml's YAMLException (with `mark.line`) on bad syntax. */
export function parseYamlWithLines(text: string): YamlDocument {
  const stack: OpenNode[] = [];
  let root: PositionNode | undefined;

  const listener = (event: "open" | "close", state: { line: number; result: unknown }) => {
    if (event === "open") {
      stack.push({ line: state.line + 1, closed: [] });
      return;
    }
    const open = stack.pop() as OpenNode;
    const node = buildPositionNode(open, state.result, state.line + 1);
    const parent = stack[stack.length - 1];
    if (parent) parent.closed.push({ line: node.line, result: state.result, node });
    else root = node;
  };

  const value = yaml.load(text, { listener } as yaml.LoadOptions);
  return { value, lineOf: (path) => findLine(root, path) };
}

function buildPositionNode(open: OpenNode, result: unknown, closeLine: number): PositionNode {
  const children = open.closed;

  // Note: js-yaml opens a node twice for some block items; keep the inner one.
  const only = children.length === 1 ? children[0] : undefined;
  if (only && only.result === result) return only.node;

  const node: PositionNode = {
    line: isCollection(result) ? open.line : closeLine,
    children: new Map(),
  };
  if (Array.isArray(result)) {
    for (const [index, child] of children.entries()) node.children.set(index, child.node);
  } else if (isCollection(result)) {
    for (let index = 0; index + 1 < children.length; index += 2) {
      const key = children[index] as (typeof children)[number];
      const valueNode = (children[index + 1] as (typeof children)[number]).node;
      node.children.set(String(key.result), { line: key.line, children: valueNode.children });
    }
  }
  if (node.children.size > 0)
    node.line = Math.min(...[...node.children.values()].map((c) => c.line));
  return node;
}

function isCollection(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}

function findLine(root: PositionNode | undefined, path: readonly PathKey[]): number | undefined {
  let node = root;
  let line = root?.line;
  for (const key of path) {
    node =
      node?.children.get(typeof key === "number" ? key : String(key)) ??
      node?.children.get(String(key));
    if (!node) break;
    line = node.line;
  }
  return line;
}
