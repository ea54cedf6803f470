/**
 * Reading one cookie from a Cookie header (RFC 6265 §5.4 syntax: `a=1; b=2`).
 * Usage: `readCookie(req.headers.cookie, "JSESSIONID")`.
 */

/** The value of the cookie `name`, or undefined; the first one wins, as browsers send the most specific first. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/;\s*/)) {
    const equals = part.indexOf("=");
    if (equals < 0 || part.slice(0, equals).trim() !== name) continue;
    return part
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return undefined;
}
