/**
 * ID_PERSO: the keyed HMAC-SHA256 of the user's raw id, in hex. Without the secret
 * the id cannot be recovered or checked; with the same secret it never changes.
 * Usage: `createPseudonymizer(process.env.DNMA_TAG_SECRET)("jdupont")`.
 */

import { createHmac } from "node:crypto";
import { DnmaError } from "../errors.js";

/** Shortest secret accepted, in bytes: shorter keys can be brute-forced offline. */
export const MIN_SECRET_BYTES = 16;

export type Pseudonymizer = (rawId: string | number) => string;

/** Checks the secret once and returns the hashing function. */
export function createPseudonymizer(secret: string | Buffer | undefined): Pseudonymizer {
  if (secret === undefined || secret.length === 0) {
    throw new DnmaError(
      "SECRET_MISSING",
      "no secret for ID_PERSO: set DNMA_TAG_SECRET (32 random bytes, e.g. `openssl rand -hex 32`)",
    );
  }
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new DnmaError(
      "SECRET_WEAK",
      `the ID_PERSO secret must be at least ${MIN_SECRET_BYTES} bytes long (try \`openssl rand -hex 32\`)`,
    );
  }

  const key = Buffer.from(secret);
  return function pseudonymize(rawId) {
    return createHmac("sha256", key).update(String(rawId), "utf8").digest("hex");
  };
}
