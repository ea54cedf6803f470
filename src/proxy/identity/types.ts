/**
 * What every identity source of the proxy provides: a look at the request before it
 * goes upstream (and the chance to remove fields from it), a look at the upstream's
 * response headers (and the duty to remove its own fields from them), and the user.
 * Usage: `const lookup = source.begin(context); lookup.filterResponse(headers); await lookup.resolve()`.
 */

import type { DnmaUser } from "../../identity/user.js";
import type { HeaderList } from "../header-list.js";

export type IdentitySourceName = "none" | "gateway" | "upstream-headers" | "userinfo" | "jwt";

/** Label values of `dnma_tag_identity_lookups_total{result}`. */
export type LookupResult =
  | "user"
  | "cached-user"
  | "anonymous"
  | "no-session"
  | "no-token"
  | "invalid-token"
  | "untrusted"
  | "error"
  | "timeout";

export interface IdentityOutcome {
  user: DnmaUser | undefined;
  result: LookupResult;
}

export interface IdentityContext {
  /** Headers of the client's request, as received. */
  request: HeaderList;
  /** Headers about to go upstream; a source may remove its fields from them. */
  forward: HeaderList;
  isTrustedPeer: boolean;
  /** Whether the request can lead to a tagged page: lookups only start then. */
  isTaggable: boolean;
}

export interface IdentityLookup {
  /** Removes the source's fields from the upstream's response headers; called for every response. */
  filterResponse(headers: HeaderList): void;
  /** The user of the request (awaited only for a taggable response; the caller counts the result). */
  resolve(): Promise<IdentityOutcome>;
}

export interface IdentitySource {
  readonly name: IdentitySourceName;
  begin(context: IdentityContext): IdentityLookup;
}

/** Counts a lookup result (`identityLookups{source,result}`). */
export type RecordLookup = (result: LookupResult) => void;

/** Results that mean the lookup failed (the page then goes out untouched: identity-error). */
export function isFailure(result: LookupResult): boolean {
  return result === "error" || result === "timeout";
}

export const NO_IDENTITY: IdentityLookup = {
  filterResponse() {},
  resolve: async () => ({ user: undefined, result: "anonymous" }),
};
