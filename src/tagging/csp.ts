/**
 * Content-Security-Policy, as far as our two scripts need it: does a policy let them
 * run, and if not, the smallest change that does — the tag's sha256 hash and the
 * loader's exact address, in the directive that governs script elements, nothing else.
 * Pure functions over header text (CSP Level 3, §2.2 and §6.7).
 * Usage: `extendPolicy(parsePolicies(header)[0], { nonce, hash, loaderSource })`.
 */

import { createHash } from "node:crypto";

/** One serialized policy, with its directives and where each one's text lies. */
export interface Policy {
  text: string;
  directives: Directive[];
}

export interface Directive {
  /** Lower-cased name. */
  name: string;
  sources: string[];
  start: number;
  end: number;
}

/** What our scripts carry: the nonce on both, the tag's hash, the loader as a source expression. */
export interface ScriptNeeds {
  nonce: string | undefined;
  hash: string;
  /** `host/path` (or `https://host/path`) of the loader, or undefined when it has none usable. */
  loaderSource: string | undefined;
}

export type Extension =
  | { kind: "allowed" }
  | { kind: "extended"; text: string }
  | { kind: "blocked"; why: string };

const NONCE_VALUE = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** Characters a source expression cannot hold (§2.3.1): they would end it or the directive. */
const SOURCE_UNSAFE = /[\s;,']/;
const SCRIPT_DIRECTIVES = ["script-src-elem", "script-src", "default-src"] as const;

/** Splits a header value into its policies (comma-separated, §2.2.2), keeping each one's text. */
export function parsePolicies(headerValue: string): Policy[] {
  return headerValue.split(",").map(parsePolicy);
}

/** Parses one serialized policy; a repeated directive counts only where it first appears. */
export function parsePolicy(text: string): Policy {
  const directives: Directive[] = [];
  let start = 0;
  for (const part of text.split(";")) {
    const [name, ...sources] = part.trim().split(/[\t\n\f\r ]+/);
    const lowered = name?.toLowerCase() ?? "";
    if (lowered !== "" && !directives.some((directive) => directive.name === lowered)) {
      directives.push({
        name: lowered,
        sources: sources.filter(Boolean),
        start,
        end: start + part.length,
      });
    }
    start += part.length + 1;
  }
  return { text, directives };
}

/** The `'sha256-…'` source expression of an inline script's text. */
export function hashSourceOf(scriptText: string): string {
  return `'sha256-${createHash("sha256").update(scriptText, "utf8").digest("base64")}'`;
}

/** The nonces a policy accepts on script elements. */
export function findScriptNonces(policy: Policy): string[] {
  const sources = findScriptDirective(policy)?.sources ?? [];
  return sources.flatMap((source) => {
    const match = /^'nonce-(.+)'$/i.exec(source);
    return match && NONCE_VALUE.test(match[1] as string) ? [match[1] as string] : [];
  });
}

/**
 * Picks the nonce for our scripts: the configured one when a policy lists it or none
 * lists any, else the first nonce the policies list.
 */
export function chooseNonce(
  policies: readonly Policy[],
  configured: string | undefined,
): string | undefined {
  const listed = policies.flatMap(findScriptNonces);
  const usable = configured !== undefined && NONCE_VALUE.test(configured) ? configured : undefined;
  if (usable !== undefined && (listed.length === 0 || listed.includes(usable))) return usable;
  return listed[0];
}

/**
 * Whether `policy` lets our scripts run as they are, or the policy text that does, or why
 * it cannot be done safely. Never adds 'unsafe-inline', a wildcard or a scheme.
 */
export function extendPolicy(policy: Policy, needs: ScriptNeeds): Extension {
  const elementDirective = policy.directives.find(
    (directive) => directive.name === "script-src-elem",
  );
  const scriptDirective = policy.directives.find((directive) => directive.name === "script-src");
  const primary = findScriptDirective(policy);
  if (primary === undefined) return { kind: "allowed" };

  const additions = findAdditions(primary.sources, needs);
  if ("why" in additions) return { kind: "blocked", why: `${primary.name}: ${additions.why}` };
  if (additions.length === 0) return { kind: "allowed" };
  if (primary.name === "default-src") {
    // Note: a new script-src with default-src's sources changes nothing but scripts (§6.1.1).
    const kept = policy.text.replace(/[\s;]+$/, "");
    return {
      kind: "extended",
      text: `${kept}; script-src ${[...primary.sources, ...additions].join(" ")}`,
    };
  }

  const changes: [Directive, string[]][] = [[primary, additions]];
  // Note: browsers without script-src-elem read script-src; extend it too when it can be.
  if (elementDirective !== undefined && scriptDirective !== undefined) {
    const olderAdditions = findAdditions(scriptDirective.sources, needs);
    if (!("why" in olderAdditions) && olderAdditions.length > 0)
      changes.push([scriptDirective, olderAdditions]);
  }
  return { kind: "extended", text: appendSources(policy.text, changes) };
}

/** The directive that governs `<script>` elements (§6.8.1, "effective directive"). */
function findScriptDirective(policy: Policy): Directive | undefined {
  for (const name of SCRIPT_DIRECTIVES) {
    const directive = policy.directives.find((candidate) => candidate.name === name);
    if (directive) return directive;
  }
  return undefined;
}

/** Sources to add to one list so that both scripts run, or why none will do. */
function findAdditions(sources: readonly string[], needs: ScriptNeeds): string[] | { why: string } {
  if (sources.length === 0 || (sources.length === 1 && hasSource(sources, "'none'")))
    return { why: "'none' allows no script" };

  const hasNonce = needs.nonce !== undefined && hasSource(sources, `'nonce-${needs.nonce}'`);
  const isStrictDynamic = hasSource(sources, "'strict-dynamic'");
  const additions: string[] = [];
  if (!hasNonce && !allowsInline(sources, needs.hash)) additions.push(needs.hash);
  if (hasNonce || (!isStrictDynamic && allowsLoader(sources, needs.loaderSource))) return additions;

  if (isStrictDynamic)
    return { why: "'strict-dynamic' without a nonce ignores the loader's address" };
  if (needs.loaderSource === undefined)
    return { why: "the loader's address cannot be written as a source" };
  return [...additions, needs.loaderSource];
}

/** Inline scripts run with 'unsafe-inline' only while no nonce, hash or 'strict-dynamic' is listed (§6.7.3.3). */
function allowsInline(sources: readonly string[], hash: string): boolean {
  if (hasSource(sources, hash)) return true;
  const cancelsUnsafeInline = sources.some((source) =>
    /^'(nonce-|sha(256|384|512)-|strict-dynamic')/i.test(source),
  );
  return hasSource(sources, "'unsafe-inline'") && !cancelsUnsafeInline;
}

