/**
 * Header changes of a tagged response: the body now differs per user, so no shared
 * cache may keep it and no validator of the original body may revalidate it.
 * Usage: `applyTaggedHeaders(res)` before the headers go out.
 */

import { headerText, type HeaderValue } from "./response-gate.js";

export interface HeaderTarget {
  getHeader(name: string): HeaderValue;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  removeHeader(name: string): void;
  getHeaderNames?(): string[];
}

const SHARED_CACHE_DIRECTIVES = /^(public|s-maxage(=.*)?)$/i;

/** Cache-Control for CDNs only (RFC 9213, and vendors' `*-CDN-Cache-Control`): it would override our `private`. */
const TARGETED_CACHE_CONTROL = /^(.+-)?cdn-cache-control$|^surrogate-control$/i;

/**
 * Makes the response private and drops length and validators of the untagged body; byte
 * ranges of the untagged body would not fit the tagged one, so none are offered.
 */
export function applyTaggedHeaders(target: HeaderTarget): void {
  target.removeHeader("content-length");
  target.removeHeader("etag");
  target.removeHeader("last-modified");
  const names = target.getHeaderNames?.() ?? ["cdn-cache-control", "surrogate-control"];
  for (const name of names.filter((candidate) => TARGETED_CACHE_CONTROL.test(candidate)))
    target.removeHeader(name);
  target.setHeader("cache-control", makePrivate(headerText(target.getHeader("cache-control"))));
  target.setHeader("accept-ranges", "none");
}

/** `public, max-age=60` → `private, max-age=60`; keeps no-store and other directives. */
export function makePrivate(cacheControl: string | undefined): string {
  const directives = (cacheControl ?? "")
    .split(",")
    .map((directive) => directive.trim())
    .filter((directive) => directive !== "" && !SHARED_CACHE_DIRECTIVES.test(directive));
  if (!directives.some((directive) => /^private$/i.test(directive))) directives.unshift("private");
  return directives.join(", ");
}
