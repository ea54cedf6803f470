/**
 * The seam where the benchmark starts "the dnma-tag proxy" in front of a target. The
 * proxy (src/proxy/) is being written on another branch: until it is merged and wired
 * here, `createDnmaProxyServer` gives nothing and the report says "not available yet"
 * instead of figures.
 * Usage: `const server = await createDnmaProxyServer(target)` → an http.Server or undefined.
 */

import { existsSync } from "node:fs";
import type http from "node:http";
import { join } from "node:path";
import { PROJECT_ROOT } from "./bench-user.js";

/**
 * Headers the load generator sends through the dnma-tag proxy so that it sees the bench
 * user (for instance the trusted gateway headers of its identity options).
 */
export const DNMA_PROXY_USER_HEADERS: Record<string, string> = {};

/** Set to true once createDnmaProxyServer() builds the real proxy. */
const IS_WIRED = false;

/**
 * The dnma-tag proxy for `target` with the bench plan, secret and user, not listening
 * yet; undefined while the proxy is not available.
 * To wire after the merge: build it here from src/proxy/ (e.g. its createProxyServer()
 * with BENCH_PLAN, BENCH_SECRET and an identity that reads DNMA_PROXY_USER_HEADERS).
 */
export async function createDnmaProxyServer(_target: string): Promise<http.Server | undefined> {
  return undefined;
}

/** Why the dnma-tag proxy variants have no figures, or undefined when they can run. */
export function findDnmaProxyMissing(): string | undefined {
  if (IS_WIRED) return undefined;
  if (!existsSync(join(PROJECT_ROOT, "src", "proxy")))
    return "not available yet: the dnma-tag proxy (src/proxy/) is not on this branch";
  return "not available yet: src/proxy/ exists but bench/proxy-seam.ts does not start it";
}
