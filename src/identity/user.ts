/**
 * The authenticated user as `identify(req, res)` returns it, and how dnma-tag reads
 * the PROFIL, the UAI and the pseudonymous id from it.
 */

import { isOneOf, PROFILES, type Profile } from "../reference/lists.js";
import { isValidUai } from "../reference/uai.js";

export interface DnmaUser {
  /** Stable, unique id of the user; never sent: only its keyed hash is. */
  id: string | number;
  /** PROFIL of the DNMA reference, when the ENT knows it. */
  profile?: string | undefined;
  /** Category of the national directory (AAF), e.g. National_ELV; or several. */
  aafProfile?: string | string[] | undefined;
  /** Establishment of the current request. */
  uai?: string | undefined;
  /** Every establishment of the user, the first valid one used when `uai` is absent. */
  uais?: readonly string[] | undefined;
}

export type ProfileSource = "profile" | "aaf" | "unknown-profile" | "unknown-aaf" | "none";

/**
 * PROFIL of a user: `profile` when it is a reference value, else the AAF category
 * mapped by the plan, else AUTRE. `source` says which, so odd values can be counted.
 */
export function resolveProfile(
  user: DnmaUser,
  aafProfiles: Readonly<Record<string, Profile>>,
): { profile: Profile; source: ProfileSource } {
  if (user.profile !== undefined) {
    const upper = String(user.profile).toUpperCase();
    return isOneOf(PROFILES, upper)
      ? { profile: upper, source: "profile" }
      : { profile: "AUTRE", source: "unknown-profile" };
  }

  const categories = user.aafProfile === undefined ? [] : [user.aafProfile].flat();
  if (categories.length === 0) return { profile: "AUTRE", source: "none" };

  const mapped = categories
    .map((category) => aafProfiles[category])
    .find((profile) => profile !== undefined);
  return mapped ? { profile: mapped, source: "aaf" } : { profile: "AUTRE", source: "unknown-aaf" };
}

/**
 * UAI of the current page: the request's establishment when given, else the first
 * valid one of the user's establishments. An invalid current UAI is an error, not a
 * reason to pick another establishment silently.
 */
export function chooseUai(
  user: DnmaUser,
): { uai: string } | { error: "missing-uai" | "invalid-uai" } {
  if (user.uai !== undefined && user.uai !== "") {
    const uai = String(user.uai).toUpperCase();
    return isValidUai(uai) ? { uai } : { error: "invalid-uai" };
  }

  const candidates = (user.uais ?? []).map((uai) => String(uai).toUpperCase());
  if (candidates.length === 0) return { error: "missing-uai" };

  const valid = candidates.find(isValidUai);
  return valid ? { uai: valid } : { error: "invalid-uai" };
}

/** Returns whether a value returned by `identify` can be used as a user. */
export function isUsableUser(value: unknown): value is DnmaUser {
  if (typeof value !== "object" || value === null) return false;

  const id = (value as { id?: unknown }).id;
  return (
    (typeof id === "string" && id.trim() !== "") || (typeof id === "number" && Number.isFinite(id))
  );
}
