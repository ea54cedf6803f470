/**
 * Identity from a userinfo endpoint of the ENT, called with the user's own cookies.
 * The call starts as soon as a request could give a taggable page, in parallel with
 * the upstream request, and its result is cached per session cookie (hashed) with a
 * time to live and a size bound. Slow, down or odd: the page goes out untouched.
 * Usage: `createUserinfoSource({ config, target, agent, timeoutMs })`.
 */

import { createHash } from "node:crypto";
import { type Agent, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { DnmaUser } from "../../identity/user.js";
import type { UserinfoFile } from "../config-schema.js";
import { readCookie } from "../cookies.js";
import { getHeader, type HeaderList } from "../header-list.js";
import { LruCache } from "./lru-cache.js";
import {
  type IdentityContext,
  type IdentityLookup,
  type IdentityOutcome,
  type IdentitySource,
  NO_IDENTITY,
} from "./types.js";
import { fieldsFromClaims, userFromFields } from "./user-fields.js";

export interface UserinfoOptions {
  config: UserinfoFile;
  /** Origin the endpoint's path is resolved against (the proxy's target). */
  target: string;
  /** The target's keep-alive agent, used when the endpoint is on the target. */
  agent?: Agent | undefined;
  timeoutMs: number;
  /** Told why a call failed (status, timeout, parse error), never with cookies or ids. */
  onError?: (why: string) => void;
  now?: () => number;
}

/** Statuses meaning "nobody is signed in with these cookies". */
const ANONYMOUS_STATUSES = new Set([204, 401, 403, 404]);

/** The identity source calling the ENT's userinfo endpoint. */
export function createUserinfoSource(options: UserinfoOptions): IdentitySource {
  const { config } = options;
  const url = new URL(config.url, options.target);
  const agent = url.origin === new URL(options.target).origin ? options.agent : undefined;
  const cache = new LruCache<DnmaUser>({
    maxEntries: config.cache_size,
    ttlMs: config.cache_ttl_ms,
    now: options.now,
  });
  const inFlight = new Map<string, Promise<IdentityOutcome>>();

  function lookUp(key: string, headers: HeaderList): Promise<IdentityOutcome> {
    const cached = cache.get(key);
    if (cached) return Promise.resolve({ user: cached, result: "cached-user" });
    const pending = inFlight.get(key);
    if (pending) return pending;

    const call = callEndpoint(url, headers, { ...options, agent }).then((outcome) => {
      inFlight.delete(key);
      if (outcome.user) cache.set(key, outcome.user);
      return outcome;
    });
    inFlight.set(key, call);
    return call;
  }

  function begin(context: IdentityContext): IdentityLookup {
    if (!context.isTaggable) return NO_IDENTITY;

    const session = readCookie(getHeader(context.request, "cookie"), config.session_cookie);
    const pending = session
      ? lookUp(hashKey(session), pickHeaders(context.request, config.forward_headers))
      : Promise.resolve({ user: undefined, result: "no-session" as const });
    return { filterResponse() {}, resolve: () => pending };
  }

  return { name: "userinfo", begin };
}

/** The cache key of a session: its hash, so that the proxy's memory holds no session id. */
function hashKey(session: string): string {
  return createHash("sha256").update(session).digest("base64url");
}

function pickHeaders(headers: HeaderList, names: readonly string[]): HeaderList {
  const wanted = new Set(names.map((name) => name.toLowerCase()));
  return headers.filter(([name]) => wanted.has(name.toLowerCase()));
}

/** One call to the endpoint; resolves with the outcome, never rejects. */
function callEndpoint(
  url: URL,
  headers: HeaderList,
  options: UserinfoOptions,
): Promise<IdentityOutcome> {
  return new Promise((resolve) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    let isSettled = false;
    const settle = (outcome: IdentityOutcome, why?: string) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(timer);
      if (why) options.onError?.(why);
      resolve(outcome);
    };
    const req = send(
      url,
      {
        method: "GET",
        agent: options.agent,
        headers: ["Host", url.host, ...headers.flat(), "Accept", "application/json"],
      },
      (res) => {
        readJson(res, options.config.max_bytes).then(
          (body) => {
            const status = res.statusCode ?? 0;
            const outcome = toOutcome(status, body, options.config);
            settle(outcome, outcome.result === "error" ? `status ${status}` : undefined);
          },
          (err: Error) => settle({ user: undefined, result: "error" }, err.message),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      settle({ user: undefined, result: "timeout" }, `no answer within ${options.timeoutMs} ms`);
    }, options.timeoutMs);
    req.on("error", (err) => settle({ user: undefined, result: "error" }, err.message));
    req.end();
  });
}

function toOutcome(status: number, body: unknown, config: UserinfoFile): IdentityOutcome {
  if (ANONYMOUS_STATUSES.has(status)) return { user: undefined, result: "anonymous" };
  if (status !== 200) return { user: undefined, result: "error" };

  const user = userFromFields(fieldsFromClaims(body, config.claims));
  return { user, result: user ? "user" : "anonymous" };
}

/** The body parsed as JSON (undefined when empty); rejects past `maxBytes` or on bad JSON. */
function readJson(res: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    res.on("data", (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes)
        res.destroy(new Error(`userinfo answer longer than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    res.on("error", reject);
    res.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text === "") return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new Error("userinfo answer is not JSON"));
      }
    });
  });
}
