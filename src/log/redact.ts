/**
 * What goes into a log line instead of a path or an error message that might hold
 * a user's identifier: id-like parts (numbers, e-mails, hex, long tokens) replaced
 * by placeholders, as in the admin page. Usage: `logger.warn({ path: redactPath(path) }, …)`.
 */

import { normalizePath, normalizeSegment } from "../coverage/normalize-path.js";

/** `/blog/jean.dupont@ac-x.fr/12345` → `/blog/{email}/{num}`. */
export function redactPath(path: string): string {
  return normalizePath(path);
}

/** The same for free text, word by word (spaces, slashes, quotes and `=` separate words). */
export function redactText(text: string): string {
  return text.replace(/[^\s/"'=,;:()[\]<>]+/g, (word) => normalizeSegment(word));
}
