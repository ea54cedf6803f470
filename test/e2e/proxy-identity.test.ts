import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exportJWK, SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { PAGE, taggedPage } from "../support/app.js";
import {
  closeAll,
  proxyConfig,
  type RunningProxy,
  startProxy,
  startUpstream,
  type Upstream,
} from "../support/proxy.js";
import { getRaw } from "../support/raw-http.js";

const GATEWAY = {
  "X-Dnma-User": "jdupont",
  "X-Dnma-Aaf-Profile": "National_ELV",
  "X-Dnma-Uai": "0021593W",
};
const JWT_SECRET = "a-jwt-secret-shared-with-the-ent-0123";
const CLAIMS = { sub: "jdupont", categories: ["National_ELV"], etab: { uai: "0021593W" } };
const CLAIM_MAP = { id: "sub", aaf_profile: "categories", uai: "etab.uai" };

let upstream: Upstream | undefined;
let running: RunningProxy | undefined;
afterEach(async () => {
  if (running) expect(JSON.stringify(running.logs)).not.toContain("jdupont");
  await closeAll(running?.proxy, upstream?.server);
  upstream = running = undefined;
});

/** An upstream that serves PAGE on /home, echoes identity headers back, and records what it saw. */
async function setUp(
  extra: Record<string, unknown>,
  secrets: { jwtSecret?: string } = {},
  other?: (req: IncomingMessage, res: ServerResponse) => boolean,
) {
  const seen: IncomingMessage["headers"][] = [];
  upstream = await startUpstream((req, res) => {
    if (other?.(req, res)) return;
    seen.push(req.headers);
    res.writeHead(200, [
      "Content-Type",
      "text/html",
      "X-Dnma-User",
      String(req.headers["x-dnma-user"] ?? ""),
    ]);
    res.end(PAGE);
  });
  running = await startProxy(proxyConfig(upstream.url, extra, secrets), undefined);
  return { ...running, seen };
}

describe("proxy identity: trusted gateway headers", () => {
  it("believes a trusted peer, strips the headers upstream and from the response", async () => {
    const { url, seen, metric } = await setUp({
      trusted_proxies: ["127.0.0.1"],
      identity: { source: "gateway" },
    });
    const response = await getRaw(`${url}/home`, GATEWAY);

    expect(response.body.toString()).toBe(taggedPage());
    expect(seen[0]?.["x-dnma-user"]).toBeUndefined();
    expect(seen[0]?.["x-dnma-uai"]).toBeUndefined();
    expect(response.headers["x-dnma-user"]).toBeUndefined();
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "gateway", result: "user" }),
    ).toBe(1);
  });

  it("forwards the headers of a trusted peer upstream when strip is off", async () => {
    const { url, seen } = await setUp({
      trusted_proxies: ["127.0.0.1"],
      identity: { source: "gateway", strip: false },
    });
    await getRaw(`${url}/home`, GATEWAY);

    expect([
      seen[0]?.["x-dnma-user"],
      seen[0]?.["x-dnma-aaf-profile"],
      seen[0]?.["x-dnma-uai"],
    ]).toEqual(["jdupont", "National_ELV", "0021593W"]);
  });

  it("removes and ignores the headers of an untrusted peer, and counts them", async () => {
    const { url, seen, metric } = await setUp({
      trusted_proxies: ["10.0.0.0/8", "::1"],
      identity: { source: "gateway", strip: false },
    });
    const response = await getRaw(`${url}/home`, GATEWAY);

    expect(response.body.toString()).toBe(PAGE);
    expect(seen[0]?.["x-dnma-user"]).toBeUndefined();
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "gateway", result: "untrusted" }),
    ).toBe(1);
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "no-user" })).toBe(1);
  });

  it("reads configured header names", async () => {
    const headers = {
      user: "Remote-User",
      profile: "Remote-Profil",
      aaf_profile: "Remote-Aaf",
      uai: "Remote-Uai",
    };
    const { url, seen } = await setUp({
      trusted_proxies: ["127.0.0.1"],
      identity: { source: "gateway", headers },
    });
    const response = await getRaw(`${url}/home`, {
      "Remote-User": "jdupont",
      "Remote-Profil": "ELEVE",
      "Remote-Uai": "0021593W",
    });

    expect(response.body.toString()).toBe(taggedPage());
    expect(seen[0]?.["remote-user"]).toBeUndefined();
  });
});

