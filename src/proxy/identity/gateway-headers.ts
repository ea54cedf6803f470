/**
 * Identity from a trusted authentication gateway in front of the proxy (a CAS or
 * Shibboleth front, an API gateway): it sends the user in request headers. They are
 * believed only from a trusted peer; from anyone else they are removed and counted,
 * since any browser can send them. They never reach the client, and are removed
 * before the request goes upstream unless `strip` is off.
 * Usage: `createGatewaySource({ names, strip: true, record })`.
 */

import type { IdentityHeaderNames } from "../config-schema.js";
import { getHeader, getHeaderValues, type HeaderList, removeHeader } from "../header-list.js";
import type { IdentityContext, IdentityLookup, IdentitySource, RecordLookup } from "./types.js";
import { userFromFields } from "./user-fields.js";

export interface GatewayOptions {
  names: IdentityHeaderNames;
  /** Remove the headers from the request sent upstream (default true). */
  strip: boolean;
  /** Counts identity headers from an untrusted peer (result `untrusted`). */
  record: RecordLookup;
  /** Told (at most once in a while) that an untrusted peer sent identity headers. */
  onUntrusted?: () => void;
}

/** The identity source reading trusted gateway headers. */
export function createGatewaySource(options: GatewayOptions): IdentitySource {
  const names = listNames(options.names);

  function begin(context: IdentityContext): IdentityLookup {
    const isPresent = names.some((name) => getHeader(context.request, name) !== undefined);
    if (!context.isTrustedPeer) {
      removeHeader(context.forward, ...names);
      if (isPresent) {
        options.record("untrusted");
        options.onUntrusted?.();
      }
      return lookupOf(names, undefined);
    }

    const user = isPresent ? readUser(context.request, options.names) : undefined;
    if (options.strip) removeHeader(context.forward, ...names);
    return lookupOf(names, user);
  }

  return { name: "gateway", begin };
}

/** The user the headers describe, or undefined without a user header or with several. */
export function readUser(headers: HeaderList, names: IdentityHeaderNames) {
  // Note: two user headers are two claims; joined, they would make up a third user.
  if (getHeaderValues(headers, names.user).length > 1) return undefined;
  return userFromFields({
    id: getHeader(headers, names.user),
    profile: getHeader(headers, names.profile),
    aafProfile: getHeader(headers, names.aaf_profile),
    uai: getHeader(headers, names.uai),
  });
}

/** The four header names, for removal. */
export function listNames(names: IdentityHeaderNames): string[] {
  return [names.user, names.profile, names.aaf_profile, names.uai];
}

function lookupOf(names: string[], user: ReturnType<typeof readUser>): IdentityLookup {
  return {
    filterResponse: (headers) => {
      removeHeader(headers, ...names);
    },
    resolve: async () => ({ user, result: user ? "user" : "anonymous" }),
  };
}
