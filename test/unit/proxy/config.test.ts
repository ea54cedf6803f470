import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DnmaError } from "../../../src/errors.js";
import { describeConfig, loadProxyConfig } from "../../../src/proxy/config.js";

function writeConfig(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "dnma-proxy-config-"));
  const file = join(dir, "proxy.yaml");
  writeFileSync(file, text);
  return file;
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (err) {
    if (err instanceof DnmaError) return [err.code, ...err.describe().split("\n").slice(1)];
    throw err;
  }
  return [];
}

describe("loadProxyConfig", () => {
  it("fills every default", () => {
    const config = loadProxyConfig({
      flags: { target: "http://127.0.0.1:8080", plan: "plan.yaml" },
      env: { DNMA_TAG_SECRET: "s" },
      cwd: "/srv",
    });

    expect(config).toEqual({
      target: "http://127.0.0.1:8080",
      plan: "/srv/plan.yaml",
      listen: { host: "127.0.0.1", port: 3000 },
      trusted_proxies: [],
      host_header: "preserve",
      accept_encoding: "pass",
      rewrite: { location: false, cookie_domains: {} },
      timeouts: { upstream_headers_ms: 30_000, shutdown_ms: 10_000 },
      identity: {
        source: "none",
        timeout_ms: 1000,
        strip: true,
        headers: {
          user: "X-Dnma-User",
          profile: "X-Dnma-Profile",
          aaf_profile: "X-Dnma-Aaf-Profile",
          uai: "X-Dnma-Uai",
        },
      },
      log_level: "info",
      watch_plan: true,
      admin: { host: "127.0.0.1" },
      file: undefined,
      secret: "s",
      jwtSecret: undefined,
    });
  });

  it("lets flags override the environment, and the environment override the file", () => {
    const file = writeConfig(
      "target: http://file:1\nplan: file-plan.yaml\nlisten: { host: 10.0.0.1, port: 1111 }\ntrusted_proxies: [10.0.0.0/8]\n",
    );
    const env = {
      DNMA_TAG_PROXY_TARGET: "http://env:2",
      DNMA_TAG_PROXY_PORT: "2222",
      DNMA_TAG_TRUSTED_PROXIES: "192.168.0.0/16, ::1",
    };
    const config = loadProxyConfig({
      flags: { config: file, target: "http://flag:3" },
      env,
      cwd: "/srv",
    });

    expect([config.target, config.listen, config.trusted_proxies]).toEqual([
      "http://flag:3",
      { host: "10.0.0.1", port: 2222 },
      ["192.168.0.0/16", "::1"],
    ]);
    expect(config.plan).toBe(join(file, "..", "file-plan.yaml"));
  });

  it("resolves paths from the file against the file's folder, and others against cwd", () => {
    const file = writeConfig("target: http://ent:1\nplan: plans/ent.yaml\n");
    expect(loadProxyConfig({ flags: { config: file }, env: {} }).plan).toBe(
      join(file, "..", "plans", "ent.yaml"),
    );
    expect(
      loadProxyConfig({ flags: { config: file }, env: { DNMA_TAG_PLAN: "p.yaml" }, cwd: "/opt" })
        .plan,
    ).toBe("/opt/p.yaml");
  });

  it("reports every problem with its file line, variable or flag", () => {
    const file = writeConfig(
      "target: http://ent:1/base\nplan: p.yaml\nhost_header: keep\nidentity:\n  source: gateway\n  colour: blue\n",
    );
    const problems = problemsOf(() =>
      loadProxyConfig({
        flags: { config: file, port: "80a" },
        env: { DNMA_TAG_IDENTITY_SOURCE: "ldap" },
      }),
    );

    expect(problems).toEqual([
      "CONFIG_INVALID",
      'option --port: listen.port: must be number, not "80a"',
      `${file}:3: host_header: "keep" is not one of preserve, target`,
      'environment variable DNMA_TAG_IDENTITY_SOURCE: identity.source: "ldap" is not one of none, gateway, upstream-headers, userinfo, jwt',
      `${file}:6: identity: unknown key "colour"`,
    ]);
  });

  it.each([
    [
      "a target with a path",
      "target: http://ent:1/base\nplan: p\n",
      [
        `FILE:1: target: "http://ent:1/base" must be an origin only (scheme, host, port), e.g. http://ent:1`,
      ],
    ],
    [
      "a bad trusted proxy",
      "target: http://ent:1\nplan: p\ntrusted_proxies: [10.0.0.0/8, 10.0.0.0/33]\n",
      [
        'FILE:3: trusted_proxies[1]: trusted proxy "10.0.0.0/33" is not an IP address or a CIDR range (e.g. 10.0.0.0/8, fd00::/8)',
      ],
    ],
    [
      "gateway without trusted proxies",
      "target: http://ent:1\nplan: p\nidentity: { source: gateway }\n",
      [
        "FILE: trusted_proxies: is empty: source gateway only believes headers from trusted proxies (e.g. [127.0.0.1])",
      ],
    ],
    [
      "userinfo without its block",
      "target: http://ent:1\nplan: p\nidentity: { source: userinfo }\n",
      ["FILE:3: identity.userinfo: is missing: source userinfo needs at least `session_cookie`"],
    ],
    [
      "jwt with two keys",
      "target: http://ent:1\nplan: p\nidentity:\n  source: jwt\n  jwt: { public_key_file: a.pem, jwks_file: b.json }\n",
      [
        "FILE:5: identity.jwt: needs exactly one key: DNMA_TAG_JWT_SECRET or secret_file (HS*), public_key_file or jwks_file; 2 given",
      ],
    ],
  ])("refuses %s", (_label, text, expected) => {
    const file = writeConfig(text);
    expect(problemsOf(() => loadProxyConfig({ flags: { config: file }, env: {} }))).toEqual([
      "CONFIG_INVALID",
      ...expected.map((line) => line.replace("FILE", file)),
    ]);
  });

  it("refuses an HS algorithm with a public key", () => {
    const file = writeConfig(
      "target: http://ent:1\nplan: p\nidentity:\n  source: jwt\n  jwt:\n    public_key_file: k.pem\n    algorithms: [RS256, HS256]\n",
    );
    expect(problemsOf(() => loadProxyConfig({ flags: { config: file }, env: {} }))).toEqual([
      "CONFIG_INVALID",
      `${file}:7: identity.jwt.algorithms: HS256 cannot be checked with a public key`,
    ]);
  });

  it("says where the required values can come from", () => {
    expect(problemsOf(() => loadProxyConfig({ env: {} }))).toEqual([
      "CONFIG_INVALID",
      "configuration: target: is missing (--target, DNMA_TAG_PROXY_TARGET or `target:` in the file)",
      "configuration: plan: is missing (--plan, DNMA_TAG_PLAN or `plan:` in the file)",
    ]);
  });

  it("takes source jwt with only DNMA_TAG_JWT_SECRET, and refuses a short HS key", () => {
    const flags = { target: "http://ent:1", plan: "p" };
    const config = loadProxyConfig({
      flags,
      env: { DNMA_TAG_IDENTITY_SOURCE: "jwt", DNMA_TAG_JWT_SECRET: "k".repeat(32) },
    });
    expect(config.identity.jwt).toMatchObject({ require_exp: true, claims: { id: "sub" } });
    expect(
      problemsOf(() =>
        loadProxyConfig({
          flags,
          env: { DNMA_TAG_IDENTITY_SOURCE: "jwt", DNMA_TAG_JWT_SECRET: "short" },
        }),
      ),
    ).toEqual([
      "CONFIG_INVALID",
      "configuration: identity.jwt.secret_file: the HS* key is 5 bytes: it must be at least 32 (RFC 7518 §3.2; try `openssl rand -hex 32`)",
    ]);
  });

  it("reads the JWT secret from the environment or a file, and never shows it", () => {
    const dir = mkdtempSync(join(tmpdir(), "dnma-jwt-secret-"));
    writeFileSync(join(dir, "jwt.key"), "secret-from-file-of-32-bytes-or-more\n");
    const file = join(dir, "proxy.yaml");
    writeFileSync(
      file,
      "target: http://ent:1\nplan: p\nidentity:\n  source: jwt\n  jwt: { secret_file: jwt.key, cookie: t }\n",
    );
    const fromFile = loadProxyConfig({
      flags: { config: file },
      env: { DNMA_TAG_SECRET: "id-secret" },
    });
    const fromEnv = loadProxyConfig({
      flags: { config: file },
      env: { DNMA_TAG_JWT_SECRET: "secret-from-env-of-32-bytes-or-more" },
    });

    expect([fromFile.jwtSecret, fromEnv.jwtSecret]).toEqual([
      "secret-from-file-of-32-bytes-or-more",
      "secret-from-env-of-32-bytes-or-more",
    ]);
    expect(JSON.stringify(describeConfig(fromFile))).not.toMatch(/secret-from-file|id-secret/);
    expect(describeConfig(fromFile)).toMatchObject({
      secret: "[redacted]",
      jwtSecret: "[redacted]",
    });
  });

  it("reports YAML syntax errors with their line", () => {
    const file = writeConfig("target: http://ent:1\nplan: [unclosed\n");
    const problems = problemsOf(() => loadProxyConfig({ flags: { config: file }, env: {} }));
    expect(problems[0]).toBe("CONFIG_INVALID");
    expect(problems[1]).toMatch(new RegExp(`^${file}:3: `));
  });
});
