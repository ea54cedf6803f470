/**
 * Does a visitor id look pseudonymised? A keyed hash is long, random-looking hex or
 * base64; an e-mail, the user's login, a number or a short token is a raw id (or a
 * reversible encoding of one, like concatenated character codes).
 * Usage: `judgeVisitorId(id, "jdupont")` → `{ kind: "raw", reason: "is an e-mail address" }`.
 */

export type IdVerdict = { kind: "hashed" } | { kind: "raw" | "unusual"; reason: string };

const MIN_LENGTH = 16;
const HEX_HASH = /^[0-9a-f]{32,}$/i;
const BASE64_HASH = /^(?=.*[0-9])(?=.*[a-z])(?=.*[A-Z])[A-Za-z0-9+/_-]{22,}={0,2}$/;

/** Judges an id without ever returning it. */
export function judgeVisitorId(id: unknown, user?: string): IdVerdict {
  if (typeof id === "number")
    return { kind: "raw", reason: "is a number (SmartTag sends it as a raw numeric id)" };
  if (typeof id !== "string") return { kind: "raw", reason: `is not a string but ${typeof id}` };

  const lower = id.toLowerCase();
  if (id.includes("@")) return { kind: "raw", reason: "is an e-mail address" };
  if (user && lower === user.toLowerCase())
    return { kind: "raw", reason: "is the --user login itself" };
  if (user && user.length >= 3 && lower.includes(user.toLowerCase()))
    return { kind: "raw", reason: "contains the --user login" };
  if (/^[0-9]+$/.test(id))
    return {
      kind: "raw",
      reason: `is only digits (${id.length}): a raw numeric id or character codes`,
    };
  if (id.length < MIN_LENGTH)
    return { kind: "raw", reason: `is only ${id.length} characters long` };
  if (HEX_HASH.test(id) || BASE64_HASH.test(id)) return { kind: "hashed" };
  return {
    kind: "unusual",
    reason: `(${id.length} characters) is neither hex nor base64 of a hash`,
  };
}

/** A safe description of an id for reports: its shape and the start of a hash, never a raw id. */
export function describeVisitorId(id: unknown, user?: string): string {
  const verdict = judgeVisitorId(id, user);
  if (verdict.kind !== "hashed" || typeof id !== "string")
    return `hidden (${verdict.kind === "hashed" ? "hash" : verdict.reason})`;
  return `${id.slice(0, 8)}… (${id.length} characters)`;
}
