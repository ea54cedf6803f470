/**
 * Path patterns of the tagging plan: `/blog/:blogId/*`.
 * - a literal segment matches itself (case-sensitive);
 * - `:name` matches one non-empty segment and captures it;
 * - a last segment `*` (or `*name`, captured) matches the rest: zero or more segments.
 * A trailing slash in the request path is ignored.
 * Usage: `matchPath(parsePathPattern("/blog/:id/*"), "/blog/7/post")` → `{ id: "7" }`.
 */

export type PatternSegment = { kind: "literal"; value: string } | { kind: "param"; name: string };

export interface PathPattern {
  source: string;
  segments: PatternSegment[];
  rest: { name: string | undefined } | undefined;
  regex: RegExp;
  paramNames: string[];
}

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses a pattern; throws an Error whose message says what is wrong with it. */
export function parsePathPattern(source: string): PathPattern {
  if (!source.startsWith("/")) throw new Error(`must start with "/"`);

  const parts = source.split("/").slice(1);
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();

  const segments: PatternSegment[] = [];
  let rest: PathPattern["rest"];
  for (const [index, part] of parts.entries()) {
    if (rest) throw new Error(`"*" may only be the last segment`);
    if (part.startsWith("*")) {
      rest = { name: parseRestName(part, index, parts.length) };
    } else if (part.startsWith(":")) {
      segments.push({ kind: "param", name: parseParamName(part) });
    } else if (part !== "" || parts.length === 1) {
      segments.push({ kind: "literal", value: part });
    } else {
      throw new Error("has an empty segment");
    }
  }

  const paramNames = collectParamNames(segments, rest);
  if (new Set(paramNames).size !== paramNames.length) throw new Error("repeats a parameter name");

  return { source, segments, rest, regex: compileRegex(segments, rest), paramNames };
}

/** Matches a URL path; returns the captured parameters, or undefined. */
export function matchPath(pattern: PathPattern, path: string): Record<string, string> | undefined {
  const match = pattern.regex.exec(path);
  if (!match) return undefined;

  const params: Record<string, string> = {};
  pattern.paramNames.forEach((name, index) => {
    params[name] = match[index + 1] ?? "";
  });
  return params;
}

/**
 * Returns whether every path that `narrow` matches is also matched by `wide`
 * (used to find rules shadowed by an earlier one).
 */
export function patternCovers(wide: PathPattern, narrow: PathPattern): boolean {
  if (!wide.rest && (narrow.rest || wide.segments.length !== narrow.segments.length)) return false;
  if (wide.segments.length > narrow.segments.length) return false;

  return wide.segments.every((segment, index) => {
    const other = narrow.segments[index] as PatternSegment;
    if (segment.kind === "param") return true;
    return other.kind === "literal" && other.value === segment.value;
  });
}

function parseRestName(part: string, index: number, count: number): string | undefined {
  if (index !== count - 1) throw new Error(`"*" may only be the last segment`);
  const name = part.slice(1);
  if (name === "") return undefined;
  if (!PARAM_NAME.test(name)) throw new Error(`has an invalid parameter name "${name}"`);
  return name;
}

function parseParamName(part: string): string {
  const name = part.slice(1);
  if (!PARAM_NAME.test(name)) throw new Error(`has an invalid parameter name "${name}"`);
  return name;
}

function collectParamNames(segments: PatternSegment[], rest: PathPattern["rest"]): string[] {
  const names = segments.flatMap((segment) => (segment.kind === "param" ? [segment.name] : []));
  if (rest?.name) names.push(rest.name);
  return names;
}

function compileRegex(segments: PatternSegment[], rest: PathPattern["rest"]): RegExp {
  const body = segments
    .map((segment) => (segment.kind === "param" ? "/([^/]+)" : `/${escapeRegex(segment.value)}`))
    .join("");
  if (rest) {
    const tail = rest.name ? "(?:/(.*))?" : "(?:/.*)?";
    return new RegExp(`^${body}${tail}$`);
  }
  return new RegExp(`^${body === "/" ? "" : body}/?$`);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
