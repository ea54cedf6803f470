/**
 * Checks of the proxy configuration that span several fields (an identity source needs
 * its block and its keys, the target must be an origin...), and the wording of zod's
 * issues. Usage: `checkProxyFile(config)` → problems, empty when usable.
 */

import type { z } from "zod";
import type { ProxyConfig } from "./config.js";
import { createTrustedPeers } from "./trusted-peers.js";

export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

/** Every cross-field problem of a parsed configuration. */
export function checkProxyFile(config: ProxyConfig): ConfigProblem[] {
  return [
    ...checkTarget(config.target),
    ...checkTrustedProxies(config.trusted_proxies),
    ...checkIdentity(config),
  ];
}

function checkTarget(target: string): ConfigProblem[] {
  const url = new URL(target);
  if (url.pathname === "/" && url.search === "" && url.hash === "" && url.username === "")
    return [];
  return [
    {
      path: ["target"],
      message: `"${target}" must be an origin only (scheme, host, port), e.g. ${url.origin}`,
    },
  ];
}

function checkTrustedProxies(entries: readonly string[]): ConfigProblem[] {
  return entries.flatMap((entry, index) => {
    try {
      createTrustedPeers([entry]);
      return [];
    } catch (err) {
      return [{ path: ["trusted_proxies", index], message: (err as Error).message }];
    }
  });
}

function checkIdentity(config: ProxyConfig): ConfigProblem[] {
  const { identity } = config;
  if (identity.source === "userinfo" && !identity.userinfo) {
    return [
      {
        path: ["identity", "userinfo"],
        message: "is missing: source userinfo needs at least `session_cookie`",
      },
    ];
  }
  if (identity.source === "gateway" && config.trusted_proxies.length === 0) {
    return [
      {
        path: ["trusted_proxies"],
        message:
          "is empty: source gateway only believes headers from trusted proxies (e.g. [127.0.0.1])",
      },
    ];
  }
  if (identity.source !== "jwt") return [];
  if (!identity.jwt)
    return [
      {
        path: ["identity", "jwt"],
        message:
          "is missing: source jwt needs a key (DNMA_TAG_JWT_SECRET, secret_file, public_key_file or jwks_file)",
      },
    ];
  return checkJwtKeys(config);
}

/** Shortest HS* key accepted: the hash's size, below which tokens can be forged offline. */
const MIN_JWT_SECRET_BYTES = 32;

function checkJwtKeys(config: ProxyConfig): ConfigProblem[] {
  const jwt = config.identity.jwt;
  if (!jwt) return [];
  const keys = [config.jwtSecret, jwt.public_key_file, jwt.jwks_file].filter(
    (key) => key !== undefined,
  );
  if (keys.length !== 1) {
    return [
      {
        path: ["identity", "jwt"],
        message: `needs exactly one key: DNMA_TAG_JWT_SECRET or secret_file (HS*), public_key_file or jwks_file; ${keys.length} given`,
      },
    ];
  }
  const isHmac = config.jwtSecret !== undefined;
  const secretBytes = isHmac ? Buffer.byteLength(config.jwtSecret as string) : 0;
  if (isHmac && secretBytes < MIN_JWT_SECRET_BYTES) {
    return [
      {
        path: ["identity", "jwt", "secret_file"],
        message: `the HS* key is ${secretBytes} bytes: it must be at least ${MIN_JWT_SECRET_BYTES} (RFC 7518 §3.2; try \`openssl rand -hex 32\`)`,
      },
    ];
  }
  const wrong = (jwt.algorithms ?? []).filter((algorithm) => algorithm.startsWith("HS") !== isHmac);
  if (wrong.length === 0) return [];
  return [
    {
      path: ["identity", "jwt", "algorithms"],
      message: `${wrong.join(", ")} cannot be checked with ${isHmac ? "a shared secret" : "a public key"}`,
    },
  ];
}

/** A zod issue as a sentence that quotes the bad value. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const input = "input" in issue ? issue.input : undefined;
  switch (issue.code) {
    case "invalid_value":
      return `${JSON.stringify(input)} is not one of ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")}`;
    case "invalid_type":
      return input === undefined
        ? "is missing"
        : `must be ${issue.expected}, not ${JSON.stringify(input)}`;
    default:
      return input === undefined ? issue.message : `${JSON.stringify(input)} ${issue.message}`;
  }
}
