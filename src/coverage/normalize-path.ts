/**
 * Groups URLs that differ only by an id, for top lists: each path segment that looks
 * like an identifier becomes a placeholder, and the query string is dropped.
 * `{num}` digits only, `{uuid}` a UUID, `{hex}` 12+ hex digits with a digit among them,
 * `{email}` anything with an @, `{id}` a token of 16+ letters, digits, _ or - mixing
 * letters and digits. Usage: `normalizePath("/message/4242")` → `/message/{num}`.
 */

const DIGITS = /^[0-9]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^(?=.*[0-9])[0-9a-f]{12,}$/i;
const TOKEN = /^(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}$/;

/** The path with id-like segments replaced (input: a URL path, percent-encoded or not). */
export function normalizePath(path: string): string {
  return path.split("/").map(normalizeSegment).join("/");
}

/** The placeholder for one segment, or the segment itself. */
export function normalizeSegment(segment: string): string {
  if (segment === "") return segment;
  if (DIGITS.test(segment)) return "{num}";
  if (UUID.test(segment)) return "{uuid}";
  if (HEX.test(segment)) return "{hex}";
  if (segment.includes("@") || segment.toLowerCase().includes("%40")) return "{email}";
  if (TOKEN.test(segment)) return "{id}";
  return segment;
}
