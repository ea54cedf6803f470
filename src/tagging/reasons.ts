/**
 * Every reason dnma-tag has for serving a response untouched, with a stable code used
 * in logs and metrics. `isAnomaly` reasons are logged as warnings (once in a while);
 * the others are the normal life of a site and only counted.
 */

import type { UntouchedReason } from "../inject/injector.js";

export const SKIP_REASONS = {
  method: { isAnomaly: false, text: "the request method is not GET or POST" },
  "head-request": { isAnomaly: false, text: "HEAD requests have no body to tag" },
  "never-tag": { isAnomaly: false, text: "the path is on the plan's never_tag list" },
  "not-navigation": {
    isAnomaly: false,
    text: "the request is a script's (fetch/XHR), not a page load",
  },
  "already-wrapped": {
    isAnomaly: false,
    text: "dnma-tag already handles this response (mounted twice)",
  },
  status: { isAnomaly: false, text: "the status is not 200" },
  "not-html": { isAnomaly: false, text: "the response is not text/html" },
  encoded: { isAnomaly: false, text: "the response body is already compressed" },
  "partial-content": { isAnomaly: false, text: "the response is a byte range" },
  attachment: {
    isAnomaly: false,
    text: "the response is a download (Content-Disposition: attachment)",
  },
  "no-user": { isAnomaly: false, text: "nobody is signed in" },
  "no-rule": { isAnomaly: false, text: "no rule matches and the plan has no fallback" },
  "unsupported-charset": { isAnomaly: true, text: "the page's encoding is not ASCII-compatible" },
  "identity-error": { isAnomaly: true, text: "identify() failed or timed out" },
  "missing-uai": { isAnomaly: true, text: "the user has no establishment (UAI)" },
  "invalid-uai": { isAnomaly: true, text: "the user's UAI has a wrong check letter" },
  "no-site": { isAnomaly: true, text: "no ID_SITE for the user's UAI in the plan" },
  "not-a-document": {
    isAnomaly: false,
    text: "the body is not an HTML document (JSON, fragment...)",
  },
  "already-tagged": { isAnomaly: false, text: "the page already loads smarttag_ENT.js" },
  frameset: { isAnomaly: false, text: "frameset pages cannot run the tag" },
  plaintext: { isAnomaly: true, text: "<plaintext> leaves no place for the tag" },
  "unsupported-markup": { isAnomaly: true, text: "markup too irregular to place the tag safely" },
  csp: {
    isAnomaly: true,
    text: "the page's Content-Security-Policy cannot let the tag run without weakening it",
  },
  "utf16-bom": { isAnomaly: true, text: "the page is UTF-16" },
  "no-body": { isAnomaly: true, text: "the page has no body" },
  "no-safe-end": {
    isAnomaly: true,
    text: "the page ends inside markup where the tag could not run",
  },
  "hold-limit": { isAnomaly: true, text: "a tag longer than the hold-back limit" },
  "internal-error": {
    isAnomaly: true,
    text: "dnma-tag hit an unexpected error; the page went out untouched",
  },
  "response-error": { isAnomaly: true, text: "the application failed while sending the page" },
  "decode-error": {
    isAnomaly: true,
    text: "the upstream's compressed body does not decode (proxy)",
  },
  "upstream-error": { isAnomaly: true, text: "the upstream failed while sending the page (proxy)" },
} as const satisfies Record<string, { isAnomaly: boolean; text: string }>;

export type SkipReason = keyof typeof SKIP_REASONS;

// Every reason of the injector has its entry above.
export type _InjectorReasonsCovered = UntouchedReason extends SkipReason ? true : never;
