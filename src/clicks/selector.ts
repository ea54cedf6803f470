/**
 * The CSS selectors click rules may use: compound selectors on the element itself
 * (`a.gar`, `button[data-tool=pronote]`, `#cdi-link`, comma lists), with no
 * combinators or pseudo-classes, so that a plan's examples can check them without a
 * browser. The browser applies the same text with `Element.matches()`.
 * Usage: `matchesSelector(parseSelector("a.gar[data-code]"), { tag: "a", attributes })`.
 */

/** What a selector looks at: the tag name and the attributes of the element. */
export interface SelectorElement {
  /** Lower-case tag name. */
  tag: string;
  attributes: Readonly<Record<string, string>>;
}

type AttributeOperator = "" | "=" | "~=" | "|=" | "^=" | "$=" | "*=";

interface AttributeTest {
  name: string;
  operator: AttributeOperator;
  value: string;
}

interface Compound {
  tag: string | undefined;
  tests: AttributeTest[];
}

/** A parsed selector: its source (given as is to `Element.matches()`) and its compounds. */
export interface Selector {
  source: string;
  compounds: Compound[];
}

const IDENT = "-?[A-Za-z_][A-Za-z0-9_-]*";
const VALUE = `(?:${IDENT}|"[^"\\\\]*"|'[^'\\\\]*')`;
const PART = new RegExp(
  `^(?:#(${IDENT})|\\.(${IDENT})|\\[\\s*(${IDENT})\\s*(?:([~|^$*]?=)\\s*(${VALUE})\\s*)?\\])`,
);
const TAG = new RegExp(`^(?:\\*|${IDENT})`);

/** Parses a selector; throws an Error saying what is not supported. */
export function parseSelector(source: string): Selector {
  const compounds = source.split(",").map((part) => parseCompound(part.trim()));
  return { source, compounds };
}

/** Returns whether the element matches, as `Element.matches()` would for an HTML element. */
export function matchesSelector(selector: Selector, element: SelectorElement): boolean {
  return selector.compounds.some((compound) => matchesCompound(compound, element));
}

function parseCompound(text: string): Compound {
  if (text === "") throw new Error("has an empty selector in its list");

  const tag = TAG.exec(text)?.[0];
  const tests: AttributeTest[] = [];
  let rest = text.slice(tag?.length ?? 0);
  while (rest !== "") {
    const match = PART.exec(rest);
    if (!match)
      throw new Error(
        `cannot use "${rest}": only tag, #id, .class and [attribute] tests on the element itself (no spaces, >, + or :pseudo)`,
      );
    tests.push(toTest(match));
    rest = rest.slice(match[0].length);
  }
  return { tag: tag === "*" ? undefined : tag?.toLowerCase(), tests };
}

function toTest(match: RegExpExecArray): AttributeTest {
  if (match[1] !== undefined) return { name: "id", operator: "=", value: match[1] };
  if (match[2] !== undefined) return { name: "class", operator: "~=", value: match[2] };

  const quoted = match[5] ?? "";
  const value = /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted;
  return {
    name: (match[3] as string).toLowerCase(),
    operator: (match[4] ?? "") as AttributeOperator,
    value,
  };
}

function matchesCompound(compound: Compound, element: SelectorElement): boolean {
  if (compound.tag !== undefined && compound.tag !== element.tag) return false;

  return compound.tests.every((test) => {
    const actual = element.attributes[test.name];
    return actual !== undefined && matchesValue(test, actual);
  });
}

function matchesValue(test: AttributeTest, actual: string): boolean {
  const { operator, value } = test;
  switch (operator) {
    case "":
      return true;
    case "=":
      return actual === value;
    case "~=":
      return value !== "" && actual.split(/[ \t\n\f\r]+/).includes(value);
    case "|=":
      return actual === value || actual.startsWith(`${value}-`);
    case "^=":
      return value !== "" && actual.startsWith(value);
    case "$=":
      return value !== "" && actual.endsWith(value);
    case "*=":
      return value !== "" && actual.includes(value);
  }
}
