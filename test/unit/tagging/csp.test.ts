import { describe, expect, it } from "vitest";
import {
  chooseNonce,
  extendPolicy,
  hashSourceOf,
  parsePolicies,
  parsePolicy,
  type ScriptNeeds,
  toLoaderSource,
} from "../../../src/tagging/csp.js";
import {
  applyCspHeaders,
  describeNeeds,
  isMetaPolicyAllowing,
} from "../../../src/tagging/csp-response.js";

const HASH = hashSourceOf("T()");
const LOADER = "ent.example.fr/js/smarttag_ENT.js";
const NEEDS: ScriptNeeds = { nonce: undefined, hash: HASH, loaderSource: LOADER };

/** [shape, policy, nonce on our scripts, expected: "allowed", "blocked: …" or the new policy text] */
const POLICIES: [string, string, string | undefined, string][] = [
  [
    "same-origin only",
    "default-src 'self'",
    undefined,
    `default-src 'self'; script-src 'self' ${HASH}`,
  ],
  [
    "a trailing semicolon",
    "default-src 'self';",
    undefined,
    `default-src 'self'; script-src 'self' ${HASH}`,
  ],
  [
    "an analytics allow-list",
    "default-src 'self'; script-src 'self' https://www.example-analytics.com",
    undefined,
    `default-src 'self'; script-src 'self' https://www.example-analytics.com ${HASH}`,
  ],
  [
    "helmet's defaults (no spaces after ;)",
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests",
    undefined,
    `default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self' ${HASH};script-src-attr 'none';style-src 'self' https: 'unsafe-inline';upgrade-insecure-requests`,
  ],
  ["'unsafe-inline' and 'self'", "script-src 'self' 'unsafe-inline'", undefined, "allowed"],
  [
    "'unsafe-inline' without 'self': no hash, it would switch 'unsafe-inline' off",
    "script-src 'unsafe-inline' https://cdn.example",
    undefined,
    `script-src 'unsafe-inline' https://cdn.example ${LOADER}`,
  ],
  [
    "'unsafe-inline' cancelled by a hash",
    "script-src 'self' 'unsafe-inline' 'sha256-abc='",
    undefined,
    `script-src 'self' 'unsafe-inline' 'sha256-abc=' ${HASH}`,
  ],
  [
    "'unsafe-inline' cancelled by a nonce",
    "script-src 'self' 'unsafe-inline' 'nonce-other'",
    undefined,
    `script-src 'self' 'unsafe-inline' 'nonce-other' ${HASH}`,
  ],
  [
    "a strict nonce policy, nonce known",
    "object-src 'none'; script-src 'nonce-r4nd0m' 'unsafe-inline' 'unsafe-eval' 'strict-dynamic' https: http:; base-uri 'none'",
    "r4nd0m",
    "allowed",
  ],
  [
    "a strict nonce policy, nonce unknown",
    "object-src 'none'; script-src 'nonce-r4nd0m' 'unsafe-inline' 'strict-dynamic' https: http:",
    undefined,
    "blocked: script-src: 'strict-dynamic' without a nonce ignores the loader's address",
  ],
  [
    "'strict-dynamic' with hashes only",
    "script-src 'sha256-abc=' 'strict-dynamic'",
    undefined,
    "blocked: script-src: 'strict-dynamic' without a nonce ignores the loader's address",
  ],
  ["a nonce and a host allow-list", "script-src 'nonce-abc' 'self'", "abc", "allowed"],
  [
    "a nonce whose case differs",
    "script-src 'nonce-ABC' 'self'",
    "abc",
    `script-src 'nonce-ABC' 'self' ${HASH}`,
  ],
  ["an upper-case nonce keyword", "script-src 'NONCE-abc'", "abc", "allowed"],
  [
    "no script at all",
    "script-src 'none'",
    undefined,
    "blocked: script-src: 'none' allows no script",
  ],
  [
    "nothing at all",
    "default-src 'none'",
    undefined,
    "blocked: default-src: 'none' allows no script",
  ],
  [
    "an empty script-src",
    "script-src; img-src *",
    undefined,
    "blocked: script-src: 'none' allows no script",
  ],
  [
    "'none' by default, scripts from self",
    "default-src 'none'; script-src 'self'; connect-src 'self'",
    undefined,
    `default-src 'none'; script-src 'self' ${HASH}; connect-src 'self'`,
  ],
  [
    "script-src-elem over script-src",
    "script-src-elem 'self'; script-src 'self'",
    undefined,
    `script-src-elem 'self' ${HASH}; script-src 'self' ${HASH}`,
  ],
  [
    "script-src-elem with script-src 'none' for attributes",
    "script-src 'none'; script-src-elem 'self'",
    undefined,
    `script-src 'none'; script-src-elem 'self' ${HASH}`,
  ],
  [
    "no script directive",
    "frame-ancestors 'none'; img-src *; style-src 'self'",
    undefined,
    "allowed",
  ],
  ["upper-case names and keywords", "Script-Src 'SELF'", undefined, `Script-Src 'SELF' ${HASH}`],
  [
    "a repeated directive: the first counts",
    "script-src 'self'; script-src 'unsafe-inline'",
    undefined,
    `script-src 'self' ${HASH}; script-src 'unsafe-inline'`,
  ],
  ["our hash already there", `script-src 'self' ${HASH}`, undefined, "allowed"],
  ["our loader already there", `script-src 'unsafe-inline' ${LOADER}`, undefined, "allowed"],
  [
    "a wildcard: the exact address is added all the same",
    "script-src *",
    undefined,
    `script-src * ${HASH} ${LOADER}`,
  ],
  [
    "a scheme source",
    "script-src https: 'unsafe-eval' 'report-sample'",
    undefined,
    `script-src https: 'unsafe-eval' 'report-sample' ${HASH} ${LOADER}`,
  ],
  [
    "report-only keywords kept",
    "script-src 'self' 'wasm-unsafe-eval' 'unsafe-hashes'; report-uri /csp",
    undefined,
    `script-src 'self' 'wasm-unsafe-eval' 'unsafe-hashes' ${HASH}; report-uri /csp`,
  ],
];

