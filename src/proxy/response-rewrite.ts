/**
 * Optional rewriting of the upstream's Location and Set-Cookie headers, for an ENT
 * that names its internal host in redirects and cookie domains. Off by default: both
 * pass through unchanged.
 * Usage: `rewriteResponseHeaders(headers, { target, publicHost, location: true, cookieDomains })`.
 */

import type { HeaderList } from "./header-list.js";

export interface RewriteOptions {
  /** Origin of the upstream, e.g. `http://10.0.0.5:8080`. */
  target: string;
  /** Host (and port) the client used, from Host or a trusted X-Forwarded-Host. */
  publicHost: string;
  /** Scheme the client used. */
  publicProtocol: string;
  location: boolean;
  /** Cookie Domain attribute values to replace: `{ "ent.internal": "ent.example.fr" }`. */
  cookieDomains: Readonly<Record<string, string>>;
}

const DOMAIN_ATTRIBUTE = /(;\s*domain\s*=\s*)([^;]*)/i;
/** A host name or address with an optional port; anything else in Host is not trusted into Location. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:[0-9]{1,5})?$/i;

/** Rewrites Location and Set-Cookie fields in place, as configured. */
export function rewriteResponseHeaders(headers: HeaderList, options: RewriteOptions): void {
  const hasCookieRules = Object.keys(options.cookieDomains).length > 0;
  if (!options.location && !hasCookieRules) return;

  for (const pair of headers) {
    const name = pair[0].toLowerCase();
    if (name === "location" && options.location) pair[1] = rewriteLocation(pair[1], options);
    if (name === "set-cookie" && hasCookieRules)
      pair[1] = rewriteCookieDomain(pair[1], options.cookieDomains);
  }
}

/** `http://10.0.0.5:8080/login?x` → `https://ent.example.fr/login?x`; other locations unchanged. */
export function rewriteLocation(
  location: string,
  options: Pick<RewriteOptions, "target" | "publicHost" | "publicProtocol">,
): string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location;
  }
  if (url.origin !== new URL(options.target).origin || !HOST.test(options.publicHost))
    return location;
  return `${options.publicProtocol}://${options.publicHost}${location.slice(url.origin.length)}`;
}

/** Replaces the Domain attribute of a Set-Cookie value when it is one of `domains`. */
export function rewriteCookieDomain(
  cookie: string,
  domains: Readonly<Record<string, string>>,
): string {
  return cookie.replace(DOMAIN_ATTRIBUTE, (whole, prefix: string, domain: string) => {
    const key = domain.trim().replace(/^\./, "").toLowerCase();
    const replacement = Object.entries(domains).find(([from]) => from.toLowerCase() === key)?.[1];
    return replacement === undefined ? whole : `${prefix}${replacement}`;
  });
}
