/**
 * In-memory sessions of the demo ENT, keyed by a random cookie.
 * Usage: `const sessions = createSessions(); sessions.open(res, account)`.
 */

import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type DemoAccount, findAccount } from "./accounts.js";

export const SESSION_COOKIE = "ent_session";

export interface Session {
  account: DemoAccount;
  /** Establishment chosen by a user who has several. */
  uai: string | undefined;
}

export interface Sessions {
  open(res: ServerResponse, account: DemoAccount): void;
  find(req: IncomingMessage): Session | undefined;
  close(req: IncomingMessage, res: ServerResponse): void;
}

export function createSessions(): Sessions {
  const sessions = new Map<string, { login: string; uai: string | undefined }>();
  return {
    open(res, account) {
      const id = randomBytes(18).toString("base64url");
      sessions.set(id, { login: account.login, uai: undefined });
      res.setHeader("set-cookie", `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
    },
    find(req) {
      const stored = sessions.get(readCookie(req, SESSION_COOKIE) ?? "");
      const account = stored && findAccount(stored.login);
      if (!stored || !account) return undefined;
      return {
        account,
        get uai() {
          return stored.uai;
        },
        set uai(value) {
          stored.uai = value;
        },
      };
    },
    close(req, res) {
      sessions.delete(readCookie(req, SESSION_COOKIE) ?? "");
      res.setHeader("set-cookie", `${SESSION_COOKIE}=; Path=/; Max-Age=0`);
    },
  };
}

/** The value of one cookie of the request. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}
