/**
 * The content codings the proxy can take apart and put back together to tag a page:
 * gzip, deflate and br, each decoded and re-encoded with the same coding by zlib
 * streams. Anything else (stacked codings, zstd, compress) is passed through untouched.
 * Usage: `const coding = parseCoding(headerValue); createDecoder(coding)`.
 */

import type { Transform } from "node:stream";
import zlib from "node:zlib";

export type Coding = "identity" | "gzip" | "deflate" | "br";

/**
 * Brotli quality used when re-encoding: the default (11) costs far too much CPU for
 * a page produced while it streams; 5 keeps most of the gain.
 */
const BROTLI_QUALITY = 5;

/** The coding of a Content-Encoding value, or undefined when the proxy cannot handle it. */
export function parseCoding(value: string | undefined): Coding | undefined {
  const codings = (value ?? "")
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== "" && item !== "identity");
  if (codings.length === 0) return "identity";
  if (codings.length > 1) return undefined;

  const [coding] = codings;
  if (coding === "gzip" || coding === "x-gzip") return "gzip";
  if (coding === "deflate" || coding === "br") return coding;
  return undefined;
}

/** A stream that decodes `coding`; undefined for identity. */
export function createDecoder(coding: Coding): Transform | undefined {
  switch (coding) {
    case "gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

/** A stream that encodes `coding`; undefined for identity. */
export function createEncoder(coding: Coding): Transform | undefined {
  switch (coding) {
    case "gzip":
      return zlib.createGzip();
    case "deflate":
      return zlib.createDeflate();
    case "br":
      return zlib.createBrotliCompress({
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY },
      });
    default:
      return undefined;
  }
}
