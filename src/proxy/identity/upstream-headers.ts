/**
 * Identity from the ENT itself: it names the signed-in user in response headers
 * (`X-Dnma-User`...), which the proxy reads and removes before the client sees them.
 * A one-line change in a legacy ENT (or its front web server) that cannot take a
 * middleware. Usage: `createUpstreamHeadersSource({ names, record })`.
 */

import type { IdentityHeaderNames } from "../config-schema.js";
import { type HeaderList, removeHeader } from "../header-list.js";
import { listNames, readUser } from "./gateway-headers.js";
import type { IdentityLookup, IdentitySource, RecordLookup } from "./types.js";

export interface UpstreamHeadersOptions {
  names: IdentityHeaderNames;
  record: RecordLookup;
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
      resolve: async () => {
        const result = user ? "user" : "anonymous";
        options.record(result);
        return { user, result };
      },
    };
  }

  return { name: "upstream-headers", begin };
}
