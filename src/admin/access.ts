/**
 * Who may use the admin listener. Bound to loopback without a token, only requests
 * whose Host is a loopback name are served (a web page cannot reach it by DNS
 * rebinding); with a token, every request must carry it, as `Authorization: Bearer
 * TOKEN` (scrapers) or as the password of Basic authentication (browsers).
 * Usage: `checkAccess(req, { token, isLoopbackOnly })` → undefined or a refusal.
 */

import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DnmaError } from "../errors.js";

export const MIN_TOKEN_LENGTH = 16;

const LOOPBACK_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/i;

export interface Refusal {
  status: 401 | 403;
  message: string;
}

/** Returns whether a listen address stays on this machine. */
export function isLoopbackAddress(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Checks the options: a token is required off loopback, and must be long enough. */
export function checkAccessOptions(host: string, token: string | undefined): void {
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new DnmaError(
      "OPTION_INVALID",
      `the admin token must be at least ${MIN_TOKEN_LENGTH} characters (try \`openssl rand -hex 24\`)`,
    );
  }
  if (token === undefined && !isLoopbackAddress(host)) {
    throw new DnmaError(
      "OPTION_INVALID",
      `the admin listener on ${host} needs a token (DNMA_TAG_ADMIN_TOKEN): it would be reachable from other machines`,
    );
  }
}

/** The reason to refuse a request, or undefined when it may be served. */
export function checkAccess(req: IncomingMessage, token: string | undefined): Refusal | undefined {
  if (token === undefined) {
    const host = req.headers.host ?? "";
    return LOOPBACK_HOSTS.test(host)
      ? undefined
      : { status: 403, message: "this admin listener only answers to loopback host names" };
  }
  const given = readToken(req.headers.authorization);
  if (given !== undefined && isSameSecret(given, token)) return undefined;
  return { status: 401, message: "a valid admin token is required" };
}

function readToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === "bearer") return value;
  if (scheme?.toLowerCase() !== "basic") return undefined;

  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function isSameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
