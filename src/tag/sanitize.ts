/**
 * Keeps page names, chapters and visitor ids safe for SmartTag, which puts them in
 * the hit URL without encoding them. Usage: `sanitizeLabel("Mes Devoirs") === "Mes_Devoirs"`.
 */

/** Longest label we send; long names make hits split into several requests. */
export const MAX_LABEL_LENGTH = 64;

const SAFE_LABEL = /^[A-Za-z0-9_.~-]+$/;
const UNSAFE_RUN = /[^A-Za-z0-9_.~-]+/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/** Returns whether `value` can be sent as a name or chapter as it is. */
export function isSafeLabel(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && SAFE_LABEL.test(value);
}

/**
 * Turns any text (a captured path segment, say) into a safe label: percent-decoded,
 * accents dropped, every run of other characters replaced by one `_`, trimmed and
 * cut to {@link MAX_LABEL_LENGTH}. Returns "" when nothing usable is left.
 */
export function sanitizeLabel(value: string): string {
  const folded = decodePercent(value).normalize("NFD").replace(COMBINING_MARKS, "");
  const replaced = folded.replace(UNSAFE_RUN, "_").replace(/^_+|_+$/g, "");

  return replaced.slice(0, MAX_LABEL_LENGTH);
}

function decodePercent(value: string): string {
  if (!value.includes("%")) return value;

  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
