/**
 * The shape of the proxy's configuration file (YAML, snake_case like the plan), with
 * every default. Environment variables and command-line flags are merged into the
 * same document before it is checked, so they obey the same rules.
 * Usage: `proxyFileSchema.safeParse(document, { reportInput: true })`.
 */

import { z } from "zod";

export const IDENTITY_SOURCES = ["none", "gateway", "upstream-headers", "userinfo", "jwt"] as const;
export const JWT_ALGORITHMS = [
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
] as const;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerName = z.string().regex(HEADER_NAME, { error: "is not an HTTP header name" });
const milliseconds = z.number().int().positive();

/** Where a claim (or userinfo field) is read: a dotted path into the JSON, e.g. `user.login`. */
const claimPath = z.string().min(1);

const claimsSchema = z.strictObject({
  id: claimPath.default("sub"),
  profile: claimPath.optional(),
  aaf_profile: claimPath.optional(),
  uai: claimPath.optional(),
  uais: claimPath.optional(),
});

const headersSchema = z.strictObject({
  user: headerName.default("X-Dnma-User"),
  profile: headerName.default("X-Dnma-Profile"),
  aaf_profile: headerName.default("X-Dnma-Aaf-Profile"),
  uai: headerName.default("X-Dnma-Uai"),
});

const userinfoSchema = z.strictObject({
  url: z.string().min(1).default("/api/userinfo"),
  session_cookie: z.string().min(1),
  forward_headers: z.array(headerName).default(["cookie"]),
  cache_ttl_ms: milliseconds.default(60_000),
  cache_size: z.number().int().positive().default(10_000),
  max_bytes: z.number().int().positive().default(65_536),
  claims: claimsSchema.prefault({
    id: "id",
    profile: "profile",
    aaf_profile: "aafProfile",
    uai: "uai",
    uais: "uais",
  }),
});

export const jwtSchema = z.strictObject({
  /** Refuse tokens without an expiry: a leaked one would be good forever. */
  require_exp: z.boolean().default(true),
  cookie: z.string().min(1).optional(),
  header: headerName.optional(),
  algorithms: z.array(z.enum(JWT_ALGORITHMS)).min(1).optional(),
  secret_file: z.string().min(1).optional(),
  public_key_file: z.string().min(1).optional(),
  jwks_file: z.string().min(1).optional(),
  issuer: z.string().min(1).optional(),
  audience: z.string().min(1).optional(),
  clock_tolerance_s: z.number().int().nonnegative().default(30),
  claims: claimsSchema.prefault({}),
});

export const proxyFileSchema = z.strictObject({
  target: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }),
  plan: z.string().min(1),
  listen: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.number().int().min(0).max(65_535).default(3000),
    })
    .prefault({}),
  trusted_proxies: z.array(z.string().min(1)).default([]),
  host_header: z.enum(["preserve", "target"]).default("preserve"),
  accept_encoding: z.enum(["pass", "identity"]).default("pass"),
  rewrite: z
    .strictObject({
      location: z.boolean().default(false),
      cookie_domains: z.record(z.string(), z.string()).default({}),
    })
    .prefault({}),
  timeouts: z
    .strictObject({
      upstream_headers_ms: milliseconds.default(30_000),
      shutdown_ms: milliseconds.default(10_000),
    })
    .prefault({}),
  identity: z
    .strictObject({
      source: z.enum(IDENTITY_SOURCES).default("none"),
      timeout_ms: milliseconds.default(1000),
      headers: headersSchema.prefault({}),
      strip: z.boolean().default(true),
      userinfo: userinfoSchema.optional(),
      jwt: jwtSchema.optional(),
    })
    .prefault({}),
  log_level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Reload the plan when its file changes or on SIGHUP (an invalid plan keeps the old one). */
  watch_plan: z.boolean().default(true),
  /** The admin listener: /metrics, /healthz and the admin page; off unless a port is given. */
  admin: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.number().int().min(0).max(65_535).optional(),
    })
    .prefault({}),
});

export type ProxyFile = z.output<typeof proxyFileSchema>;
export type ClaimsMap = z.output<typeof claimsSchema>;
export type IdentityHeaderNames = z.output<typeof headersSchema>;
export type UserinfoFile = z.output<typeof userinfoSchema>;
export type JwtFile = z.output<typeof jwtSchema>;
