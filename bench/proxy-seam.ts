/**
 * Starts "the dnma-tag proxy" of the benchmark in front of a target: src/proxy's
 * createProxyServer with the bench plan and secret, the bench user given by trusted
 * gateway headers from 127.0.0.1.
 * Usage: `const server = await createDnmaProxyServer(target)` → an http.Server.
 */

import type http from "node:http";
import { createLogger } from "../src/log/logger.js";
import { proxyFileSchema } from "../src/proxy/config-schema.js";
import { createProxyServer } from "../src/proxy/server.js";
import { BENCH_PLAN, BENCH_SECRET, BENCH_USER } from "./bench-user.js";

/** Headers the load generator sends through the dnma-tag proxy: the bench user, as a gateway would. */
export const DNMA_PROXY_USER_HEADERS: Record<string, string> = {
  "X-Dnma-User": BENCH_USER.id,
  "X-Dnma-Aaf-Profile": BENCH_USER.aafProfile,
  "X-Dnma-Uai": BENCH_USER.uai,
};

/** The dnma-tag proxy for `target`, not listening yet. */
export async function createDnmaProxyServer(target: string): Promise<http.Server | undefined> {
  const file = proxyFileSchema.parse({
    target,
    plan: BENCH_PLAN,
    trusted_proxies: ["127.0.0.1"],
    identity: { source: "gateway" },
  });
  const config = { ...file, file: undefined, secret: BENCH_SECRET, jwtSecret: undefined };
  return createProxyServer({ config, logger: createLogger({ level: "warn" }) }).server;
}

/** Why the dnma-tag proxy variants have no figures, or undefined when they can run. */
export function findDnmaProxyMissing(): string | undefined {
  return undefined;
}
