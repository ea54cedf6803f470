/**
 * Applies csp.ts to a response: the nonce our scripts carry, the header rewrite that
 * lets them run (enforced and report-only policies), and the check of a policy the
 * page itself declares in a `<meta>`. All-or-nothing: headers change only when every
 * enforced policy can be satisfied.
 * Usage: `const why = applyCspHeaders(res, needs)` → undefined when the tag can go in.
 */

import type { HeaderTarget } from "./tagged-headers.js";
import {
  chooseNonce,
  extendPolicy,
  hashSourceOf,
  parsePolicies,
  parsePolicy,
  type ScriptNeeds,
  toLoaderSource,
} from "./csp.js";

const ENFORCED = "content-security-policy";
const REPORT_ONLY = "content-security-policy-report-only";

/** The header's values, one per header line. */
function readValues(target: HeaderTarget, name: string): string[] {
  const value = target.getHeader(name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** The nonce for our scripts: from the response's policies, or the configured one. */
export function chooseResponseNonce(
  target: HeaderTarget,
  configured: string | undefined,
): string | undefined {
  const policies = readValues(target, ENFORCED).flatMap(parsePolicies);
  return chooseNonce(policies, configured);
}

/** What a policy must allow for this tag: its nonce, its hash and the loader's address. */
export function describeNeeds(
  snippets: { tag: string },
  nonce: string | undefined,
  loaderSrc: string,
  host: string,
): ScriptNeeds {
  const textStart = snippets.tag.indexOf(">") + 1;
  const text = snippets.tag.slice(textStart, snippets.tag.lastIndexOf("</script>"));
  return { nonce, hash: hashSourceOf(text), loaderSource: toLoaderSource(loaderSrc, host) };
}

/**
 * Rewrites the CSP headers so that our scripts run; returns why not when an enforced
 * policy cannot be extended safely (the headers are then left as they were). A
 * report-only policy that cannot be extended stays as it is: it blocks nothing.
 */
export function applyCspHeaders(target: HeaderTarget, needs: ScriptNeeds): string | undefined {
  const enforced = rewriteValues(readValues(target, ENFORCED), needs);
  if ("why" in enforced) return enforced.why;
  const reportOnly = rewriteValues(readValues(target, REPORT_ONLY), needs, true);

  if (enforced.isChanged) setValues(target, ENFORCED, enforced.values);
  if (!("why" in reportOnly) && reportOnly.isChanged)
    setValues(target, REPORT_ONLY, reportOnly.values);
  return undefined;
}

type Rewrite = { values: string[]; isChanged: boolean } | { why: string };

function rewriteValues(
  values: readonly string[],
  needs: ScriptNeeds,
  keepsBlocked = false,
): Rewrite {
  let isChanged = false;
  const rewritten: string[] = [];
  for (const value of values) {
    const policies: string[] = [];
    for (const policy of parsePolicies(value)) {
      const extension = extendPolicy(policy, needs);
      if (extension.kind === "blocked" && !keepsBlocked) return { why: extension.why };
      isChanged ||= extension.kind === "extended";
      policies.push(extension.kind === "extended" ? extension.text : policy.text);
    }
    rewritten.push(policies.join(","));
  }
  return { values: rewritten, isChanged };
}

function setValues(target: HeaderTarget, name: string, values: string[]): void {
  target.setHeader(name, values.length === 1 ? (values[0] as string) : values);
}

/**
 * Whether a policy from a `<meta http-equiv="Content-Security-Policy">` lets our scripts
 * run as they are: the page's bytes are not ours to change. Character references in
 * the attribute are not decoded, so any `&` means no.
 */
export function isMetaPolicyAllowing(content: string, needs: ScriptNeeds): boolean {
  if (content.includes("&")) return false;
  // Note: a meta's content is one policy, commas and all (CSP3 §3.3 via HTML's http-equiv pragma).
  return extendPolicy(parsePolicy(content), needs).kind === "allowed";
}