/** Conservative: true only for sources that surely match the loader; else we add its address. */
function allowsLoader(sources: readonly string[], loaderSource: string | undefined): boolean {
  if (loaderSource === undefined) return false;
  if (sources.includes(loaderSource)) return true;
  const isOnPageHost = !/^[a-z][a-z0-9+.-]*:/i.test(loaderSource);
  return isOnPageHost && hasSource(sources, "'self'");
}

/**
 * Whether `sources` holds `expected`: keywords and the `'nonce-'`/`'sha256-'` prefixes
 * compare case-insensitively, nonce and hash values exactly (§2.3.1).
 */
function hasSource(sources: readonly string[], expected: string): boolean {
  const dash = expected.indexOf("-", 1);
  const isValued = /^'(nonce|sha256|sha384|sha512)-/i.test(expected);
  return sources.some((source) => {
    if (!isValued) return source.toLowerCase() === expected.toLowerCase();
    return (
      source.slice(0, dash + 1).toLowerCase() === expected.slice(0, dash + 1).toLowerCase() &&
      source.slice(dash + 1) === expected.slice(dash + 1)
    );
  });
}

/** Appends sources at the end of each directive's text, from the last directive back. */
function appendSources(text: string, changes: [Directive, string[]][]): string {
  let result = text;
  for (const [directive, additions] of [...changes].sort((a, b) => b[0].start - a[0].start)) {
    const current = result.slice(directive.start, directive.end).trimEnd();
    result = `${result.slice(0, directive.start)}${current} ${additions.join(" ")}${result.slice(directive.end)}`;
  }
  return result;
}

/**
 * The loader as a source expression: an absolute URL as it is, a path on the page's
 * host as `host/path` (scheme-less: it takes the page's scheme, §6.7.2.7).
 */
export function toLoaderSource(loaderSrc: string, host: string): string | undefined {
  if (SOURCE_UNSAFE.test(loaderSrc)) return undefined;
  if (/^https?:\/\/[^/]+\//i.test(loaderSrc)) return loaderSrc;
  if (!loaderSrc.startsWith("/") || loaderSrc.startsWith("//")) return undefined;
  if (!/^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/.test(host)) return undefined;
  return `${host.toLowerCase()}${loaderSrc}`;
}
