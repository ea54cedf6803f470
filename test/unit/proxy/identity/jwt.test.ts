import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { DnmaError } from "../../../../src/errors.js";
import type { JwtFile } from "../../../../src/proxy/config-schema.js";
import type { HeaderList } from "../../../../src/proxy/header-list.js";
import { createJwtSource, findToken } from "../../../../src/proxy/identity/jwt.js";

const SECRET = "a-shared-secret-of-enough-length";
const KEY = new TextEncoder().encode(SECRET);
const BASE: JwtFile = {
  cookie: "tok",
  require_exp: true,
  clock_tolerance_s: 0,
  claims: { id: "sub", profile: "profil", uai: "uai" },
};

function sign(
  claims: object,
  options: {
    alg?: string;
    key?: Parameters<SignJWT["sign"]>[0];
    issuer?: string;
    audience?: string;
    expires?: string;
  } = {},
) {
  let jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .setExpirationTime(options.expires ?? "5m");
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(options.key ?? KEY);
}

async function verify(
  config: Partial<JwtFile>,
  request: HeaderList,
  secret: string | undefined = SECRET,
) {
  const codes: string[] = [];
  const source = createJwtSource({
    config: { ...BASE, ...config },
    secret,
    onInvalid: (code) => codes.push(code),
  });
  const outcome = await source
    .begin({ request, forward: [], isTrustedPeer: false, isTaggable: true })
    .resolve();
  return { outcome, codes };
}

const CLAIMS = { sub: "jdupont", profil: "ELEVE", uai: "0021593W" };

describe("JWT identity source", () => {
  it("refuses a token without an expiry unless require_exp is false", async () => {
    const token = await new SignJWT({ ...CLAIMS }).setProtectedHeader({ alg: "HS256" }).sign(KEY);
    const refused = await verify({}, [["Cookie", `tok=${token}`]]);
    const allowed = await verify({ require_exp: false }, [["Cookie", `tok=${token}`]]);

    expect(refused.codes).toEqual(["ERR_JWT_CLAIM_VALIDATION_FAILED"]);
    expect(allowed.outcome.user).toMatchObject({ id: "jdupont" });
  });

  it("maps the claims of a valid token", async () => {
    const { outcome } = await verify({}, [["Cookie", `a=1; tok=${await sign(CLAIMS)}`]]);
    expect(outcome).toEqual({
      user: { id: "jdupont", profile: "ELEVE", uai: "0021593W" },
      result: "user",
    });
  });

  it.each([
    ["an expired token", { expires: "-10s" }, {}, "ERR_JWT_EXPIRED"],
    [
      "a wrong issuer",
      { issuer: "https://other" },
      { issuer: "https://cas.example.fr" },
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
    ],
    [
      "a wrong audience",
      { audience: "x" },
      { audience: "dnma-tag" },
      "ERR_JWT_CLAIM_VALIDATION_FAILED",
    ],
    [
      "an algorithm not allowed",
      { alg: "HS512" },
      { algorithms: ["HS256" as const] },
      "ERR_JOSE_ALG_NOT_ALLOWED",
    ],
    [
      "a wrong key",
      { key: new TextEncoder().encode("another-secret-of-enough-length") },
      {},
      "ERR_JWS_SIGNATURE_VERIFICATION_FAILED",
    ],
  ])("refuses %s", async (_label, signing, config, code) => {
    const { outcome, codes } = await verify(config, [
      ["Cookie", `tok=${await sign(CLAIMS, signing)}`],
    ]);
    expect(outcome).toEqual({ user: undefined, result: "invalid-token" });
    expect(codes).toEqual([code]);
  });

  it("refuses a valid token without the id claim", async () => {
    const { outcome, codes } = await verify({}, [
      ["Cookie", `tok=${await sign({ profil: "ELEVE" })}`],
    ]);
    expect([outcome.result, codes]).toEqual(["invalid-token", ["ERR_NO_ID_CLAIM"]]);
  });

  it("refuses an HS256 token signed with the RSA public key (algorithm confusion)", async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const file = join(mkdtempSync(join(tmpdir(), "dnma-jwt-unit-")), "key.pem");
    writeFileSync(file, pem);
    const token = await sign(CLAIMS, { key: new TextEncoder().encode(pem) });
    const { outcome } = await verify(
      { public_key_file: file },
      [["Cookie", `tok=${token}`]],
      undefined,
    );
    expect(outcome.result).toBe("invalid-token");
  });

  it("says no-token when the request carries none", async () => {
    expect((await verify({}, [["Cookie", "other=1"]])).outcome).toEqual({
      user: undefined,
      result: "no-token",
    });
  });

  it("throws CONFIG_INVALID for an unreadable key file", () => {
    expect(() =>
      createJwtSource({
        config: { ...BASE, public_key_file: "/nonexistent/key.pem" },
        secret: undefined,
      }),
    ).toThrow(DnmaError);
  });
});

describe("findToken", () => {
  it.each([
    [{ cookie: "tok" }, [["Cookie", "tok=abc"]], "abc"],
    [{ cookie: "tok" }, [["Authorization", "Bearer abc"]], undefined],
    [{ cookie: "tok", header: "Authorization" }, [["Authorization", "Bearer abc"]], "abc"],
    [{}, [["authorization", "bearer  abc"]], "abc"],
    [{ header: "X-Token" }, [["X-Token", "abc"]], "abc"],
    [{}, [], undefined],
  ] as [Pick<JwtFile, "cookie" | "header">, HeaderList, string | undefined][])(
    "finds the token with %j in %j",
    (config, headers, expected) => {
      expect(findToken(headers, config)).toBe(expected);
    },
  );
});