describe("proxy identity: upstream userinfo endpoint", () => {
  const userinfo = { session_cookie: "JSESSIONID", url: "/api/me" };

  function serveUserinfo(calls: string[], respond: (res: ServerResponse) => void) {
    return (req: IncomingMessage, res: ServerResponse) => {
      if (req.url !== "/api/me") return false;
      calls.push(String(req.headers.cookie));
      respond(res);
      return true;
    };
  }

  it("calls the endpoint with the user's cookies, in parallel with the page, and caches the answer", async () => {
    const calls: string[] = [];
    const events: string[] = [];
    let called: () => void = () => {};
    const isCalled = new Promise<void>((resolve) => {
      called = resolve;
    });
    const answer = (res: ServerResponse) => {
      events.push("userinfo");
      called();
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" }));
    };
    const seen: IncomingMessage["headers"][] = [];
    upstream = await startUpstream(async (req, res) => {
      if (serveUserinfo(calls, answer)(req, res)) return;
      seen.push(req.headers);
      await Promise.race([isCalled, new Promise((resolve) => setTimeout(resolve, 3000))]);
      events.push("page");
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end(PAGE);
    });
    running = await startProxy(
      proxyConfig(upstream.url, { identity: { source: "userinfo", userinfo } }),
    );
    const first = await getRaw(`${running.url}/home`, { Cookie: "lang=fr; JSESSIONID=s3ss10n" });
    const second = await getRaw(`${running.url}/home`, { Cookie: "JSESSIONID=s3ss10n" });

    expect(first.body.toString()).toBe(taggedPage());
    expect(second.body.toString()).toBe(taggedPage());
    expect(events.slice(0, 2)).toEqual(["userinfo", "page"]);
    expect(calls).toEqual(["lang=fr; JSESSIONID=s3ss10n"]);
    expect(
      await running.metric("dnma_tag_identity_lookups_total", {
        source: "userinfo",
        result: "user",
      }),
    ).toBe(1);
    expect(
      await running.metric("dnma_tag_identity_lookups_total", {
        source: "userinfo",
        result: "cached-user",
      }),
    ).toBe(1);
  });

  it("serves the page untouched when the endpoint is too slow, and counts the timeout", async () => {
    const calls: string[] = [];
    const { url, metric } = await setUp(
      { identity: { source: "userinfo", timeout_ms: 100, userinfo } },
      {},
      serveUserinfo(calls, (res) => setTimeout(() => res.end("{}"), 400)),
    );
    const response = await getRaw(`${url}/home`, { Cookie: "JSESSIONID=slow" });

    expect(response.body.toString()).toBe(PAGE);
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "userinfo", result: "timeout" }),
    ).toBe(1);
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "identity-error" })).toBe(1);
  });

  it("serves the page untouched when the endpoint fails", async () => {
    const calls: string[] = [];
    const { url, metric } = await setUp(
      { identity: { source: "userinfo", userinfo } },
      {},
      serveUserinfo(calls, (res) => res.writeHead(500).end()),
    );
    const response = await getRaw(`${url}/home`, { Cookie: "JSESSIONID=x" });

    expect(response.body.toString()).toBe(PAGE);
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "userinfo", result: "error" }),
    ).toBe(1);
  });

  it("does not call the endpoint without a session cookie", async () => {
    const calls: string[] = [];
    const { url, metric } = await setUp(
      { identity: { source: "userinfo", userinfo } },
      {},
      serveUserinfo(calls, (res) => res.end("{}")),
    );
    const response = await getRaw(`${url}/home`);

    expect(response.body.toString()).toBe(PAGE);
    expect(calls).toEqual([]);
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "userinfo", result: "no-session" }),
    ).toBe(1);
  });
});

