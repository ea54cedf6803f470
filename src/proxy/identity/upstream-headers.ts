/**
 * Identity from the ENT itself: it names the signed-in user in response headers
 * (`X-Dnma-User`...), which the proxy reads and removes before the client sees them.
 * A one-line change in a legacy ENT (or its front web server) that cannot take a
 * middleware. Usage: `createUpstreamHeadersSource({ names })`.
 */

import type { IdentityHeaderNames } from "../config-schema.js";
import { type HeaderList, removeHeader } from "../header-list.js";
import { listNames, readUser } from "./gateway-headers.js";
import type { IdentityLookup, IdentitySource } from "./types.js";

export interface UpstreamHeadersOptions {
  names: IdentityHeaderNames;
}

/** The identity source reading the upstream's response headers. */
export function createUpstreamHeadersSource(options: UpstreamHeadersOptions): IdentitySource {
  const names = listNames(options.names);

  function begin(): IdentityLookup {
    let user: ReturnType<typeof readUser>;
    return {
      filterResponse(headers: HeaderList) {
        user = readUser(headers, options.names);
        removeHeader(headers, ...names);
      },
      resolve: async () => ({ user, result: user ? "user" : "anonymous" }),
    };
  }

  return { name: "upstream-headers", begin };
}