function runExtension(policy: string, nonce: string | undefined): string {
  const extension = extendPolicy(parsePolicy(policy), { ...NEEDS, nonce });
  if (extension.kind === "extended") return extension.text;
  return extension.kind === "blocked" ? `blocked: ${extension.why}` : "allowed";
}

describe("extendPolicy", () => {
  for (const [shape, policy, nonce, expected] of POLICIES) {
    it(`handles ${shape}`, () => {
      expect(runExtension(policy, nonce)).toBe(expected);
    });
  }

  it("never adds 'unsafe-inline', a wildcard or a scheme to any shape", () => {
    for (const [, policy, nonce] of POLICIES) {
      const result = runExtension(policy, nonce);
      if (result === "allowed" || result.startsWith("blocked")) continue;
      const before = policy.split(/[\s;]+/);
      const added = result.split(/[\s;]+/).filter((token) => !before.includes(token));
      expect(
        added.filter((token) => token !== HASH && token !== LOADER && token !== "script-src"),
      ).toEqual([]);
    }
  });

  it("adds an absolute loader address as it is", () => {
    const needs = { ...NEEDS, loaderSource: "https://cdn.example.fr/dnma/smarttag_ENT.js" };
    expect(extendPolicy(parsePolicy("script-src 'self'"), needs)).toEqual({
      kind: "extended",
      text: `script-src 'self' ${HASH} https://cdn.example.fr/dnma/smarttag_ENT.js`,
    });
  });

  it("refuses when the loader needs an address it cannot write", () => {
    const needs = { ...NEEDS, loaderSource: undefined };
    expect(extendPolicy(parsePolicy("script-src 'sha256-abc='"), needs)).toEqual({
      kind: "blocked",
      why: "script-src: the loader's address cannot be written as a source",
    });
  });
});

