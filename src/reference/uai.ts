/**
 * UAI (establishment code) checks: seven digits then a check letter.
 * Usage: `isValidUai("0021593W") === true`.
 */

const UAI_SHAPE = /^([0-9]{7})([A-Z])$/;
const CHECK_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";

/**
 * The check letter of the seven digits of a UAI.
 * Note: Corsica's establishments are numbered 620… (2A) and 720… (2B), so every
 * UAI reads as a plain number.
 */
export function computeUaiCheckLetter(sevenDigits: string): string {
  return CHECK_LETTERS[Number(sevenDigits) % 23] as string;
}

/** Returns whether `uai` has the UAI shape and a correct check letter. */
export function isValidUai(uai: string): boolean {
  const match = UAI_SHAPE.exec(uai);
  if (!match) return false;

  return computeUaiCheckLetter(match[1] as string) === match[2];
}

/** The department prefix of a UAI (its first three digits), used for site lookup. */
export function getUaiPrefix(uai: string): string {
  return uai.slice(0, 3);
}
