/**
 * Builds a DnmaUser from loosely typed values (header text, JSON claims): trims,
 * splits comma lists, and says "nobody" when there is no usable id.
 * Usage: `userFromFields({ id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" })`.
 */

import type { DnmaUser } from "../../identity/user.js";
import type { ClaimsMap } from "../config-schema.js";

export interface UserFields {
  id?: unknown;
  profile?: unknown;
  aafProfile?: unknown;
  uai?: unknown;
  uais?: unknown;
}

/** The user described by `fields`, or undefined when the id is missing or empty. */
export function userFromFields(fields: UserFields): DnmaUser | undefined {
  const id =
    typeof fields.id === "number" && Number.isFinite(fields.id) ? fields.id : toText(fields.id);
  if (id === undefined) return undefined;

  const aafProfiles = toList(fields.aafProfile);
  const current = toList(fields.uai);
  // Note: one `uai` is the request's establishment, checked as such; a list is a choice.
  const uais = current.length === 1 ? toList(fields.uais) : [...current, ...toList(fields.uais)];
  const user: DnmaUser = { id };
  const profile = toText(fields.profile);
  if (profile !== undefined) user.profile = profile;
  if (aafProfiles.length > 0)
    user.aafProfile = aafProfiles.length === 1 ? aafProfiles[0] : aafProfiles;
  if (current.length === 1) user.uai = current[0];
  if (uais.length > 0) user.uais = uais;
  return user;
}

/** Reads the mapped claims of a JSON object: `{ id: "sub", uai: "etab.uai" }` → fields. */
export function fieldsFromClaims(claims: unknown, map: ClaimsMap): UserFields {
  return {
    id: readPath(claims, map.id),
    profile: map.profile === undefined ? undefined : readPath(claims, map.profile),
    aafProfile: map.aaf_profile === undefined ? undefined : readPath(claims, map.aaf_profile),
    uai: map.uai === undefined ? undefined : readPath(claims, map.uai),
    uais: map.uais === undefined ? undefined : readPath(claims, map.uais),
  };
}

/** `readPath({ a: { b: 1 } }, "a.b")` → 1. */
export function readPath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function toText(value: unknown): string | undefined {
  const isText = typeof value === "string" || (typeof value === "number" && Number.isFinite(value));
  if (!isText) return undefined;
  const text = String(value).trim();
  return text === "" ? undefined : text;
}

/** A string (comma-separated) or an array of strings, as a list of non-empty items. */
function toList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? value.split(",") : [];
  return items.map(toText).filter((item): item is string => item !== undefined);
}