describe("proxy identity: JWT", () => {
  const jwtHs = { cookie: "ent_token", claims: CLAIM_MAP };

  function sign(
    claims: object,
    key: Parameters<SignJWT["sign"]>[0],
    alg = "HS256",
    expires = "5m",
  ) {
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg, kid: "k1" })
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key);
  }

  it("tags for a valid HS256 token in a cookie", async () => {
    const { url, metric } = await setUp(
      { identity: { source: "jwt", jwt: jwtHs } },
      { jwtSecret: JWT_SECRET },
    );
    const token = await sign(CLAIMS, new TextEncoder().encode(JWT_SECRET));
    const response = await getRaw(`${url}/home`, { Cookie: `ent_token=${token}` });

    expect(response.body.toString()).toBe(taggedPage());
    expect(await metric("dnma_tag_identity_lookups_total", { source: "jwt", result: "user" })).toBe(
      1,
    );
  });

  it.each([
    [
      "a wrong signature",
      async () => sign(CLAIMS, new TextEncoder().encode("another-secret-of-enough-length")),
    ],
    [
      "an expired token",
      async () => sign(CLAIMS, new TextEncoder().encode(JWT_SECRET), "HS256", "-1h"),
    ],
    ["garbage", async () => "not.a.jwt"],
  ])("treats %s as nobody signed in, and counts it", async (_label, makeToken) => {
    const { url, metric } = await setUp(
      { identity: { source: "jwt", jwt: jwtHs } },
      { jwtSecret: JWT_SECRET },
    );
    const response = await getRaw(`${url}/home`, { Cookie: `ent_token=${await makeToken()}` });

    expect(response.body.toString()).toBe(PAGE);
    expect(
      await metric("dnma_tag_identity_lookups_total", { source: "jwt", result: "invalid-token" }),
    ).toBe(1);
    expect(await metric("dnma_tag_pages_skipped_total", { reason: "no-user" })).toBe(1);
  });

  it("verifies an RS256 bearer token with a PEM public key file", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dir = mkdtempSync(join(tmpdir(), "dnma-jwt-"));
    const keyFile = join(dir, "ent.pem");
    writeFileSync(keyFile, publicKey.export({ type: "spki", format: "pem" }));
    const { url } = await setUp({
      identity: {
        source: "jwt",
        jwt: { header: "Authorization", public_key_file: keyFile, claims: CLAIM_MAP },
      },
    });
    const response = await getRaw(`${url}/home`, {
      Authorization: `Bearer ${await sign(CLAIMS, privateKey, "RS256")}`,
    });

    expect(response.body.toString()).toBe(taggedPage());
  });

  it("verifies an ES256 token with a JWKS file and refuses an HS256 one", async () => {
    const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const dir = mkdtempSync(join(tmpdir(), "dnma-jwks-"));
    const jwksFile = join(dir, "jwks.json");
    writeFileSync(
      jwksFile,
      JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256" }] }),
    );
    const { url } = await setUp({
      identity: { source: "jwt", jwt: { cookie: "t", jwks_file: jwksFile, claims: CLAIM_MAP } },
    });
    const good = await getRaw(`${url}/home`, {
      Cookie: `t=${await sign(CLAIMS, privateKey, "ES256")}`,
    });
    const forged = await getRaw(`${url}/home`, {
      Cookie: `t=${await sign(CLAIMS, new TextEncoder().encode("k"), "HS256")}`,
    });

    expect(good.body.toString()).toBe(taggedPage());
    expect(forged.body.toString()).toBe(PAGE);
  });
});
