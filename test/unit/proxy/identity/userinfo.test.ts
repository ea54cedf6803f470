import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { UserinfoFile } from "../../../../src/proxy/config-schema.js";
import type { HeaderList } from "../../../../src/proxy/header-list.js";
import { createUserinfoSource } from "../../../../src/proxy/identity/userinfo.js";
import { closeAll, startUpstream, type Upstream } from "../../../support/proxy.js";

const CONFIG: UserinfoFile = {
  url: "/me",
  session_cookie: "SID",
  forward_headers: ["cookie", "authorization"],
  cache_ttl_ms: 1000,
  cache_size: 2,
  max_bytes: 200,
  claims: { id: "login", aaf_profile: "categories", uai: "etab.uai" },
};

let upstream: Upstream | undefined;
afterEach(async () => {
  await closeAll(upstream?.server);
  upstream = undefined;
});

async function setUp(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  config: Partial<UserinfoFile> = {},
  clock = { now: 0 },
) {
  const seen: IncomingMessage["headers"][] = [];
  const errors: string[] = [];
  upstream = await startUpstream((req, res) => {
    seen.push(req.headers);
    answer(req, res);
  });
  const source = createUserinfoSource({
    config: { ...CONFIG, ...config },
    target: upstream.url,
    timeoutMs: 200,
    onError: (why) => errors.push(why),
    now: () => clock.now,
  });
  const lookUp = (request: HeaderList, isTaggable = true) =>
    source.begin({ request, forward: [], isTrustedPeer: false, isTaggable }).resolve();
  return { lookUp, seen, errors };
}

function json(body: unknown, status = 200) {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
}

const PUPIL = { login: "jdupont", categories: ["National_ELV"], etab: { uai: "0021593W" } };

describe("userinfo identity source", () => {
  it("calls the endpoint with only the configured headers, maps the claims and caches per session", async () => {
    const { lookUp, seen } = await setUp(json(PUPIL));
    const request: HeaderList = [
      ["Cookie", "SID=abc; theme=dark"],
      ["Authorization", "Bearer t"],
      ["X-Other", "no"],
    ];

    expect(await lookUp(request)).toEqual({
      user: { id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" },
      result: "user",
    });
    expect(await lookUp([["Cookie", "theme=light; SID=abc"]])).toEqual({
      user: { id: "jdupont", aafProfile: "National_ELV", uai: "0021593W" },
      result: "cached-user",
    });
    expect(seen.length).toBe(1);
    expect([
      seen[0]?.cookie,
      seen[0]?.authorization,
      seen[0]?.["x-other"],
      seen[0]?.accept,
    ]).toEqual(["SID=abc; theme=dark", "Bearer t", undefined, "application/json"]);
  });

  it("shares one call between simultaneous requests of a session", async () => {
    const { lookUp, seen } = await setUp((req, res) => setTimeout(() => json(PUPIL)(req, res), 20));
    const outcomes = await Promise.all([
      lookUp([["Cookie", "SID=x"]]),
      lookUp([["Cookie", "SID=x"]]),
    ]);

    expect(outcomes.map((outcome) => outcome.result)).toEqual(["user", "user"]);
    expect(seen.length).toBe(1);
  });

  it("calls again once the time to live has passed, and when the cache is full", async () => {
    const clock = { now: 0 };
    const { lookUp, seen } = await setUp(json(PUPIL), {}, clock);
    await lookUp([["Cookie", "SID=a"]]);
    await lookUp([["Cookie", "SID=b"]]);
    await lookUp([["Cookie", "SID=c"]]);
    await lookUp([["Cookie", "SID=a"]]);
    clock.now = 1000;
    await lookUp([["Cookie", "SID=c"]]);

    expect(seen.map((headers) => headers.cookie)).toEqual([
      "SID=a",
      "SID=b",
      "SID=c",
      "SID=a",
      "SID=c",
    ]);
  });

  it.each([
    [401, "{}", { user: undefined, result: "anonymous" }],
    [204, "", { user: undefined, result: "anonymous" }],
    [200, "{}", { user: undefined, result: "anonymous" }],
    [500, "{}", { user: undefined, result: "error" }],
    [200, "not json", { user: undefined, result: "error" }],
    [200, JSON.stringify({ login: "x".repeat(300) }), { user: undefined, result: "error" }],
  ])("answers status %s with %j as %j", async (status, body, expected) => {
    const { lookUp } = await setUp(json(body, status));
    expect(await lookUp([["Cookie", "SID=a"]])).toEqual(expected);
  });

  it("gives up after the timeout and says why", async () => {
    const { lookUp, errors } = await setUp((req, res) =>
      setTimeout(() => json(PUPIL)(req, res), 1000),
    );
    expect(await lookUp([["Cookie", "SID=slow"]])).toEqual({ user: undefined, result: "timeout" });
    expect(errors).toEqual(["no answer within 200 ms"]);
  });

  it("does not call without a session cookie, nor for requests that cannot be tagged", async () => {
    const { lookUp, seen } = await setUp(json(PUPIL));
    expect(await lookUp([["Cookie", "other=1"]])).toEqual({
      user: undefined,
      result: "no-session",
    });
    expect(await lookUp([["Cookie", "SID=a"]], false)).toEqual({
      user: undefined,
      result: "anonymous",
    });
    expect(seen).toEqual([]);
  });
});
