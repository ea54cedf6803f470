/**
 * The page side of click tagging and SPA tracking: client/dnma-client.js as
 * `npm run build` minifies it (scripts/build-client.mjs), read once and called inside
 * the tag script just before `dispatch()` with the plan's compact config, the tracker
 * and the UAI.
 * Usage: `const call = createClientCall(plan); call?.("0021593W")` → JS to put in the tag.
 */

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DnmaError } from "../errors.js";
import type { CompiledPlan } from "../plan/types.js";
import { toScriptJson, toScriptString } from "../tag/render.js";
import { toClientConfig } from "./client-config.js";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The readable client script, and its minified build (from src/clicks or dist/clicks). */
export const CLIENT_SOURCE_FILE = join(PACKAGE_ROOT, "client", "dnma-client.js");
export const CLIENT_BUILD_FILE = join(PACKAGE_ROOT, "dist", "client", "dnma-client.min.js");

/** Sequences that would end or confuse the script element holding the code (HTML §4.12.1.3). */
const UNSAFE_IN_SCRIPT_ELEMENT = /<\/script|<!--|<script|[^\t\n\x20-\x7e]/i;

let cachedSource: string | undefined;

/** The minified client function (`function dnmaClient(C,T,U,W){…}`); throws when it is not built. */
export function readClientSource(): string {
  if (cachedSource !== undefined) return cachedSource;

  const source = readBuild().trim();
  if (UNSAFE_IN_SCRIPT_ELEMENT.test(source))
    throw new Error(`${CLIENT_BUILD_FILE} holds text that cannot go in a <script>`);

  cachedSource = source;
  return source;
}

function readBuild(): string {
  try {
    return readFileSync(CLIENT_BUILD_FILE, "utf8");
  } catch (err) {
    throw new DnmaError(
      "CLIENT_NOT_BUILT",
      `${CLIENT_BUILD_FILE} cannot be read: run npm run build`,
      { cause: err },
    );
  }
}

/**
 * The per-request call of the client script for a plan, or undefined when the plan has
 * neither click rules nor SPA tracking (then the tag stays exactly as before).
 */
export function createClientCall(plan: CompiledPlan): ((uai: string) => string) | undefined {
  const config = toClientConfig(plan);
  if (!config) return undefined;

  const prefix = `(${readClientSource()})(${toScriptJson(config)}, ATTag, `;
  return (uai) => `${prefix}${toScriptString(uai)}, window);\n`;
}
