/**
 * Which character encodings let dnma-tag write ASCII bytes into a page without
 * decoding it: every ASCII-compatible one, not UTF-16/32 nor the stateful ISO-2022
 * family. Usage: `isAsciiCompatible(charsetOf("text/html; charset=utf-16"))` → false.
 */

/** Labels (WHATWG Encoding) whose bytes for `<`, `/` or letters may be other characters. */
const UNSAFE_LABELS = new Set([
  "utf-16",
  "utf-16le",
  "utf-16be",
  "unicode",
  "unicodefeff",
  "unicodefffe",
  "csunicode",
  "iso-10646-ucs-2",
  "ucs-2",
  "utf-32",
  "utf-32le",
  "utf-32be",
  "iso-2022-jp",
  "csiso2022jp",
  "iso-2022-kr",
  "csiso2022kr",
  "iso-2022-cn",
  "iso-2022-cn-ext",
  "hz-gb-2312",
  "replacement",
  "utf-7",
  "csutf7",
]);

/** Meta declarations a browser's prescan of the first 1024 bytes would read (§13.2.3.2). */
const META_CHARSET = /<meta[\s/][^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:+-]+)/i;

/** An XML declaration's encoding: XHTML reads it, and so may browsers for HTML. */
const XML_ENCODING = /^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*["']\s*([A-Za-z0-9._:+-]+)/i;

/** Bytes of the prescan window. */
export const PRESCAN_BYTES = 1024;

/** The charset parameter of a Content-Type header, lower-cased, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return match?.[1]?.toLowerCase();
}

/** Returns whether ASCII bytes can be inserted in a page in this encoding. */
export function isAsciiCompatible(label: string | undefined): boolean {
  return label === undefined || !UNSAFE_LABELS.has(label.trim().toLowerCase());
}

/**
 * The encoding an XML declaration or the first `<meta>` of the prescan window declares,
 * when it is unsafe.
 * Note: a meta that says UTF-16 means UTF-8 to browsers (§13.2.3.2), so it is safe.
 */
export function findUnsafeMetaCharset(prefix: string): string | undefined {
  const label = (XML_ENCODING.exec(prefix) ?? META_CHARSET.exec(prefix))?.[1]?.toLowerCase();
  if (label === undefined || label.startsWith("utf-16") || label === "unicode") return undefined;
  return isAsciiCompatible(label) ? undefined : label;
}
