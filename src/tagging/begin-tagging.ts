/**
 * The last step before a response is tagged, shared by the middleware and the proxy:
 * the nonce our scripts carry, the snippets for this user, the CSP headers extended
 * for them, the injector set for the page's encoding and type, and the headers of a
 * per-user page. Headers change only when the page will be tagged.
 * Usage: `const started = beginTagging(headers, { tagger, request, user, nonce })`.
 */

import { charsetOf } from "../inject/encoding.js";
import type { HtmlInjector } from "../inject/injector.js";
import {
  applyCspHeaders,
  chooseResponseNonce,
  describeNeeds,
  isMetaPolicyAllowing,
} from "./csp-response.js";
import { redactPath } from "../log/redact.js";
import type { ScriptNeeds } from "./csp.js";
import type { SkipReason } from "./reasons.js";
import { headerText } from "./response-gate.js";
import { applyTaggedHeaders, type HeaderTarget } from "./tagged-headers.js";
import type { Preparation, TagRequest, Tagger } from "./tagger.js";

export interface TaggingStart {
  tagger: Tagger;
  request: TagRequest;
  user: unknown;
  /** A nonce the application gave (e.g. res.locals.cspNonce); one listed in the policy wins. */
  nonce: string | undefined;
}

export type TaggingStarted =
  | {
      kind: "skip";
      reason: SkipReason;
      preparation: Extract<Preparation, { kind: "tag" }> | undefined;
    }
  | { kind: "tag"; preparation: Extract<Preparation, { kind: "tag" }>; injector: HtmlInjector };

const CSP_HEADERS = ["content-security-policy", "content-security-policy-report-only"];

/** Decides and prepares the tagging of a response whose status and type allow it. */
export function beginTagging(target: HeaderTarget, start: TaggingStart): TaggingStarted {
  const { tagger, request } = start;
  const nonce = chooseResponseNonce(target, start.nonce);
  const prepared = tagger.prepare(request, start.user, nonce);
  if (prepared.kind === "skip")
    return { kind: "skip", reason: prepared.reason, preparation: undefined };

  const contentType = headerText(target.getHeader("content-type")) ?? "";
  const isXml = /^\s*application\/xhtml\+xml/i.test(contentType);
  const preparation = isXml ? { ...prepared, tag: wrapForXml(prepared.tag) } : prepared;

  // Note: the tag's hash is only worked out for a page that has a policy to satisfy.
  let needs: ScriptNeeds | undefined;
  const getNeeds = () => {
    needs ??= describeNeeds(preparation, nonce, tagger.plan.loaderSrc, request.host);
    return needs;
  };
  const hasPolicy = CSP_HEADERS.some((name) => target.getHeader(name) !== undefined);
  const cspProblem = hasPolicy ? applyCspHeaders(target, getNeeds()) : undefined;
  if (cspProblem !== undefined) {
    tagger.logger.debug(
      { path: redactPath(request.path), why: cspProblem },
      "the page's CSP cannot be extended for the tag",
    );
    return { kind: "skip", reason: "csp", preparation };
  }

  const injector = tagger.createInjector(preparation, {
    hasHeaderCharset: charsetOf(contentType) !== undefined,
    isXml,
    allowsMetaPolicy: (content) => isMetaPolicyAllowing(content, getNeeds()),
  });
  applyTaggedHeaders(target);
  return { kind: "tag", preparation, injector };
}

/**
 * The tag of an XHTML page: its script text in a CDATA section, so that the click
 * listener's `&&` and `<` stay text for an XML parser; the `//` keep it a comment in JS.
 */
export function wrapForXml(tag: string): string {
  const textStart = tag.indexOf(">") + 1;
  const textEnd = tag.lastIndexOf("</script>");
  const text = tag.slice(textStart, textEnd);
  if (!/[<&]/.test(text) || text.includes("]]>")) return tag;
  return `${tag.slice(0, textStart)}//<![CDATA[\n${text}\n//]]>${tag.slice(textEnd)}`;
}
