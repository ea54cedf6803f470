/**
 * Identity from a signed JWT the client carries (a cookie, or a header such as
 * `Authorization: Bearer …`), verified with jose against a configured key: an HS*
 * secret, a PEM public key or a JWKS file. A token that does not verify (bad
 * signature, expired, wrong issuer or audience, algorithm not allowed) means nobody
 * is signed in, and is counted.
 * Usage: `createJwtSource({ config, secret })`.
 */

import { createPublicKey, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createLocalJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import { DnmaError } from "../../errors.js";
import type { JwtFile } from "../config-schema.js";
import { readCookie } from "../cookies.js";
import { getHeader, type HeaderList } from "../header-list.js";
import {
  type IdentityContext,
  type IdentityLookup,
  type IdentitySource,
  NO_IDENTITY,
} from "./types.js";
import { fieldsFromClaims, userFromFields } from "./user-fields.js";

export interface JwtOptions {
  config: JwtFile;
  /** HS* secret, when the key is shared. */
  secret: string | undefined;
  /** Told why a token was refused (jose's error code, never the token). */
  onInvalid?: (code: string) => void;
}

const ASYMMETRIC_DEFAULTS = ["RS256", "PS256", "ES256", "EdDSA"];

/** The identity source verifying JWTs; throws CONFIG_INVALID when the key cannot be read. */
export function createJwtSource(options: JwtOptions): IdentitySource {
  const { config } = options;
  const key = loadKey(config, options.secret);
  const verifyOptions = {
    algorithms:
      config.algorithms ?? (options.secret !== undefined ? ["HS256"] : ASYMMETRIC_DEFAULTS),
    clockTolerance: config.clock_tolerance_s,
    requiredClaims: config.require_exp ? ["exp"] : [],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };

  async function verify(token: string) {
    try {
      const { payload } =
        typeof key === "function"
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
      const user = userFromFields(fieldsFromClaims(payload, config.claims));
      return user ? { user, result: "user" as const } : refuse("ERR_NO_ID_CLAIM");
    } catch (err) {
      return refuse((err as { code?: string }).code ?? "ERR_JWT_INVALID");
    }
  }

  function refuse(code: string) {
    options.onInvalid?.(code);
    return { user: undefined, result: "invalid-token" as const };
  }

  function begin(context: IdentityContext): IdentityLookup {
    if (!context.isTaggable) return NO_IDENTITY;

    const token = findToken(context.request, config);
    const pending =
      token === undefined
        ? Promise.resolve({ user: undefined, result: "no-token" as const })
        : verify(token);
    return { filterResponse() {}, resolve: () => pending };
  }

  return { name: "jwt", begin };
}

/** The token of a request: the cookie, else the header (a `Bearer ` prefix removed). */
export function findToken(
  headers: HeaderList,
  config: Pick<JwtFile, "cookie" | "header">,
): string | undefined {
  if (config.cookie !== undefined) {
    const value = readCookie(getHeader(headers, "cookie"), config.cookie);
    if (value) return value;
  }
  const header = config.header ?? (config.cookie === undefined ? "authorization" : undefined);
  if (header === undefined) return undefined;

  const value = getHeader(headers, header)?.trim();
  if (!value) return undefined;
  return /^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, "") : value;
}

function loadKey(
  config: JwtFile,
  secret: string | undefined,
): Uint8Array | KeyObject | JWTVerifyGetKey {
  if (secret !== undefined) return new TextEncoder().encode(secret);
  const file = config.public_key_file ?? config.jwks_file;
  if (file === undefined)
    throw new DnmaError(
      "CONFIG_INVALID",
      "identity.jwt needs a key: DNMA_TAG_JWT_SECRET, secret_file, public_key_file or jwks_file",
    );

  try {
    const text = readFileSync(file, "utf8");
    return config.public_key_file !== undefined
      ? createPublicKey(text)
      : createLocalJWKSet(JSON.parse(text));
  } catch (err) {
    throw new DnmaError(
      "CONFIG_INVALID",
      `cannot use the JWT key file ${file}: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