describe("CSP helpers", () => {
  it("splits a header into policies at commas, keeping their text", () => {
    expect(parsePolicies("script-src 'self', img-src *").map((policy) => policy.text)).toEqual([
      "script-src 'self'",
      " img-src *",
    ]);
  });

  it("hashes an inline script's text as browsers do (base64 of SHA-256 over UTF-8)", () => {
    expect(hashSourceOf("alert(1)")).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  });

  it.each([
    ["a configured nonce the policy lists", ["script-src 'nonce-a' 'nonce-b'"], "b", "b"],
    ["a configured nonce with no nonce in any policy", ["script-src 'self'"], "b", "b"],
    [
      "the policy's nonce over a configured one it does not list",
      ["script-src 'nonce-a'"],
      "b",
      "a",
    ],
    ["the policy's nonce with none configured", ["default-src 'nonce-a'"], undefined, "a"],
    [
      "script-src-elem's nonce over script-src's",
      ["script-src 'nonce-a'; script-src-elem 'nonce-e'"],
      undefined,
      "e",
    ],
    ["no nonce from an invalid value", ["script-src 'nonce-a\"b'"], 'c"d', undefined],
  ])("chooses %s", (_label, headers, configured, expected) => {
    expect(chooseNonce(headers.flatMap(parsePolicies), configured)).toBe(expected);
  });

  it.each([
    ["/js/smarttag_ENT.js", "ent.example.fr", "ent.example.fr/js/smarttag_ENT.js"],
    ["/js/smarttag_ENT.js", "ENT.Example.fr:8443", "ent.example.fr:8443/js/smarttag_ENT.js"],
    [
      "https://cdn.example.fr/smarttag_ENT.js",
      "ent.example.fr",
      "https://cdn.example.fr/smarttag_ENT.js",
    ],
    ["/js/smarttag_ENT.js", "[::1]:3000", undefined],
    ["/js/smarttag_ENT.js", "evil.fr; script-src *", undefined],
    ["/a;b/smarttag_ENT.js", "ent.example.fr", undefined],
    ["//cdn.example.fr/smarttag_ENT.js", "ent.example.fr", undefined],
  ])("writes loader %s on host %s as the source %s", (loaderSrc, host, expected) => {
    expect(toLoaderSource(loaderSrc, host)).toBe(expected);
  });

  it("hashes the tag's text, not its attributes", () => {
    const needs = describeNeeds(
      { tag: '<script type="text/javascript" nonce="n">\nT();\n</script>' },
      "n",
      "/js/smarttag_ENT.js",
      "ent.example.fr",
    );
    expect(needs).toEqual({ nonce: "n", hash: hashSourceOf("\nT();\n"), loaderSource: LOADER });
  });
});

class FakeHeaders {
  readonly values = new Map<string, string | number | readonly string[]>();
  getHeader(name: string) {
    return this.values.get(name);
  }
  setHeader(name: string, value: string | number | readonly string[]) {
    this.values.set(name, value);
  }
  removeHeader(name: string) {
    this.values.delete(name);
  }
}

describe("applyCspHeaders", () => {
  it("extends every enforced header line and report-only policy", () => {
    const headers = new FakeHeaders();
    headers.setHeader("content-security-policy", [
      "default-src 'self'",
      "script-src 'self', img-src *",
    ]);
    headers.setHeader("content-security-policy-report-only", "script-src 'self'; report-uri /r");

    expect(applyCspHeaders(headers, NEEDS)).toBeUndefined();
    expect(headers.values.get("content-security-policy")).toEqual([
      `default-src 'self'; script-src 'self' ${HASH}`,
      `script-src 'self' ${HASH}, img-src *`,
    ]);
    expect(headers.values.get("content-security-policy-report-only")).toBe(
      `script-src 'self' ${HASH}; report-uri /r`,
    );
  });

  it("changes nothing when one enforced policy cannot be extended", () => {
    const headers = new FakeHeaders();
    headers.setHeader("content-security-policy", ["script-src 'self'", "script-src 'none'"]);

    expect(applyCspHeaders(headers, NEEDS)).toBe("script-src: 'none' allows no script");
    expect(headers.values.get("content-security-policy")).toEqual([
      "script-src 'self'",
      "script-src 'none'",
    ]);
  });

  it("leaves a report-only policy it cannot extend, without blocking the tag", () => {
    const headers = new FakeHeaders();
    headers.setHeader(
      "content-security-policy-report-only",
      "script-src 'strict-dynamic' 'sha256-abc='",
    );

    expect(applyCspHeaders(headers, NEEDS)).toBeUndefined();
    expect(headers.values.get("content-security-policy-report-only")).toBe(
      "script-src 'strict-dynamic' 'sha256-abc='",
    );
  });

  it("leaves headers alone when they already allow the tag", () => {
    const headers = new FakeHeaders();
    headers.setHeader("content-security-policy", "script-src 'nonce-n'");

    expect(applyCspHeaders(headers, { ...NEEDS, nonce: "n" })).toBeUndefined();
    expect(headers.values.get("content-security-policy")).toBe("script-src 'nonce-n'");
  });
});

describe("isMetaPolicyAllowing", () => {
  it.each([
    ["script-src 'self' 'unsafe-inline'", true],
    ["img-src 'self'", true],
    [`script-src 'self' ${HASH}`, true],
    ["script-src 'self'", false],
    ["script-src &#39;self&#39; &#39;unsafe-inline&#39;", false],
    [
      "script-src 'unsafe-inline' 'self', img-src * (one policy: the comma sticks to 'self')",
      false,
    ],
  ])("says whether %s lets the tag run as it is: %s", (content, expected) => {
    expect(isMetaPolicyAllowing(content.replace(/ \(.*\)$/, ""), NEEDS)).toBe(expected);
  });
});
