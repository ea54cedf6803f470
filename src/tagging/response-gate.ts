/**
 * The per-response checks made from status and headers, before any body byte: each a
 * named reason to pass the response through untouched.
 * Usage: `const reason = checkResponse(200, headers)` → undefined when taggable.
 */

import { charsetOf, isAsciiCompatible } from "../inject/encoding.js";
import type { SkipReason } from "./reasons.js";

export type HeaderValue = string | number | readonly string[] | undefined;
export type HeaderMap = Readonly<Record<string, HeaderValue>>;

const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i;

/** The reason a response cannot be tagged, from its status and headers; undefined if it can. */
export function checkResponse(
  status: number,
  headers: HeaderMap,
  options: { allowEncoded?: boolean } = {},
): SkipReason | undefined {
  if (status !== 200) return "status";

  const contentType = headerText(headers["content-type"]);
  if (!contentType || !HTML_TYPES.test(contentType)) return "not-html";
  if (!options.allowEncoded && isEncoded(headers["content-encoding"])) return "encoded";
  if (headers["content-range"] !== undefined) return "partial-content";
  if (/^\s*attachment/i.test(headerText(headers["content-disposition"]) ?? "")) return "attachment";
  if (!isAsciiCompatible(charsetOf(contentType))) return "unsupported-charset";
  return undefined;
}

/** Returns whether a Content-Encoding header says the body is compressed. */
export function isEncoded(value: HeaderValue): boolean {
  const text = headerText(value)?.trim().toLowerCase();
  return text !== undefined && text !== "" && text !== "identity";
}

/** A header's value as one string (list values joined), or undefined. */
export function headerText(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(", ") : String(value);
}
